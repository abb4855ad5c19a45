/**
 * Which resources in an inventory name a KMS key: what a key scheduled for deletion still encrypts. A pure helper
 * for kms.keys-not-pending-deletion, not a check.
 *
 * Fields read (one entry in KEY_USE_SOURCES each; add a service by adding an entry):
 * - ec2.<region>.volumes[].kmsKeyId                    EBS volumes
 * - ec2.<region>.ebsEncryptionByDefault.kmsKeyId        the EBS default key (new encrypted volumes)
 * - rds.<region>.instances[].kmsKeyId                   RDS DB instances (cluster members are judged at their cluster)
 * - rds.<region>.clusters[].kmsKeyId                    RDS / Aurora DB clusters
 * - s3.buckets[].encryption.rules[].kmsMasterKeyId      S3 default encryption (in the bucket's region)
 * - cloudtrail.<region>.trails[].kmsKeyId               CloudTrail log encryption
 * - backup.<region>.vaults[].encryptionKeyArn           AWS Backup vaults
 *
 * Those fields hold a key ARN, a key id, an alias name (`alias/x`) or an alias ARN. ARNs are compared with the
 * key's own region and account; a bare id or alias name refers to a key of the resource's own region and account
 * (a multi-Region key has the same id in every region).
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

/** Collects per-region uses over a regional section; null when no region had the data. */
function perRegion<S, T>(section: Record<string, S> | undefined, pick: (data: S) => Read<T> | undefined, uses: (value: T, region: string) => KeyUse[]): KeyUse[] | null {
  let seen = false;
  const out: KeyUse[] = [];
  for (const [region, data] of Object.entries(section ?? {})) {
    const value = valueOf(pick(data));
    if (value === undefined) continue;
    seen = true;
    out.push(...uses(value, region));
  }
  return seen ? out : null;
}

const use = (what: string, region: string, keyRef: string | undefined): KeyUse[] => (keyRef ? [{ what, region, keyRef }] : []);

export const KEY_USE_SOURCES: readonly Source[] = [
  {
    name: 'EBS volumes',
    uses: (inv) => perRegion(inv.ec2, (d) => d.volumes, (volumes, region) => volumes.flatMap((v) => use(`EBS volume ${v.volumeId}`, region, v.kmsKeyId))),
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
