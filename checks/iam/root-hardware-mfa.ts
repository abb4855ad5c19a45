import type { Check } from '../../src/evaluate/types';
import { fail, GLOBAL, globalSection, pass, unreadable, readOf } from '../../src/evaluate/results';
import type { VirtualMfaDevice } from '../../src/inventory/types';
import { NO_ROOT_CREDENTIALS, rootCredentials, rootResource } from './root';

const ROOT_USER_ARN = /^arn:[^:]+:iam::\d{12}:root$/;

/** A virtual MFA device assigned to root: by its user, or by the serial IAM gives root's virtual device. */
function isRootDevice(device: VirtualMfaDevice, rootArn: string): boolean {
  if (device.userArn !== undefined) return device.userArn === rootArn || ROOT_USER_ARN.test(device.userArn);
  return device.serialNumber.endsWith('root-account-mfa-device');
}

const check: Check = {
  id: 'iam.root-hardware-mfa',
  title: 'The root user uses a hardware MFA device',
  severity: 'high',
  hipaa: ['164.312(d)'],
  controls: ['IAM.6'],
  description:
    'A virtual authenticator lives on a phone or laptop that can be cloned, backed up to the cloud or lost with the ' +
    'device; for the root user, whose access to ePHI cannot be restricted, a FIDO security key or hardware TOTP token ' +
    'gives stronger person or entity authentication. Root MFA counts as virtual when a virtual MFA device is assigned to ' +
    'the root user. A member account without any root credentials (centralized root access) passes.',
  remediation: {
    text:
      'Sign in as the root user, account menu > Security credentials > Multi-factor authentication (MFA): assign a FIDO ' +
      'security key or hardware TOTP token, then remove the virtual MFA device (the root user can hold several MFA devices; ' +
      'a remaining virtual one is still accepted at sign-in).',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-mfa-for-root.html',
  },
  reads: ['iam.accountSummary', 'iam.virtualMfaDevices'],
  evaluate(inventory) {
    const resource = rootResource(inventory);
    return globalSection(inventory, 'iam', inventory.iam, (iam) => {
      const accountSummary = readOf(iam.accountSummary, 'iam', GLOBAL, 'GetAccountSummary');
      const virtualMfaDevices = readOf(iam.virtualMfaDevices, 'iam', GLOBAL, 'ListVirtualMFADevices');
      if (!accountSummary.ok) return [unreadable(GLOBAL, resource, accountSummary.error, 'the account summary')];
      if (!virtualMfaDevices.ok) return [unreadable(GLOBAL, resource, virtualMfaDevices.error, 'the virtual MFA devices')];
      const summary = accountSummary.value;
      if (!summary.mfaEnabled) {
        if (rootCredentials(summary).length === 0) return [pass(GLOBAL, resource, NO_ROOT_CREDENTIALS)];
        return [fail(GLOBAL, resource, 'the root user has no MFA device at all, hardware or virtual')];
      }
      const virtual = virtualMfaDevices.value.filter((d) => isRootDevice(d, resource.arn));
      if (virtual.length > 0) {
        const serials = virtual.map((d) => d.serialNumber).join(', ');
        return [fail(GLOBAL, resource, `the root user's MFA is a virtual device (${serials}), not a hardware token or security key`)];
      }
      return [
        pass(
          GLOBAL,
          resource,
          'the root user has MFA and no virtual MFA device is assigned to it, so its MFA is a hardware TOTP token or FIDO security key',
        ),
      ];
    });
  },
};

export default check;
