import check from '../../../checks/elasticache/at-rest-encryption';
import { checkContext, denied, failed, inventory, ok, statuses } from '../../support/inventory';
import { cacheCluster, elasticacheRegion as region, replicationGroup, serverlessCache } from '../../support/builders/elasticache';

const KEY = 'arn:aws:kms:us-east-1:111122223333:key/k1';
const run = (data: ReturnType<typeof region>) => check.evaluate(inventory({ elasticache: { 'us-east-1': data } }), checkContext());
const message = (results: ReturnType<typeof run>, id: string) => results.find((r) => r.resource.id === id)?.message;

describe('elasticache.at-rest-encryption', () => {
  it('judges groups on StorageEncryptionType, the effective state, and names the key', () => {
    const results = run(
      region({
        replicationGroups: ok([
          replicationGroup('kms', { storageEncryptionType: 'sse-kms', kmsKeyId: KEY }),
          replicationGroup('service-key'),
          // AtRestEncryptionEnabled can lag the effective state; StorageEncryptionType wins both ways.
          replicationGroup('effective', { atRestEncryptionEnabled: false, storageEncryptionType: 'sse-elasticache' }),
          replicationGroup('plain', { atRestEncryptionEnabled: true, storageEncryptionType: 'none' }),
        ]),
      }),
    );
    expect(statuses(results)).toEqual({ 'us-east-1/kms': 'PASS', 'us-east-1/service-key': 'PASS', 'us-east-1/effective': 'PASS', 'us-east-1/plain': 'FAIL' });
    expect(message(results, 'kms')).toBe(`replication group kms (Valkey): encrypted at rest with customer managed KMS key ${KEY} (StorageEncryptionType sse-kms)`);
    expect(message(results, 'service-key')).toBe('replication group service-key (Valkey): encrypted at rest with the ElastiCache service-managed key (StorageEncryptionType sse-elasticache)');
    expect(message(results, 'plain')).toBe(
      'replication group plain (Valkey): not encrypted at rest (StorageEncryptionType none): disk data written during sync, swap and backups, and its backups, are in plaintext',
    );
  });

  it('falls back on AtRestEncryptionEnabled, then on durability, when StorageEncryptionType is not returned', () => {
    const results = run(
      region({
        replicationGroups: ok([
          replicationGroup('flag-kms', { storageEncryptionType: undefined, kmsKeyId: KEY }),
          replicationGroup('flag-default', { storageEncryptionType: undefined }),
          replicationGroup('durable', { storageEncryptionType: undefined, atRestEncryptionEnabled: false, effectiveDurability: 'sync' }),
          replicationGroup('off', { engine: 'redis', storageEncryptionType: undefined, atRestEncryptionEnabled: false, effectiveDurability: 'disabled' }),
        ]),
      }),
    );
    expect(statuses(results)).toEqual({ 'us-east-1/flag-kms': 'PASS', 'us-east-1/flag-default': 'PASS', 'us-east-1/durable': 'PASS', 'us-east-1/off': 'FAIL' });
    expect(message(results, 'flag-kms')).toBe(`replication group flag-kms (Valkey): encrypted at rest with customer managed KMS key ${KEY} (AtRestEncryptionEnabled true)`);
    expect(message(results, 'flag-default')).toBe('replication group flag-default (Valkey): encrypted at rest with the ElastiCache service-managed key (AtRestEncryptionEnabled true)');
    expect(message(results, 'durable')).toBe('replication group durable (Valkey): encrypted at rest, as every group with durability on is (EffectiveDurability sync; AtRestEncryptionEnabled false)');
    expect(message(results, 'off')).toMatch(/^replication group off \(Redis OSS\): not encrypted at rest \(AtRestEncryptionEnabled false\)/);
  });

  it('passes Memcached, which has no data at rest, and says so; fails standalone Redis OSS nodes; skips members', () => {
    const results = run(
      region({
        cacheClusters: ok([
          cacheCluster('mc'),
          cacheCluster('redis-node', { engine: 'redis', engineVersion: '7.1.0' }),
          cacheCluster('g-001', { engine: 'valkey', replicationGroupId: 'g' }),
        ]),
      }),
    );
    expect(statuses(results)).toEqual({ 'us-east-1/mc': 'PASS', 'us-east-1/redis-node': 'FAIL' });
    expect(message(results, 'mc')).toBe(
      'cache cluster mc (Memcached 1.6.22): Memcached keeps data only in memory and has no backups or snapshots, so there is no data at rest to encrypt (ElastiCache offers no at-rest encryption for Memcached)',
    );
    expect(message(results, 'redis-node')).toBe(
      'cache cluster redis-node (Redis OSS 7.1.0, not in a replication group): not encrypted at rest (AtRestEncryptionEnabled false); a standalone node cannot be, only a replication group can',
    );
  });

  it('passes serverless caches, always encrypted, naming a customer managed key when there is one', () => {
    const results = run(region({ serverlessCaches: ok([serverlessCache('feed'), serverlessCache('claims', { kmsKeyId: KEY }), serverlessCache('gone', { status: 'deleting' })]) }));
    expect(statuses(results)).toEqual({ 'us-east-1/feed': 'PASS', 'us-east-1/claims': 'PASS' });
    expect(message(results, 'feed')).toBe('serverless cache feed (Valkey): always encrypted at rest, with the ElastiCache default key (no customer managed key chosen)');
    expect(message(results, 'claims')).toBe(`serverless cache claims (Valkey): always encrypted at rest, with customer managed KMS key ${KEY}`);
  });

  it('reports one ERROR naming every listing that failed', () => {
    const results = run(
      region({ replicationGroups: failed(denied('elasticache', 'DescribeReplicationGroups')), serverlessCaches: failed(denied('elasticache', 'DescribeServerlessCaches')) }),
    );
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ status: 'ERROR', resource: { type: 'AwsAccount' } });
    expect(results[0]?.message).toMatch(/replication groups in us-east-1 \(elasticache DescribeReplicationGroups\): AccessDenied.*serverless caches in us-east-1 \(elasticache DescribeServerlessCaches\): AccessDenied/);
  });
});
