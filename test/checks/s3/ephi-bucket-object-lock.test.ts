import check from '../../../checks/s3/ephi-bucket-object-lock';
import { DEFAULT_THRESHOLDS } from '../../../src/config/types';
import type { Inventory, LifecycleRule, S3Bucket } from '../../../src/inventory/types';
import { bucket, s3 } from '../../support/builders/s3';
import { PHI, tagged, tagging } from '../../support/builders/tagging';
import { checkContext, denied, failed, inventory, ok } from '../../support/inventory';

const NO_LOCK = { objectLock: ok(null), lifecycle: ok(null) } as const;
const expiring = (days: number, extra: Partial<LifecycleRule> = {}): LifecycleRule => ({ id: `after-${days}`, status: 'Enabled', filter: {}, noncurrentDays: days, ...extra });

function inv(buckets: S3Bucket[], plain: string[] = []): Inventory {
  return inventory({ s3: s3(buckets), tagging: tagging({ 'us-east-1': buckets.filter((b) => !plain.includes(b.name)).map((b) => tagged(b.arn, PHI)) }) });
}
const run = (i: Inventory, days = DEFAULT_THRESHOLDS.noncurrentVersionRetentionDays) =>
  check.evaluate(i, checkContext({ thresholds: { ...DEFAULT_THRESHOLDS, noncurrentVersionRetentionDays: days } }));
const verdicts = (i: Inventory, days?: number) => run(i, days).map((r) => [r.resource.id, r.status, r.message.replace(/^bucket \S+ \(ePHI by tag data-classification=phi\)/, '')]);

