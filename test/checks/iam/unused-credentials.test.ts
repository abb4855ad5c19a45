import check from '../../../checks/iam/unused-credentials';
import { DEFAULT_THRESHOLDS } from '../../../src/config/types';
import type { IamInventory } from '../../../src/inventory/types';
import { checkContext, denied, failed, inventory, statuses } from '../../support/inventory';
import { accessKey as key, credentialUser as user, daysAgo, iamWithUsers as iam, NO_KEY } from '../../support/builders/iam';

const run = (data: IamInventory, ctx = checkContext()) => check.evaluate(inventory({ iam: data }), ctx);

describe('iam.unused-credentials', () => {
  it('fails a password and key unused for long, passes recent use, skips root and users without credentials', () => {
    const results = run(
      iam([
        user('<root_account>', { isRoot: true, arn: 'arn:aws:iam::111122223333:root', passwordLastUsed: daysAgo(500) }),
        user('ex-employee', { passwordEnabled: true, passwordLastUsed: daysAgo(200), accessKeys: [key(true, 300, 200), NO_KEY] }),
        user('alice', { passwordEnabled: true, passwordLastUsed: daysAgo(2), accessKeys: [key(true, 30, 1), NO_KEY] }),
        user('nobody', { accessKeys: [key(false, 500, 480), NO_KEY] }),
      ]),
    );
    expect(statuses(results)).toEqual({ 'global/ex-employee': 'FAIL', 'global/alice': 'PASS' });
    expect(results[0]).toEqual({
      status: 'FAIL',
      region: 'global',
      resource: { type: 'AwsIamUser', id: 'ex-employee', arn: 'arn:aws:iam::111122223333:user/ex-employee' },
      message: 'user ex-employee has credentials unused for more than 45 days: console password last used 200 days ago; access key 1 last used 200 days ago',
    });
    expect(results[1]).toMatchObject({
      resource: { type: 'AwsIamUser', id: 'alice' },
      message: 'user alice has no credential unused for more than 45 days: console password last used 2 days ago; access key 1 last used 1 day ago',
    });
  });

  it('does not fail a new user whose credentials were not used yet', () => {
    const [result] = run(
      iam([
        user('new-hire', {
          userCreationTime: daysAgo(10),
          passwordEnabled: true,
          passwordLastChanged: daysAgo(10),
          accessKeys: [key(true, 5, null), NO_KEY],
        }),
      ]),
    );
    expect(result).toMatchObject({
      status: 'PASS',
      message: 'user new-hire has no credential unused for more than 45 days: console password never used, created 10 days ago; access key 1 never used, created 5 days ago',
    });
  });

  it('fails credentials never used since long ago, naming only the stale one', () => {
    const [result] = run(iam([user('svc-report', { accessKeys: [key(true, 100, null), key(true, 20, 1)] })]));
    expect(result).toMatchObject({
      status: 'FAIL',
      message: 'user svc-report has credentials unused for more than 45 days: access key 1 never used, created 100 days ago',
    });
  });

  it('dates a never-used password by the user creation when the change date is missing', () => {
    const [result] = run(iam([user('temp', { passwordEnabled: true, passwordLastChanged: null, userCreationTime: daysAgo(60) })]));
    expect(result?.message).toContain('console password never used, created 60 days ago');
    expect(result?.status).toBe('FAIL');
  });

  it('ignores an inactive key even when it was never used', () => {
    const [result] = run(iam([user('svc', { accessKeys: [key(true, 10, 1), key(false, 900, null)] })]));
    expect(result?.status).toBe('PASS');
    expect(result?.message).not.toContain('access key 2');
  });

  it('uses the configured number of days', () => {
    const data = iam([user('bob', { passwordEnabled: true, passwordLastUsed: daysAgo(60) })]);
    expect(run(data)[0]?.status).toBe('FAIL');
    const lenient = checkContext({ thresholds: { ...DEFAULT_THRESHOLDS, unusedCredentialDays: 90 } });
    expect(run(data, lenient)[0]).toMatchObject({
      status: 'PASS',
      message: 'user bob has no credential unused for more than 90 days: console password last used 60 days ago',
    });
  });

  it('passes a credential used exactly at the limit', () => {
    expect(run(iam([user('bob', { passwordEnabled: true, passwordLastUsed: daysAgo(45) })]))[0]?.status).toBe('PASS');
    expect(run(iam([user('bob', { passwordEnabled: true, passwordLastUsed: daysAgo(46) })]))[0]?.status).toBe('FAIL');
  });

  it('reports ERROR when the credential report could not be read', () => {
    const results = run(iam([], { credentialReport: failed(denied('iam', 'GetCredentialReport', 'global')) }));
    expect(results).toHaveLength(1);
    expect(results[0]?.status).toBe('ERROR');
    expect(results[0]?.message).toContain('could not read the IAM credential report: AccessDenied');
  });
});
