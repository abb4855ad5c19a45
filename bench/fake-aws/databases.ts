import { ACCOUNT_ID, type SyntheticAccount } from './account';
import { page, range, regionIndex, type Handler } from './call';
import { json, jsonError, members, queryAnswer, queryError, restJson } from './wire';

/* Where ePHI is stored: RDS, Redshift, DynamoDB and DAX, ElastiCache, OpenSearch and EFS, a few of each a region. */

/** How many of a kind a region holds: half the per-region count, at least one. */
const few = (account: SyntheticAccount) => Math.max(1, Math.floor(account.perRegion / 2));
const tagList = (tags: Record<string, string>) => members('Tag', Object.entries(tags).map(([Key, Value]) => ({ Key, Value })));

// ---------------------------------------------------------------------------------------------------------------
// RDS (query protocol; lists name their items: <DBInstance>, <DBCluster>, <Parameter>, ...)

const RDS_NS = 'http://rds.amazonaws.com/doc/2014-10-31/';

/** The TLS parameters as a group holds them; `on` decides whether TLS is required. */
function tlsParameters(engine: 'postgres' | 'aurora-mysql', on: boolean) {
  const name = engine === 'postgres' ? 'rds.force_ssl' : 'require_secure_transport';
  const value = engine === 'postgres' ? (on ? '1' : '0') : on ? 'ON' : 'OFF';
  return members('Parameter', [{ ParameterName: name, ParameterValue: value, Source: on ? 'user' : 'engine-default', ApplyType: 'dynamic', DataType: 'boolean', IsModifiable: true, ApplyMethod: 'pending-reboot' }]);
}

