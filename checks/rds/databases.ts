import type { CheckResult, ResourceRef } from '../../src/evaluate/types';
import { collectLists, eachRegion, judgeList as judgeRead, readOf, type JudgedList } from '../../src/evaluate/results';
import type { DbCluster, DbInstance, DbSnapshot, Inventory, RdsRegion, Read } from '../../src/inventory/types';

/** judgeList of src/evaluate/results.ts for an RDS list; a list the inventory does not hold is a NotCollected failure. */
export function judgeList<T>(read: Read<T[]> | undefined, what: string, judge: (item: T) => CheckResult | undefined): JudgedList {
  return judgeRead(readOf(read, 'rds', 'global', what), what, judge);
}

/** The RDS data of every audited region (eachRegion): `judge` lists what to judge in it, `collectLists` sums it up. */
export function eachRdsRegion(inventory: Inventory, judge: (data: RdsRegion, region: string) => JudgedList[]): CheckResult[] {
  return eachRegion(inventory, 'rds', inventory.rds, (data, region) => collectLists(inventory, region, judge(data, region)));
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
