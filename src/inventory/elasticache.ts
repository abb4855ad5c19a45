import type { Read } from './read';

/**
 * `replicationGroups`: DescribeReplicationGroups; `cacheClusters`: DescribeCacheClusters; `serverlessCaches`:
 * DescribeServerlessCaches. Each is one bulk call (paginated); the in-transit and at-rest checks read all three.
 */
export const ELASTICACHE_READS = ['replicationGroups', 'cacheClusters', 'serverlessCaches'] as const;

/** A Valkey or Redis OSS replication group (node-based): encryption is set per group. */
export interface CacheReplicationGroup {
  id: string;
  arn: string;
  /** valkey | redis; absent in answers that predate the field (Redis OSS then). */
  engine?: string;
  status: string;
  /** TransitEncryptionEnabled; false when absent (the documented default). */
  transitEncryptionEnabled: boolean;
  /** preferred (TLS and plain connections) | required (TLS only); absent before Redis OSS 7 brought the modes. */
  transitEncryptionMode?: string;
  /** AtRestEncryptionEnabled; false when absent. The effective state is `storageEncryptionType` where returned. */
  atRestEncryptionEnabled: boolean;
  /** none | sse-elasticache (service-managed key) | sse-kms (customer managed key): the effective at-rest state. */
  storageEncryptionType?: string;
  /** The customer managed KMS key encrypting the disks, when one was chosen. */
  kmsKeyId?: string;
  /** sync | async | disabled: durability, resolved by ElastiCache; durable groups are always encrypted at rest. */
  effectiveDurability?: string;
  memberClusterIds: string[];
}

/** A node-based cache cluster: a Memcached cluster, a standalone Redis OSS node, or a member of a replication group. */
export interface CacheCluster {
  id: string;
  arn: string;
  /** memcached | redis | valkey */
  engine: string;
  engineVersion?: string;
  status: string;
  /** Set for members of a replication group: they are judged at their group. */
  replicationGroupId?: string;
  transitEncryptionEnabled: boolean;
  transitEncryptionMode?: string;
  atRestEncryptionEnabled: boolean;
}

/** A serverless cache: always encrypted at rest and in transit. */
export interface ServerlessCache {
  name: string;
  arn: string;
  engine: string;
  status: string;
  /** The customer managed KMS key; absent when the ElastiCache default key encrypts it. */
  kmsKeyId?: string;
}

/** A field is absent when its read was not asked for. */
export interface ElastiCacheRegion {
  replicationGroups?: Read<CacheReplicationGroup[]>;
  cacheClusters?: Read<CacheCluster[]>;
  serverlessCaches?: Read<ServerlessCache[]>;
}
