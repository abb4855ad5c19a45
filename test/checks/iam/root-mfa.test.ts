import check from '../../../checks/iam/root-mfa';
import type { AccountSummary, IamInventory } from '../../../src/inventory/types';
import { checkContext, denied, failed, inventory, ok } from '../../support/inventory';
import { accountSummary, iamWithUsers, ROOT_ARN, rootUser } from '../../support/builders/iam';

/** Root here has no MFA unless a test says otherwise. */
const summary = (over: Partial<AccountSummary> = {}) => accountSummary({ mfaEnabled: false, ...over });
const rootRow = (mfaActive: boolean) => rootUser({ mfaActive });
const iam = (over: Partial<IamInventory>) => iamWithUsers([rootRow(false)], { accountSummary: ok(summary()), ...over });

const run = (data: IamInventory, partition = 'aws') => check.evaluate(inventory({ iam: data, partition }), checkContext());

describe('iam.root-mfa', () => {
  it('passes when the account summary says root has MFA, naming the root user of the account', () => {
    const results = run(iam({ accountSummary: ok(summary({ mfaEnabled: true })) }));
    expect(results).toEqual([
      {
        status: 'PASS',
        region: 'global',
        resource: { type: 'AwsAccount', id: '111122223333', arn: ROOT_ARN },
        message: 'the root user has MFA enabled',
      },
    ]);
  });

  it('fails root with a password and no MFA, on the same resource as a pass', () => {
    const [result] = run(iam({}));
    expect(result).toMatchObject({ status: 'FAIL', message: 'the root user has a console password and no MFA device' });
    expect(result?.resource).toEqual({ type: 'AwsAccount', id: '111122223333', arn: ROOT_ARN });
  });

  it('lists every credential root holds without MFA', () => {
    const [result] = run(iam({ accountSummary: ok(summary({ accessKeysPresent: true, signingCertificatesPresent: true })) }));
    expect(result?.message).toBe('the root user has a console password, access keys and signing certificates and no MFA device');
  });

  it('passes a member account whose root has no credentials at all (centralized root access)', () => {
    const [result] = run(iam({ accountSummary: ok(summary({ passwordPresent: false })) }));
    expect(result?.status).toBe('PASS');
    expect(result?.message).toContain('the root user has no credentials');
    expect(result?.message).toContain('centralized root access management');
    expect(result?.message).toContain('MFA is not needed');
  });

  it('assumes a password when the summary does not report AccountPasswordPresent', () => {
    const [result] = run(iam({ accountSummary: ok(summary({ passwordPresent: null })) }));
    expect(result?.status).toBe('FAIL');
    expect(result?.message).toContain('a console password (assumed');
  });

  it('still fails a passwordless root that keeps access keys and no MFA', () => {
    const [result] = run(iam({ accountSummary: ok(summary({ passwordPresent: false, accessKeysPresent: true })) }));
    expect(result).toMatchObject({ status: 'FAIL', message: 'the root user has access keys and no MFA device' });
  });

  it('falls back to the credential report root row when the summary is unreadable', () => {
    const summaryDenied = failed(denied('iam', 'GetAccountSummary', 'global'));
    const withMfa = run(iam({ accountSummary: summaryDenied, credentialReport: ok({ generatedAt: 'x', users: [rootRow(true)] }) }));
    expect(withMfa[0]).toMatchObject({
      status: 'PASS',
      message: 'the root user has MFA enabled (per the credential report; GetAccountSummary failed: AccessDenied)',
    });
    const withoutMfa = run(iam({ accountSummary: summaryDenied }));
    expect(withoutMfa[0]?.status).toBe('FAIL');
    expect(withoutMfa[0]?.message).toContain('the root user has no MFA device (per the credential report');
    expect(withoutMfa[0]?.message).toContain('assumed');
  });

  it('reports ERROR when neither the summary nor the credential report could be read', () => {
    const [result] = run(
      iam({
        accountSummary: failed(denied('iam', 'GetAccountSummary', 'global')),
        credentialReport: failed(denied('iam', 'GenerateCredentialReport', 'global')),
      }),
    );
    expect(result?.status).toBe('ERROR');
    expect(result?.message).toContain('could not read the account summary');
    expect(result?.message).toContain('AccessDenied');
    expect(result?.resource.arn).toBe(ROOT_ARN);
  });

  it('reports ERROR when IAM was not collected', () => {
    const [result] = check.evaluate(inventory({ errors: [denied('iam', 'collect', 'global')] }), checkContext());
    expect(result).toMatchObject({ status: 'ERROR', region: 'global' });
    expect(result?.message).toContain('AccessDenied');
  });

  it('builds the root ARN in the inventory partition', () => {
    const [result] = run(iam({ accountSummary: ok(summary({ mfaEnabled: true })) }), 'aws-us-gov');
    expect(result?.resource.arn).toBe('arn:aws-us-gov:iam::111122223333:root');
  });
});
