import check from '../../../checks/s3/bucket-public-access-block';
import type { CheckResult } from '../../../src/evaluate/types';
import type { PublicAccessBlock, S3Bucket, S3Inventory } from '../../../src/inventory/types';
import { checkContext, denied, failed, inventory, ok } from '../../support/inventory';
import { ALL_OFF, ALL_ON, bucket, s3 } from '../../support/builders/s3';

function run(b: S3Bucket, account: S3Inventory['accountPublicAccessBlock'] = ok(null)): CheckResult {
  const results = check.evaluate(inventory({ s3: s3([b], account) }), checkContext());
  expect(results).toHaveLength(1);
  return results[0] as CheckResult;
}
const only = (patch: Partial<PublicAccessBlock>): PublicAccessBlock => ({ ...ALL_OFF, ...patch });

describe('s3.bucket-public-access-block', () => {
  it('has the exact metadata', () => {
    expect(check).toMatchObject({ id: 's3.bucket-public-access-block', severity: 'medium', hipaa: ['164.312(a)(1)'], controls: ['S3.8'], reads: ['s3.accountPublicAccessBlock', 's3.buckets', 's3.bucketPublicAccessBlock'] });
  });

  it('passes with all four on at bucket level', () => {
    const r = run(bucket('phi-claims-prod', { region: 'eu-west-1', publicAccessBlock: ok(ALL_ON) }));
    expect(r).toMatchObject({ status: 'PASS', region: 'eu-west-1', resource: { type: 'AwsS3Bucket', id: 'phi-claims-prod' } });
    expect(r.message).toBe('all four Block Public Access settings are on for bucket phi-claims-prod at bucket level');
  });

  it('passes with all four on at account level, even with no bucket configuration', () => {
    expect(run(bucket('b'), ok(ALL_ON)).message).toBe('all four Block Public Access settings are on for bucket b at account level');
    expect(run(bucket('b', { publicAccessBlock: ok(ALL_ON) }), ok(ALL_ON)).message).toContain('at both bucket and account level');
  });

  it('passes when the levels combine to all four and says which level covers which', () => {
    const r = run(bucket('b', { publicAccessBlock: ok(only({ blockPublicPolicy: true, restrictPublicBuckets: true })) }), ok(only({ blockPublicAcls: true, ignorePublicAcls: true })));
    expect(r.status).toBe('PASS');
    expect(r.message).toContain('BlockPublicAcls: account-level, IgnorePublicAcls: account-level, BlockPublicPolicy: bucket-level, RestrictPublicBuckets: bucket-level');
  });

  it('fails and lists the settings off at both levels', () => {
    const r = run(bucket('b', { publicAccessBlock: ok(only({ blockPublicAcls: true })) }), ok(only({ ignorePublicAcls: true })));
    expect(r.status).toBe('FAIL');
    expect(r.message).toBe('bucket b has Block Public Access off at both bucket and account level for BlockPublicPolicy, RestrictPublicBuckets');
  });

  it('fails a bucket with no configuration and an account without one, saying so', () => {
    const r = run(bucket('b'));
    expect(r.status).toBe('FAIL');
    expect(r.message).toBe('bucket b has Block Public Access off at both bucket and account level for BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets (the bucket has no bucket-level configuration)');
  });

  it('a failed bucket read is not an ERROR when the account covers all four', () => {
    expect(run(bucket('b', { publicAccessBlock: failed(denied('s3', 'GetPublicAccessBlock')) }), ok(ALL_ON)).status).toBe('PASS');
  });

  it('a failed bucket read is ERROR when the account does not cover all four', () => {
    const r = run(bucket('b', { publicAccessBlock: failed(denied('s3', 'GetPublicAccessBlock')) }), ok(only({ blockPublicAcls: true, ignorePublicAcls: true })));
    expect(r.status).toBe('ERROR');
    expect(r.message).toBe(
      'cannot tell whether bucket b blocks public access: BlockPublicPolicy, RestrictPublicBuckets not on at the level that could be read, and the bucket-level Block Public Access settings could not be read (AccessDenied: User is not authorized to perform: s3:GetPublicAccessBlock)',
    );
  });

  it('a failed account read is ERROR only when the bucket does not cover all four', () => {
    const accountDenied = failed(denied('s3control', 'GetPublicAccessBlock', 'global'));
    expect(run(bucket('b', { publicAccessBlock: ok(ALL_ON) }), accountDenied).status).toBe('PASS');
    const r = run(bucket('b'), accountDenied);
    expect(r.status).toBe('ERROR');
    expect(r.message).toContain('the account-level Block Public Access settings could not be read');
  });
});
