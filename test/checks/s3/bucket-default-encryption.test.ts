import check from '../../../checks/s3/bucket-default-encryption';
import type { S3Bucket } from '../../../src/inventory/types';
import { checkContext, denied, failed, inventory, ok, statuses } from '../../support/inventory';
import { bucket, s3 } from '../../support/builders/s3';

const run = (...buckets: S3Bucket[]) => check.evaluate(inventory({ regions: ['us-east-1', 'eu-west-1'], s3: s3(buckets) }), checkContext());

describe('s3.bucket-default-encryption', () => {
  it('has the exact metadata', () => {
    expect(check).toMatchObject({ id: 's3.bucket-default-encryption', severity: 'high', hipaa: ['164.312(a)(2)(iv)'], controls: ['S3.4'], reads: ['s3.buckets', 's3.bucketEncryption'] });
  });

  it('passes and names the algorithm, key and bucket key', () => {
    const results = run(
      bucket('sse-s3'),
      bucket('sse-kms', { region: 'eu-west-1', encryption: ok({ rules: [{ sseAlgorithm: 'aws:kms', kmsMasterKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/abc', bucketKeyEnabled: true }] }) }),
      bucket('sse-kms-default', { encryption: ok({ rules: [{ sseAlgorithm: 'aws:kms' }] }) }),
      bucket('dsse', { encryption: ok({ rules: [{ sseAlgorithm: 'aws:kms:dsse', kmsMasterKeyId: 'alias/phi', bucketKeyEnabled: false }] }) }),
    );
    expect(statuses(results)).toEqual({ 'us-east-1/sse-s3': 'PASS', 'eu-west-1/sse-kms': 'PASS', 'us-east-1/sse-kms-default': 'PASS', 'us-east-1/dsse': 'PASS' });
    expect(results.map((r) => r.message)).toEqual([
      'bucket sse-s3 encrypts new objects by default with SSE-S3 (AES256, keys managed by S3)',
      'bucket sse-kms encrypts new objects by default with SSE-KMS with key arn:aws:kms:eu-west-1:111122223333:key/abc, S3 Bucket Key on',
      'bucket sse-kms-default encrypts new objects by default with SSE-KMS with the AWS managed key aws/s3, S3 Bucket Key off',
      'bucket dsse encrypts new objects by default with DSSE-KMS (dual-layer) with key alias/phi, S3 Bucket Key off',
    ]);
    expect(results[1]?.resource).toEqual({ type: 'AwsS3Bucket', id: 'sse-kms', arn: 'arn:aws:s3:::sse-kms' });
  });

  it('fails a bucket without a configuration or with no rule', () => {
    const results = run(bucket('old', { encryption: ok(null) }), bucket('empty', { encryption: ok({ rules: [] }) }));
    expect(results.map((r) => [r.status, r.message])).toEqual([
      ['FAIL', 'bucket old has no default encryption configuration'],
      ['FAIL', 'bucket empty has no default encryption configuration'],
    ]);
  });

  it('ERROR when the encryption read failed', () => {
    const [r] = run(bucket('b', { encryption: failed(denied('s3', 'GetBucketEncryption')) }));
    expect(r?.status).toBe('ERROR');
    expect(r?.message).toContain('could not read the default encryption of bucket b: AccessDenied');
  });

  it('no buckets, no results', () => {
    expect(run()).toEqual([]);
  });
});
