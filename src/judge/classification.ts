/**
 * Where ePHI lives: which resources the account's own tags (or the config's ARN patterns) mark as holding ePHI.
 * One tag index is built per inventory (and config) from the Resource Groups Tagging API's listing of each audited
 * region (`tagging.resources`) and the tags collectors already hold (EC2 volumes, snapshots, instances, security
 * groups and VPCs, RDS instances and clusters, EFS file systems, Redshift clusters, IAM users and roles); evaluate()
 * and the ePHI checks share it. Tag keys and values compare case-insensitively; tag text is data, never a pattern.
 */
import { compileResourcePattern, type ResourceMatcher } from '../config/suppressions';
import type { ApiError, Inventory, Tags } from '../inventory/types';
import { parseArn } from './arn-resource';

export const CLASSIFICATIONS = ['ephi', 'not-ephi', 'unknown'] as const;
/** `unknown`: the resource's tags could not be read (and its own collector holds none). */
export type Classification = (typeof CLASSIFICATIONS)[number];

/** A tag that marks ePHI: its key, and the values that mean ePHI (both case-insensitive). */
export interface ClassificationTagRule {
  key: string;
  values: string[];
}

export interface ClassificationConfig {
  /** false: findings carry no classification, no severity is raised, the tags are not read for it. */
  enabled: boolean;
  /** A resource carrying one of these tags (with one of its values) holds ePHI; any of the keys classifies a resource. */
  tags: ClassificationTagRule[];
  /** Resources whose ARN matches one of these globs (or /regex/) hold ePHI whatever their tags. */
  arns: string[];
  /** A FAIL on an ePHI resource is raised one severity level. */
  raiseSeverity: boolean;
  /** ARN service namespaces treated as HIPAA eligible besides the shipped list (src/judge/hipaa-eligible-services.json). */
  eligibleServices: string[];
}

export const DEFAULT_CLASSIFICATION: ClassificationConfig = {
  enabled: true,
  tags: [
    { key: 'data-classification', values: ['phi', 'ephi'] },
    { key: 'phi', values: ['true', 'yes'] },
  ],
  arns: [],
  raiseSeverity: true,
  eligibleServices: [],
};

/** Why a resource was classified as it was. */
export type ClassifiedBy = { tag: { key: string; value: string } } | { arnPattern: string };

/** A resource's classification, its tags when known, and what decided. */
export interface ResourceClassification {
  classification: Classification;
  /** The resource's tags (tagging API and its own collector), when read; absent when they could not be. */
  tags?: Tags;
  /** The ePHI tag or ARN pattern that made it ePHI. */
  by?: ClassifiedBy;
  /** A tag with one of the configured classification keys, whatever its value (what account.ephi-stores-classified asks for). */
  classificationTag?: { key: string; value: string };
  /** For `unknown`: why the tags are not known. */
  reason?: string;
}

/** A resource whose tags are known, where it lives. */
export interface KnownResource {
  arn: string;
  /** Its region (`global` where it has none). */
  region: string;
  tags: Tags;
}

export interface TagIndex {
  readonly config: ClassificationConfig;
  /** Tags and classification of a resource; `region` places resources whose ARN names none (an S3 bucket's region). */
  lookup(arn: string, region?: string): ResourceClassification;
  /** Every resource whose tags are known (listed by the tagging API or held by its collector). */
  resources(): KnownResource[];
  /** Audited regions whose tags could not be read, with why (failed, or not in the inventory). */
  unreadRegions(): Map<string, ApiError>;
}

/** Services whose ARNs name no region but whose resources the tagging API lists in one region. */
const LISTED_IN: Readonly<Record<string, string>> = { cloudfront: 'us-east-1' };
/**
 * Services that hold no data and that GetResources does not list: their resources are not ePHI unless their own
 * collector's tags (IAM users and roles) or an ARN pattern say so.
 */
export const HOLDS_NO_DATA: ReadonlySet<string> = new Set(['iam', 'sts']);

