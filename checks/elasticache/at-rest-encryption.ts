import type { Check, CheckResult } from '../../src/evaluate/types';
import type { CacheReplicationGroup } from '../../src/inventory/types';
import { fail, pass } from '../../src/evaluate/results';
import { clusterLabel, clusterResource, eachCache, groupLabel, groupResource, serverlessLabel, serverlessResource } from './caches';

const check: Check = {
  id: 'elasticache.at-rest-encryption',
  title: 'ElastiCache caches encrypt their data at rest',
  severity: 'medium',
  hipaa: ['164.312(a)(2)(iv)'],
  controls: ['ElastiCache.4'],
  description:
    'Valkey and Redis OSS write cached ePHI to disk during replica sync, swap and backups, and keep backups in S3. ' +
    'At-rest encryption protects those copies with AES-256 under the ElastiCache service-managed key or a customer ' +
    'managed KMS key. Replication groups are judged on StorageEncryptionType, the effective state, where returned, ' +
    'else on AtRestEncryptionEnabled; groups with durability on are always encrypted at rest. Standalone Redis OSS ' +
    'nodes outside a replication group cannot be encrypted and fail. Memcached keeps data only in memory, with no ' +
    'backups or snapshots: ElastiCache offers no at-rest encryption for it and there is nothing at rest to encrypt, ' +
    'so Memcached clusters pass and say so. Serverless caches are always encrypted at rest and pass.',
  remediation: {
    text:
      'At-rest encryption can only be chosen when a cache is created: take a backup (`aws elasticache ' +
      'create-snapshot --replication-group-id <id> --snapshot-name <name>`), create a new replication group from it ' +
      'with `--at-rest-encryption-enabled` (and `--kms-key-id <key>` for a customer managed key), move the clients, ' +
      'then delete the old group.',
    url: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html',
  },
  reads: ['elasticache.replicationGroups', 'elasticache.cacheClusters', 'elasticache.serverlessCaches'],
  evaluate(inventory) {
    return eachCache(inventory, {
      group: (g, region) => judgeGroup(g, region),
      cluster: (c, region) => {
        const resource = clusterResource(c);
        const label = clusterLabel(c);
        if (c.engine === 'memcached') {
          return pass(region, resource, `${label}: Memcached keeps data only in memory and has no backups or snapshots, so there is no data at rest to encrypt (ElastiCache offers no at-rest encryption for Memcached)`);
        }
        return c.atRestEncryptionEnabled
          ? pass(region, resource, `${label}: encrypted at rest (AtRestEncryptionEnabled true)`)
          : fail(region, resource, `${label}: not encrypted at rest (AtRestEncryptionEnabled false); a standalone node cannot be, only a replication group can`);
      },
      serverless: (s, region) =>
        pass(
          region,
          serverlessResource(s),
          `${serverlessLabel(s)}: always encrypted at rest, with ${s.kmsKeyId ? `customer managed KMS key ${s.kmsKeyId}` : 'the ElastiCache default key (no customer managed key chosen)'}`,
        ),
    });
  },
};

function judgeGroup(g: CacheReplicationGroup, region: string): CheckResult {
  const resource = groupResource(g);
  const label = groupLabel(g);
  const key = g.kmsKeyId ? `customer managed KMS key ${g.kmsKeyId}` : 'the ElastiCache service-managed key';
  // StorageEncryptionType is the effective state; AtRestEncryptionEnabled can be false on a group that is encrypted.
  switch (g.storageEncryptionType) {
    case 'sse-kms':
      return pass(region, resource, `${label}: encrypted at rest with ${g.kmsKeyId ? `customer managed KMS key ${g.kmsKeyId}` : 'a customer managed KMS key'} (StorageEncryptionType sse-kms)`);
    case 'sse-elasticache':
      return pass(region, resource, `${label}: encrypted at rest with the ElastiCache service-managed key (StorageEncryptionType sse-elasticache)`);
    case 'none':
      return fail(region, resource, `${label}: not encrypted at rest (StorageEncryptionType none): disk data written during sync, swap and backups, and its backups, are in plaintext`);
    default:
  }
  if (g.atRestEncryptionEnabled) return pass(region, resource, `${label}: encrypted at rest with ${key} (AtRestEncryptionEnabled true)`);
  if (g.effectiveDurability === 'sync' || g.effectiveDurability === 'async') {
    return pass(region, resource, `${label}: encrypted at rest, as every group with durability on is (EffectiveDurability ${g.effectiveDurability}; AtRestEncryptionEnabled false)`);
  }
  return fail(region, resource, `${label}: not encrypted at rest (AtRestEncryptionEnabled false): disk data written during sync, swap and backups, and its backups, are in plaintext`);
}

export default check;
