import check from '../../../checks/cloudtrail/log-bucket-protected';
import type { Read, S3Bucket, Trail } from '../../../src/inventory/types';
import { trail } from '../../support/builders/cloudtrail';
import { bucket, s3 } from '../../support/builders/s3';
import { checkContext, denied, failed, inventory, ok } from '../../support/inventory';

/** A log bucket with access logging, versioning and a 6-year governance Object Lock. */
const protectedBucket = (name: string, over: Partial<S3Bucket> = {}): S3Bucket =>
  bucket(name, {
    logging: ok({ targetBucket: 'access-logs', targetPrefix: `${name}/` }),
    versioning: ok({ status: 'Enabled', mfaDelete: false }),
    objectLock: ok({ enabled: true, defaultRetention: { mode: 'GOVERNANCE', years: 6 } }),
    ...over,
  });

const run = (trails: Trail[], buckets: S3Bucket[] | Read<S3Bucket[]>) => {
  const inv = inventory({
    cloudtrail: { 'us-east-1': { trails: ok(trails) } },
    s3: Array.isArray(buckets) ? s3(buckets) : { accountPublicAccessBlock: ok(null), buckets },
  });
  return check.evaluate(inv, checkContext());
};

const one = (trails: Trail[], buckets: S3Bucket[] | Read<S3Bucket[]>) => {
  const results = run(trails, buckets);
  expect(results).toHaveLength(1);
  expect(results[0]?.resource).toEqual({ type: 'AwsCloudTrailTrail', id: trails[0]!.name, arn: trails[0]!.arn });
  return results[0]!;
};

describe('cloudtrail.log-bucket-protected', () => {
  it('passes a log bucket with access logging, versioning and Object Lock with a default retention', () => {
    const r = one([trail('main')], [protectedBucket('main-logs')]);
    expect(r.status).toBe('PASS');
    expect(r.message).toBe('trail main delivers to bucket main-logs, which has server access logging to access-logs, versioning, Object Lock (GOVERNANCE 6 years by default)');
  });

  it('passes with MFA delete instead of Object Lock', () => {
    const r = one([trail('main')], [protectedBucket('main-logs', { objectLock: ok(null), versioning: ok({ status: 'Enabled', mfaDelete: true }) })]);
    expect(r).toMatchObject({ status: 'PASS', message: expect.stringContaining('versioning, MFA delete') });
  });

  it('fails a bucket without access logging', () => {
    const r = one([trail('main')], [protectedBucket('main-logs', { logging: ok(null) })]);
    expect(r.status).toBe('FAIL');
    expect(r.message).toBe(
      'trail main delivers to bucket main-logs, which has no server access logging (it has versioning, Object Lock (GOVERNANCE 6 years by default))',
    );
  });

  it('fails a versioned bucket whose versions can be purged: no Object Lock, no MFA delete', () => {
    const r = one([trail('main')], [protectedBucket('main-logs', { objectLock: ok(null) })]);
    expect(r.message).toBe(
      'trail main delivers to bucket main-logs, which has neither Object Lock with a default retention nor MFA delete (no Object Lock), so log versions can be purged with stolen keys (it has server access logging to access-logs, versioning)',
    );
  });

  it('does not count Object Lock without a default retention: new log files are not locked', () => {
    const r = one([trail('main')], [protectedBucket('main-logs', { objectLock: ok({ enabled: true }) })]);
    expect(r).toMatchObject({ status: 'FAIL', message: expect.stringContaining('Object Lock is enabled without a default retention (new log files are not locked)') });
  });

  it('fails suspended versioning and lists every gap', () => {
    const r = one([trail('main')], [protectedBucket('main-logs', { logging: ok(null), objectLock: ok(null), versioning: ok({ status: 'Suspended', mfaDelete: false }) })]);
    expect(r.status).toBe('FAIL');
    expect(r.message).toMatch(/^trail main delivers to bucket main-logs, which has no server access logging, has versioning suspended, has neither Object Lock/);
  });

  it('is an ERROR, not a FAIL, for an organization trail whose bucket is in another account', () => {
    const org = trail('org-trail', { arn: 'arn:aws:cloudtrail:us-east-1:999988887777:trail/org-trail', isOrganizationTrail: true, s3BucketName: 'org-cloudtrail-logs' });
    const r = one([org], [protectedBucket('main-logs')]);
    expect(r.status).toBe('ERROR');
    expect(r.message).toBe(
      "organization trail org-trail (owned by account 999988887777) delivers to bucket org-cloudtrail-logs, which is not among this account's buckets in the audited regions; the trail belongs to account 999988887777, whose bucket it likely is: audit the account (and region) that holds it",
    );
  });

  it('is an ERROR when the bucket reads failed or the bucket list could not be read', () => {
    const denial = one([trail('main')], [protectedBucket('main-logs', { logging: failed(denied('s3', 'GetBucketLogging')) })]);
    expect(denial.status).toBe('ERROR');
    expect(denial.message).toMatch(/^could not read bucket main-logs \(the log bucket of trail main\): AccessDenied: .*Fix: allow s3:GetBucketLogging/);
    const listing = one([trail('main')], failed<S3Bucket[]>(denied('s3', 'ListBuckets', 'global')));
    expect(listing).toMatchObject({ status: 'ERROR', message: expect.stringContaining('could not read the S3 buckets of this account, among them main-logs') });
  });

  it('is an ERROR when the inventory holds no Object Lock read (collected for other checks)', () => {
    const { objectLock: _omitted, ...noLock } = protectedBucket('main-logs');
    expect(one([trail('main')], [noLock]).message).toContain('NotCollected');
  });

  it('judges each trail on its own bucket, once per trail', () => {
    const results = run([trail('main'), trail('eu', { homeRegion: 'eu-west-1', isMultiRegion: false })], [protectedBucket('main-logs'), protectedBucket('eu-logs', { logging: ok(null) })]);
    expect(results.map((r) => [r.resource.id, r.region, r.status])).toEqual([
      ['main', 'us-east-1', 'PASS'],
      ['eu', 'eu-west-1', 'FAIL'],
    ]);
  });
});