export const rds: Handler = (call, account) => {
  const action = call.params.get('Action') ?? '';
  const r = regionIndex(account, call.region);
  const n = few(account);
  const arn = (kind: string, id: string) => `arn:aws:rds:${call.region}:${ACCOUNT_ID}:${kind}:${id}`;
  const answer = (result: Record<string, unknown>) => queryAnswer(action, result, RDS_NS);
  switch (action) {
    case 'DescribeDBInstances':
      return answer({
        DBInstances: members('DBInstance', [
          ...range(n).map((i) => ({
            DBInstanceIdentifier: `db-${r}-${i}`,
            DBInstanceArn: arn('db', `db-${r}-${i}`),
            DBInstanceClass: 'db.t3.medium',
            Engine: 'postgres',
            EngineVersion: '16.3',
            DBInstanceStatus: 'available',
            PubliclyAccessible: i === 0,
            StorageEncrypted: i % 2 === 0,
            ...(i % 2 === 0 ? { KmsKeyId: `arn:aws:kms:${call.region}:${ACCOUNT_ID}:key/key-${r}-0` } : {}),
            MultiAZ: i % 2 === 0,
            BackupRetentionPeriod: i === 0 ? 1 : 7,
            DeletionProtection: i % 2 === 0,
            DBParameterGroups: members('DBParameterGroup', [{ DBParameterGroupName: i % 2 === 0 ? 'phi-postgres16' : 'default.postgres16', ParameterApplyStatus: 'in-sync' }]),
            TagList: tagList(i % 2 === 0 ? { backup: 'daily', data: 'phi' } : { data: 'phi' }),
          })),
          // The cluster's writer: judged through its cluster.
          { DBInstanceIdentifier: `aurora-${r}-1`, DBInstanceArn: arn('db', `aurora-${r}-1`), Engine: 'aurora-mysql', EngineVersion: '8.0.mysql_aurora.3.05.2', DBInstanceStatus: 'available', DBClusterIdentifier: `aurora-${r}`, PubliclyAccessible: false, StorageEncrypted: true, MultiAZ: false, BackupRetentionPeriod: 7, DBParameterGroups: members('DBParameterGroup', [{ DBParameterGroupName: 'default.aurora-mysql8.0', ParameterApplyStatus: 'in-sync' }]), TagList: tagList({}) },
        ]),
      });
    case 'DescribeDBClusters':
      return answer({
        DBClusters: members('DBCluster', [
          {
            DBClusterIdentifier: `aurora-${r}`,
            DBClusterArn: arn('cluster', `aurora-${r}`),
            Engine: 'aurora-mysql',
            EngineVersion: '8.0.mysql_aurora.3.05.2',
            EngineMode: 'provisioned',
            Status: 'available',
            MultiAZ: false,
            AvailabilityZones: members('AvailabilityZone', [`${call.region}a`, `${call.region}b`]),
            StorageEncrypted: true,
            KmsKeyId: `arn:aws:kms:${call.region}:${ACCOUNT_ID}:key/key-${r}-0`,
            BackupRetentionPeriod: 14,
            DeletionProtection: true,
            DBClusterParameterGroup: 'phi-aurora-mysql8',
            DBClusterMembers: members('DBClusterMember', [{ DBInstanceIdentifier: `aurora-${r}-1`, IsClusterWriter: true, DBClusterParameterGroupStatus: 'in-sync', PromotionTier: 1 }]),
            TagList: tagList({ backup: 'daily' }),
          },
        ]),
      });
    case 'DescribeDBSnapshots':
      return answer({ DBSnapshots: members('DBSnapshot', range(n).map((i) => ({ DBSnapshotIdentifier: `snap-${r}-${i}`, DBSnapshotArn: arn('snapshot', `snap-${r}-${i}`), DBInstanceIdentifier: `db-${r}-${i}`, Engine: 'postgres', Encrypted: i % 2 === 0, SnapshotType: 'manual', Status: 'available' }))) });
    case 'DescribeDBClusterSnapshots':
      return answer({ DBClusterSnapshots: members('DBClusterSnapshot', [{ DBClusterSnapshotIdentifier: `aurora-${r}-manual`, DBClusterSnapshotArn: arn('cluster-snapshot', `aurora-${r}-manual`), DBClusterIdentifier: `aurora-${r}`, Engine: 'aurora-mysql', StorageEncrypted: true, SnapshotType: 'manual', Status: 'available' }]) });
    case 'DescribeDBSnapshotAttributes': {
      const id = call.params.get('DBSnapshotIdentifier') ?? '';
      // Snapshot 1 of each region is shared with another account; none is public.
      const values = id.endsWith('-1') ? ['444455556666'] : [];
      return answer({ DBSnapshotAttributesResult: { DBSnapshotIdentifier: id, DBSnapshotAttributes: members('DBSnapshotAttribute', [{ AttributeName: 'restore', AttributeValues: members('AttributeValue', values) }]) } });
    }
    case 'DescribeDBClusterSnapshotAttributes': {
      const id = call.params.get('DBClusterSnapshotIdentifier') ?? '';
      return answer({ DBClusterSnapshotAttributesResult: { DBClusterSnapshotIdentifier: id, DBClusterSnapshotAttributes: members('DBClusterSnapshotAttribute', [{ AttributeName: 'restore', AttributeValues: members('AttributeValue', []) }]) } });
    }
    case 'DescribeDBProxies':
      return answer({ DBProxies: [{ DBProxyName: `proxy-${r}`, DBProxyArn: arn('db-proxy', `prx-${r}`), EngineFamily: 'POSTGRESQL', Status: 'available', RequireTLS: r % 2 === 0, VpcId: `vpc-${r}0` }] });
    case 'DescribeDBParameters': {
      const group = call.params.get('DBParameterGroupName') ?? '';
      return answer({ Parameters: tlsParameters('postgres', group.startsWith('phi-')) });
    }
    case 'DescribeDBClusterParameters':
      return answer({ Parameters: tlsParameters('aurora-mysql', (call.params.get('DBClusterParameterGroupName') ?? '').startsWith('phi-')) });
    default:
      return queryError('InvalidAction', `${action} is not served by the fake`);
  }
};

// ---------------------------------------------------------------------------------------------------------------
// Redshift (query protocol)

const REDSHIFT_NS = 'http://redshift.amazonaws.com/doc/2012-12-01/';

