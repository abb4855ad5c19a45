import {
  DescribeDBClusterSnapshotAttributesCommand,
  DescribeDBSnapshotAttributesCommand,
  paginateDescribeDBClusters,
  paginateDescribeDBClusterSnapshots,
  paginateDescribeDBInstances,
  paginateDescribeDBSnapshots,
  RDSClient,
  type DBCluster,
  type DBClusterSnapshot,
  type DBInstance,
  type DBSnapshot,
  type Tag,
} from '@aws-sdk/client-rds';
import type { Tags } from '../inventory/ec2';
import type { DbCluster, DbInstance, DbSnapshot, RdsRegion } from '../inventory/rds';
import { attempt, collectList, expectFields, mapBounded } from './attempt';
import type { RegionalCollector } from './collector';

/**
 * RDS in one region: up to 4 list reads (instances, clusters, manual DB snapshots, manual cluster snapshots; each
 * paginated by Marker), plus, for `rds.snapshotAttributes`, one DescribeDB(Cluster)SnapshotAttributes call per
 * manual snapshot: sharing has no bulk read, and only manual snapshots can be shared. Automated snapshots are
 * never listed.
 * DescribeDBClusters/DescribeDBInstances also return Neptune and DocumentDB resources; they are kept (engine tells).
 */
export const rdsCollector: RegionalCollector<'rds'> = {
  scope: 'regional',
  async collect(ctx, region): Promise<RdsRegion> {
    const client = ctx.aws.client('rds', RDSClient, region);
    const site = { service: 'rds', region };
    const arn = (kind: string, id: string) => `arn:${ctx.partition}:rds:${region}:${ctx.accountId}:${kind}:${id}`;

    const limit = ctx.aws.concurrencyOf('rds');
    // Sharing is read only when a selected check needs it (rds.snapshot-public does; rds.snapshot-encrypted not).
    const sharing = ctx.wants('rds.snapshotAttributes') ? client : undefined;
    const listSnapshots = ctx.wants('rds.snapshots') || ctx.wants('rds.snapshotAttributes');
    const [instances, clusters, snapshots, clusterSnapshots] = await Promise.all([
      !ctx.wants('rds.instances') ? undefined : attempt({ ...site, operation: 'DescribeDBInstances' }, async () => {
        const items = await collectList(paginateDescribeDBInstances({ client }, {}), 'DBInstances');
        return items.map((i) => toInstance(i, arn));
      }),
      !ctx.wants('rds.clusters') ? undefined : attempt({ ...site, operation: 'DescribeDBClusters' }, async () => {
        const items = await collectList(paginateDescribeDBClusters({ client }, {}), 'DBClusters');
        return items.map((c) => toCluster(c, arn));
      }),
      !listSnapshots ? undefined : attempt({ ...site, operation: 'DescribeDBSnapshots' }, async () => {
        const items = await collectList(paginateDescribeDBSnapshots({ client }, { SnapshotType: 'manual' }), 'DBSnapshots');
        return mapBounded(items, limit, (s) => toSnapshot(s, sharing, region, arn));
      }),
      !listSnapshots ? undefined : attempt({ ...site, operation: 'DescribeDBClusterSnapshots' }, async () => {
        const items = await collectList(paginateDescribeDBClusterSnapshots({ client }, { SnapshotType: 'manual' }), 'DBClusterSnapshots');
        return mapBounded(items, limit, (s) => toClusterSnapshot(s, sharing, region, arn));
      }),
    ]);
    return { instances, clusters, snapshots, clusterSnapshots };
  },
};

type ArnOf = (kind: string, id: string) => string;

function toTags(list: Tag[] | undefined): Tags {
  const tags: Tags = {};
  for (const t of list ?? []) if (t.Key !== undefined) tags[t.Key] = t.Value ?? '';
  return tags;
}

