import {
  ElastiCacheClient,
  paginateDescribeCacheClusters,
  paginateDescribeReplicationGroups,
  paginateDescribeServerlessCaches,
  type CacheCluster as SdkCacheCluster,
  type ReplicationGroup,
  type ServerlessCache as SdkServerlessCache,
} from '@aws-sdk/client-elasticache';
import type { CacheCluster, CacheReplicationGroup, ElastiCacheRegion, ServerlessCache } from '../inventory/elasticache';
import { arnsIn, type ArnOf } from './arn';
import { attemptList } from './attempt';
import type { RegionalCollector } from './collector';

/**
 * ElastiCache in one region: up to three bulk reads, each paginated (DescribeReplicationGroups and
 * DescribeCacheClusters by Marker, DescribeServerlessCaches by NextToken). Nothing is read per resource: the
 * encryption settings come with the listings, and one read serves both the in-transit and the at-rest check.
 * DescribeCacheClusters lists the members of replication groups too; they are kept (replicationGroupId tells)
 * and judged at their group.
 */
export const elasticacheCollector: RegionalCollector<'elasticache'> = {
  scope: 'regional',
  async collect(ctx, region): Promise<ElastiCacheRegion> {
    const client = ctx.aws.client('elasticache', ElastiCacheClient, region);
    const site = { service: 'elasticache', region };
    const arn = arnsIn(ctx, 'elasticache', region);
    const [replicationGroups, cacheClusters, serverlessCaches] = await Promise.all([
      !ctx.wants('elasticache.replicationGroups')
        ? undefined
        : attemptList({ ...site, operation: 'DescribeReplicationGroups' }, paginateDescribeReplicationGroups({ client }, {}), 'ReplicationGroups', (g) => toGroup(g, arn)),
      !ctx.wants('elasticache.cacheClusters')
        ? undefined
        : attemptList({ ...site, operation: 'DescribeCacheClusters' }, paginateDescribeCacheClusters({ client }, {}), 'CacheClusters', (c) => toCluster(c, arn)),
      !ctx.wants('elasticache.serverlessCaches')
        ? undefined
        : attemptList({ ...site, operation: 'DescribeServerlessCaches' }, paginateDescribeServerlessCaches({ client }, {}), 'ServerlessCaches', (s) => toServerless(s, arn)),
    ]);
    return { replicationGroups, cacheClusters, serverlessCaches };
  },
};

function toGroup(g: ReplicationGroup, arn: ArnOf): CacheReplicationGroup {
  const id = g.ReplicationGroupId ?? '';
  return {
    id,
    arn: g.ARN ?? arn(`replicationgroup:${id}`),
    ...(g.Engine ? { engine: g.Engine } : {}),
    status: g.Status ?? 'unknown',
    transitEncryptionEnabled: g.TransitEncryptionEnabled === true,
    ...(g.TransitEncryptionMode ? { transitEncryptionMode: g.TransitEncryptionMode } : {}),
    atRestEncryptionEnabled: g.AtRestEncryptionEnabled === true,
    ...(g.StorageEncryptionType ? { storageEncryptionType: g.StorageEncryptionType } : {}),
    ...(g.KmsKeyId ? { kmsKeyId: g.KmsKeyId } : {}),
    ...(g.EffectiveDurability ? { effectiveDurability: g.EffectiveDurability } : {}),
    memberClusterIds: g.MemberClusters ?? [],
  };
}

function toCluster(c: SdkCacheCluster, arn: ArnOf): CacheCluster {
  const id = c.CacheClusterId ?? '';
  return {
    id,
    arn: c.ARN ?? arn(`cluster:${id}`),
    engine: c.Engine ?? 'unknown',
    ...(c.EngineVersion ? { engineVersion: c.EngineVersion } : {}),
    status: c.CacheClusterStatus ?? 'unknown',
    ...(c.ReplicationGroupId ? { replicationGroupId: c.ReplicationGroupId } : {}),
    transitEncryptionEnabled: c.TransitEncryptionEnabled === true,
    ...(c.TransitEncryptionMode ? { transitEncryptionMode: c.TransitEncryptionMode } : {}),
    atRestEncryptionEnabled: c.AtRestEncryptionEnabled === true,
  };
}

function toServerless(s: SdkServerlessCache, arn: ArnOf): ServerlessCache {
  const name = s.ServerlessCacheName ?? '';
  return {
    name,
    arn: s.ARN ?? arn(`serverlesscache:${name}`),
    engine: s.Engine ?? 'unknown',
    status: s.Status ?? 'unknown',
    ...(s.KmsKeyId ? { kmsKeyId: s.KmsKeyId } : {}),
  };
}
