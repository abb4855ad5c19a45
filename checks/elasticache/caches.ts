import type { CheckResult, ResourceRef } from '../../src/evaluate/types';
import { collectLists, eachRegion, judgeList, readOf } from '../../src/evaluate/results';
import type { CacheCluster, CacheReplicationGroup, Inventory, ServerlessCache } from '../../src/inventory/types';

/** Resources on their way out hold nothing left to protect. */
const GONE = new Set(['deleting', 'deleted']);

export interface CacheJudges {
  group: (g: CacheReplicationGroup, region: string) => CheckResult;
  /** Only clusters outside any replication group: members are judged at their group. */
  cluster: (c: CacheCluster, region: string) => CheckResult;
  serverless: (s: ServerlessCache, region: string) => CheckResult;
}

/** The engine as AWS names it in documentation. */
export function engineName(engine: string | undefined): string {
  if (engine === undefined || engine === 'redis') return 'Redis OSS';
  if (engine === 'valkey') return 'Valkey';
  if (engine === 'memcached') return 'Memcached';
  return engine;
}

export const groupResource = (g: CacheReplicationGroup): ResourceRef => ({ type: 'AwsElastiCacheReplicationGroup', id: g.id, arn: g.arn });
export const clusterResource = (c: CacheCluster): ResourceRef => ({ type: 'AwsElastiCacheCacheCluster', id: c.id, arn: c.arn });
export const serverlessResource = (s: ServerlessCache): ResourceRef => ({ type: 'Other', id: s.name, arn: s.arn });

export const groupLabel = (g: CacheReplicationGroup) => `replication group ${g.id} (${engineName(g.engine)})`;
export const clusterLabel = (c: CacheCluster) =>
  `cache cluster ${c.id} (${engineName(c.engine)}${c.engineVersion ? ` ${c.engineVersion}` : ''}${c.engine === 'memcached' ? '' : ', not in a replication group'})`;
export const serverlessLabel = (s: ServerlessCache) => `serverless cache ${s.name} (${engineName(s.engine)})`;

/** Whether a dotted version (1.6.12) is at least `minimum`; false when it cannot be read. */
export function versionAtLeast(version: string | undefined, minimum: readonly number[]): boolean {
  if (version === undefined || !/^\d+(\.\d+)*$/.test(version)) return false;
  const parts = version.split('.').map(Number);
  for (let i = 0; i < minimum.length; i += 1) {
    const have = parts[i] ?? 0;
    const need = minimum[i] ?? 0;
    if (have !== need) return have > need;
  }
  return true;
}

/**
 * Every replication group, standalone cache cluster and serverless cache of every audited region, judged. A list
 * that could not be read yields one ERROR for the account in the region naming it; the others are still judged.
 */
export function eachCache(inventory: Inventory, judges: CacheJudges): CheckResult[] {
  return eachRegion(inventory, 'elasticache', inventory.elasticache, (data, region) =>
    collectLists(inventory, region, [
      judgeList(readOf(data.replicationGroups, 'elasticache', region, 'DescribeReplicationGroups'), `ElastiCache replication groups in ${region}`, (g) =>
        GONE.has(g.status) ? undefined : judges.group(g, region),
      ),
      judgeList(readOf(data.cacheClusters, 'elasticache', region, 'DescribeCacheClusters'), `ElastiCache cache clusters in ${region}`, (c) =>
        GONE.has(c.status) || c.replicationGroupId !== undefined ? undefined : judges.cluster(c, region),
      ),
      judgeList(readOf(data.serverlessCaches, 'elasticache', region, 'DescribeServerlessCaches'), `ElastiCache serverless caches in ${region}`, (s) =>
        GONE.has(s.status) ? undefined : judges.serverless(s, region),
      ),
    ]),
  );
}