function toInstance(i: DBInstance, arn: ArnOf): DbInstance {
  const id = i.DBInstanceIdentifier ?? '';
  const source = i.ReadReplicaSourceDBInstanceIdentifier ?? i.ReadReplicaSourceDBClusterIdentifier;
  return {
    id,
    arn: i.DBInstanceArn ?? arn('db', id),
    engine: i.Engine ?? 'unknown',
    status: i.DBInstanceStatus ?? 'unknown',
    ...(i.DBClusterIdentifier ? { clusterId: i.DBClusterIdentifier } : {}),
    ...(source ? { readReplicaSourceId: source } : {}),
    publiclyAccessible: i.PubliclyAccessible === true,
    storageEncrypted: i.StorageEncrypted === true,
    ...(i.KmsKeyId ? { kmsKeyId: i.KmsKeyId } : {}),
    multiAz: i.MultiAZ === true,
    backupRetentionPeriod: i.BackupRetentionPeriod ?? 0,
    tags: toTags(i.TagList),
  };
}

function toCluster(c: DBCluster, arn: ArnOf): DbCluster {
  const id = c.DBClusterIdentifier ?? '';
  return {
    id,
    arn: c.DBClusterArn ?? arn('cluster', id),
    engine: c.Engine ?? 'unknown',
    ...(c.EngineMode ? { engineMode: c.EngineMode } : {}),
    status: c.Status ?? 'unknown',
    multiAz: c.MultiAZ === true,
    availabilityZones: c.AvailabilityZones ?? [],
    storageEncrypted: c.StorageEncrypted === true,
    ...(c.KmsKeyId ? { kmsKeyId: c.KmsKeyId } : {}),
    backupRetentionPeriod: c.BackupRetentionPeriod ?? 0,
    memberInstanceIds: (c.DBClusterMembers ?? []).flatMap((m) => (m.DBInstanceIdentifier ? [m.DBInstanceIdentifier] : [])),
    tags: toTags(c.TagList),
  };
}

/** Values of the `restore` attribute: account ids the snapshot is shared with, `all` when public. */
function restoreValues(attributes: Array<{ AttributeName?: string; AttributeValues?: string[] }> | undefined): string[] {
  return (attributes ?? []).filter((a) => a.AttributeName === 'restore').flatMap((a) => a.AttributeValues ?? []);
}

async function toSnapshot(s: DBSnapshot, client: RDSClient | undefined, region: string, arn: ArnOf): Promise<DbSnapshot> {
  const id = s.DBSnapshotIdentifier ?? '';
  const restorableBy = !client ? undefined : await attempt({ service: 'rds', region, operation: 'DescribeDBSnapshotAttributes' }, async () => {
    const out = await client.send(new DescribeDBSnapshotAttributesCommand({ DBSnapshotIdentifier: id }));
    const result = expectFields(out, ['DBSnapshotAttributesResult']).DBSnapshotAttributesResult;
    return restoreValues(expectFields(result, ['DBSnapshotAttributes']).DBSnapshotAttributes);
  });
  return {
    id,
    arn: s.DBSnapshotArn ?? arn('snapshot', id),
    kind: 'instance',
    sourceId: s.DBInstanceIdentifier ?? '',
    encrypted: s.Encrypted === true,
    restorableBy,
  };
}

async function toClusterSnapshot(s: DBClusterSnapshot, client: RDSClient | undefined, region: string, arn: ArnOf): Promise<DbSnapshot> {
  const id = s.DBClusterSnapshotIdentifier ?? '';
  const restorableBy = !client ? undefined : await attempt({ service: 'rds', region, operation: 'DescribeDBClusterSnapshotAttributes' }, async () => {
    const out = await client.send(new DescribeDBClusterSnapshotAttributesCommand({ DBClusterSnapshotIdentifier: id }));
    const result = expectFields(out, ['DBClusterSnapshotAttributesResult']).DBClusterSnapshotAttributesResult;
    return restoreValues(expectFields(result, ['DBClusterSnapshotAttributes']).DBClusterSnapshotAttributes);
  });
  return {
    id,
    arn: s.DBClusterSnapshotArn ?? arn('cluster-snapshot', id),
    kind: 'cluster',
    sourceId: s.DBClusterIdentifier ?? '',
    encrypted: s.StorageEncrypted === true,
    restorableBy,
  };
}
