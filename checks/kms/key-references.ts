/**
 * Which resources in an inventory name a KMS key: what a key scheduled for deletion still encrypts. A pure helper
 * for kms.keys-not-pending-deletion, not a check.
 *
 * Fields read (one entry in KEY_USE_SOURCES each; add a service by adding an entry):
 * - ec2.<region>.volumes[].kmsKeyId                                EBS volumes
 * - ec2.<region>.snapshots[].kmsKeyId                              EBS snapshots
 * - ec2.<region>.ebsEncryptionByDefault.kmsKeyId                    the EBS default key (new encrypted volumes)
 * - rds.<region>.instances[].kmsKeyId                               RDS DB instances (cluster members are judged at their cluster)
 * - rds.<region>.clusters[].kmsKeyId                                RDS / Aurora DB clusters
 * - rds.<region>.snapshots[].kmsKeyId                               manual RDS DB snapshots
 * - rds.<region>.clusterSnapshots[].kmsKeyId                        manual RDS DB cluster snapshots
 * - s3.buckets[].encryption.rules[].kmsMasterKeyId                  S3 default encryption (in the bucket's region)
 * - dynamodb.<region>.tables[].details.sse.kmsKeyArn                DynamoDB tables (AWS managed or customer managed key)
 * - efs.<region>.fileSystems[].kmsKeyId                             EFS file systems
 * - elasticache.<region>.replicationGroups[].kmsKeyId               ElastiCache replication groups (member clusters hold no key of their own)
 * - elasticache.<region>.serverlessCaches[].kmsKeyId                ElastiCache serverless caches
 * - opensearch.<region>.domains[].kmsKeyId                          OpenSearch domains
 * - redshift.<region>.clusters[].kmsKeyId                           Redshift clusters
 * - sqs.<region>.queues[].attributes.kmsMasterKeyId                 SQS queues (SSE-KMS)
 * - sns.<region>.topics[].attributes.kmsMasterKeyId                 SNS topics
 * - logs.<region>.logGroups[].kmsKeyId                              CloudWatch Logs log groups
 * - cloudtrail.<region>.trails[].kmsKeyId                           CloudTrail log encryption
 * - backup.<region>.vaults[].encryptionKeyArn                       AWS Backup vaults
 * DAX is not a source: DAX encrypts at rest only with an AWS owned key, so a cluster names no KMS key.
 *
 * Those fields hold a key ARN, a key id, an alias name (`alias/x`, e.g. `alias/aws/sqs`) or an alias ARN. ARNs are
 * compared with the key's own region and account; a bare id or alias name refers to a key of the resource's own
 * region and account (a multi-Region key has the same id in every region). A source whose items carry the key in a
 * per-item read (DynamoDB tables, SQS queues, SNS topics) counts as searched in a region only when some of those
 * reads answered.
 */
import type { Inventory, KmsKey, Read } from '../../src/inventory/types';

/** A resource that names a key: what it is (for messages), its region, and the key reference as written. */
export interface KeyUse {
  what: string;
  region: string;
  keyRef: string;
}

interface Source {
  /** What the source covers, for "searched: ..." in messages. */
  name: string;
  /** Its uses, or null when the inventory holds none of its data (not collected, or every read failed). */
  uses(inventory: Inventory): KeyUse[] | null;
}

const valueOf = <T>(read: Read<T> | undefined): T | undefined => (read?.ok ? read.value : undefined);

/**
 * Collects per-region uses over a regional section; null when no region had the data. `uses` returns null for a
 * region whose list was read but holds none of the key fields (every per-item read failed, or an older inventory).
 */
function perRegion<S, T>(
  section: Record<string, S> | undefined,
  pick: (data: S) => Read<T> | undefined,
  uses: (value: T, region: string) => KeyUse[] | null,
): KeyUse[] | null {
  let seen = false;
  const out: KeyUse[] = [];
  for (const [region, data] of Object.entries(section ?? {})) {
    const value = valueOf(pick(data));
    if (value === undefined) continue;
    const found = uses(value, region);
    if (found === null) continue;
    seen = true;
    out.push(...found);
  }
  return seen ? out : null;
}

const use = (what: string, region: string, keyRef: string | undefined): KeyUse[] => (keyRef ? [{ what, region, keyRef }] : []);

