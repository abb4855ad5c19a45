import {
  DescribeDBClustersCommand,
  DescribeDBClusterSnapshotAttributesCommand,
  DescribeDBClusterSnapshotsCommand,
  DescribeDBInstancesCommand,
  DescribeDBSnapshotAttributesCommand,
  DescribeDBSnapshotsCommand,
  RDSClient,
} from '@aws-sdk/client-rds';
import { mockClient } from 'aws-sdk-client-mock';
import { rdsCollector } from '../../src/collect/rds';
import { awsError, collectContext } from '../support/inventory';
import { emptyRdsRegion } from '../support/rds-region';
import { inOrder } from '../support/pages';

const rds = mockClient(RDSClient);
beforeEach(() => rds.reset());

const arn = (kind: string, id: string) => `arn:aws:rds:us-east-1:111122223333:${kind}:${id}`;
const KEY = 'arn:aws:kms:us-east-1:111122223333:key/k-snap';

describe('rds collector', () => {
  it('follows DescribeDBInstances Marker pages and maps instances, members and replicas', async () => {
    emptyRdsRegion(rds);
    const instancePages = inOrder([
      {
        Marker: 'm1',
        DBInstances: [
          {
            DBInstanceIdentifier: 'patient-portal-db',
            DBInstanceArn: arn('db', 'patient-portal-db'),
            Engine: 'postgres',
            DBInstanceStatus: 'available',
            PubliclyAccessible: true,
            StorageEncrypted: false,
            MultiAZ: false,
            BackupRetentionPeriod: 1,
            TagList: [{ Key: 'app', Value: 'portal' }],
          },
        ],
      },
      {
        DBInstances: [
          {
            DBInstanceIdentifier: 'claims-1',
            DBInstanceArn: arn('db', 'claims-1'),
            Engine: 'aurora-postgresql',
            DBInstanceStatus: 'available',
            DBClusterIdentifier: 'claims',
            PubliclyAccessible: false,
            StorageEncrypted: true,
            KmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/k1',
            MultiAZ: false,
            BackupRetentionPeriod: 7,
          },
          {
            DBInstanceIdentifier: 'replica-1',
            DBInstanceArn: arn('db', 'replica-1'),
            Engine: 'mysql',
            DBInstanceStatus: 'available',
            ReadReplicaSourceDBInstanceIdentifier: 'ehr-db',
            StorageEncrypted: true,
            BackupRetentionPeriod: 0,
          },
        ],
      },
    ]);
    rds.on(DescribeDBInstancesCommand).callsFake(instancePages.fake);
    const ctx = collectContext();
    const data = await rdsCollector.collect(ctx, 'us-east-1');

    expect(instancePages.inputs).toEqual([{}, { Marker: 'm1' }]);
    expect(data.instances).toEqual({
      ok: true,
      value: [
        {
          id: 'patient-portal-db',
          arn: arn('db', 'patient-portal-db'),
          engine: 'postgres',
          status: 'available',
          publiclyAccessible: true,
          storageEncrypted: false,
          multiAz: false,
          backupRetentionPeriod: 1,
          tags: { app: 'portal' },
        },
        {
          id: 'claims-1',
          arn: arn('db', 'claims-1'),
          engine: 'aurora-postgresql',
          status: 'available',
          clusterId: 'claims',
          publiclyAccessible: false,
          storageEncrypted: true,
          kmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/k1',
          multiAz: false,
          backupRetentionPeriod: 7,
          tags: {},
        },
        {
          id: 'replica-1',
          arn: arn('db', 'replica-1'),
          engine: 'mysql',
          status: 'available',
          readReplicaSourceId: 'ehr-db',
          publiclyAccessible: false,
          storageEncrypted: true,
          multiAz: false,
          backupRetentionPeriod: 0,
          tags: {},
        },
      ],
    });
    // No `undefined` values: omitted optional keys stay omitted through JSON.
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
  });

  it('takes the source cluster of an instance replicating from a cluster', async () => {
    emptyRdsRegion(rds);
    rds.on(DescribeDBInstancesCommand).resolves({
      DBInstances: [{ DBInstanceIdentifier: 'r', DBInstanceArn: arn('db', 'r'), Engine: 'mysql', ReadReplicaSourceDBClusterIdentifier: 'src-cluster' }],
    });
    const data = await rdsCollector.collect(collectContext(), 'us-east-1');
    expect(data.instances!.ok && data.instances!.value[0]?.readReplicaSourceId).toBe('src-cluster');
  });

  it('maps clusters (Aurora and Neptune alike) across pages', async () => {
    emptyRdsRegion(rds);
    const clusterPages = inOrder([
      {
        Marker: 'c1',
        DBClusters: [
          {
            DBClusterIdentifier: 'claims',
            DBClusterArn: arn('cluster', 'claims'),
            Engine: 'aurora-postgresql',
            EngineMode: 'provisioned',
            Status: 'available',
            MultiAZ: true,
            AvailabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
            StorageEncrypted: true,
            KmsKeyId: 'k1',
            BackupRetentionPeriod: 14,
            DBClusterMembers: [{ DBInstanceIdentifier: 'claims-1', IsClusterWriter: true }, { DBInstanceIdentifier: 'claims-2' }],
            TagList: [{ Key: 'backup', Value: 'daily' }],
          },
        ],
      },
      {
        DBClusters: [{ DBClusterIdentifier: 'graph', DBClusterArn: arn('cluster', 'graph'), Engine: 'neptune', Status: 'available' }],
      },
    ]);
    rds.on(DescribeDBClustersCommand).callsFake(clusterPages.fake);
    const data = await rdsCollector.collect(collectContext(), 'us-east-1');
    expect(clusterPages.inputs).toEqual([{}, { Marker: 'c1' }]);
    expect(data.clusters).toEqual({
      ok: true,
      value: [
        {
          id: 'claims',
          arn: arn('cluster', 'claims'),
          engine: 'aurora-postgresql',
          engineMode: 'provisioned',
          status: 'available',
          multiAz: true,
          availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
          storageEncrypted: true,
          kmsKeyId: 'k1',
          backupRetentionPeriod: 14,
          memberInstanceIds: ['claims-1', 'claims-2'],
          tags: { backup: 'daily' },
        },
        {
          id: 'graph',
          arn: arn('cluster', 'graph'),
          engine: 'neptune',
          status: 'available',
          multiAz: false,
          availabilityZones: [],
          storageEncrypted: false,
          backupRetentionPeriod: 0,
          memberInstanceIds: [],
          tags: {},
        },
      ],
    });
  });

  it('lists only manual DB snapshots, across pages, and reads each one restore attribute', async () => {
    emptyRdsRegion(rds);
    const snapshotPages = inOrder([
      {
        Marker: 's1',
        DBSnapshots: [{ DBSnapshotIdentifier: 'pub', DBSnapshotArn: arn('snapshot', 'pub'), DBInstanceIdentifier: 'db1', Encrypted: false }],
      },
      {
        DBSnapshots: [{ DBSnapshotIdentifier: 'priv', DBSnapshotArn: arn('snapshot', 'priv'), DBInstanceIdentifier: 'db1', Encrypted: true, KmsKeyId: KEY }],
      },
    ]);
    rds.on(DescribeDBSnapshotsCommand).callsFake(snapshotPages.fake);
    rds.on(DescribeDBSnapshotAttributesCommand, { DBSnapshotIdentifier: 'pub' }).resolves({
      DBSnapshotAttributesResult: {
        DBSnapshotIdentifier: 'pub',
        DBSnapshotAttributes: [{ AttributeName: 'restore', AttributeValues: ['all', '444455556666'] }],
      },
    });
    rds.on(DescribeDBSnapshotAttributesCommand, { DBSnapshotIdentifier: 'priv' }).resolves({
      DBSnapshotAttributesResult: { DBSnapshotIdentifier: 'priv', DBSnapshotAttributes: [{ AttributeName: 'restore', AttributeValues: [] }] },
    });
    const ctx = collectContext();
    const data = await rdsCollector.collect(ctx, 'us-east-1');

    expect(snapshotPages.inputs).toEqual([{ SnapshotType: 'manual' }, { SnapshotType: 'manual', Marker: 's1' }]);
    expect(data.snapshots).toEqual({
      ok: true,
      value: [
        { id: 'pub', arn: arn('snapshot', 'pub'), kind: 'instance', sourceId: 'db1', encrypted: false, restorableBy: { ok: true, value: ['all', '444455556666'] } },
        { id: 'priv', arn: arn('snapshot', 'priv'), kind: 'instance', sourceId: 'db1', encrypted: true, kmsKeyId: KEY, restorableBy: { ok: true, value: [] } },
      ],
    });
    expect(ctx.aws.apiCalls.byOperation()).toEqual({
      'rds:DescribeDBInstances': 1,
      'rds:DescribeDBClusters': 1,
      'rds:DescribeDBSnapshots': 2,
      'rds:DescribeDBSnapshotAttributes': 2,
      'rds:DescribeDBClusterSnapshots': 1,
      'rds:DescribeDBProxies': 1,
    });
  });

  it('records AccessDenied on one snapshot attribute read for that snapshot only', async () => {
    emptyRdsRegion(rds);
    rds.on(DescribeDBSnapshotsCommand).resolves({
      DBSnapshots: [
        { DBSnapshotIdentifier: 'a', DBSnapshotArn: arn('snapshot', 'a'), DBInstanceIdentifier: 'db1', Encrypted: true },
        { DBSnapshotIdentifier: 'b', DBSnapshotArn: arn('snapshot', 'b'), DBInstanceIdentifier: 'db1', Encrypted: true },
      ],
    });
    rds
      .on(DescribeDBSnapshotAttributesCommand, { DBSnapshotIdentifier: 'a' })
      .rejects(awsError('AccessDenied', 'not authorized to perform rds:DescribeDBSnapshotAttributes', 403));
    rds.on(DescribeDBSnapshotAttributesCommand, { DBSnapshotIdentifier: 'b' }).resolves({
      DBSnapshotAttributesResult: { DBSnapshotAttributes: [{ AttributeName: 'restore', AttributeValues: ['444455556666'] }] },
    });
    const data = await rdsCollector.collect(collectContext(), 'us-east-1');
    expect(data.snapshots!.ok).toBe(true);
    const [a, b] = data.snapshots!.ok ? data.snapshots!.value : [];
    expect(a?.restorableBy).toEqual({
      ok: false,
      error: {
        service: 'rds',
        region: 'us-east-1',
        operation: 'DescribeDBSnapshotAttributes',
        code: 'AccessDenied',
        message: 'not authorized to perform rds:DescribeDBSnapshotAttributes',
      },
    });
    expect(b?.restorableBy).toEqual({ ok: true, value: ['444455556666'] });
  });

  it('lists manual cluster snapshots and reads their restore attribute', async () => {
    emptyRdsRegion(rds);
    const clusterSnapshotPages = inOrder([
      {
        Marker: 'cs',
        DBClusterSnapshots: [
          { DBClusterSnapshotIdentifier: 'c-pub', DBClusterSnapshotArn: arn('cluster-snapshot', 'c-pub'), DBClusterIdentifier: 'claims', StorageEncrypted: false },
        ],
      },
      {
        DBClusterSnapshots: [
          { DBClusterSnapshotIdentifier: 'c-priv', DBClusterSnapshotArn: arn('cluster-snapshot', 'c-priv'), DBClusterIdentifier: 'claims', StorageEncrypted: true, KmsKeyId: KEY },
        ],
      },
    ]);
    rds.on(DescribeDBClusterSnapshotsCommand).callsFake(clusterSnapshotPages.fake);
    rds.on(DescribeDBClusterSnapshotAttributesCommand, { DBClusterSnapshotIdentifier: 'c-pub' }).resolves({
      DBClusterSnapshotAttributesResult: { DBClusterSnapshotAttributes: [{ AttributeName: 'restore', AttributeValues: ['all'] }] },
    });
    rds.on(DescribeDBClusterSnapshotAttributesCommand, { DBClusterSnapshotIdentifier: 'c-priv' }).resolves({
      DBClusterSnapshotAttributesResult: { DBClusterSnapshotAttributes: [] },
    });
    const data = await rdsCollector.collect(collectContext(), 'us-east-1');
    expect(clusterSnapshotPages.inputs).toEqual([
      { SnapshotType: 'manual' },
      { SnapshotType: 'manual', Marker: 'cs' },
    ]);
    expect(data.clusterSnapshots).toEqual({
      ok: true,
      value: [
        { id: 'c-pub', arn: arn('cluster-snapshot', 'c-pub'), kind: 'cluster', sourceId: 'claims', encrypted: false, restorableBy: { ok: true, value: ['all'] } },
        { id: 'c-priv', arn: arn('cluster-snapshot', 'c-priv'), kind: 'cluster', sourceId: 'claims', encrypted: true, kmsKeyId: KEY, restorableBy: { ok: true, value: [] } },
      ],
    });
    expect(rds.commandCalls(DescribeDBClusterSnapshotAttributesCommand)).toHaveLength(2);
  });

  it('records a denied list call for its part only; the other parts are still read', async () => {
    emptyRdsRegion(rds);
    rds.on(DescribeDBInstancesCommand).rejects(awsError('AccessDenied', 'denied instances', 403));
    rds.on(DescribeDBClustersCommand).resolves({ DBClusters: [{ DBClusterIdentifier: 'c', DBClusterArn: arn('cluster', 'c'), Engine: 'aurora-mysql' }] });
    const data = await rdsCollector.collect(collectContext(), 'us-east-1');
    expect(data.instances).toEqual({
      ok: false,
      error: { service: 'rds', region: 'us-east-1', operation: 'DescribeDBInstances', code: 'AccessDenied', message: 'denied instances' },
    });
    expect(data.clusters!.ok && data.clusters!.value.map((c) => c.id)).toEqual(['c']);
    expect(data.snapshots).toEqual({ ok: true, value: [] });
    expect(data.clusterSnapshots).toEqual({ ok: true, value: [] });
  });

  it('builds ARNs from the partition when the API omits them', async () => {
    emptyRdsRegion(rds);
    rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [{ DBInstanceIdentifier: 'x', Engine: 'postgres' }] });
    const ctx = { ...collectContext(), partition: 'aws-us-gov' };
    const data = await rdsCollector.collect(ctx, 'us-gov-west-1');
    expect(data.instances!.ok && data.instances!.value[0]?.arn).toBe('arn:aws-us-gov:rds:us-gov-west-1:111122223333:db:x');
  });
});
