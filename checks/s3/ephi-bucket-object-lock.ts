import { fail, pass, unreadableAll } from '../../src/evaluate/results';
import type { Check, CheckResult, ResourceRef } from '../../src/evaluate/types';
import type { ApiError } from '../../src/inventory/types';
import type { JudgedBucket } from './buckets';
import { eachEphiBucket } from './ephi-buckets';
import { filterText } from './ephi-bucket-replication';

const retentionText = (r: { mode: string; days?: number; years?: number }): string =>
  `${r.mode} mode for ${r.years !== undefined ? `${r.years} year(s)` : `${r.days ?? '?'} day(s)`}`;

/**
 * The three protections, in order: Object Lock with a default retention (every new object locked), MFA delete
 * (no version is deleted, and versioning is not suspended, without the root user's MFA), and versioning whose
 * noncurrent versions no lifecycle rule expires sooner than the configured days. A protection proven by a read
 * that succeeded passes even when another read failed; a failed read that could decide yields ERROR, never FAIL.
 */
function judge(bucket: JudgedBucket, resource: ResourceRef, why: string, minDays: number): CheckResult[] {
  const label = `bucket ${bucket.name} (${why})`;
  const at = bucket.region;
  const failures: Array<{ what: string; error: ApiError }> = [];
  const notes: string[] = [];

  const lock = bucket.objectLock;
  if (!lock.ok) failures.push({ what: `the Object Lock configuration of bucket ${bucket.name}`, error: lock.error });
  else if (lock.value?.enabled && lock.value.defaultRetention) {
    return [pass(at, resource, `${label} has Object Lock on with a default retention in ${retentionText(lock.value.defaultRetention)}: every new object version is locked`)];
  } else if (lock.value?.enabled) notes.push('Object Lock is on but sets no default retention, so new objects are locked only when their writer asks');
  else notes.push('no Object Lock');

  const versioning = bucket.versioning;
  if (!versioning.ok) {
    failures.push({ what: `the versioning status of bucket ${bucket.name}`, error: versioning.error });
    return [unreadableAll(at, resource, failures, `, so the protection of ${label} against deletion`)];
  }
  if (versioning.value.status !== 'Enabled') {
    if (failures.length) return [unreadableAll(at, resource, failures, `, so the protection of ${label} against deletion`)];
    return [fail(at, resource, `${label}: ${notes.join('; ')}, and versioning is ${versioning.value.status.toLowerCase()}: a deleted or overwritten object cannot be recovered`)];
  }
  if (versioning.value.mfaDelete) return [pass(at, resource, `${label} has versioning with MFA delete: no version can be deleted without the root user's MFA`)];
  notes.push('no MFA delete');

  const lifecycle = bucket.lifecycle;
  if (!lifecycle.ok) {
    failures.push({ what: `the lifecycle configuration of bucket ${bucket.name}`, error: lifecycle.error });
    return [unreadableAll(at, resource, failures, `, so the protection of ${label} against deletion`)];
  }
  const expiring = (lifecycle.value?.rules ?? []).filter((r) => r.status === 'Enabled' && r.noncurrentDays !== undefined);
  const shortest = expiring.reduce<(typeof expiring)[number] | undefined>((min, r) => (min === undefined || (r.noncurrentDays as number) < (min.noncurrentDays as number) ? r : min), undefined);
  if (shortest === undefined || (shortest.noncurrentDays as number) >= minDays) {
    // Versions are kept: a lock or MFA delete that could have been read does not change a PASS.
    const kept = shortest === undefined ? 'no lifecycle rule expires noncurrent versions, so they are kept until deleted' : `the shortest lifecycle expiry of noncurrent versions is ${shortest.noncurrentDays} days (at least ${minDays})`;
    return [pass(at, resource, `${label} has versioning on and ${kept}: overwritten and deleted objects stay recoverable (${notes.join(', ')})`)];
  }
  if (failures.length) return [unreadableAll(at, resource, failures, `, so the protection of ${label} against deletion`)];
  const scope = filterText(shortest.filter);
  return [
    fail(
      at,
      resource,
      `${label}: ${notes.join('; ')}, and lifecycle rule ${shortest.id ?? '(unnamed)'} deletes noncurrent versions after ${shortest.noncurrentDays} day(s)${scope ? ` for objects matching ${scope}` : ''}, under the ${minDays} days required`,
    ),
  ];
}

const check: Check = {
  id: 's3.ephi-bucket-object-lock',
  title: 'S3 buckets holding ePHI are protected against deletion and overwrite',
  severity: 'medium',
  hipaa: ['164.312(c)(1)'],
  controls: [],
  ephiOnly: true,
  description:
    'Integrity of ePHI means it cannot be improperly altered or destroyed. A bucket classified as ePHI passes with ' +
    'Object Lock and a default retention (write once, read many), with MFA delete on a versioned bucket, or with ' +
    'versioning whose noncurrent versions no lifecycle rule expires sooner than thresholds.noncurrentVersionRetentionDays ' +
    '(default 30). Buckets that hold no ePHI are not judged; a bucket whose tags could not be read is an ERROR.',
  remediation: {
    text:
      'For new buckets, enable Object Lock with a default retention (`aws s3api create-bucket --object-lock-enabled-for-bucket`, ' +
      'then `put-object-lock-configuration`); on existing buckets enable Object Lock in the console (Properties > Object ' +
      'Lock), or enable MFA delete as the root user (`aws s3api put-bucket-versioning --versioning-configuration ' +
      'Status=Enabled,MFADelete=Enabled --mfa ...`), or keep versioning on with noncurrent versions kept long enough.',
    url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html',
  },
  reads: ['s3.buckets', 's3.bucketObjectLock', 's3.bucketVersioning', 's3.bucketLifecycle', 'tagging.resources'],
  evaluate(inventory, ctx) {
    return eachEphiBucket(inventory, ctx, (bucket, resource, why) => judge(bucket, resource, why, ctx.thresholds.noncurrentVersionRetentionDays));
  },
};

export default check;