/** Uses of items whose key is in a per-item read: null when the list is not empty and no item's read answered. */
function perItem<I, A>(items: readonly I[], read: (item: I) => Read<A> | undefined, uses: (item: I, value: A) => KeyUse[]): KeyUse[] | null {
  const answered = items.flatMap((i) => {
    const value = valueOf(read(i));
    return value === undefined ? [] : [{ item: i, value }];
  });
  if (answered.length === 0 && items.length > 0) return null;
  return answered.flatMap(({ item, value }) => uses(item, value));
}

/**
 * Uses of snapshots: null when encrypted snapshots exist and none carries its key (an inventory collected before the
 * key was kept), since the source was then not searched.
 */
function snapshotUses<T extends { encrypted: boolean; kmsKeyId?: string }>(snapshots: readonly T[], region: string, what: (s: T) => string): KeyUse[] | null {
  const encrypted = snapshots.filter((s) => s.encrypted);
  if (encrypted.length > 0 && encrypted.every((s) => s.kmsKeyId === undefined)) return null;
  return encrypted.flatMap((s) => use(what(s), region, s.kmsKeyId));
}

export const KEY_USE_SOURCES: readonly Source[] = [
  {
    name: 'EBS volumes',
    uses: (inv) => perRegion(inv.ec2, (d) => d.volumes, (volumes, region) => volumes.flatMap((v) => use(`EBS volume ${v.volumeId}`, region, v.kmsKeyId))),
  },
  {
    name: 'EBS snapshots',
    uses: (inv) => perRegion(inv.ec2, (d) => d.snapshots, (snapshots, region) => snapshotUses(snapshots, region, (s) => `EBS snapshot ${s.snapshotId}`)),
  },
  {
    name: 'the EBS default key',
    uses: (inv) => perRegion(inv.ec2, (d) => d.ebsEncryptionByDefault, (ebs, region) => use('the EBS default encryption key (new volumes)', region, ebs.kmsKeyId)),
  },
  {
    name: 'RDS DB instances',
    uses: (inv) =>
      perRegion(inv.rds, (d) => d.instances, (instances, region) =>
        instances.filter((i) => i.clusterId === undefined).flatMap((i) => use(`RDS DB instance ${i.id}`, region, i.kmsKeyId)),
      ),
  },
  {
    name: 'RDS DB clusters',
    uses: (inv) => perRegion(inv.rds, (d) => d.clusters, (clusters, region) => clusters.flatMap((c) => use(`RDS DB cluster ${c.id}`, region, c.kmsKeyId))),
  },
  {
    name: 'RDS DB snapshots',
    uses: (inv) => perRegion(inv.rds, (d) => d.snapshots, (snapshots, region) => snapshotUses(snapshots, region, (s) => `RDS DB snapshot ${s.id}`)),
  },
  {
    name: 'RDS DB cluster snapshots',
    uses: (inv) => perRegion(inv.rds, (d) => d.clusterSnapshots, (snapshots, region) => snapshotUses(snapshots, region, (s) => `RDS DB cluster snapshot ${s.id}`)),
  },
  {
    name: 'S3 default encryption',
    uses: (inv) => {
      const buckets = valueOf(inv.s3?.buckets);
      if (!buckets) return null;
      const read = buckets.filter((b) => b.encryption?.ok);
      if (read.length === 0 && buckets.length > 0) return null;
      return read.flatMap((b) => {
        const rules = b.encryption?.ok ? b.encryption.value?.rules ?? [] : [];
        return rules.flatMap((r) => use(`S3 bucket ${b.name} (default encryption)`, b.region, r.kmsMasterKeyId));
      });
    },
  },
  {
    name: 'DynamoDB tables',
    uses: (inv) =>
      perRegion(inv.dynamodb, (d) => d.tables, (tables, region) =>
        perItem(tables, (t) => t.details, (t, details) => use(`DynamoDB table ${t.name}`, region, details.sse?.kmsKeyArn)),
      ),
  },
  {
    name: 'EFS file systems',
    uses: (inv) =>
      perRegion(inv.efs, (d) => d.fileSystems, (fileSystems, region) =>
        fileSystems.flatMap((f) => use(`EFS file system ${f.id}${f.name ? ` (${f.name})` : ''}`, region, f.kmsKeyId)),
      ),
  },
  {
    name: 'ElastiCache replication groups',
    uses: (inv) =>
      perRegion(inv.elasticache, (d) => d.replicationGroups, (groups, region) => groups.flatMap((g) => use(`ElastiCache replication group ${g.id}`, region, g.kmsKeyId))),
  },
  {
    name: 'ElastiCache serverless caches',
    uses: (inv) =>
      perRegion(inv.elasticache, (d) => d.serverlessCaches, (caches, region) => caches.flatMap((c) => use(`ElastiCache serverless cache ${c.name}`, region, c.kmsKeyId))),
  },
  {
    name: 'OpenSearch domains',
    uses: (inv) => perRegion(inv.opensearch, (d) => d.domains, (domains, region) => domains.flatMap((d) => use(`OpenSearch domain ${d.name}`, region, d.kmsKeyId))),
  },
  {
    name: 'Redshift clusters',
    uses: (inv) => perRegion(inv.redshift, (d) => d.clusters, (clusters, region) => clusters.flatMap((c) => use(`Redshift cluster ${c.id}`, region, c.kmsKeyId))),
  },
  {
    name: 'SQS queues',
    uses: (inv) =>
      perRegion(inv.sqs, (d) => d.queues, (queues, region) => perItem(queues, (q) => q.attributes, (q, a) => use(`SQS queue ${q.name}`, region, a.kmsMasterKeyId))),
  },
  {
    name: 'SNS topics',
    uses: (inv) =>
      perRegion(inv.sns, (d) => d.topics, (topics, region) => perItem(topics, (t) => t.attributes, (t, a) => use(`SNS topic ${t.name}`, region, a.kmsMasterKeyId))),
  },
  {
    name: 'CloudWatch Logs log groups',
    uses: (inv) => perRegion(inv.logs, (d) => d.logGroups, (groups, region) => groups.flatMap((g) => use(`CloudWatch Logs log group ${g.name}`, region, g.kmsKeyId))),
  },
  {
    name: 'CloudTrail trails',
    uses: (inv) => perRegion(inv.cloudtrail, (d) => d.trails, (trails, region) => trails.flatMap((t) => use(`CloudTrail trail ${t.name} (log files)`, region, t.kmsKeyId))),
  },
  {
    name: 'AWS Backup vaults',
    uses: (inv) =>
      perRegion(inv.backup, (d) => d.vaults, (vaults, region) =>
        vaults.flatMap((v) => {
          const points = v.recoveryPoints === undefined ? '' : ` (${v.recoveryPoints} recovery point${v.recoveryPoints === 1 ? '' : 's'})`;
          return use(`AWS Backup vault ${v.name}${points}`, region, v.encryptionKeyArn);
        }),
      ),
  },
];