export const redshift: Handler = (call, account) => {
  const action = call.params.get('Action') ?? '';
  const r = regionIndex(account, call.region);
  const answer = (result: Record<string, unknown>) => queryAnswer(action, result, REDSHIFT_NS);
  switch (action) {
    case 'DescribeClusters':
      return answer({
        Clusters: members('Cluster', [0, 1].map((i) => ({
          ClusterIdentifier: `warehouse-${r}-${i}`,
          NodeType: 'ra3.xlplus',
          ClusterStatus: 'available',
          ClusterAvailabilityStatus: 'Available',
          Encrypted: i === 0,
          ...(i === 0 ? { KmsKeyId: `arn:aws:kms:${call.region}:${ACCOUNT_ID}:key/key-${r}-0` } : {}),
          PubliclyAccessible: false,
          ClusterParameterGroups: members('ClusterParameterGroup', [
            { ParameterGroupName: i === 0 ? 'phi-require-ssl' : 'default.redshift-1.0', ParameterApplyStatus: 'in-sync', ClusterParameterStatusList: [{ ParameterName: 'require_ssl', ParameterApplyStatus: 'in-sync' }] },
          ]),
          Tags: tagList({ data: 'phi' }),
        }))),
      });
    case 'DescribeClusterParameters': {
      const on = (call.params.get('ParameterGroupName') ?? '').startsWith('phi-');
      return answer({ Parameters: members('Parameter', [{ ParameterName: 'require_ssl', ParameterValue: on ? 'true' : 'false', Source: on ? 'user' : 'engine-default', ApplyType: 'static', DataType: 'boolean', IsModifiable: true }]) });
    }
    default:
      return queryError('InvalidAction', `${action} is not served by the fake`);
  }
};

// ---------------------------------------------------------------------------------------------------------------
// DynamoDB (JSON 1.0) and DAX (JSON 1.1)

const tableNames = (account: SyntheticAccount, region: string) => range(few(account)).map((i) => `phi-table-${regionIndex(account, region)}-${i}`);

export const dynamodb: Handler = (call, account) => {
  const names = tableNames(account, call.region);
  const arn = (name: string) => `arn:aws:dynamodb:${call.region}:${ACCOUNT_ID}:table/${name}`;
  const known = (name: unknown): name is string => typeof name === 'string' && names.includes(name);
  switch (call.target) {
    case 'ListTables': {
      const start = call.body.ExclusiveStartTableName ? names.indexOf(String(call.body.ExclusiveStartTableName)) + 1 : 0;
      const size = Number(call.body.Limit ?? 100);
      const items = names.slice(start, start + size);
      const last = start + size < names.length ? items[items.length - 1] : undefined;
      return json({ TableNames: items, ...(last ? { LastEvaluatedTableName: last } : {}) });
    }
    case 'DescribeTable': {
      const name = call.body.TableName;
      if (!known(name)) return jsonError('ResourceNotFoundException', `Requested resource not found: Table: ${String(name)} not found`);
      const i = names.indexOf(name);
      return json({
        Table: {
          TableName: name,
          TableArn: arn(name),
          TableId: `0000-${i}`,
          TableStatus: 'ACTIVE',
          CreationDateTime: 1_700_000_000,
          ItemCount: 1000,
          TableSizeBytes: 100_000,
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' },
          DeletionProtectionEnabled: i % 2 === 0,
          // Table 0 on a customer managed key; the others on the AWS owned key (no SSEDescription).
          ...(i === 0 ? { SSEDescription: { Status: 'ENABLED', SSEType: 'KMS', KMSMasterKeyArn: `arn:aws:kms:${call.region}:${ACCOUNT_ID}:key/key-0-0` } } : {}),
        },
      });
    }
    case 'DescribeContinuousBackups': {
      const name = call.body.TableName;
      if (!known(name)) return jsonError('TableNotFoundException', `Table not found: ${String(name)}`);
      const on = names.indexOf(name) % 2 === 0;
      return json({ ContinuousBackupsDescription: { ContinuousBackupsStatus: 'ENABLED', PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: on ? 'ENABLED' : 'DISABLED', ...(on ? { RecoveryPeriodInDays: 35 } : {}) } } });
    }
    default:
      return jsonError('UnknownOperationException', `${call.target} is not served by the fake`);
  }
};

