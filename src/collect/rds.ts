import {
  DescribeDBClusterSnapshotAttributesCommand,
  DescribeDBSnapshotAttributesCommand,
  paginateDescribeDBClusterParameters,
  paginateDescribeDBClusters,
  paginateDescribeDBClusterSnapshots,
  paginateDescribeDBInstances,
  paginateDescribeDBParameters,
  paginateDescribeDBProxies,
  paginateDescribeDBSnapshots,
  RDSClient,
  type DBCluster,
  type DBClusterSnapshot,
  type DBInstance,
  type DBProxy,
  type DBSnapshot,
  type Filter,
  type Parameter,
} from '@aws-sdk/client-rds';
import { errorCode } from '../aws/errors';
import {
  TLS_PARAMETER_NAMES,
  tlsParameterOf,
  type DbCluster,
  type DbInstance,
  type DbProxy,
  type DbSnapshot,
  type DbTlsParameters,
  type ParameterGroupRef,
  type RdsRegion,
} from '../inventory/rds';
import type { Read } from '../inventory/read';
import { arnsIn, type ArnOf } from './arn';
import { attempt, attemptList, collectList, expectFields, mapBounded } from './attempt';
import type { RegionalCollector } from './collector';
import { pickParameters } from './parameters';
import { tagsOf } from './tags';

/**
 * RDS in one region: up to 5 list reads (instances, clusters, manual DB snapshots, manual cluster snapshots, RDS
 * Proxies; each paginated by Marker), plus calls that grow with resources where no bulk read exists:
 * - `rds.snapshotAttributes`: one DescribeDB(Cluster)SnapshotAttributes call per manual snapshot (only manual
 *   snapshots can be shared; automated ones are never listed);
 * - `rds.tlsParameters`: one DescribeDBParameters series per distinct DB parameter group of the standalone
 *   instances, and one DescribeDBClusterParameters series per distinct DB cluster parameter group, only for engines
 *   that have a TLS parameter. Twenty instances on one group cost one series. The `parameter-name` filter keeps a
 *   series to one page instead of the hundreds of parameters a group holds.
 * DescribeDBClusters/DescribeDBInstances also return Neptune and DocumentDB resources; they are kept (engine tells).
 */
export const rdsCollector: RegionalCollector<'rds'> = {
  scope: 'regional',
  async collect(ctx, region): Promise<RdsRegion> {
    const client = ctx.aws.client('rds', RDSClient, region);
    const site = { service: 'rds', region };
    const arn = arnsIn(ctx, 'rds', region);

    const limit = ctx.aws.concurrencyOf('rds');
    // Sharing is read only when a selected check needs it (rds.snapshot-public does; rds.snapshot-encrypted not).
    const sharing = ctx.wants('rds.snapshotAttributes') ? client : undefined;
    const listSnapshots = ctx.wants('rds.snapshots') || ctx.wants('rds.snapshotAttributes');
    // The parameter groups to read are named by the instances and clusters, so reading them lists those too.
    const tls = ctx.wants('rds.tlsParameters');
    const [instances, clusters, snapshots, clusterSnapshots, proxies] = await Promise.all([
      !ctx.wants('rds.instances') && !tls ? undefined : attemptList({ ...site, operation: 'DescribeDBInstances' }, paginateDescribeDBInstances({ client }, {}), 'DBInstances', (i) => toInstance(i, arn)),
      !ctx.wants('rds.clusters') && !tls ? undefined : attemptList({ ...site, operation: 'DescribeDBClusters' }, paginateDescribeDBClusters({ client }, {}), 'DBClusters', (c) => toCluster(c, arn)),
      !listSnapshots ? undefined : attempt({ ...site, operation: 'DescribeDBSnapshots' }, async () => {
        const items = await collectList(paginateDescribeDBSnapshots({ client }, { SnapshotType: 'manual' }), 'DBSnapshots');
        return mapBounded(items, limit, (s) => toSnapshot(s, sharing, region, arn));
      }),
      !listSnapshots ? undefined : attempt({ ...site, operation: 'DescribeDBClusterSnapshots' }, async () => {
        const items = await collectList(paginateDescribeDBClusterSnapshots({ client }, { SnapshotType: 'manual' }), 'DBClusterSnapshots');
        return mapBounded(items, limit, (s) => toClusterSnapshot(s, sharing, region, arn));
      }),
      !ctx.wants('rds.proxies') ? undefined : attemptList({ ...site, operation: 'DescribeDBProxies' }, paginateDescribeDBProxies({ client }, {}), 'DBProxies', (p) => toProxy(p, arn)),
    ]);
    const groups = !tls ? undefined : await readTlsParameters(client, region, limit, instances, clusters);
    return {
      instances: ctx.wants('rds.instances') ? instances : undefined,
      clusters: ctx.wants('rds.clusters') ? clusters : undefined,
      snapshots,
      clusterSnapshots,
      ...groups,
      proxies,
    };
  },
};

