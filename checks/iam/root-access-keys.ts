import type { Check } from '../../src/evaluate/types';
import { daysSince, fail, GLOBAL, globalSection, pass, unreadable, readOf } from '../../src/evaluate/results';
import type { CredentialReportUser } from '../../src/inventory/types';
import { listing, rootResource, rootRow } from './root';

/** "1 day ago", "12 days ago". */
const ago = (days: number | null): string => `${days} day${days === 1 ? '' : 's'} ago`;

/** Root's keys as the credential report lists them: a slot holds a key when it is active or has a rotation date. */
function describeKeys(row: CredentialReportUser, now: Date): string[] {
  return row.accessKeys.flatMap((key, i) => {
    if (!key.active && key.lastRotated === null) return [];
    const used = key.lastUsed === null ? 'never used' : `last used ${ago(daysSince(key.lastUsed, now))}`;
    return [`access key ${i + 1} (${key.active ? 'active' : 'inactive'}, ${used})`];
  });
}

const check: Check = {
  id: 'iam.root-access-keys',
  title: 'The root user has no access keys',
  severity: 'critical',
  hipaa: ['164.312(a)(1)', '164.312(a)(2)(i)'],
  controls: ['IAM.4'],
  description:
    'Root access keys give programmatic access to everything in the account, ePHI included, that no IAM policy can ' +
    'restrict, are not tied to an identifiable person and never require MFA. Access control and unique user ' +
    'identification call for none to exist; automation should use IAM roles with temporary credentials.',
  remediation: {
    text:
      'Sign in as the root user, account menu > Security credentials > Access keys: deactivate, then delete every key ' +
      '(first move whatever uses it to an IAM role). In AWS Organizations, centralized root access can delete them from ' +
      'member accounts.',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user_manage_delete-key.html',
  },
  reads: ['iam.accountSummary', 'iam.credentialReport'],
  evaluate(inventory, ctx) {
    const resource = rootResource(inventory);
    return globalSection(inventory, 'iam', inventory.iam, (iam) => {
      const accountSummary = readOf(iam.accountSummary, 'iam', GLOBAL, 'GetAccountSummary');
      const credentialReport = readOf(iam.credentialReport, 'iam', GLOBAL, 'GetCredentialReport');
      const row = rootRow(credentialReport);
      const keys = row ? describeKeys(row, ctx.now) : [];
      if (accountSummary.ok) {
        if (!accountSummary.value.accessKeysPresent) return [pass(GLOBAL, resource, 'the root user has no access keys')];
        // The report may be up to 4 hours old, so the summary's answer stands even when the report lists no key.
        const detail = keys.length > 0 ? `: ${listing(keys)}` : ' (AccountAccessKeysPresent is 1)';
        return [fail(GLOBAL, resource, `the root user has access keys${detail}`)];
      }
      const error = accountSummary.error;
      if (!row) return [unreadable(GLOBAL, resource, error, 'the account summary (and the credential report holds no root row)')];
      const source = `per the credential report; GetAccountSummary failed: ${error.code}`;
      if (keys.length === 0) return [pass(GLOBAL, resource, `the root user has no access keys (${source})`)];
      return [fail(GLOBAL, resource, `the root user has access keys: ${listing(keys)} (${source})`)];
    });
  },
};

export default check;
