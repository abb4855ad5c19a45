import type { CacheCluster, CacheReplicationGroup, ElastiCacheRegion, ServerlessCache } from '../../../src/inventory/types';
import { ACCOUNT, ok } from '../inventory';

/* Typed ElastiCache inventory for check tests: complete objects with defaults, overridable field by field. */

const arn = (kind: string, id: string) => `arn:aws:elasticache:us-east-1:${ACCOUNT}:${kind}:${id}`;

/** An available Valkey group, TLS required, encrypted at rest with the service-managed key (StorageEncryptionType returned). */
export function replicationGroup(id: string, extra: Partial<CacheReplicationGroup> = {}): CacheReplicationGroup {
  return {
    id,
    arn: arn('replicationgroup', id),
    engine: 'valkey',
    status: 'available',
    transitEncryptionEnabled: true,
    transitEncryptionMode: 'required',
    atRestEncryptionEnabled: true,
    storageEncryptionType: 'sse-elasticache',
    memberClusterIds: [`${id}-001`],
    ...extra,
  };
}

/** An available Memcached 1.6.22 cluster with TLS on, in no replication group. */
export function cacheCluster(id: string, extra: Partial<CacheCluster> = {}): CacheCluster {
  return {
    id,
    arn: arn('cluster', id),
    engine: 'memcached',
    engineVersion: '1.6.22',
    status: 'available',
    transitEncryptionEnabled: true,
    atRestEncryptionEnabled: false,
    ...extra,
  };
}

/** An available serverless Valkey cache on the default key. */
export function serverlessCache(name: string, extra: Partial<ServerlessCache> = {}): ServerlessCache {
  return { name, arn: arn('serverlesscache', name), engine: 'valkey', status: 'available', ...extra };
}

/** An ElastiCache region where every listing succeeded with nothing in it; override the parts a test needs. */
export function elasticacheRegion(parts: Partial<ElastiCacheRegion> = {}): ElastiCacheRegion {
  return { replicationGroups: ok([]), cacheClusters: ok([]), serverlessCaches: ok([]), ...parts };
}