export const dax: Handler = (call, account) => {
  if (call.target !== 'DescribeClusters') return jsonError('UnknownOperationException', `${call.target} is not served by the fake`);
  const r = regionIndex(account, call.region);
  return json({
    Clusters: [0, 1].map((i) => ({
      ClusterName: `phi-cache-${r}-${i}`,
      ClusterArn: `arn:aws:dax:${call.region}:${ACCOUNT_ID}:cache/phi-cache-${r}-${i}`,
      TotalNodes: 3,
      ActiveNodes: 3,
      NodeType: 'dax.r5.large',
      Status: 'available',
      SSEDescription: { Status: i === 0 ? 'ENABLED' : 'DISABLED' },
      ClusterEndpointEncryptionType: i === 0 ? 'TLS' : 'NONE',
    })),
  });
};

// ---------------------------------------------------------------------------------------------------------------
// ElastiCache (query protocol)

const ELASTICACHE_NS = 'http://elasticache.amazonaws.com/doc/2015-02-02/';

export const elasticache: Handler = (call, account) => {
  const action = call.params.get('Action') ?? '';
  const r = regionIndex(account, call.region);
  const arn = (kind: string, id: string) => `arn:aws:elasticache:${call.region}:${ACCOUNT_ID}:${kind}:${id}`;
  const answer = (result: Record<string, unknown>) => queryAnswer(action, result, ELASTICACHE_NS);
  const groups = [0, 1].map((i) => `sessions-${r}-${i}`);
  switch (action) {
    case 'DescribeReplicationGroups':
      return answer({
        ReplicationGroups: members('ReplicationGroup', groups.map((id, i) => ({
          ReplicationGroupId: id,
          ARN: arn('replicationgroup', id),
          Description: 'patient sessions',
          Status: 'available',
          Engine: 'redis',
          MemberClusters: members('ClusterId', [`${id}-001`, `${id}-002`]),
          ClusterEnabled: false,
          TransitEncryptionEnabled: i === 0,
          ...(i === 0 ? { TransitEncryptionMode: 'required' } : {}),
          AtRestEncryptionEnabled: i === 0,
          ...(i === 0 ? { KmsKeyId: `arn:aws:kms:${call.region}:${ACCOUNT_ID}:key/key-${r}-0` } : {}),
          MultiAZ: 'enabled',
          AutomaticFailover: 'enabled',
        }))),
      });
    case 'DescribeCacheClusters':
      return answer({
        CacheClusters: members('CacheCluster', [
          ...groups.flatMap((g, i) => [`${g}-001`, `${g}-002`].map((id) => ({ CacheClusterId: id, ARN: arn('cluster', id), Engine: 'redis', EngineVersion: '7.1', CacheClusterStatus: 'available', CacheNodeType: 'cache.t4g.small', NumCacheNodes: 1, ReplicationGroupId: g, TransitEncryptionEnabled: i === 0, AtRestEncryptionEnabled: i === 0 }))),
          { CacheClusterId: `memcached-${r}`, ARN: arn('cluster', `memcached-${r}`), Engine: 'memcached', EngineVersion: '1.6.22', CacheClusterStatus: 'available', CacheNodeType: 'cache.t4g.small', NumCacheNodes: 2, TransitEncryptionEnabled: false, AtRestEncryptionEnabled: false },
        ]),
      });
    case 'DescribeServerlessCaches':
      return answer({ ServerlessCaches: [{ ServerlessCacheName: `serverless-${r}`, ARN: arn('serverlesscache', `serverless-${r}`), Engine: 'valkey', Status: 'available', KmsKeyId: `arn:aws:kms:${call.region}:${ACCOUNT_ID}:key/key-${r}-0`, CreateTime: new Date(0).toISOString() }] });
    default:
      return queryError('InvalidAction', `${action} is not served by the fake`);
  }
};

