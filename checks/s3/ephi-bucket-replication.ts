import { fail, pass, unreadable, withRead } from '../../src/evaluate/results';
import type { Check, CheckResult, ResourceRef } from '../../src/evaluate/types';
import type { ApiError, Inventory, ObjectFilter, ReplicationRule, S3Bucket } from '../../src/inventory/types';
import type { JudgedBucket } from './buckets';
import { eachEphiBucket } from './ephi-buckets';

/** Every object, or the filter that narrows a rule (prefix, tags, sizes, exclusions). */
export function filterText(f: ObjectFilter): string | undefined {
  const parts = [
    ...(f.prefix ? [`prefix '${f.prefix}'`] : []),
    ...(f.tags?.length ? [`tags ${f.tags.map((t) => `${t.key}=${t.value}`).join(', ')}`] : []),
    ...(f.objectSizeGreaterThan !== undefined ? [`larger than ${f.objectSizeGreaterThan} bytes`] : []),
    ...(f.objectSizeLessThan !== undefined ? [`smaller than ${f.objectSizeLessThan} bytes`] : []),
    ...(f.excludes ? ['with exclusions (Not)'] : []),
  ];
  return parts.length ? parts.join(', ') : undefined;
}

const bucketName = (arn: string): string => arn.replace(/^arn:[^:]*:s3:::/, '');

/**
 * Where a rule's copies go, against the source bucket: another account (the rule names it), another region (the
 * destination is one of the account's listed buckets), or a bucket this inventory does not list: every bucket of
 * the account in an audited region is listed, and the source's region is audited, so that one is in another
 * account or another region either way.
 */
function destinationOf(rule: ReplicationRule, source: S3Bucket, inventory: Inventory, buckets: readonly S3Bucket[]): { elsewhere: boolean; unlocated?: ApiError; text: string } {
  const name = bucketName(rule.destinationBucket);
  if (rule.destinationAccount && rule.destinationAccount !== inventory.accountId) {
    return { elsewhere: true, text: `bucket ${name} in account ${rule.destinationAccount}` };
  }
  const listed = buckets.find((b) => b.arn === rule.destinationBucket || b.name === name);
  if (!listed) {
    return { elsewhere: true, text: `bucket ${name}, which is not one of this account's buckets in the audited regions (so in another account or region than ${source.region})` };
  }
  if (listed.region === 'global') {
    // A listed bucket S3 could not locate carries the GetBucketLocation failure in each of its reads.
    const failedRead = [listed.replication, listed.versioning, listed.objectLock].find((r) => r !== undefined && !r.ok);
    const error: ApiError =
      failedRead && !failedRead.ok ? failedRead.error : { service: 's3', region: 'global', operation: 'GetBucketLocation', code: 'Unknown', message: `the region of bucket ${name} is not known` };
    return { elsewhere: false, unlocated: error, text: `bucket ${name}` };
  }
  return listed.region !== source.region
    ? { elsewhere: true, text: `bucket ${name} in ${listed.region}` }
    : { elsewhere: false, text: `bucket ${name} in the same account and region (${listed.region})` };
}

function judge(bucket: JudgedBucket, resource: ResourceRef, why: string, inventory: Inventory): CheckResult[] {
  const buckets = inventory.s3?.buckets?.ok ? inventory.s3.buckets.value : [];
  const label = `bucket ${bucket.name} (${why})`;
  return withRead(
    bucket.replication,
    bucket.region,
    resource,
    (replication) => {
      if (replication === null) return [fail(bucket.region, resource, `${label} has no replication configured: its only copy is in ${bucket.region}`)];
      const enabled = replication.rules.filter((r) => r.status === 'Enabled');
      if (!enabled.length) return [fail(bucket.region, resource, `${label} has ${replication.rules.length} replication rule(s), none enabled`)];
      const judged = enabled.map((rule) => ({ rule, dest: destinationOf(rule, bucket, inventory, buckets), scope: filterText(rule.filter) }));
      const whole = judged.find((j) => j.dest.elsewhere && j.scope === undefined);
      if (whole) return [pass(bucket.region, resource, `${label} replicates every object to ${whole.dest.text}${whole.rule.id ? ` (rule ${whole.rule.id})` : ''}`)];
      const unlocated = judged.find((j) => j.dest.unlocated);
      if (unlocated?.dest.unlocated) return [unreadable(bucket.region, resource, unlocated.dest.unlocated, `the region of ${unlocated.dest.text}, where ${label} replicates`)];
      const partial = judged.filter((j) => j.dest.elsewhere);
      if (partial.length) {
        return [fail(bucket.region, resource, `${label} replicates to another region or account only objects matching ${partial.map((j) => `${j.scope} (to ${j.dest.text})`).join('; ')}: other objects have no copy there`)];
      }
      return [fail(bucket.region, resource, `${label} replicates only within its own account and region (${judged.map((j) => j.dest.text).join('; ')}): a regional outage takes every copy`)];
    },
    `the replication configuration of bucket ${bucket.name}`,
  );
}

const check: Check = {
  id: 's3.ephi-bucket-replication',
  title: 'S3 buckets holding ePHI replicate to another region or account',
  severity: 'medium',
  hipaa: ['164.308(a)(7)(ii)(B)', '164.308(a)(7)(ii)(C)'],
  controls: [],
  ephiOnly: true,
  description:
    'A disaster recovery and emergency mode operation plan needs ePHI to survive the loss of a region or of the ' +
    'account holding it. Each bucket classified as ePHI must have an enabled replication rule covering every object ' +
    'to a bucket in another region or another account. Buckets that hold no ePHI are not judged; a bucket whose tags ' +
    'could not be read is an ERROR.',
  remediation: {
    text:
      'S3 console > bucket > Management > Replication rules > Create replication rule: apply to all objects, choose a ' +
      'destination bucket in another Region (or account) with versioning on, and an IAM role S3 can assume; or `aws s3api ' +
      'put-bucket-replication`. Replicate existing objects with S3 Batch Replication.',
    url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication.html',
  },
  reads: ['s3.buckets', 's3.bucketReplication', 'tagging.resources'],
  evaluate(inventory, ctx) {
    return eachEphiBucket(inventory, ctx, (bucket, resource, why) => judge(bucket, resource, why, inventory));
  },
};

export default check;
