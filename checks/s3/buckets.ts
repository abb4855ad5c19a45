/**
 * Pure helpers shared by the S3 checks: the effective Block Public Access settings and bucket iteration. Not a
 * check (it is not listed in checks/index.ts). Policy documents are read by src/judge/policy.ts.
 */
import { accountResource, globalSection, GLOBAL, readOf, withRead } from '../../src/evaluate/results';
import type { CheckResult, ResourceRef } from '../../src/evaluate/types';
import type { Inventory, PublicAccessBlock, Read, S3Bucket, S3Inventory } from '../../src/inventory/types';

// ---------------------------------------------------------------------------------------------------------------
// Block Public Access: the effective setting is the OR of the account and bucket settings

export const BLOCK_SETTINGS = [
  ['blockPublicAcls', 'BlockPublicAcls'],
  ['ignorePublicAcls', 'IgnorePublicAcls'],
  ['blockPublicPolicy', 'BlockPublicPolicy'],
  ['restrictPublicBuckets', 'RestrictPublicBuckets'],
] as const satisfies ReadonlyArray<readonly [keyof PublicAccessBlock, string]>;

export type BlockSetting = (typeof BLOCK_SETTINGS)[number][0];

/** One setting's effective state: on (and where), off at both levels, or unknown because a read failed. */
export type EffectiveSetting =
  | { state: 'on'; level: 'account-level' | 'bucket-level' | 'account- and bucket-level' }
  | { state: 'off' }
  | { state: 'unknown'; reason: string };

function levelValue(read: Read<PublicAccessBlock | null>, setting: BlockSetting): boolean | undefined {
  if (!read.ok) return undefined;
  return read.value?.[setting] === true;
}

export function effectiveSetting(
  account: Read<PublicAccessBlock | null>,
  bucket: Read<PublicAccessBlock | null>,
  setting: BlockSetting,
): EffectiveSetting {
  const a = levelValue(account, setting);
  const b = levelValue(bucket, setting);
  if (a === true && b === true) return { state: 'on', level: 'account- and bucket-level' };
  if (a === true) return { state: 'on', level: 'account-level' };
  if (b === true) return { state: 'on', level: 'bucket-level' };
  if (a === false && b === false) return { state: 'off' };
  const failedRead = !account.ok ? account : !bucket.ok ? bucket : undefined;
  const which = !account.ok ? 'the account-level' : 'the bucket-level';
  const reason = failedRead && !failedRead.ok ? `${which} Block Public Access settings could not be read (${failedRead.error.code}: ${failedRead.error.message})` : 'unknown';
  return { state: 'unknown', reason };
}

// ---------------------------------------------------------------------------------------------------------------
// Bucket iteration

export function bucketResource(bucket: S3Bucket): ResourceRef {
  return { type: 'AwsS3Bucket', id: bucket.name, arn: bucket.arn };
}

/** A bucket with every per-bucket read as a Read: failed (NotCollected) where the inventory does not hold it. */
export type JudgedBucket = S3Bucket &
  Required<Pick<S3Bucket, 'publicAccessBlock' | 'policy' | 'policyStatus' | 'acl' | 'encryption' | 'versioning' | 'logging' | 'objectLock' | 'replication' | 'lifecycle'>>;

/** The account-level S3 reads, likewise. */
export type JudgedS3 = Required<Pick<S3Inventory, 'accountPublicAccessBlock'>>;

export function judged(b: S3Bucket): JudgedBucket {
  const r = <T>(read: Read<T> | undefined, operation: string) => readOf(read, 's3', b.region, operation);
  return {
    ...b,
    publicAccessBlock: r(b.publicAccessBlock, 'GetPublicAccessBlock'),
    policy: r(b.policy, 'GetBucketPolicy'),
    policyStatus: r(b.policyStatus, 'GetBucketPolicyStatus'),
    acl: r(b.acl, 'GetBucketAcl'),
    encryption: r(b.encryption, 'GetBucketEncryption'),
    versioning: r(b.versioning, 'GetBucketVersioning'),
    logging: r(b.logging, 'GetBucketLogging'),
    objectLock: r(b.objectLock, 'GetObjectLockConfiguration'),
    replication: r(b.replication, 'GetBucketReplication'),
    lifecycle: r(b.lifecycle, 'GetBucketLifecycleConfiguration'),
  };
}

/** Calls `judge` for every collected bucket; a missing S3 section or failed bucket listing is one ERROR. */
export function eachBucket(
  inventory: Inventory,
  judge: (bucket: JudgedBucket, resource: ResourceRef, s3: JudgedS3) => CheckResult[],
): CheckResult[] {
  return globalSection(inventory, 's3', inventory.s3, (s3) => {
    const account: JudgedS3 = { accountPublicAccessBlock: readOf(s3.accountPublicAccessBlock, 's3control', GLOBAL, 'GetPublicAccessBlock') };
    return withRead(s3.buckets, GLOBAL, accountResource(inventory), (buckets) => buckets.flatMap((b) => judge(judged(b), bucketResource(b), account)), 'the S3 bucket list');
  });
}