// ---------------------------------------------------------------------------------------------------------------
// OpenSearch (REST-JSON, signing name `es`) and EFS (REST-JSON, `elasticfilesystem`)

export const opensearch: Handler = (call, account) => {
  const r = regionIndex(account, call.region);
  const names = [0, 1].map((i) => `records-${r}-${i}`);
  if (call.method === 'GET' && call.path === '/2021-01-01/domain') return restJson('ListDomainNames', { DomainNames: names.map((DomainName) => ({ DomainName, EngineType: 'OpenSearch' })) });
  if (call.method === 'POST' && call.path === '/2021-01-01/opensearch/domain-info') {
    const asked = Array.isArray(call.body.DomainNames) ? (call.body.DomainNames as unknown[]).map(String) : [];
    return restJson('DescribeDomains', {
      DomainStatusList: asked.filter((d) => names.includes(d)).map((name) => {
        const secure = name.endsWith('-0');
        return {
          DomainId: `${ACCOUNT_ID}/${name}`,
          DomainName: name,
          ARN: `arn:aws:es:${call.region}:${ACCOUNT_ID}:domain/${name}`,
          Created: true,
          Deleted: false,
          EngineVersion: 'OpenSearch_2.13',
          ClusterConfig: { InstanceType: 'r6g.large.search', InstanceCount: 3 },
          ...(secure ? { VPCOptions: { VPCId: `vpc-${r}0`, SubnetIds: [`subnet-${r}0`], SecurityGroupIds: [`sg-${r}0`] } } : { Endpoint: `search-${name}.${call.region}.es.amazonaws.com` }),
          EncryptionAtRestOptions: { Enabled: secure, ...(secure ? { KmsKeyId: `arn:aws:kms:${call.region}:${ACCOUNT_ID}:key/key-${r}-0` } : {}) },
          NodeToNodeEncryptionOptions: { Enabled: secure },
          DomainEndpointOptions: { EnforceHTTPS: secure, TLSSecurityPolicy: secure ? 'Policy-Min-TLS-1-2-PFS-2023-10' : 'Policy-Min-TLS-1-0-2019-07' },
        };
      }),
    });
  }
  return jsonError('UnknownOperationException', `${call.method} ${call.path} is not served by the fake`);
};

export const efs: Handler = (call, account) => {
  if (call.method !== 'GET' || call.path !== '/2015-02-01/file-systems') return jsonError('UnknownOperationException', `${call.method} ${call.path} is not served by the fake`);
  const r = regionIndex(account, call.region);
  const all = range(few(account)).map((i) => {
    const id = `fs-${String(r).padStart(4, '0')}${String(i).padStart(4, '0')}`;
    const tags = [{ Key: 'Name', Value: `shared-${i}` }, ...(i % 2 === 0 ? [{ Key: 'backup', Value: 'daily' }] : [])];
    return {
      OwnerId: ACCOUNT_ID,
      CreationToken: id,
      FileSystemId: id,
      FileSystemArn: `arn:aws:elasticfilesystem:${call.region}:${ACCOUNT_ID}:file-system/${id}`,
      CreationTime: 1_700_000_000,
      LifeCycleState: 'available',
      Name: `shared-${i}`,
      NumberOfMountTargets: 2,
      SizeInBytes: { Value: 6144 },
      PerformanceMode: 'generalPurpose',
      Encrypted: i % 2 === 0,
      ...(i % 2 === 0 ? { KmsKeyId: `arn:aws:kms:${call.region}:${ACCOUNT_ID}:key/key-${r}-0` } : {}),
      ThroughputMode: 'elastic',
      Tags: tags,
    };
  });
  const p = page(all, call.query.get('Marker'), Number(call.query.get('MaxItems') ?? 100));
  return restJson('DescribeFileSystems', { FileSystems: p.items, ...(p.next ? { NextMarker: p.next } : {}) });
};