const norm = (s: string): string => s.trim().toLowerCase();

/**
 * Matches tags against the configured rules: `ephi` is the first tag marking ePHI; `classified` a tag with any
 * configured key (the ePHI tag when there is one).
 */
export function matchTags(tags: Tags, config: ClassificationConfig): { ephi?: { key: string; value: string }; classified?: { key: string; value: string } } {
  const rules = config.tags.map((r) => ({ key: norm(r.key), values: new Set(r.values.map(norm)) }));
  let ephi: { key: string; value: string } | undefined;
  let classified: { key: string; value: string } | undefined;
  for (const [key, value] of Object.entries(tags)) {
    const rule = rules.find((r) => r.key === norm(key));
    if (!rule) continue;
    classified ??= { key, value };
    if (!ephi && rule.values.has(norm(value))) ephi = { key, value };
  }
  const tag = ephi ?? classified;
  return { ...(ephi ? { ephi } : {}), ...(tag ? { classified: tag } : {}) };
}

/** The tags collectors hold, by ARN (only reads that succeeded). */
function collectorTags(inventory: Inventory): KnownResource[] {
  const out: KnownResource[] = [];
  const add = (region: string, items: ReadonlyArray<{ arn: string; tags: Tags }> | undefined) => {
    for (const i of items ?? []) out.push({ arn: i.arn, region, tags: i.tags });
  };
  const value = <T>(read: { ok: true; value: T } | { ok: false } | undefined): T | undefined => (read?.ok ? read.value : undefined);
  for (const [region, r] of Object.entries(inventory.ec2 ?? {})) {
    add(region, value(r.volumes));
    add(region, value(r.snapshots));
    add(region, value(r.instances));
    add(region, value(r.securityGroups));
    add(region, value(r.vpcs));
  }
  for (const [region, r] of Object.entries(inventory.rds ?? {})) {
    add(region, value(r.instances));
    add(region, value(r.clusters));
  }
  for (const [region, r] of Object.entries(inventory.efs ?? {})) add(region, value(r.fileSystems));
  for (const [region, r] of Object.entries(inventory.redshift ?? {})) add(region, value(r.clusters));
  const auth = value(inventory.iam?.authorizationDetails);
  if (auth) {
    add('global', auth.users);
    add('global', auth.roles);
  }
  return out;
}

