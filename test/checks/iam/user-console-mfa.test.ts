import check from '../../../checks/iam/user-console-mfa';
import type { CredentialReportUser, IamInventory } from '../../../src/inventory/types';
import { checkContext, denied, failed, inventory, statuses } from '../../support/inventory';
import { credentialUser, daysAgo, iamWithUsers as iam } from '../../support/builders/iam';

/** Users here have a console password, last used 3 days ago. */
const user = (name: string, over: Partial<CredentialReportUser> = {}) =>
  credentialUser(name, { passwordEnabled: true, passwordLastUsed: daysAgo(3), ...over });

const run = (data: IamInventory) => check.evaluate(inventory({ iam: data }), checkContext());

describe('iam.user-console-mfa', () => {
  it('passes users with MFA, fails those without, and skips root and users without a console password', () => {
    const results = run(
      iam([
        user('<root_account>', { isRoot: true, arn: 'arn:aws:iam::111122223333:root', passwordEnabled: null }),
        user('alice', { mfaActive: true }),
        user('bob'),
        user('svc-etl', { passwordEnabled: false }),
      ]),
    );
    expect(statuses(results)).toEqual({ 'global/alice': 'PASS', 'global/bob': 'FAIL' });
    expect(results[0]).toEqual({
      status: 'PASS',
      region: 'global',
      resource: { type: 'AwsIamUser', id: 'alice', arn: 'arn:aws:iam::111122223333:user/alice' },
      message: 'user alice has a console password and an MFA device',
    });
    expect(results[1]).toMatchObject({
      status: 'FAIL',
      resource: { type: 'AwsIamUser', id: 'bob', arn: 'arn:aws:iam::111122223333:user/bob' },
      message: 'user bob has a console password (last used 3 days ago) and no MFA device',
    });
  });

  it('says when the password was never used', () => {
    const [result] = run(iam([user('carol', { passwordLastUsed: null })]));
    expect(result?.message).toBe('user carol has a console password (never used) and no MFA device');
  });

  it('judges nobody when no user has a console password', () => {
    expect(run(iam([user('svc-a', { passwordEnabled: false })]))).toEqual([]);
  });

  it('reports one ERROR for the account when the credential report could not be read', () => {
    const results = run(iam([], { credentialReport: failed(denied('iam', 'GetCredentialReport', 'global')) }));
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ status: 'ERROR', region: 'global', resource: { type: 'AwsAccount', id: '111122223333' } });
    expect(results[0]?.message).toContain('could not read the IAM credential report: AccessDenied');
  });

  it('reports ERROR when IAM was not collected', () => {
    expect(check.evaluate(inventory(), checkContext())[0]?.status).toBe('ERROR');
  });
});
