/**
 * Iteration over the buckets that hold ePHI, shared by the s3.ephi-* checks. Not a check (it is not listed in
 * checks/index.ts). Which buckets hold ePHI is shared judgement: src/judge/classification.ts.
 */
import { unreadable } from '../../src/evaluate/results';
import type { CheckContext, CheckResult, ResourceRef } from '../../src/evaluate/types';
import type { ApiError, Inventory } from '../../src/inventory/types';
import { DEFAULT_CLASSIFICATION, tagIndexOf, type ClassifiedBy } from '../../src/judge/classification';
import { eachBucket, type JudgedBucket, type JudgedS3 } from './buckets';

/** `tag data-classification=phi` or `ARN pattern ...`: why the bucket is judged. */
export const ephiReason = (by: ClassifiedBy | undefined): string =>
  by === undefined ? 'classified ePHI' : 'tag' in by ? `ePHI by tag ${by.tag.key}=${by.tag.value}` : `ePHI by ARN pattern ${by.arnPattern}`;

/**
 * Calls `judge` for every bucket classified as ePHI; buckets that hold no ePHI yield nothing, and a bucket whose
 * tags could not be read (so it may hold ePHI) is one ERROR.
 */
export function eachEphiBucket(
  inventory: Inventory,
  ctx: CheckContext,
  judge: (bucket: JudgedBucket, resource: ResourceRef, why: string, s3: JudgedS3) => CheckResult[],
): CheckResult[] {
  const index = tagIndexOf(inventory, ctx.classification ?? DEFAULT_CLASSIFICATION);
  const unread = index.unreadRegions();
  return eachBucket(inventory, (bucket, resource, s3) => {
    const c = index.lookup(bucket.arn, bucket.region);
    if (c.classification === 'not-ephi') return [];
    if (c.classification === 'unknown') {
      // An unlocated bucket (its region unknown) carries the GetBucketLocation failure in its reads.
      const located = [bucket.replication, bucket.lifecycle, bucket.objectLock, bucket.versioning].find((r) => !r.ok && r.error.code !== 'NotCollected');
      const error: ApiError = unread.get(bucket.region) ?? (located && !located.ok ? located.error : undefined) ?? { service: 'tagging', region: bucket.region, operation: 'GetResources', code: 'Unknown', message: c.reason ?? 'the tags could not be read' };
      return [unreadable(bucket.region, resource, error, `the tags of bucket ${bucket.name}, so whether it holds ePHI`)];
    }
    return judge(bucket, resource, ephiReason(c.by), s3);
  });
}
