import check from '../../../checks/elasticache/in-transit-encryption';
import { checkContext, denied, failed, inventory, ok, statuses } from '../../support/inventory';
import { cacheCluster, elasticacheRegion as region, replicationGroup, serverlessCache } from '../../support/builders/elasticache';

const run = (data: ReturnType<typeof region>, regions = ['us-east-1']) =>
  check.evaluate(inventory({ regions, elasticache: { 'us-east-1': data } }), checkContext());
const message = (results: ReturnType<typeof run>, id: string) => results.find((r) => r.resource.id === id)?.message;

describe('elasticache.in-transit-encryption', () => {
  it('passes a group that requires TLS and fails one with in-transit encryption off', () => {
    const results = run(region({ replicationGroups: ok([replicationGroup('sessions'), replicationGroup('phi-cache', { transitEncryptionEnabled: false, transitEncryptionMode: undefined })]) }));
    expect(statuses(results)).toEqual({ 'us-east-1/sessions': 'PASS', 'us-east-1/phi-cache': 'FAIL' });
    expect(message(results, 'sessions')).toBe('replication group sessions (Valkey): in-transit encryption is on and required (TransitEncryptionMode required): only TLS connections are accepted');
    expect(message(results, 'phi-cache')).toBe('replication group phi-cache (Valkey): in-transit encryption is off (TransitEncryptionEnabled false): data crosses the network in plaintext');
    expect(results[0]?.resource).toEqual({ type: 'AwsElastiCacheReplicationGroup', id: 'sessions', arn: 'arn:aws:elasticache:us-east-1:111122223333:replicationgroup:sessions' });
  });

  it('fails preferred mode, which still accepts plaintext connections', () => {
    const [only] = run(region({ replicationGroups: ok([replicationGroup('migrating', { engine: 'redis', transitEncryptionMode: 'preferred' })]) }));
    expect(only?.status).toBe('FAIL');
    expect(only?.message).toContain('replication group migrating (Redis OSS): in-transit encryption is on in preferred mode (TransitEncryptionMode preferred), which still accepts unencrypted connections');
  });

  it('passes TLS without a mode (groups from before the modes accept only TLS) and says why', () => {
    const [only] = run(region({ replicationGroups: ok([replicationGroup('old', { engine: undefined, transitEncryptionMode: undefined })]) }));
    expect(only?.status).toBe('PASS');
    expect(only?.message).toBe('replication group old (Redis OSS): in-transit encryption is on (TransitEncryptionEnabled true, no TransitEncryptionMode returned: TLS is required, as before the migration modes existed)');
  });

  it('reports a mode it does not know as ERROR rather than guess', () => {
    const [only] = run(region({ replicationGroups: ok([replicationGroup('g', { transitEncryptionMode: 'opportunistic' })]) }));
    expect(only?.status).toBe('ERROR');
    expect(only?.message).toContain('TransitEncryptionMode opportunistic');
  });

  it('judges members at their group, and Memcached and standalone Redis OSS clusters on their own', () => {
    const results = run(
      region({
        replicationGroups: ok([replicationGroup('sessions')]),
        cacheClusters: ok([
          // A member reports its own flags; its group decides.
          cacheCluster('sessions-001', { engine: 'valkey', replicationGroupId: 'sessions', transitEncryptionEnabled: false }),
          cacheCluster('mc-tls'),
          cacheCluster('mc-plain', { engineVersion: '1.6.17', transitEncryptionEnabled: false }),
          cacheCluster('mc-old', { engineVersion: '1.6.6', transitEncryptionEnabled: false }),
          cacheCluster('redis-node', { engine: 'redis', engineVersion: '6.2.6', transitEncryptionEnabled: false }),
          cacheCluster('mc-leaving', { status: 'deleting', transitEncryptionEnabled: false }),
        ]),
      }),
    );
    expect(statuses(results)).toEqual({
      'us-east-1/sessions': 'PASS',
      'us-east-1/mc-tls': 'PASS',
      'us-east-1/mc-plain': 'FAIL',
      'us-east-1/mc-old': 'FAIL',
      'us-east-1/redis-node': 'FAIL',
    });
    expect(message(results, 'mc-tls')).toBe(
      'cache cluster mc-tls (Memcached 1.6.22): in-transit encryption is on (TransitEncryptionEnabled true; Memcached has no migration mode: with TLS on it accepts only TLS connections)',
    );
    expect(message(results, 'mc-plain')).toBe('cache cluster mc-plain (Memcached 1.6.17): in-transit encryption is off (TransitEncryptionEnabled false): data crosses the network in plaintext');
    expect(message(results, 'mc-old')).toBe('cache cluster mc-old (Memcached 1.6.6): in-transit encryption is off, and Memcached supports it only from version 1.6.12: upgrade the engine, then recreate the cluster with it');
    expect(message(results, 'redis-node')).toBe(
      'cache cluster redis-node (Redis OSS 6.2.6, not in a replication group): in-transit encryption is off (TransitEncryptionEnabled false): data crosses the network in plaintext; only replication groups offer it to Valkey and Redis OSS',
    );
  });

  it('passes serverless caches, which always encrypt in transit', () => {
    const [only] = run(region({ serverlessCaches: ok([serverlessCache('cart', { engine: 'redis' })]) }));
    expect(only).toMatchObject({ status: 'PASS', resource: { type: 'Other', id: 'cart' } });
    expect(only?.message).toBe('serverless cache cart (Redis OSS): in-transit encryption is always on for serverless caches, which accept only TLS connections');
  });

  it('reports one ERROR naming the listing that failed and still judges the others', () => {
    const results = run(region({ replicationGroups: ok([replicationGroup('sessions')]), cacheClusters: failed(denied('elasticache', 'DescribeCacheClusters')) }));
    expect(statuses(results)).toEqual({ 'us-east-1/sessions': 'PASS', 'us-east-1/111122223333': 'ERROR' });
    expect(results[1]?.message).toMatch(
      /^could not read ElastiCache cache clusters in us-east-1 \(elasticache DescribeCacheClusters\): AccessDenied: .*\. Fix: allow elasticache:DescribeCacheClusters for the auditing identity \(the AWS managed SecurityAudit policy includes it/,
    );
  });

  it('reports ERROR for a listing the inventory does not hold, and for a region without ElastiCache data', () => {
    const [notRead] = run({ replicationGroups: ok([]), cacheClusters: ok([]) });
    expect(notRead).toMatchObject({ status: 'ERROR', message: expect.stringContaining('ElastiCache serverless caches in us-east-1 (elasticache DescribeServerlessCaches): NotCollected') });
    const results = run(region(), ['us-east-1', 'eu-west-1']);
    expect(statuses(results)).toEqual({ 'eu-west-1/111122223333': 'ERROR' });
  });
});
