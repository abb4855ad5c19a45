import check from '../../../checks/s3/bucket-versioning';
import type { S3Bucket } from '../../../src/inventory/types';
import { checkContext, denied, failed, inventory, ok } from '../../support/inventory';
import { bucket, s3 } from '../../support/builders/s3';

const run = (...buckets: S3Bucket[]) => check.evaluate(inventory({ s3: s3(buckets) }), checkContext());

describe('s3.bucket-versioning', () => {
  it('has the exact metadata', () => {
    expect(check).toMatchObject({ id: 's3.bucket-versioning', severity: 'medium', hipaa: ['164.312(c)(1)', '164.308(a)(7)(ii)(A)'], controls: ['S3.14'], reads: ['s3.buckets', 's3.bucketVersioning'] });
  });

  it('passes Enabled (mentioning MFA delete), fails Suspended and Disabled', () => {
    const results = run(
      bucket('a', { versioning: ok({ status: 'Enabled', mfaDelete: true }) }),
      bucket('b', { versioning: ok({ status: 'Suspended', mfaDelete: false }) }),
      bucket('c', { versioning: ok({ status: 'Disabled', mfaDelete: false }) }),
    );
    expect(results.map((r) => [r.status, r.message])).toEqual([
      ['PASS', 'bucket a has versioning enabled (MFA delete on)'],
      ['FAIL', 'bucket b has versioning suspended: versioning was enabled and then suspended, so new overwrites and deletes are not kept'],
      ['FAIL', 'bucket c has versioning disabled (never enabled)'],
    ]);
  });

  it('ERROR when the versioning read failed', () => {
    const [r] = run(bucket('b', { region: 'eu-west-1', versioning: failed(denied('s3', 'GetBucketVersioning', 'eu-west-1')) }));
    expect(r).toMatchObject({ status: 'ERROR', region: 'eu-west-1', resource: { type: 'AwsS3Bucket', id: 'b' } });
    expect(r?.message).toContain('could not read the versioning status of bucket b: AccessDenied');
  });
});
