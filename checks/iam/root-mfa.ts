import type { Check } from '../../src/evaluate/types';
import { fail, GLOBAL, globalSection, pass, unreadable, readOf } from '../../src/evaluate/results';
import { listing, NO_ROOT_CREDENTIALS, rootCredentials, rootResource, rootRow } from './root';

const check: Check = {
  id: 'iam.root-mfa',
  title: 'The root user has MFA enabled',
  severity: 'critical',
  hipaa: ['164.312(d)', '164.312(a)(1)'],
  controls: ['IAM.9'],
  description:
    'The root user has unrestricted access to every resource in the account, ePHI stores included, and its access ' +
    'cannot be limited by IAM policies. Without multi-factor authentication a single leaked password gives full control ' +
    '(person or entity authentication, access control). A member account whose root credentials were removed by ' +
    'centralized root access management has nothing to protect and passes.',
  remediation: {
    text:
      'Sign in as the root user, open the account menu > Security credentials > Multi-factor authentication (MFA) > ' +
      'Assign MFA device, and register a FIDO security key or hardware TOTP token (a virtual authenticator at least). ' +
      'In AWS Organizations, member accounts can instead have their root credentials removed with centralized root access ' +
      '(IAM console > Root access management, `aws iam delete-login-profile` via `sts assume-root`).',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-mfa-for-root.html',
  },
  reads: ['iam.accountSummary', 'iam.credentialReport'],
  evaluate(inventory) {
    const resource = rootResource(inventory);
    return globalSection(inventory, 'iam', inventory.iam, (iam) => {
      const accountSummary = readOf(iam.accountSummary, 'iam', GLOBAL, 'GetAccountSummary');
      const credentialReport = readOf(iam.credentialReport, 'iam', GLOBAL, 'GetCredentialReport');
      if (accountSummary.ok) {
        const summary = accountSummary.value;
        if (summary.mfaEnabled) return [pass(GLOBAL, resource, 'the root user has MFA enabled')];
        const held = rootCredentials(summary);
        if (held.length === 0) return [pass(GLOBAL, resource, NO_ROOT_CREDENTIALS)];
        return [fail(GLOBAL, resource, `the root user has ${listing(held)} and no MFA device`)];
      }
      // The summary is the authority; the credential report's root row is the fallback.
      const error = accountSummary.error;
      const row = rootRow(credentialReport);
      if (!row) return [unreadable(GLOBAL, resource, error, 'the account summary (and the credential report holds no root row)')];
      const source = `per the credential report; GetAccountSummary failed: ${error.code}`;
      if (row.mfaActive) return [pass(GLOBAL, resource, `the root user has MFA enabled (${source})`)];
      return [
        fail(
          GLOBAL,
          resource,
          `the root user has no MFA device (${source}, so whether root still has a password could not be verified and it is assumed to)`,
        ),
      ];
    });
  },
};

export default check;
