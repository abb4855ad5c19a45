import { ALL_READS, SERVICE_REGISTRY, SERVICES, serviceOfRead, type Inventory, type ReadId, type S3Bucket, type ServiceName, type Trail } from '../inventory/types';
import { failed, ok, type ApiError, type Read } from '../inventory/read';
import type { RegionChunk } from './events';

/**
 * Splitting one account's audit by region, for accounts too large for one Lambda invocation: each chunk of
 * regions is collected by its own invocation into a partial inventory, then the partials are merged into the
 * inventory a single run would have produced, and evaluated once (runAudit with an inventory source).
 */

/**
 * Global services read once per account: collected with the first chunk only. S3 is global too, but its
 * collector reads each bucket in the bucket's own region and only for audited regions, so every chunk
 * collects S3 for its own regions (ListBuckets is repeated, the per-bucket reads are not).
 */
export const ONCE_PER_ACCOUNT: readonly ServiceName[] = SERVICES.filter((s) => SERVICE_REGISTRY[s].scope === 'global' && s !== 's3');

/** Balanced chunks of at most `perInvocation` regions; chunk 0 also carries the once-per-account reads. */
export function planChunks(regions: readonly string[], reads: readonly ReadId[], perInvocation: number): RegionChunk[] {
  if (!Number.isInteger(perInvocation) || perInvocation < 1) throw new RangeError(`regions per invocation must be a positive integer, got ${perInvocation}`);
  const ordered = ALL_READS.filter((r) => reads.includes(r));
  const regional = ordered.filter((r) => !ONCE_PER_ACCOUNT.includes(serviceOfRead(r)));
  if (regions.length === 0) throw new RangeError('no region to audit');
  if (regional.length === 0) return [{ index: 0, regions: [...regions], reads: ordered }];
  const count = Math.ceil(regions.length / perInvocation);
  const base = Math.floor(regions.length / count);
  const extra = regions.length % count;
  const chunks: RegionChunk[] = [];
  let at = 0;
  for (let index = 0; index < count; index += 1) {
    const size = base + (index < extra ? 1 : 0);
    chunks.push({ index, regions: regions.slice(at, at + size), reads: index === 0 ? ordered : regional });
    at += size;
  }
  return chunks;
}

function mergeBuckets(reads: Array<Read<S3Bucket[]>>): Read<S3Bucket[]> | undefined {
  if (reads.length === 0) return undefined;
  // A listing that failed in any chunk leaves that chunk's buckets unknown: the merged read fails, honestly.
  const failure = reads.find((r): r is { ok: false; error: ApiError } => !r.ok);
  if (failure) return failed(failure.error);
  const byName = new Map<string, S3Bucket>();
  for (const r of reads) {
    if (!r.ok) continue;
    for (const b of r.value) {
      const seen = byName.get(b.name);
      // Unlocated buckets (region `global`) show up in every chunk: keep one, and prefer a located copy.
      if (!seen || (seen.region === 'global' && b.region !== 'global')) byName.set(b.name, b);
    }
  }
  return ok([...byName.values()].sort((a, b) => a.name.localeCompare(b.name)));
}

/** Trails appear under their home region; a trail homed outside the audit is kept once, under the first region. */
function mergeTrails(region: string, trails: Read<Trail[]>, regions: readonly string[]): Read<Trail[]> {
  if (!trails.ok) return trails;
  return ok(trails.value.filter((t) => t.homeRegion === region || (!regions.includes(t.homeRegion) && region === regions[0])));
}

const REGIONAL: readonly ServiceName[] = SERVICES.filter((s) => SERVICE_REGISTRY[s].scope === 'regional');

/**
 * The inventory one run over all the chunks' regions would have collected. Chunk 0 (the first) carries the
 * once-per-account services and sets the collection time, from which the checks measure ages.
 */
export function mergeInventories(partials: readonly Inventory[]): Inventory {
  const [first, ...rest] = partials;
  if (!first) throw new RangeError('no partial inventory to merge');
  for (const p of rest) {
    if (p.accountId !== first.accountId) throw new Error(`partial inventories of different accounts: ${first.accountId} and ${p.accountId}`);
  }
  const regions = [...new Set(partials.flatMap((p) => p.regions))];
  const services = SERVICES.filter((s) => partials.some((p) => p.services.includes(s)));
  const reads = ALL_READS.filter((r) => partials.some((p) => p.reads.includes(r)));
  const errorKeys = new Set<string>();
  const errors = partials
    .flatMap((p) => p.errors)
    .filter((e) => {
      const key = JSON.stringify(e);
      if (errorKeys.has(key)) return false;
      errorKeys.add(key);
      return true;
    })
    .sort((a, b) => `${a.service}|${a.region}`.localeCompare(`${b.service}|${b.region}`));

  const merged: Inventory = { ...first, regions, services, reads, errors };
  const out = merged as unknown as Record<ServiceName, unknown>;
  for (const key of SERVICES) delete out[key];

  for (const key of ONCE_PER_ACCOUNT) {
    const section = partials.find((p) => p[key] !== undefined)?.[key];
    if (section !== undefined) out[key] = section;
  }

  const s3 = partials.filter((p) => p.s3 !== undefined).map((p) => p.s3 as NonNullable<Inventory['s3']>);
  if (s3.length > 0) {
    const [s3First] = s3;
    const listings = s3.flatMap((s) => (s.buckets ? [s.buckets] : []));
    merged.s3 = { accountPublicAccessBlock: (s3First as NonNullable<Inventory['s3']>).accountPublicAccessBlock, buckets: mergeBuckets(listings) };
  }

  for (const key of REGIONAL) {
    const sections = partials.map((p) => p[key]).filter((s) => s !== undefined);
    if (sections.length === 0) continue;
    const byRegion: Record<string, unknown> = {};
    for (const section of sections) Object.assign(byRegion, section);
    if (key === 'cloudtrail') {
      for (const [region, value] of Object.entries(byRegion)) {
        const section = value as NonNullable<Inventory['cloudtrail']>[string];
        if (section.trails) byRegion[region] = { ...section, trails: mergeTrails(region, section.trails, regions) };
      }
    }
    out[key] = byRegion;
  }
  return merged;
}
