import type { Check, CheckResult, ResourceRef } from '../../src/evaluate/types';
import { fail, pass, result } from '../../src/evaluate/results';
import { clusterLabel, clusterResource, eachCache, groupLabel, groupResource, serverlessLabel, serverlessResource, versionAtLeast } from './caches';

/** Why TLS without a TransitEncryptionMode means TLS only, for Valkey and Redis OSS. */
const NO_MODE = 'TransitEncryptionEnabled true, no TransitEncryptionMode returned: TLS is required, as before the migration modes existed';

/** Memcached offers in-transit encryption from this version on. */
const MEMCACHED_TLS_SINCE = [1, 6, 12] as const;

const check: Check = {
  id: 'elasticache.in-transit-encryption',
  title: 'ElastiCache caches accept only TLS connections',
  severity: 'high',
  hipaa: ['164.312(e)(1)', '164.312(e)(2)(ii)'],
  controls: ['ElastiCache.5'],
  description:
    'Caches hold copies of ePHI read from the databases behind them. Without in-transit encryption, every client ' +
    'request, reply and replication stream crosses the network in plaintext, readable by anything on the path. A ' +
    'Valkey or Redis OSS replication group passes when TransitEncryptionEnabled is true and its TransitEncryptionMode ' +
    'is required (or absent: groups from before the modes accept only TLS); preferred mode, meant for migrating ' +
    'clients, still accepts plaintext connections and fails. Standalone Memcached clusters are judged alike ' +
    '(Memcached supports TLS from 1.6.12); standalone Redis OSS nodes outside a replication group cannot use TLS and ' +
    'fail; members of a replication group are judged at their group. Serverless caches always encrypt in transit ' +
    'and pass.',
  remediation: {
    text:
      'Valkey / Redis OSS 7+: `aws elasticache modify-replication-group --replication-group-id <id> ' +
      '--transit-encryption-enabled --transit-encryption-mode preferred --apply-immediately`, move every client to TLS, ' +
      'then `--transit-encryption-mode required`. Older engines and Memcached: create a new cluster with ' +
      '`--transit-encryption-enabled` (Memcached 1.6.12 or later) and move the clients to it.',
    url: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption.html',
  },
  reads: ['elasticache.replicationGroups', 'elasticache.cacheClusters', 'elasticache.serverlessCaches'],
  evaluate(inventory) {
    return eachCache(inventory, {
      group: (g, region) => judge(region, groupResource(g), groupLabel(g), g.transitEncryptionEnabled, g.transitEncryptionMode, '', NO_MODE),
      cluster: (c, region) => {
        const resource = clusterResource(c);
        const label = clusterLabel(c);
        if (c.engine === 'memcached' && !c.transitEncryptionEnabled && !versionAtLeast(c.engineVersion, MEMCACHED_TLS_SINCE)) {
          return fail(region, resource, `${label}: in-transit encryption is off, and Memcached supports it only from version 1.6.12: upgrade the engine, then recreate the cluster with it`);
        }
        if (c.engine === 'memcached') {
          return judge(region, resource, label, c.transitEncryptionEnabled, c.transitEncryptionMode, '', 'TransitEncryptionEnabled true; Memcached has no migration mode: with TLS on it accepts only TLS connections');
        }
        return judge(region, resource, label, c.transitEncryptionEnabled, c.transitEncryptionMode, '; only replication groups offer it to Valkey and Redis OSS', NO_MODE);
      },
      serverless: (s, region) =>
        pass(region, serverlessResource(s), `${serverlessLabel(s)}: in-transit encryption is always on for serverless caches, which accept only TLS connections`),
    });
  },
};

function judge(region: string, resource: ResourceRef, label: string, enabled: boolean, mode: string | undefined, offNote: string, noMode: string): CheckResult {
  if (!enabled) return fail(region, resource, `${label}: in-transit encryption is off (TransitEncryptionEnabled false): data crosses the network in plaintext${offNote}`);
  if (mode === 'preferred') {
    return fail(region, resource, `${label}: in-transit encryption is on in preferred mode (TransitEncryptionMode preferred), which still accepts unencrypted connections: set the mode to required once every client uses TLS`);
  }
  if (mode === 'required') return pass(region, resource, `${label}: in-transit encryption is on and required (TransitEncryptionMode required): only TLS connections are accepted`);
  if (mode === undefined) {
    return pass(region, resource, `${label}: in-transit encryption is on (${noMode})`);
  }
  return result('ERROR', region, resource, `${label}: in-transit encryption is on with TransitEncryptionMode ${mode}, a mode this check does not know: whether plaintext connections are still accepted cannot be judged`);
}

export default check;