/** Distinct values, in first-seen order. */
const distinct = (names: string[]): string[] => [...new Set(names)];

/**
 * The TLS parameters of every distinct parameter group that a judged database uses: standalone instances (cluster
 * members take TLS settings from their cluster's group) and clusters, of engines that have such a parameter.
 * A failed listing leaves nothing to read; the check reports the listing's error.
 */
async function readTlsParameters(
  client: RDSClient,
  region: string,
  limit: number,
  instances: Read<DbInstance[]> | undefined,
  clusters: Read<DbCluster[]> | undefined,
): Promise<Pick<RdsRegion, 'instanceParameterGroups' | 'clusterParameterGroups'>> {
  const instanceGroups = distinct(
    (instances?.ok ? instances.value : []).flatMap((i) =>
      i.clusterId === undefined && i.parameterGroup && tlsParameterOf(i.engine) ? [i.parameterGroup.name] : [],
    ),
  );
  const clusterGroups = distinct(
    (clusters?.ok ? clusters.value : []).flatMap((c) => (c.parameterGroup && tlsParameterOf(c.engine) ? [c.parameterGroup.name] : [])),
  );
  const readAll = async (names: string[], read: (name: string) => Promise<Read<DbTlsParameters>>) =>
    Object.fromEntries(await mapBounded(names, limit, async (name) => [name, await read(name)] as const));
  const [instanceParameterGroups, clusterParameterGroups] = await Promise.all([
    readAll(instanceGroups, (name) =>
      attempt({ service: 'rds', region, operation: 'DescribeDBParameters' }, () =>
        withNameFilter((Filters) => collectList(paginateDescribeDBParameters({ client }, { DBParameterGroupName: name, Filters }), 'Parameters')),
      ),
    ),
    readAll(clusterGroups, (name) =>
      attempt({ service: 'rds', region, operation: 'DescribeDBClusterParameters' }, () =>
        withNameFilter((Filters) =>
          collectList(paginateDescribeDBClusterParameters({ client }, { DBClusterParameterGroupName: name, Filters }), 'Parameters'),
        ),
      ),
    ),
  ]);
  return { instanceParameterGroups, clusterParameterGroups };
}

/** Error codes with which an endpoint refuses the `parameter-name` filter (the API reference documents it, older models did not). */
const FILTER_REFUSED = ['InvalidParameterValue', 'InvalidParameterCombination'];

/**
 * Lists a group's parameters filtered to the TLS ones (one page instead of several hundred parameters). An
 * endpoint that refuses the filter is asked again without it; one that ignores it answers every parameter, and
 * only the TLS ones are kept either way.
 */
async function withNameFilter(list: (filters: Filter[] | undefined) => Promise<Parameter[]>): Promise<DbTlsParameters> {
  let parameters: Parameter[];
  try {
    parameters = await list([{ Name: 'parameter-name', Values: [...TLS_PARAMETER_NAMES] }]);
  } catch (error) {
    if (!FILTER_REFUSED.includes(errorCode(error))) throw error;
    parameters = await list(undefined);
  }
  return pickParameters(parameters, TLS_PARAMETER_NAMES);
}

