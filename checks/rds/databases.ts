import type { CheckResult, ResourceRef } from '../../src/evaluate/types';
import { accountResource, eachRegion, notCollected, unreadableAll } from '../../src/evaluate/results';
import type { ApiError, DbCluster, DbInstance, DbSnapshot, Inventory, RdsRegion, Read } from '../../src/inventory/types';

/** One list of a region, judged: the results of its items, or what could not be read and why. */
export type JudgedList = { ok: true; results: CheckResult[] } | { ok: false; what: string; error: ApiError };

/** Judges each item of a read list (`undefined` skips the item); a failed read is kept, named `what`, for `collect`. */
export function judgeList<T>(read: Read<T[]> | undefined, what: string, judge: (item: T) => CheckResult | undefined): JudgedList {
  if (read === undefined) return { ok: false, what, error: notCollected('rds', 'global', what) };
  if (!read.ok) return { ok: false, what, error: read.error };
  const results: CheckResult[] = [];
  for (const item of read.value) {
    const judged = judge(item);
    if (judged !== undefined) results.push(judged);
  }
  return { ok: true, results };
}

/**
 * The results of the lists that were read, in order, then ONE ERROR for the account in the region naming every
 * list that could not be (one result per resource and region).
 */
export function collect(inventory: Inventory, region: string, lists: JudgedList[]): CheckResult[] {
  const results = lists.flatMap((l) => (l.ok ? l.results : []));
  const failures = lists.flatMap((l) => (l.ok ? [] : [{ what: `${l.what} (${l.error.service} ${l.error.operation})`, error: l.error }]));
  if (failures.length > 0) results.push(unreadableAll(region, accountResource(inventory), failures));
  return results;
}

/** The RDS data of every audited region (eachRegion): `judge` lists what to judge in it, `collect` sums it up. */
export function eachRdsRegion(inventory: Inventory, judge: (data: RdsRegion, region: string) => JudgedList[]): CheckResult[] {
  return eachRegion(inventory, 'rds', inventory.rds, (data, region) => collect(inventory, region, judge(data, region)));
}

/** Every manual DB snapshot, then every manual DB cluster snapshot, of every audited region, judged. */
export function eachSnapshot(inventory: Inventory, judge: (s: DbSnapshot, region: string) => CheckResult): CheckResult[] {
  return eachRdsRegion(inventory, (data, region) => [
    judgeList(data.snapshots, `manual DB snapshots in ${region}`, (s) => judge(s, region)),
    judgeList(data.clusterSnapshots, `manual DB cluster snapshots in ${region}`, (s) => judge(s, region)),
  ]);
}

/** A snapshot as a finding's resource. */
export const snapshotResource = (s: DbSnapshot): ResourceRef =>
  s.kind === 'cluster' ? { type: 'AwsRdsDbClusterSnapshot', id: s.id, arn: s.arn } : { type: 'AwsRdsDbSnapshot', id: s.id, arn: s.arn };

/** `DB snapshot <id> (of <source>)`, `DB cluster snapshot ...`: what messages call it. */
export const snapshotName = (s: DbSnapshot): string => `${s.kind === 'cluster' ? 'DB cluster snapshot' : 'DB snapshot'} ${s.id} (of ${s.sourceId})`;

export interface DatabaseJudges {
  /** A DB instance's result, or `undefined` to skip it (a cluster member judged at its cluster, say). */
  instance: (i: DbInstance, region: string) => CheckResult | undefined;
  /** A DB cluster's result, or `undefined` to skip it. */
  cluster: (c: DbCluster, region: string) => CheckResult | undefined;
}

/**
 * Every DB instance, then every DB cluster, of every audited region, judged; when the instances or the clusters
 * of a region could not be read, one ERROR for the account in that region says which and why.
 */
export function eachDatabase(inventory: Inventory, judges: DatabaseJudges): CheckResult[] {
  return eachRdsRegion(inventory, (data, region) => [
    judgeList(data.instances, `RDS DB instances in ${region}`, (i) => judges.instance(i, region)),
    judgeList(data.clusters, `RDS DB clusters in ${region}`, (c) => judges.cluster(c, region)),
  ]);
}
