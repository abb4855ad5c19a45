import type { Check } from '../../src/evaluate/types';
import { daysSince, fail, GLOBAL, pass } from '../../src/evaluate/results';
import { ago, eachUser, userResource } from './users';

const check: Check = {
  id: 'iam.user-console-mfa',
  title: 'Every IAM user with a console password has MFA',
  severity: 'high',
  hipaa: ['164.312(d)', '164.312(a)(1)'],
  controls: ['IAM.5'],
  description:
    'A console password alone is one phishing email or reused password away from an attacker browsing ePHI in S3, RDS ' +
    'or backups. Person or entity authentication requires a second factor for every IAM user who can sign in to the ' +
    'console. Users without a console password (programmatic access only) are not judged here.',
  remediation: {
    text:
      'IAM console > Users > <user> > Security credentials > Multi-factor authentication (MFA) > Assign MFA device ' +
      '(prefer a FIDO security key), or remove the console password if the user does not need it ' +
      '(`aws iam delete-login-profile --user-name <user>`). Enforce it with a policy that denies actions when ' +
      'aws:MultiFactorAuthPresent is false, or move people to IAM Identity Center.',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable.html',
  },
  reads: ['iam.credentialReport'],
  evaluate(inventory, ctx) {
    return eachUser(inventory, (u) => {
      if (u.passwordEnabled !== true) return undefined;
      if (u.mfaActive) return pass(GLOBAL, userResource(u), `user ${u.user} has a console password and an MFA device`);
      const used = u.passwordLastUsed === null ? 'never used' : `last used ${ago(daysSince(u.passwordLastUsed, ctx.now))}`;
      return fail(GLOBAL, userResource(u), `user ${u.user} has a console password (${used}) and no MFA device`);
    });
  },
};

export default check;
