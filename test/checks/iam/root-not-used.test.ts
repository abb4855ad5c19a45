import check from '../../../checks/iam/root-not-used';
import { DEFAULT_THRESHOLDS } from '../../../src/config/types';
import type { CredentialReportUser, IamInventory } from '../../../src/inventory/types';
import { checkContext, denied, failed, inventory, ok } from '../../support/inventory';
import { accessKey, accountSummary, credentialReport, credentialUser, daysAgo, iamWithUsers, NO_KEY, ROOT_ARN, rootUser } from '../../support/builders/iam';

const run = (root: CredentialReportUser, over: Partial<IamInventory> = {}, days = DEFAULT_THRESHOLDS.rootUnusedDays) =>
  check.evaluate(inventory({ iam: iamWithUsers([root, credentialUser('alice', { passwordLastUsed: daysAgo(1) })], over) }), checkContext({ thresholds: { ...DEFAULT_THRESHOLDS, rootUnusedDays: days } }));

describe('iam.root-not-used', () => {
  it('fails a root console sign-in within the period, on the root resource', () => {
    expect(run(rootUser({ passwordLastUsed: daysAgo(3) }))).toEqual([
      {
        status: 'FAIL',
        region: 'global',
        resource: { type: 'AwsAccount', id: '111122223333', arn: ROOT_ARN },
        message: 'the root user was used within the last 90 days: it signed in to the console 3 days ago',
      },
    ]);
  });

  it('fails recent root access key use too, most recent first, and says "today"', () => {
    const [r] = run(rootUser({ passwordLastUsed: daysAgo(60), accessKeys: [accessKey(true, 400, 0), accessKey(false, 900, 500)] }));
    expect(r).toMatchObject({ status: 'FAIL', message: 'the root user was used within the last 90 days: it used access key 1 today and signed in to the console 60 days ago' });
  });

  it('passes when the last use is older than the period, naming it', () => {
    const [r] = run(rootUser({ passwordLastUsed: daysAgo(200), accessKeys: [accessKey(false, 900, 95), NO_KEY] }));
    expect(r).toMatchObject({ status: 'PASS', message: 'the root user was not used within the last 90 days (last used access key 1 95 days ago)' });
  });

  it('counts the boundary: used exactly N days ago is outside the last N days', () => {
    expect(run(rootUser({ passwordLastUsed: daysAgo(90) }))[0]?.status).toBe('PASS');
    expect(run(rootUser({ passwordLastUsed: daysAgo(89) }))[0]?.status).toBe('FAIL');
  });

  it('uses thresholds.rootUnusedDays', () => {
    const root = rootUser({ passwordLastUsed: daysAgo(20) });
    expect(run(root, {}, 14)[0]).toMatchObject({ status: 'PASS', message: 'the root user was not used within the last 14 days (last signed in to the console 20 days ago)' });
    expect(run(root, {}, 30)[0]?.status).toBe('FAIL');
  });

  it('passes a root never used (N/A and no_information read as no use), saying when it has no credentials left', () => {
    expect(run(rootUser())[0]).toMatchObject({ status: 'PASS', message: 'the root user was not used within the last 90 days (no console sign-in or access key use recorded)' });
    const noCredentials = { accountSummary: ok(accountSummary({ passwordPresent: false, mfaEnabled: false })) };
    expect(run(rootUser({ passwordLastUsed: daysAgo(400) }), noCredentials)[0]?.message).toBe(
      'the root user was not used within the last 90 days (last signed in to the console 400 days ago; it has no credentials left to sign in with)',
    );
  });

  it('still fails a recent use when root credentials have since been removed, saying so', () => {
    const [r] = run(rootUser({ passwordLastUsed: daysAgo(5) }), { accountSummary: ok(accountSummary({ passwordPresent: false })) });
    expect(r).toMatchObject({ status: 'FAIL', message: 'the root user was used within the last 90 days: it signed in to the console 5 days ago (its credentials have since been removed)' });
  });

  it('judges from the credential report alone when the account summary is unreadable', () => {
    const [r] = run(rootUser({ passwordLastUsed: daysAgo(5) }), { accountSummary: failed(denied('iam', 'GetAccountSummary', 'global')) });
    expect(r?.status).toBe('FAIL');
    expect(r?.message).not.toContain('removed');
  });

  it('reports ERROR when the credential report is unreadable or lacks the root row', () => {
    const unread = run(rootUser(), { credentialReport: failed(denied('iam', 'GetCredentialReport', 'global')) });
    expect(unread).toHaveLength(1);
    expect(unread[0]).toMatchObject({ status: 'ERROR', resource: { arn: ROOT_ARN } });
    expect(unread[0]?.message).toContain('could not read the IAM credential report: AccessDenied');
    const noRoot = check.evaluate(inventory({ iam: iamWithUsers([], { credentialReport: credentialReport([credentialUser('alice')]) }) }), checkContext());
    expect(noRoot[0]).toMatchObject({ status: 'ERROR' });
    expect(noRoot[0]?.message).toContain('no <root_account> row');
    expect(check.evaluate(inventory(), checkContext()).map((r) => r.status)).toEqual(['ERROR']);
  });
});
