import check from '../../../checks/iam/root-access-keys';
import type { CredentialReportAccessKey, CredentialReportUser, IamInventory } from '../../../src/inventory/types';
import { checkContext, denied, failed, inventory, ok } from '../../support/inventory';
import { accountSummary as summary, credentialReport, daysAgo, iamWithUsers, NO_KEY, ROOT_ARN, rootUser } from '../../support/builders/iam';

const rootRow = (keys: CredentialReportAccessKey[] = [NO_KEY, NO_KEY]) => rootUser({ accessKeys: keys });
const iam = (over: Partial<IamInventory>) => iamWithUsers([rootRow()], over);
const run = (data: IamInventory) => check.evaluate(inventory({ iam: data }), checkContext());
const report = (row: CredentialReportUser) => credentialReport([row]);
const summaryDenied = failed(denied('iam', 'GetAccountSummary', 'global'));

describe('iam.root-access-keys', () => {
  it('passes when the summary says root has no access keys', () => {
    expect(run(iam({}))).toEqual([
      { status: 'PASS', region: 'global', resource: { type: 'AwsAccount', id: '111122223333', arn: ROOT_ARN }, message: 'the root user has no access keys' },
    ]);
  });

  it('fails root access keys, describing each key from the credential report', () => {
    const row = rootRow([{ active: true, lastRotated: daysAgo(400), lastUsed: daysAgo(3) }, { active: false, lastRotated: daysAgo(900), lastUsed: null }]);
    const [result] = run(iam({ accountSummary: ok(summary({ accessKeysPresent: true })), credentialReport: report(row) }));
    expect(result).toMatchObject({
      status: 'FAIL',
      resource: { type: 'AwsAccount', arn: ROOT_ARN },
      message: 'the root user has access keys: access key 1 (active, last used 3 days ago) and access key 2 (inactive, never used)',
    });
  });

  it('fails on the summary alone when the credential report is unreadable (or older than the key)', () => {
    const [result] = run(
      iam({ accountSummary: ok(summary({ accessKeysPresent: true })), credentialReport: failed(denied('iam', 'GetCredentialReport', 'global')) }),
    );
    expect(result).toMatchObject({ status: 'FAIL', message: 'the root user has access keys (AccountAccessKeysPresent is 1)' });
  });

  it('trusts the summary over an older credential report that still lists a deleted key', () => {
    const row = rootRow([{ active: true, lastRotated: daysAgo(400), lastUsed: daysAgo(3) }, NO_KEY]);
    const [result] = run(iam({ credentialReport: report(row) }));
    expect(result?.status).toBe('PASS');
  });

  it('falls back to the credential report when the summary is unreadable, inactive keys included', () => {
    const inactive = rootRow([{ active: false, lastRotated: daysAgo(500), lastUsed: daysAgo(450) }, NO_KEY]);
    const [failing] = run(iam({ accountSummary: summaryDenied, credentialReport: report(inactive) }));
    expect(failing?.status).toBe('FAIL');
    expect(failing?.message).toBe(
      'the root user has access keys: access key 1 (inactive, last used 450 days ago) (per the credential report; GetAccountSummary failed: AccessDenied)',
    );
    const [passing] = run(iam({ accountSummary: summaryDenied }));
    expect(passing).toMatchObject({
      status: 'PASS',
      message: 'the root user has no access keys (per the credential report; GetAccountSummary failed: AccessDenied)',
    });
  });

  it('reports ERROR when neither source could be read', () => {
    const [result] = run(iam({ accountSummary: summaryDenied, credentialReport: failed(denied('iam', 'GetCredentialReport', 'global')) }));
    expect(result?.status).toBe('ERROR');
    expect(result?.message).toContain('AccessDenied');
  });

  it('reports ERROR when IAM was not collected', () => {
    const [result] = check.evaluate(inventory(), checkContext());
    expect(result).toMatchObject({ status: 'ERROR', region: 'global' });
    expect(result?.message).toContain('NotCollected');
  });
});
