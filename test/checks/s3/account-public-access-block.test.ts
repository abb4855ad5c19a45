import check from '../../../checks/s3/account-public-access-block';
import { checkContext, denied, failed, inventory, ok } from '../../support/inventory';
import { ALL_OFF, ALL_ON, s3 } from '../../support/builders/s3';

const evaluate = (account: Parameters<typeof s3>[1]) => check.evaluate(inventory({ s3: s3([], account) }), checkContext());

describe('s3.account-public-access-block', () => {
  it('has the exact metadata', () => {
    expect(check).toMatchObject({ id: 's3.account-public-access-block', severity: 'high', hipaa: ['164.312(a)(1)', '164.308(a)(3)(i)'], controls: ['S3.1'], reads: ['s3.accountPublicAccessBlock'] });
  });

  it('passes when all four settings are on, as one global account result', () => {
    const results = evaluate(ok(ALL_ON));
    expect(results).toEqual([
      { status: 'PASS', region: 'global', resource: { type: 'AwsAccount', id: '111122223333', arn: 'AWS::::Account:111122223333' }, message: 'all four account-level S3 Block Public Access settings are on for account 111122223333' },
    ]);
  });

  it('fails and lists the settings that are off', () => {
    const [r] = evaluate(ok({ ...ALL_ON, ignorePublicAcls: false, restrictPublicBuckets: false }));
    expect(r?.status).toBe('FAIL');
    expect(r?.message).toBe('account-level S3 Block Public Access is incomplete for account 111122223333: IgnorePublicAcls, RestrictPublicBuckets are off');
    const [one] = evaluate(ok({ ...ALL_ON, blockPublicPolicy: false }));
    expect(one?.message).toContain(': BlockPublicPolicy is off');
    expect(evaluate(ok(ALL_OFF))[0]?.message).toContain('BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets are off');
  });

  it('fails when no account-level block is configured', () => {
    const [r] = evaluate(ok(null));
    expect(r).toMatchObject({ status: 'FAIL', region: 'global' });
    expect(r?.message).toContain('has no account-level S3 Block Public Access configured');
  });

  it('ERROR when the S3 Control read failed or s3 was not collected', () => {
    const [r] = evaluate(failed(denied('s3control', 'GetPublicAccessBlock', 'global')));
    expect(r?.status).toBe('ERROR');
    expect(r?.message).toBe('could not read the account-level S3 Block Public Access settings: AccessDenied: User is not authorized to perform: s3control:GetPublicAccessBlock. Fix: allow s3:GetAccountPublicAccessBlock for the auditing identity (the AWS managed SecurityAudit policy includes it; where SecurityAudit is attached, a permissions boundary, SCP or resource policy denies it).');
    expect(check.evaluate(inventory(), checkContext())).toMatchObject([{ status: 'ERROR', region: 'global' }]);
  });
});
