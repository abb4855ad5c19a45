import type { Read } from './read';

export interface PublicAccessBlock {
  blockPublicAcls: boolean;
  ignorePublicAcls: boolean;
  blockPublicPolicy: boolean;
  restrictPublicBuckets: boolean;
}

export interface AclGrant {
  /** CanonicalUser | Group | AmazonCustomerByEmail */
  granteeType: string;
  /** For Group grantees, e.g. http://acs.amazonaws.com/groups/global/AllUsers */
  uri?: string;
  id?: string;
  permission: string;
}

export interface BucketEncryptionRule {
  /** AES256 | aws:kms | aws:kms:dsse */
  sseAlgorithm: string;
  kmsMasterKeyId?: string;
  bucketKeyEnabled?: boolean;
}

/**
 * The reads the S3 collector can make. `buckets` is ListBuckets; each `bucket*` read is one call per bucket, made
 * in the bucket's region, and implies the listing.
 */
export const S3_READS = [
  'accountPublicAccessBlock',
  'buckets',
  'bucketPublicAccessBlock',
  'bucketPolicy',
  'bucketPolicyStatus',
  'bucketAcl',
  'bucketEncryption',
  'bucketVersioning',
  'bucketLogging',
  'bucketObjectLock',
  'bucketReplication',
  'bucketLifecycle',
] as const;

/** A per-bucket field is absent when its read was not asked for (no selected check needed it). */
export interface S3Bucket {
  name: string;
  arn: string;
  region: string;
  creationDate?: string;
  /** null: no bucket-level block configured (NoSuchPublicAccessBlockConfiguration). */
  publicAccessBlock?: Read<PublicAccessBlock | null>;
  /** The policy document as returned; null when the bucket has none (NoSuchBucketPolicy). */
  policy?: Read<string | null>;
  /** null when S3 gave no status (no policy, or the call is unsupported where we are). */
  policyStatus?: Read<{ isPublic: boolean } | null>;
  acl?: Read<{ ownerId?: string; grants: AclGrant[] }>;
  /** null: no default encryption configuration (rare since 2023: S3 applies SSE-S3 to new buckets). */
  encryption?: Read<{ rules: BucketEncryptionRule[] } | null>;
  versioning?: Read<{ status: 'Enabled' | 'Suspended' | 'Disabled'; mfaDelete: boolean }>;
  /** Server access logging (GetBucketLogging): where S3 writes the bucket's access records; null: off (no LoggingEnabled). */
  logging?: Read<{ targetBucket: string; targetPrefix?: string } | null>;
  /** Object Lock (GetObjectLockConfiguration); null: never enabled (ObjectLockConfigurationNotFoundError). */
  objectLock?: Read<ObjectLock | null>;
  /** Replication (GetBucketReplication); null: none configured (ReplicationConfigurationNotFoundError). */
  replication?: Read<BucketReplication | null>;
  /** Lifecycle rules (GetBucketLifecycleConfiguration); null: none configured (NoSuchLifecycleConfiguration). */
  lifecycle?: Read<BucketLifecycle | null>;
}

/** Which objects a replication or lifecycle rule applies to; every field absent: the whole bucket. */
export interface ObjectFilter {
  /** Key prefix; '' (or absent) is every key. */
  prefix?: string;
  /** Objects carrying every one of these tags. */
  tags?: Array<{ key: string; value: string }>;
  /** Objects larger / smaller than this many bytes. */
  objectSizeGreaterThan?: number;
  objectSizeLessThan?: number;
  /** A replication rule's Not operator leaves some objects out. */
  excludes?: boolean;
}

/** One replication rule as configured. */
export interface ReplicationRule {
  id?: string;
  /** Enabled | Disabled */
  status: string;
  /** The rule's filter: Prefix (V1 rules) or Filter (V2 rules: Prefix, Tag, or And). */
  filter: ObjectFilter;
  /** The destination bucket's ARN. */
  destinationBucket: string;
  /** The destination bucket's owner account, when the rule names it (cross-account replication). */
  destinationAccount?: string;
}

export interface BucketReplication {
  rules: ReplicationRule[];
}

/** One lifecycle rule, reduced to what decides how long noncurrent versions are kept. */
export interface LifecycleRule {
  id?: string;
  /** Enabled | Disabled */
  status: string;
  filter: ObjectFilter;
  /** NoncurrentVersionExpiration.NoncurrentDays: noncurrent versions are deleted this many days after becoming noncurrent; absent: never. */
  noncurrentDays?: number;
  /** NoncurrentVersionExpiration.NewerNoncurrentVersions: this many newest noncurrent versions are kept regardless. */
  newerNoncurrentVersions?: number;
}

export interface BucketLifecycle {
  rules: LifecycleRule[];
}

export interface ObjectLock {
  /** ObjectLockEnabled is `Enabled`. */
  enabled: boolean;
  /** The default retention applied to every new object; absent: none, so new objects are not locked unless their writer locks them. */
  defaultRetention?: { mode: string; days?: number; years?: number };
}

export interface S3Inventory {
  /** From S3 Control; null when the account has no block configured. */
  accountPublicAccessBlock?: Read<PublicAccessBlock | null>;
  buckets?: Read<S3Bucket[]>;
}
