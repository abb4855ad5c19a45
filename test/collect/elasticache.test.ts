import {
  DescribeCacheClustersCommand,
  DescribeReplicationGroupsCommand,
  DescribeServerlessCachesCommand,
  ElastiCacheClient,
} from '@aws-sdk/client-elasticache';
import { mockClient } from 'aws-sdk-client-mock';
import { elasticacheCollector } from '../../src/collect/elasticache';
import { awsError, collectContext } from '../support/inventory';
import { tokenPages } from '../support/pages';

const ec = mockClient(ElastiCacheClient);
beforeEach(() => ec.reset());

const arn = (kind: string, id: string) => `arn:aws:elasticache:us-east-1:111122223333:${kind}:${id}`;

function emptyRegion(): void {
  ec.on(DescribeReplicationGroupsCommand).resolves({ ReplicationGroups: [] });
  ec.on(DescribeCacheClustersCommand).resolves({ CacheClusters: [] });
  ec.on(DescribeServerlessCachesCommand).resolves({ ServerlessCaches: [] });
}

describe('elasticache collector', () => {
  it('follows every listing page by its own token and maps encryption settings as returned', async () => {
    const groups = tokenPages('Marker', [
      [
        undefined,
        {
          Marker: 'g2',
          ReplicationGroups: [
            {
              ReplicationGroupId: 'sessions',
              ARN: arn('replicationgroup', 'sessions'),
              Engine: 'valkey',
              Status: 'available',
              TransitEncryptionEnabled: true,
              TransitEncryptionMode: 'required',
              AtRestEncryptionEnabled: true,
              StorageEncryptionType: 'sse-kms',
              KmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/k1',
              EffectiveDurability: 'disabled',
              MemberClusters: ['sessions-001', 'sessions-002'],
            },
          ],
        },
      ],
      // An older group: no Engine, no mode, no flags at all (absent means false).
      ['g2', { ReplicationGroups: [{ ReplicationGroupId: 'legacy', ARN: arn('replicationgroup', 'legacy'), Status: 'available' }] }],
    ]);
    const clusters = tokenPages('Marker', [
      [undefined, { Marker: 'c2', CacheClusters: [{ CacheClusterId: 'sessions-001', ARN: arn('cluster', 'sessions-001'), Engine: 'valkey', CacheClusterStatus: 'available', ReplicationGroupId: 'sessions', TransitEncryptionEnabled: true }] }],
      ['c2', { CacheClusters: [{ CacheClusterId: 'mc', ARN: arn('cluster', 'mc'), Engine: 'memcached', EngineVersion: '1.6.22', CacheClusterStatus: 'available', TransitEncryptionEnabled: true }] }],
    ]);
    const serverless = tokenPages('NextToken', [
      [undefined, { NextToken: 's2', ServerlessCaches: [{ ServerlessCacheName: 'cart', ARN: arn('serverlesscache', 'cart'), Engine: 'redis', Status: 'available' }] }],
      ['s2', { ServerlessCaches: [{ ServerlessCacheName: 'feed', ARN: arn('serverlesscache', 'feed'), Engine: 'valkey', Status: 'available', KmsKeyId: 'k2' }] }],
    ]);
    ec.on(DescribeReplicationGroupsCommand).callsFake(groups.fake);
    ec.on(DescribeCacheClustersCommand).callsFake(clusters.fake);
    ec.on(DescribeServerlessCachesCommand).callsFake(serverless.fake);
    const ctx = collectContext();
    const data = await elasticacheCollector.collect(ctx, 'us-east-1');

    expect(groups.inputs).toEqual([{}, { Marker: 'g2' }]);
    expect(clusters.inputs).toEqual([{}, { Marker: 'c2' }]);
    expect(serverless.inputs).toEqual([{}, { NextToken: 's2' }]);
    expect(data.replicationGroups).toEqual({
      ok: true,
      value: [
        {
          id: 'sessions',
          arn: arn('replicationgroup', 'sessions'),
          engine: 'valkey',
          status: 'available',
          transitEncryptionEnabled: true,
          transitEncryptionMode: 'required',
          atRestEncryptionEnabled: true,
          storageEncryptionType: 'sse-kms',
          kmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/k1',
          effectiveDurability: 'disabled',
          memberClusterIds: ['sessions-001', 'sessions-002'],
        },
        { id: 'legacy', arn: arn('replicationgroup', 'legacy'), status: 'available', transitEncryptionEnabled: false, atRestEncryptionEnabled: false, memberClusterIds: [] },
      ],
    });
    expect(data.cacheClusters).toEqual({
      ok: true,
      value: [
        { id: 'sessions-001', arn: arn('cluster', 'sessions-001'), engine: 'valkey', status: 'available', replicationGroupId: 'sessions', transitEncryptionEnabled: true, atRestEncryptionEnabled: false },
        { id: 'mc', arn: arn('cluster', 'mc'), engine: 'memcached', engineVersion: '1.6.22', status: 'available', transitEncryptionEnabled: true, atRestEncryptionEnabled: false },
      ],
    });
    expect(data.serverlessCaches).toEqual({
      ok: true,
      value: [
        { name: 'cart', arn: arn('serverlesscache', 'cart'), engine: 'redis', status: 'available' },
        { name: 'feed', arn: arn('serverlesscache', 'feed'), engine: 'valkey', status: 'available', kmsKeyId: 'k2' },
      ],
    });
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
    // Bulk listings only: nothing is read per cache.
    expect(ctx.aws.apiCalls.byOperation()).toEqual({
      'elasticache:DescribeReplicationGroups': 2,
      'elasticache:DescribeCacheClusters': 2,
      'elasticache:DescribeServerlessCaches': 2,
    });
  });

  it('records a denied listing for its part only; the other listings are still read', async () => {
    emptyRegion();
    ec.on(DescribeServerlessCachesCommand).rejects(awsError('AccessDenied', 'not authorized to perform elasticache:DescribeServerlessCaches', 403));
    const data = await elasticacheCollector.collect(collectContext(), 'eu-west-1');
    expect(data.serverlessCaches).toEqual({
      ok: false,
      error: { service: 'elasticache', region: 'eu-west-1', operation: 'DescribeServerlessCaches', code: 'AccessDenied', message: 'not authorized to perform elasticache:DescribeServerlessCaches' },
    });
    expect(data.replicationGroups).toEqual({ ok: true, value: [] });
    expect(data.cacheClusters).toEqual({ ok: true, value: [] });
  });

  it('takes an answer without its list for an incomplete answer, not for an empty region', async () => {
    ec.onAnyCommand().resolves({});
    const data = await elasticacheCollector.collect(collectContext(), 'us-east-1');
    for (const [read, operation, list] of [
      [data.replicationGroups, 'DescribeReplicationGroups', 'ReplicationGroups'],
      [data.cacheClusters, 'DescribeCacheClusters', 'CacheClusters'],
      [data.serverlessCaches, 'DescribeServerlessCaches', 'ServerlessCaches'],
    ] as const) {
      expect(read).toEqual({ ok: false, error: { service: 'elasticache', region: 'us-east-1', operation, code: 'IncompleteAnswer', message: `the answer lacks ${list}, which AWS always returns` } });
    }
  });

  it('makes only the reads a run wants', async () => {
    emptyRegion();
    const ctx = collectContext(['us-east-1'], ['elasticache.replicationGroups']);
    const data = await elasticacheCollector.collect(ctx, 'us-east-1');
    expect(data).toEqual({ replicationGroups: { ok: true, value: [] }, cacheClusters: undefined, serverlessCaches: undefined });
    expect(ctx.aws.apiCalls.byOperation()).toEqual({ 'elasticache:DescribeReplicationGroups': 1 });
    const none = collectContext(['us-east-1'], ['s3.buckets']);
    await elasticacheCollector.collect(none, 'us-east-1');
    expect(ec.calls()).toHaveLength(1);
  });

  it('builds ARNs from the partition when the answer omits them', async () => {
    emptyRegion();
    ec.on(DescribeReplicationGroupsCommand).resolves({ ReplicationGroups: [{ ReplicationGroupId: 'g' }] });
    ec.on(DescribeCacheClustersCommand).resolves({ CacheClusters: [{ CacheClusterId: 'c', Engine: 'memcached' }] });
    ec.on(DescribeServerlessCachesCommand).resolves({ ServerlessCaches: [{ ServerlessCacheName: 's' }] });
    const data = await elasticacheCollector.collect({ ...collectContext(['us-gov-west-1']), partition: 'aws-us-gov' }, 'us-gov-west-1');
    const prefix = 'arn:aws-us-gov:elasticache:us-gov-west-1:111122223333';
    expect(data.replicationGroups!.ok && data.replicationGroups!.value[0]?.arn).toBe(`${prefix}:replicationgroup:g`);
    expect(data.cacheClusters!.ok && data.cacheClusters!.value[0]?.arn).toBe(`${prefix}:cluster:c`);
    expect(data.serverlessCaches!.ok && data.serverlessCaches!.value[0]?.arn).toBe(`${prefix}:serverlesscache:s`);
  });
});
