import check from '../../../checks/iam/root-hardware-mfa';
import type { IamInventory, VirtualMfaDevice } from '../../../src/inventory/types';
import { checkContext, denied, failed, inventory, ok } from '../../support/inventory';
import { accountSummary as summary, iamInventory as iam, ROOT_ARN } from '../../support/builders/iam';

const run = (data: IamInventory) => check.evaluate(inventory({ iam: data }), checkContext());
const devices = (list: VirtualMfaDevice[]) => ok(list);

describe('iam.root-hardware-mfa', () => {
  it('passes root MFA when no virtual device is assigned to root (other users may have virtual devices)', () => {
    const results = run(
      iam({ virtualMfaDevices: devices([{ serialNumber: 'arn:aws:iam::111122223333:mfa/alice', userArn: 'arn:aws:iam::111122223333:user/alice' }]) }),
    );
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ status: 'PASS', region: 'global', resource: { type: 'AwsAccount', id: '111122223333', arn: ROOT_ARN } });
    expect(results[0]?.message).toContain('hardware TOTP token or FIDO security key');
  });

  it('fails a virtual device assigned to root, naming it', () => {
    const [result] = run(
      iam({ virtualMfaDevices: devices([{ serialNumber: 'arn:aws:iam::111122223333:mfa/root-phone', userArn: ROOT_ARN }]) }),
    );
    expect(result).toMatchObject({
      status: 'FAIL',
      message: "the root user's MFA is a virtual device (arn:aws:iam::111122223333:mfa/root-phone), not a hardware token or security key",
      resource: { arn: ROOT_ARN },
    });
  });

  it("recognises root's virtual device by its serial when no user is given", () => {
    const [result] = run(iam({ virtualMfaDevices: devices([{ serialNumber: 'arn:aws:iam::111122223333:mfa/root-account-mfa-device' }]) }));
    expect(result?.status).toBe('FAIL');
  });

  it('does not take an unassigned, ordinary virtual device for root', () => {
    const [result] = run(iam({ virtualMfaDevices: devices([{ serialNumber: 'arn:aws:iam::111122223333:mfa/spare' }]) }));
    expect(result?.status).toBe('PASS');
  });

  it('fails root with no MFA at all and says so', () => {
    const [result] = run(iam({ accountSummary: ok(summary({ mfaEnabled: false })) }));
    expect(result).toMatchObject({ status: 'FAIL', message: 'the root user has no MFA device at all, hardware or virtual' });
  });

  it('passes a root without any credentials (centralized root access)', () => {
    const [result] = run(iam({ accountSummary: ok(summary({ mfaEnabled: false, passwordPresent: false })) }));
    expect(result?.status).toBe('PASS');
    expect(result?.message).toContain('no credentials');
  });

  it('reports ERROR when either the summary or the virtual MFA devices are unreadable', () => {
    const noSummary = run(iam({ accountSummary: failed(denied('iam', 'GetAccountSummary', 'global')) }));
    expect(noSummary[0]?.status).toBe('ERROR');
    expect(noSummary[0]?.message).toContain('could not read the account summary: AccessDenied');
    const noDevices = run(iam({ virtualMfaDevices: failed(denied('iam', 'ListVirtualMFADevices', 'global')) }));
    expect(noDevices[0]?.status).toBe('ERROR');
    expect(noDevices[0]?.message).toContain('could not read the virtual MFA devices: AccessDenied');
  });
});