function toInstance(i: DBInstance, arn: ArnOf): DbInstance {
  const id = i.DBInstanceIdentifier ?? '';
  const source = i.ReadReplicaSourceDBInstanceIdentifier ?? i.ReadReplicaSourceDBClusterIdentifier;
  return {
    id,
    arn: i.DBInstanceArn ?? arn(`db:${id}`),
    engine: i.Engine ?? 'unknown',
    status: i.DBInstanceStatus ?? 'unknown',
    ...(i.DBClusterIdentifier ? { clusterId: i.DBClusterIdentifier } : {}),
    ...(source ? { readReplicaSourceId: source } : {}),
    publiclyAccessible: i.PubliclyAccessible === true,
    storageEncrypted: i.StorageEncrypted === true,
    ...(i.KmsKeyId ? { kmsKeyId: i.KmsKeyId } : {}),
    multiAz: i.MultiAZ === true,
    backupRetentionPeriod: i.BackupRetentionPeriod ?? 0,
    tags: tagsOf(i.TagList),
    ...(i.EngineVersion !== undefined ? { engineVersion: i.EngineVersion } : {}),
    ...(i.DeletionProtection !== undefined ? { deletionProtection: i.DeletionProtection } : {}),
    ...groupRef(i.DBParameterGroups?.[0]?.DBParameterGroupName, [i.DBParameterGroups?.[0]?.ParameterApplyStatus]),
  };
}

/** `parameterGroup`, when the answer names one. */
function groupRef(name: string | undefined, statuses: Array<string | undefined>): { parameterGroup?: ParameterGroupRef } {
  if (!name) return {};
  const known = statuses.filter((s): s is string => s !== undefined);
  // A member waiting for a reboot is not yet running the group's values: that status wins over the others.
  const applyStatus = known.includes('pending-reboot') ? 'pending-reboot' : known[0];
  return { parameterGroup: { name, ...(applyStatus !== undefined ? { applyStatus } : {}) } };
}

function toCluster(c: DBCluster, arn: ArnOf): DbCluster {
  const id = c.DBClusterIdentifier ?? '';
  return {
    id,
    arn: c.DBClusterArn ?? arn(`cluster:${id}`),
    engine: c.Engine ?? 'unknown',
    ...(c.EngineMode ? { engineMode: c.EngineMode } : {}),
    status: c.Status ?? 'unknown',
    multiAz: c.MultiAZ === true,
    availabilityZones: c.AvailabilityZones ?? [],
    storageEncrypted: c.StorageEncrypted === true,
    ...(c.KmsKeyId ? { kmsKeyId: c.KmsKeyId } : {}),
    backupRetentionPeriod: c.BackupRetentionPeriod ?? 0,
    memberInstanceIds: (c.DBClusterMembers ?? []).flatMap((m) => (m.DBInstanceIdentifier ? [m.DBInstanceIdentifier] : [])),
    tags: tagsOf(c.TagList),
    ...(c.EngineVersion !== undefined ? { engineVersion: c.EngineVersion } : {}),
    ...(c.DeletionProtection !== undefined ? { deletionProtection: c.DeletionProtection } : {}),
    ...groupRef(c.DBClusterParameterGroup, (c.DBClusterMembers ?? []).map((m) => m.DBClusterParameterGroupStatus)),
  };
}

function toProxy(p: DBProxy, arn: ArnOf): DbProxy {
  const name = p.DBProxyName ?? '';
  return {
    name,
    arn: p.DBProxyArn ?? arn(`db-proxy:${name}`),
    engineFamily: p.EngineFamily ?? 'unknown',
    status: p.Status ?? 'unknown',
    ...(p.RequireTLS !== undefined ? { requireTls: p.RequireTLS } : {}),
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
    arn: s.DBSnapshotArn ?? arn(`snapshot:${id}`),
    kind: 'instance',
    sourceId: s.DBInstanceIdentifier ?? '',
    encrypted: s.Encrypted === true,
    ...(s.KmsKeyId ? { kmsKeyId: s.KmsKeyId } : {}),
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
    arn: s.DBClusterSnapshotArn ?? arn(`cluster-snapshot:${id}`),
    kind: 'cluster',
    sourceId: s.DBClusterIdentifier ?? '',
    encrypted: s.StorageEncrypted === true,
    ...(s.KmsKeyId ? { kmsKeyId: s.KmsKeyId } : {}),
    restorableBy,
  };
}