interface KmsArn {
  region: string;
  account: string;
  /** `key/<id>` or `alias/<name>` */
  resource: string;
}

function parseKmsArn(ref: string): KmsArn | undefined {
  const parts = ref.split(':');
  if (parts.length < 6 || parts[0] !== 'arn' || parts[2] !== 'kms') return undefined;
  return { region: parts[3] ?? '', account: parts[4] ?? '', resource: parts.slice(5).join(':') };
}

/** Whether `ref`, written on a resource in `resourceRegion` of `account`, names `key`. */
export function refersTo(ref: string, resourceRegion: string, account: string, key: Pick<KmsKey, 'keyId' | 'arn' | 'aliases'>): boolean {
  const own = parseKmsArn(key.arn);
  if (!own) return ref === key.arn;
  const names = (resource: string) => resource === `key/${key.keyId}` || (resource.startsWith('alias/') && key.aliases.includes(resource));
  const arn = parseKmsArn(ref);
  if (arn) return arn.region === own.region && arn.account === own.account && names(arn.resource);
  // A bare id or alias name is resolved in the caller's own region and account.
  if (resourceRegion !== own.region || account !== own.account) return false;
  return ref.startsWith('alias/') ? key.aliases.includes(ref) : ref === key.keyId;
}

/** The resources in the inventory that name `key`, and which sources were searched (held data). */
export function keyReferences(inventory: Inventory, key: Pick<KmsKey, 'keyId' | 'arn' | 'aliases'>): { uses: KeyUse[]; searched: string[] } {
  const uses: KeyUse[] = [];
  const searched: string[] = [];
  for (const source of KEY_USE_SOURCES) {
    const found = source.uses(inventory);
    if (found === null) continue;
    searched.push(source.name);
    uses.push(...found.filter((u) => refersTo(u.keyRef, u.region, inventory.accountId, key)));
  }
  return { uses, searched };
}
