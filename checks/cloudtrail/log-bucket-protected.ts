import type { Check, CheckResult } from '../../src/evaluate/types';
import { fail, GLOBAL, pass, readOf, result, unreadable } from '../../src/evaluate/results';
import type { Inventory, S3Bucket, Trail } from '../../src/inventory/types';
import { judged } from '../s3/buckets';
import { eachTrail, type TrailSubject } from './trails';

const check: Check = {
  id: 'cloudtrail.log-bucket-protected',
  title: 'CloudTrail log buckets log access and keep deleted or overwritten logs',
  severity: 'medium',
  hipaa: ['164.312(b)', '164.312(c)(1)'],
  controls: ['CloudTrail.7'],
  description:
    'An intruder who reaches the bucket holding the CloudTrail logs can read what was recorded about them and delete ' +
    'it. Judged per trail, on the bucket it delivers to: server access logging records every request to the logs ' +
    '(who read or deleted them); versioning keeps a deleted or overwritten log file as an older version; and either ' +
    'Object Lock with a default retention (no one can delete a log before it expires) or MFA delete (deleting a ' +
    'version or suspending versioning needs the root user\'s MFA code) keeps those versions from being purged with ' +
    'stolen keys. A trail whose bucket is in another account (an organization trail, a central logging account) is ' +
    'reported as not judged here: audit the account that owns the bucket.',
  remediation: {
    text:
      'S3 console > the log bucket > Properties > Server access logging: Enable, with a target bucket other than the ' +
      'log bucket itself; Bucket Versioning: Enable. Then either Object Lock (only at bucket creation, or for an ' +
      'existing versioned bucket through `aws s3api put-object-lock-configuration --bucket <bucket> ' +
      '--object-lock-configuration \'{"ObjectLockEnabled":"Enabled","Rule":{"DefaultRetention":{"Mode":"GOVERNANCE","Years":6}}}\'`), ' +
      'or MFA delete as the root user: `aws s3api put-bucket-versioning --bucket <bucket> --versioning-configuration ' +
      'Status=Enabled,MFADelete=Enabled --mfa "<device-arn> <code>"`.',
    url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/best-practices-security.html',
  },
  reads: ['cloudtrail.trails', 's3.buckets', 's3.bucketLogging', 's3.bucketVersioning', 's3.bucketObjectLock'],
  evaluate(inventory) {
    return eachTrail(inventory, (trail, subject) => judge(trail, subject, inventory));
  },
};

function judge(trail: Trail, subject: TrailSubject, inventory: Inventory): CheckResult {
  const { resource, label } = subject;
  const region = trail.homeRegion;
  const name = trail.s3BucketName;
  if (!name) return result('ERROR', region, resource, `${label} names no S3 bucket in DescribeTrails, so its log bucket cannot be judged`);
  const listed = readOf(inventory.s3?.buckets, 's3', GLOBAL, 'ListBuckets');
  if (!listed.ok) return unreadable(region, resource, listed.error, `the S3 buckets of this account, among them ${name}`);
  const bucket = listed.value.find((b) => b.name === name);
  if (!bucket) {
    const owner = trail.arn.split(':')[4];
    const where = owner && owner !== inventory.accountId ? `; the trail belongs to account ${owner}, whose bucket it likely is` : '';
    return result(
      'ERROR',
      region,
      resource,
      `${label} delivers to bucket ${name}, which is not among this account's buckets in the audited regions${where}: audit the account (and region) that holds it`,
    );
  }
  return judgeBucket(bucket, subject, region);
}

function judgeBucket(bucket: S3Bucket, { resource, label }: TrailSubject, region: string): CheckResult {
  const { logging, versioning, objectLock } = judged(bucket);
  const what = `bucket ${bucket.name} (the log bucket of ${label})`;
  if (!logging.ok) return unreadable(region, resource, logging.error, what);
  if (!versioning.ok) return unreadable(region, resource, versioning.error, what);
  if (!objectLock.ok) return unreadable(region, resource, objectLock.error, what);
  const subject = `${label} delivers to bucket ${bucket.name}`;

  const gaps: string[] = [];
  const good: string[] = [];
  if (logging.value) good.push(`server access logging to ${logging.value.targetBucket}`);
  else gaps.push('has no server access logging');
  const versioned = versioning.value.status === 'Enabled';
  if (versioned) good.push('versioning');
  else gaps.push(versioning.value.status === 'Suspended' ? 'has versioning suspended' : 'has versioning off');
  const lock = objectLock.value;
  const retention = lock?.enabled ? lock.defaultRetention : undefined;
  const locked = retention !== undefined;
  const mfaDelete = versioning.value.mfaDelete;
  if (locked) good.push(`Object Lock (${retention.mode} ${retention.years !== undefined ? `${retention.years} years` : `${retention.days ?? '?'} days`} by default)`);
  if (mfaDelete) good.push('MFA delete');
  if (!locked && !mfaDelete) {
    const lockState = lock?.enabled ? 'Object Lock is enabled without a default retention (new log files are not locked)' : 'no Object Lock';
    gaps.push(`has neither Object Lock with a default retention nor MFA delete (${lockState}), so log versions can be purged with stolen keys`);
  }
  if (gaps.length === 0) return pass(region, resource, `${subject}, which has ${good.join(', ')}`);
  return fail(region, resource, `${subject}, which ${gaps.join(', ')}${good.length ? ` (it has ${good.join(', ')})` : ''}`);
}

export default check;