describe('s3.ephi-bucket-object-lock', () => {
  it('has the exact metadata', () => {
    expect(check).toMatchObject({
      id: 's3.ephi-bucket-object-lock',
      severity: 'medium',
      hipaa: ['164.312(c)(1)'],
      controls: [],
      reads: ['s3.buckets', 's3.bucketObjectLock', 's3.bucketVersioning', 's3.bucketLifecycle', 'tagging.resources'],
      ephiOnly: true,
    });
  });

  it('passes Object Lock with a default retention, MFA delete, and versioning that keeps noncurrent versions long enough', () => {
    expect(
      verdicts(
        inv([
          bucket('locked', { objectLock: ok({ enabled: true, defaultRetention: { mode: 'COMPLIANCE', years: 6 } }), lifecycle: ok(null) }),
          bucket('mfa', { ...NO_LOCK, versioning: ok({ status: 'Enabled', mfaDelete: true }) }),
          bucket('kept', { ...NO_LOCK }),
          bucket('ninety', { objectLock: ok(null), lifecycle: ok({ rules: [expiring(90), { id: 'tmp', status: 'Enabled', filter: { prefix: 'tmp/' } }] }) }),
          bucket('exactly', { objectLock: ok(null), lifecycle: ok({ rules: [expiring(30)] }) }),
        ]),
      ),
    ).toEqual([
      ['locked', 'PASS', ' has Object Lock on with a default retention in COMPLIANCE mode for 6 year(s): every new object version is locked'],
      ['mfa', 'PASS', " has versioning with MFA delete: no version can be deleted without the root user's MFA"],
      ['kept', 'PASS', ' has versioning on and no lifecycle rule expires noncurrent versions, so they are kept until deleted: overwritten and deleted objects stay recoverable (no Object Lock, no MFA delete)'],
      ['ninety', 'PASS', ' has versioning on and the shortest lifecycle expiry of noncurrent versions is 90 days (at least 30): overwritten and deleted objects stay recoverable (no Object Lock, no MFA delete)'],
      ['exactly', 'PASS', ' has versioning on and the shortest lifecycle expiry of noncurrent versions is 30 days (at least 30): overwritten and deleted objects stay recoverable (no Object Lock, no MFA delete)'],
    ]);
  });

  it('fails unversioned buckets and lifecycles that expire noncurrent versions too soon (the configured days, disabled rules ignored)', () => {
    const buckets = [
      bucket('unversioned', { ...NO_LOCK, versioning: ok({ status: 'Disabled', mfaDelete: false }) }),
      bucket('suspended', { ...NO_LOCK, versioning: ok({ status: 'Suspended', mfaDelete: false }) }),
      bucket('short', { objectLock: ok({ enabled: true }), lifecycle: ok({ rules: [expiring(90), expiring(7, { id: 'scratch', filter: { prefix: 'scratch/' } }), expiring(1, { status: 'Disabled' })] }) }),
    ];
    expect(verdicts(inv(buckets))).toEqual([
      ['unversioned', 'FAIL', ': no Object Lock, and versioning is disabled: a deleted or overwritten object cannot be recovered'],
      ['suspended', 'FAIL', ': no Object Lock, and versioning is suspended: a deleted or overwritten object cannot be recovered'],
      [
        'short',
        'FAIL',
        ": Object Lock is on but sets no default retention, so new objects are locked only when their writer asks; no MFA delete, and lifecycle rule scratch deletes noncurrent versions after 7 day(s) for objects matching prefix 'scratch/', under the 30 days required",
      ],
    ]);
    // The threshold is the config's.
    expect(run(inv([buckets[2] as S3Bucket]), 7)[0]?.status).toBe('PASS');
  });

  it('judges only ePHI buckets', () => {
    expect(run(inv([bucket('plain', { ...NO_LOCK, versioning: ok({ status: 'Disabled', mfaDelete: false }) })], ['plain']))).toEqual([]);
  });

  it('passes on what could be read when it proves protection, ERROR when a failed read could have decided', () => {
    const lockDenied = failed(denied('s3', 'GetObjectLockConfiguration'));
    const results = run(
      inv([
        bucket('mfa-lock-denied', { objectLock: lockDenied, lifecycle: ok(null), versioning: ok({ status: 'Enabled', mfaDelete: true }) }),
        bucket('unversioned-lock-denied', { objectLock: lockDenied, lifecycle: ok(null), versioning: ok({ status: 'Disabled', mfaDelete: false }) }),
        bucket('versioning-denied', { objectLock: ok(null), lifecycle: ok(null), versioning: failed(denied('s3', 'GetBucketVersioning')) }),
        bucket('lifecycle-denied', { objectLock: ok(null), lifecycle: failed(denied('s3', 'GetBucketLifecycleConfiguration')) }),
        bucket('locked-others-denied', { objectLock: ok({ enabled: true, defaultRetention: { mode: 'GOVERNANCE', days: 30 } }), versioning: failed(denied('s3', 'GetBucketVersioning')) }),
      ]),
    );
    expect(results.map((r) => [r.resource.id, r.status])).toEqual([
      ['mfa-lock-denied', 'PASS'],
      ['unversioned-lock-denied', 'ERROR'],
      ['versioning-denied', 'ERROR'],
      ['lifecycle-denied', 'ERROR'],
      ['locked-others-denied', 'PASS'],
    ]);
    expect(results[1]?.message).toMatch(/^could not read the Object Lock configuration of bucket unversioned-lock-denied: AccessDenied.*Fix: allow s3:GetBucketObjectLockConfiguration/);
    expect(results[3]?.message).toMatch(/^could not read the lifecycle configuration of bucket lifecycle-denied: AccessDenied.*Fix: allow s3:GetLifecycleConfiguration/);
  });

  it('ERROR when the bucket’s tags could not be read (it may hold ePHI)', () => {
    const i = inventory({ s3: s3([bucket('b', NO_LOCK)]), tagging: tagging({ 'us-east-1': denied('tagging', 'GetResources') }) });
    expect(run(i)).toEqual([expect.objectContaining({ status: 'ERROR', message: expect.stringContaining('could not read the tags of bucket b, so whether it holds ePHI') })]);
  });
});
