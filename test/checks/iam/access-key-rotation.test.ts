import check from '../../../checks/iam/access-key-rotation';
import { DEFAULT_THRESHOLDS } from '../../../src/config/types';
import type { CredentialReportAccessKey, CredentialReportUser, IamInventory } from '../../../src/inventory/types';
import { checkContext, denied, failed, inventory, statuses } from '../../support/inventory';
import { accessKey as key, credentialUser, iamWithUsers as iam, NO_KEY } from '../../support/builders/iam';

const user = (name: string, keys: CredentialReportAccessKey[], over: Partial<CredentialReportUser> = {}) =>
  credentialUser(name, { accessKeys: keys, ...over });

const run = (data: IamInventory, ctx = checkContext()) => check.evaluate(inventory({ iam: data }), ctx);

describe('iam.access-key-rotation', () => {
  it('passes fresh active keys, fails old ones, ignores inactive keys, root and users without active keys', () => {
    const results = run(
      iam([
        user('<root_account>', [key(true, 800), NO_KEY], { isRoot: true, arn: 'arn:aws:iam::111122223333:root' }),
        user('svc-fresh', [key(true, 30), key(false, 500)]),
        user('svc-old', [key(true, 120), NO_KEY]),
        user('svc-retired', [key(false, 700), NO_KEY]),
        user('alice', [NO_KEY, NO_KEY], { passwordEnabled: true }),
      ]),
    );
    expect(statuses(results)).toEqual({ 'global/svc-fresh': 'PASS', 'global/svc-old': 'FAIL' });
    expect(results[0]).toEqual({
      status: 'PASS',
      region: 'global',
      resource: { type: 'AwsIamUser', id: 'svc-fresh', arn: 'arn:aws:iam::111122223333:user/svc-fresh' },
      message: "user svc-fresh's active keys are within 90 days: access key 1 rotated 30 days ago",
    });
    expect(results[1]).toMatchObject({
      status: 'FAIL',
      resource: { type: 'AwsIamUser', id: 'svc-old', arn: 'arn:aws:iam::111122223333:user/svc-old' },
      message: 'user svc-old has active access key 1 last rotated 120 days ago (limit 90 days)',
    });
  });

  it('names only the stale key when a user has two active keys', () => {
    const [result] = run(iam([user('svc-etl', [key(true, 10), key(true, 400)])]));
    expect(result?.message).toBe('user svc-etl has active access key 2 last rotated 400 days ago (limit 90 days)');
    const [both] = run(iam([user('svc-etl', [key(true, 100), key(true, 400)])]));
    expect(both?.message).toBe(
      'user svc-etl has active access key 1 last rotated 100 days ago and active access key 2 last rotated 400 days ago (limit 90 days)',
    );
  });

  it('passes a key exactly at the limit and fails one a day older', () => {
    expect(run(iam([user('a', [key(true, 90), NO_KEY])]))[0]?.status).toBe('PASS');
    expect(run(iam([user('a', [key(true, 91), NO_KEY])]))[0]?.status).toBe('FAIL');
  });

  it('fails an active key with no rotation date rather than guess', () => {
    const [result] = run(iam([user('odd', [{ active: true, lastRotated: null, lastUsed: null }, NO_KEY])]));
    expect(result).toMatchObject({ status: 'FAIL', message: 'user odd has active access key 1 with no rotation date in the credential report (limit 90 days)' });
  });

  it('uses the configured maximum age', () => {
    const strict = checkContext({ thresholds: { ...DEFAULT_THRESHOLDS, accessKeyMaxAgeDays: 30 } });
    const [result] = run(iam([user('svc', [key(true, 45), NO_KEY])]), strict);
    expect(result).toMatchObject({ status: 'FAIL', message: 'user svc has active access key 1 last rotated 45 days ago (limit 30 days)' });
    expect(run(iam([user('svc', [key(true, 45), NO_KEY])]))[0]?.status).toBe('PASS');
  });

  it('reports ERROR when the credential report could not be read', () => {
    const results = run(iam([], { credentialReport: failed(denied('iam', 'GenerateCredentialReport', 'global')) }));
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ status: 'ERROR', resource: { type: 'AwsAccount' } });
    expect(results[0]?.message).toContain('AccessDenied');
  });
});
