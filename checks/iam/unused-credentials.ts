import type { Check } from '../../src/evaluate/types';
import { daysSince, fail, GLOBAL, pass } from '../../src/evaluate/results';
import { ago, eachUser, userResource } from './users';

interface Usage {
  stale: boolean;
  text: string;
}

/**
 * One credential's use: stale when last used more than `limit` days ago, or never used and created more than
 * `limit` days ago. A credential too new to have been used yet is not stale.
 */
function usage(label: string, lastUsed: string | null, created: string | null, limit: number, now: Date): Usage {
  if (lastUsed !== null) {
    const days = daysSince(lastUsed, now);
    return { stale: days > limit, text: `${label} last used ${ago(days)}` };
  }
  if (created === null) return { stale: false, text: `${label} never used (creation date unknown)` };
  const days = daysSince(created, now);
  return { stale: days > limit, text: `${label} never used, created ${ago(days)}` };
}

const check: Check = {
  id: 'iam.unused-credentials',
  title: 'IAM users have no credentials unused for longer than the configured period',
  severity: 'medium',
  hipaa: ['164.308(a)(3)(ii)(C)', '164.308(a)(4)(ii)(C)'],
  controls: ['IAM.22'],
  description:
    'Passwords and access keys nobody uses typically belong to people who left or to retired workloads; they keep ' +
    'working for whoever holds them and nobody notices their misuse. Termination procedures and access review require ' +
    'them to be removed. A console password or active access key fails when unused for more than ' +
    'thresholds.unusedCredentialDays days; one created within that period and not used yet does not.',
  remediation: {
    text:
      'Confirm with the owner, then remove the console password (`aws iam delete-login-profile --user-name <user>`) ' +
      'and deactivate unused keys (`aws iam update-access-key --user-name <user> --access-key-id <id> --status Inactive`), ' +
      'deleting them once nothing breaks; delete users of people who left.',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_finding-unused.html',
  },
  reads: ['iam.credentialReport'],
  evaluate(inventory, ctx) {
    const limit = ctx.thresholds.unusedCredentialDays;
    return eachUser(inventory, (u) => {
      const used: Usage[] = [];
      if (u.passwordEnabled === true) {
        used.push(usage('console password', u.passwordLastUsed, u.passwordLastChanged ?? u.userCreationTime, limit, ctx.now));
      }
      u.accessKeys.forEach((key, i) => {
        if (key.active) used.push(usage(`access key ${i + 1}`, key.lastUsed, key.lastRotated ?? u.userCreationTime, limit, ctx.now));
      });
      if (used.length === 0) return undefined;
      const stale = used.filter((x) => x.stale);
      if (stale.length > 0) {
        const list = stale.map((x) => x.text).join('; ');
        return fail(GLOBAL, userResource(u), `user ${u.user} has credentials unused for more than ${limit} days: ${list}`);
      }
      const list = used.map((x) => x.text).join('; ');
      return pass(GLOBAL, userResource(u), `user ${u.user} has no credential unused for more than ${limit} days: ${list}`);
    });
  },
};

export default check;
