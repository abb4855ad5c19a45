import type { Check } from '../../src/evaluate/types';
import { daysSince, fail, GLOBAL, globalSection, pass, readOf, unreadable } from '../../src/evaluate/results';
import type { CredentialReportUser } from '../../src/inventory/types';
import { listing, rootCredentials, rootResource, rootRow } from './root';

/** "today", "1 day ago", "12 days ago". */
const ago = (days: number): string => (days <= 0 ? 'today' : `${days} day${days === 1 ? '' : 's'} ago`);

interface Use {
  what: string;
  at: string;
}

/** Every use the credential report records for root: a console sign-in and the last use of each access key. */
function usesOf(row: CredentialReportUser): Use[] {
  const uses: Use[] = [];
  if (row.passwordLastUsed !== null) uses.push({ what: 'signed in to the console', at: row.passwordLastUsed });
  row.accessKeys.forEach((key, i) => {
    if (key.lastUsed !== null) uses.push({ what: `used access key ${i + 1}`, at: key.lastUsed });
  });
  return uses;
}

const check: Check = {
  id: 'iam.root-not-used',
  title: 'The root user has not been used within the configured period',
  severity: 'medium',
  hipaa: ['164.312(a)(2)(i)', '164.308(a)(3)(ii)(A)'],
  controls: [],
  description:
    'The root user can do anything in the account, ePHI included, no policy can restrict it and its actions are not ' +
    'tied to a person; unique user identification and workforce supervision call for it to stay unused outside the ' +
    'few tasks only root can do. Fails when the credential report shows a root console sign-in or root access key ' +
    'use within thresholds.rootUnusedDays days of the audit (the report may lag by up to 4 hours). Sessions opened ' +
    'with centralized root access (sts:AssumeRoot) are not in the report; CloudTrail records them.',
  remediation: {
    text:
      'Find out who used root and why (CloudTrail: userIdentity.type = Root). Do daily work with IAM Identity Center or ' +
      'roles; keep root for the tasks that need it, with hardware MFA; in AWS Organizations, remove member accounts\' ' +
      'root credentials with centralized root access.',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/root-user-best-practices.html',
  },
  reads: ['iam.credentialReport', 'iam.accountSummary'],
  evaluate(inventory, ctx) {
    const limit = ctx.thresholds.rootUnusedDays;
    const resource = rootResource(inventory);
    return globalSection(inventory, 'iam', inventory.iam, (iam) => {
      const report = readOf(iam.credentialReport, 'iam', GLOBAL, 'GetCredentialReport');
      if (!report.ok) return [unreadable(GLOBAL, resource, report.error, 'the IAM credential report')];
      const row = rootRow(report);
      if (!row) return [unreadable(GLOBAL, resource, { service: 'iam', region: GLOBAL, operation: 'GetCredentialReport', code: 'IncompleteAnswer', message: 'the credential report has no <root_account> row' }, 'the IAM credential report')];
      // The summary only adds context: whether root still holds credentials it could sign in with.
      const summary = readOf(iam.accountSummary, 'iam', GLOBAL, 'GetAccountSummary');
      const noCredentials = summary.ok && rootCredentials(summary.value).length === 0;
      const uses = usesOf(row).map((u) => ({ ...u, days: daysSince(u.at, ctx.now) }));
      const recent = uses.filter((u) => u.days < limit).sort((a, b) => a.days - b.days);
      if (recent.length > 0) {
        const list = listing(recent.map((u) => `${u.what} ${ago(u.days)}`));
        const since = noCredentials ? ' (its credentials have since been removed)' : '';
        return [fail(GLOBAL, resource, `the root user was used within the last ${limit} days: it ${list}${since}`)];
      }
      const last = uses.sort((a, b) => a.days - b.days)[0];
      const history = last ? `last ${last.what} ${ago(last.days)}` : 'no console sign-in or access key use recorded';
      const state = noCredentials ? '; it has no credentials left to sign in with' : '';
      return [pass(GLOBAL, resource, `the root user was not used within the last ${limit} days (${history}${state})`)];
    });
  },
};

export default check;