function buildIndex(inventory: Inventory, config: ClassificationConfig): TagIndex {
  const known = new Map<string, KnownResource>();
  const unread = new Map<string, ApiError>();
  for (const region of inventory.regions) {
    const read = inventory.tagging?.[region]?.resources;
    if (read?.ok) {
      for (const r of read.value) {
        // S3 buckets are listed in their own region, CloudFront distributions (global) in us-east-1.
        const arn = parseArn(r.arn);
        known.set(r.arn, { arn: r.arn, region: arn?.region || (arn && LISTED_IN[arn.service] ? 'global' : region), tags: r.tags });
      }
    } else {
      const recorded = inventory.errors.find((e) => e.service === 'tagging' && e.region === region);
      unread.set(
        region,
        read?.error ??
          recorded ?? { service: 'tagging', region, operation: 'GetResources', code: 'NotCollected', message: `the inventory holds no tags for ${region} (tagging.resources was not read)` },
      );
    }
  }
  // A collector's tags are read with the resource itself: they stand even where the tagging API failed.
  for (const c of collectorTags(inventory)) known.set(c.arn, { ...c, tags: { ...known.get(c.arn)?.tags, ...c.tags } });

  // An S3 bucket's ARN names no region: the bucket list knows it.
  const bucketRegion = new Map<string, string>();
  const buckets = inventory.s3?.buckets;
  if (buckets?.ok) for (const b of buckets.value) bucketRegion.set(b.arn, b.region);

  const patterns: Array<{ pattern: string; matches: ResourceMatcher }> = config.arns.map((p) => ({ pattern: p, matches: compileResourcePattern(p) }));
  const cache = new Map<string, ResourceClassification>();

  const classify = (arn: string, regionHint: string | undefined): ResourceClassification => {
    const byPattern = patterns.find((p) => p.matches(arn));
    const entry = known.get(arn);
    if (entry) {
      const m = matchTags(entry.tags, config);
      const by: ClassifiedBy | undefined = m.ephi ? { tag: m.ephi } : byPattern ? { arnPattern: byPattern.pattern } : undefined;
      return { classification: by ? 'ephi' : 'not-ephi', tags: entry.tags, ...(by ? { by } : {}), ...(m.classified ? { classificationTag: m.classified } : {}) };
    }
    const unlisted = unlistedTags(arn, regionHint);
    // An ARN pattern decides ePHI whatever the tags; the tags stay known (none) when the region's listing was read.
    if (byPattern) return { classification: 'ephi', by: { arnPattern: byPattern.pattern }, ...('tags' in unlisted ? { tags: unlisted.tags } : {}) };
    return 'tags' in unlisted ? { classification: 'not-ephi', tags: unlisted.tags } : { classification: 'unknown', reason: unlisted.reason };
  };

  /** The tags of a resource the tagging API did not list: none when its region was read, else why they are unknown. */
  const unlistedTags = (arn: string, regionHint: string | undefined): { tags: Tags } | { reason: string } => {
    const parsed = parseArn(arn);
    // The account itself and other pseudo-resources hold no data.
    if (!parsed) return { tags: {} };
    if (HOLDS_NO_DATA.has(parsed.service)) return { tags: {} };
    const hint = regionHint && regionHint !== 'global' ? regionHint : undefined;
    const region = parsed.region || LISTED_IN[parsed.service] || bucketRegion.get(arn) || hint;
    if (!region) return { reason: `the region of ${arn} is not known, so its tags could not be looked up` };
    const failed = unread.get(region);
    if (!failed && inventory.regions.includes(region)) return { tags: {} };
    const why = failed ? `${failed.code}: ${failed.message.replace(/[.\s]+$/, '')}` : `${region} is not an audited region`;
    return { reason: `the tags of resources in ${region} could not be read (${why})` };
  };

  return {
    config,
    lookup(arn, region) {
      const key = `${arn}\u0000${region ?? ''}`;
      let hit = cache.get(key);
      if (!hit) {
        hit = classify(arn, region);
        cache.set(key, hit);
      }
      return hit;
    },
    resources: () => [...known.values()],
    unreadRegions: () => new Map(unread),
  };
}

const indexes = new WeakMap<Inventory, Map<ClassificationConfig, TagIndex>>();

/** The inventory's tag index under a config: built once, shared by evaluate() and every check. */
export function tagIndexOf(inventory: Inventory, config: ClassificationConfig = DEFAULT_CLASSIFICATION): TagIndex {
  let byConfig = indexes.get(inventory);
  if (!byConfig) {
    byConfig = new Map();
    indexes.set(inventory, byConfig);
  }
  let index = byConfig.get(config);
  if (!index) {
    index = buildIndex(inventory, config);
    byConfig.set(config, index);
  }
  return index;
}

/**
 * An index of an inventory still being collected, built afresh and never cached (the inventory will change):
 * for a collector deciding which resources need reads that only ePHI needs.
 */
export function uncachedTagIndex(inventory: Readonly<Inventory>, config: ClassificationConfig = DEFAULT_CLASSIFICATION): TagIndex {
  return buildIndex(inventory, config);
}

/**
 * A resource's tags and classification, for code outside evaluation (e.g. scoping a suppression by tag):
 * `region` is needed only for ARNs that name none (S3 buckets, when the inventory does not list the bucket).
 */
export function classifyResource(inventory: Inventory, arn: string, region?: string, config: ClassificationConfig = DEFAULT_CLASSIFICATION): ResourceClassification {
  return tagIndexOf(inventory, config).lookup(arn, region);
}
