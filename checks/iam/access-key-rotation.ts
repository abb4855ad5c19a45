import type { Check } from '../../src/evaluate/types';
import { daysSince, fail, GLOBAL, pass } from '../../src/evaluate/results';
import { ago, eachUser, userResource } from './users';

const check: Check = {
  id: 'iam.access-key-rotation',
  title: 'Active IAM access keys are rotated within the configured age',
  severity: 'medium',
  hipaa: ['164.308(a)(5)(ii)(D)', '164.308(a)(4)(ii)(C)'],
  controls: ['IAM.3'],
  description:
    'Long-lived access keys end up in scripts, CI variables and laptops; the older a key, the more places it may have ' +
    'leaked to, and a leaked key reads ePHI without any MFA. Regular rotation bounds that exposure (password management, ' +
    'access establishment and modification). Only active keys are judged, each against thresholds.accessKeyMaxAgeDays; ' +
    'users with no active key are not judged.',
  remediation: {
    text:
      'Create a second key (`aws iam create-access-key --user-name <user>`), move every consumer to it, deactivate the ' +
      'old key (`aws iam update-access-key --status Inactive`), watch for failures, then delete it. Better: replace the ' +
      'key with an IAM role (EC2 instance profile, ECS task role, IAM Roles Anywhere, OIDC federation for CI).',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
  },
  reads: ['iam.credentialReport'],
  evaluate(inventory, ctx) {
    const limit = ctx.thresholds.accessKeyMaxAgeDays;
    return eachUser(inventory, (u) => {
      const active = u.accessKeys
        .map((key, i) => ({ n: i + 1, age: key.lastRotated === null ? null : daysSince(key.lastRotated, ctx.now), active: key.active }))
        .filter((k) => k.active);
      if (active.length === 0) return undefined;
      const stale = active.filter((k) => k.age === null || k.age > limit);
      if (stale.length > 0) {
        const keys = stale.map((k) =>
          k.age === null
            ? `active access key ${k.n} with no rotation date in the credential report`
            : `active access key ${k.n} last rotated ${ago(k.age)}`,
        );
        return fail(GLOBAL, userResource(u), `user ${u.user} has ${keys.join(' and ')} (limit ${limit} days)`);
      }
      const keys = active.map((k) => `access key ${k.n} rotated ${ago(k.age)}`);
      return pass(GLOBAL, userResource(u), `user ${u.user}'s active keys are within ${limit} days: ${keys.join(', ')}`);
    });
  },
};

export default check;
