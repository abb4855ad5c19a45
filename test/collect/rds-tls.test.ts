import {
  DescribeDBClusterParametersCommand,
  DescribeDBClustersCommand,
  DescribeDBInstancesCommand,
  DescribeDBParametersCommand,
  DescribeDBProxiesCommand,
  RDSClient,
  type DBInstance,
  type DescribeDBParametersMessage,
} from '@aws-sdk/client-rds';
import { mockClient } from 'aws-sdk-client-mock';
import { rdsCollector } from '../../src/collect/rds';
import { awsError, collectContext } from '../support/inventory';
import { emptyRdsRegion } from '../support/rds-region';

/* The RDS reads behind the TLS and deletion-protection checks: instance and cluster details, TLS parameters of each
 * distinct parameter group, RDS Proxies. */

const rds = mockClient(RDSClient);
beforeEach(() => rds.reset());

const arn = (kind: string, id: string) => `arn:aws:rds:us-east-1:111122223333:${kind}:${id}`;
const TLS_FILTER = [{ Name: 'parameter-name', Values: ['rds.force_ssl', 'require_secure_transport', 'tls'] }];

const db = (id: string, engine: string, group: string, extra: Partial<DBInstance> = {}): DBInstance => ({
  DBInstanceIdentifier: id,
  DBInstanceArn: arn('db', id),
  Engine: engine,
  EngineVersion: '16.3',
  DBInstanceStatus: 'available',
  DBParameterGroups: [{ DBParameterGroupName: group, ParameterApplyStatus: 'in-sync' }],
  ...extra,
});

/** Copies of every request input (the SDK paginator mutates one input object across pages). */
function recordInputs<T extends object>(answer: (input: T) => object): { inputs: T[]; fake: (input: T) => object } {
  const inputs: T[] = [];
  return {
    inputs,
    fake: (input) => {
      inputs.push(JSON.parse(JSON.stringify(input)) as T);
      return answer(input);
    },
  };
}

describe('rds collector: instance and cluster details', () => {
  it('keeps engine version, deletion protection and parameter groups, with a member waiting for a reboot winning', async () => {
    emptyRdsRegion(rds);
    rds.on(DescribeDBInstancesCommand).resolves({
      DBInstances: [db('ehr', 'postgres', 'pg-tls', { DeletionProtection: true }), { DBInstanceIdentifier: 'bare', DBInstanceArn: arn('db', 'bare'), Engine: 'postgres' }],
    });
    rds.on(DescribeDBClustersCommand).resolves({
      DBClusters: [
        {
          DBClusterIdentifier: 'claims',
          DBClusterArn: arn('cluster', 'claims'),
          Engine: 'aurora-mysql',
          EngineVersion: '8.0.mysql_aurora.3.05.2',
          DeletionProtection: false,
          DBClusterParameterGroup: 'claims-tls',
          DBClusterMembers: [
            { DBInstanceIdentifier: 'claims-1', DBClusterParameterGroupStatus: 'in-sync' },
            { DBInstanceIdentifier: 'claims-2', DBClusterParameterGroupStatus: 'pending-reboot' },
          ],
        },
      ],
    });
    const data = await rdsCollector.collect(collectContext(['us-east-1'], ['rds.instances', 'rds.clusters']), 'us-east-1');
    const [ehr, bare] = data.instances!.ok ? data.instances!.value : [];
    expect(ehr).toMatchObject({ engineVersion: '16.3', deletionProtection: true, parameterGroup: { name: 'pg-tls', applyStatus: 'in-sync' } });
    // Absent in the answer: absent in the inventory, never a guessed false.
    expect(bare).not.toHaveProperty('deletionProtection');
    expect(bare).not.toHaveProperty('engineVersion');
    expect(bare).not.toHaveProperty('parameterGroup');
    expect(data.clusters!.ok && data.clusters!.value[0]).toMatchObject({
      engineVersion: '8.0.mysql_aurora.3.05.2',
      deletionProtection: false,
      parameterGroup: { name: 'claims-tls', applyStatus: 'pending-reboot' },
    });
    // Neither the TLS parameters nor the proxies were asked for.
    expect(data.instanceParameterGroups).toBeUndefined();
    expect(data.clusterParameterGroups).toBeUndefined();
    expect(data.proxies).toBeUndefined();
    expect(rds.commandCalls(DescribeDBParametersCommand)).toHaveLength(0);
    expect(rds.commandCalls(DescribeDBProxiesCommand)).toHaveLength(0);
  });
});

describe('rds collector: TLS parameters', () => {
  it('reads each distinct parameter group once, filtered to the TLS parameters, across pages; members, Oracle and Neptune need none', async () => {
    emptyRdsRegion(rds);
    rds.on(DescribeDBInstancesCommand).resolves({
      DBInstances: [
        db('ehr-1', 'postgres', 'pg-shared'),
        db('ehr-2', 'postgres', 'pg-shared'),
        db('ehr-3', 'postgres', 'pg-shared'),
        db('billing', 'mysql', 'default.mysql8.0'),
        db('erp', 'oracle-ee', 'default.oracle-ee-19'),
        db('claims-1', 'aurora-postgresql', 'default.aurora-postgresql16', { DBClusterIdentifier: 'claims' }),
      ],
    });
    rds.on(DescribeDBClustersCommand).resolves({
      DBClusters: [
        { DBClusterIdentifier: 'claims', DBClusterArn: arn('cluster', 'claims'), Engine: 'aurora-postgresql', DBClusterParameterGroup: 'apg-tls' },
        { DBClusterIdentifier: 'claims-b', DBClusterArn: arn('cluster', 'claims-b'), Engine: 'aurora-postgresql', DBClusterParameterGroup: 'apg-tls' },
        { DBClusterIdentifier: 'graph', DBClusterArn: arn('cluster', 'graph'), Engine: 'neptune', DBClusterParameterGroup: 'default.neptune1.3' },
      ],
    });
    const parameters = recordInputs<DescribeDBParametersMessage>((input) => {
      if (input.DBParameterGroupName === 'pg-shared' && input.Marker === undefined) {
        return { Marker: 'p2', Parameters: [{ ParameterName: 'rds.force_ssl', ParameterValue: '1', Source: 'user', ApplyType: 'dynamic' }] };
      }
      // An endpoint that ignores the filter answers other parameters too: only the TLS ones are kept.
      if (input.DBParameterGroupName === 'pg-shared' && input.Marker === 'p2') return { Parameters: [{ ParameterName: 'work_mem', ParameterValue: '4096' }] };
      if (input.DBParameterGroupName === 'default.mysql8.0' && input.Marker === undefined) {
        return { Parameters: [{ ParameterName: 'require_secure_transport', Source: 'engine-default', ApplyType: 'dynamic' }] };
      }
      throw new Error(`unexpected request ${JSON.stringify(input)}`);
    });
    rds.on(DescribeDBParametersCommand).callsFake(parameters.fake);
    rds.on(DescribeDBClusterParametersCommand, { DBClusterParameterGroupName: 'apg-tls' }).resolves({
      Parameters: [{ ParameterName: 'rds.force_ssl', ParameterValue: '0', Source: 'user', ApplyType: 'dynamic' }],
    });

    const ctx = collectContext(['us-east-1'], ['rds.instances', 'rds.clusters', 'rds.tlsParameters']);
    const data = await rdsCollector.collect(ctx, 'us-east-1');

    // The groups are read in parallel, so only the order within one group's series is fixed.
    expect(parameters.inputs).toEqual(
      expect.arrayContaining([
        { DBParameterGroupName: 'pg-shared', Filters: TLS_FILTER },
        { DBParameterGroupName: 'pg-shared', Filters: TLS_FILTER, Marker: 'p2' },
        { DBParameterGroupName: 'default.mysql8.0', Filters: TLS_FILTER },
      ]),
    );
    expect(parameters.inputs).toHaveLength(3);
    expect(rds.commandCalls(DescribeDBClusterParametersCommand).map((c) => c.args[0].input)).toEqual([{ DBClusterParameterGroupName: 'apg-tls', Filters: TLS_FILTER }]);
    expect(data.instanceParameterGroups).toEqual({
      'pg-shared': { ok: true, value: { 'rds.force_ssl': { value: '1', source: 'user', applyType: 'dynamic' } } },
      'default.mysql8.0': { ok: true, value: { require_secure_transport: { source: 'engine-default', applyType: 'dynamic' } } },
    });
    expect(data.clusterParameterGroups).toEqual({ 'apg-tls': { ok: true, value: { 'rds.force_ssl': { value: '0', source: 'user', applyType: 'dynamic' } } } });
    // Six instances and three clusters: two parameter series (one of two pages) and one cluster parameter series.
    expect(ctx.aws.apiCalls.byOperation()).toEqual({
      'rds:DescribeDBInstances': 1,
      'rds:DescribeDBClusters': 1,
      'rds:DescribeDBParameters': 3,
      'rds:DescribeDBClusterParameters': 1,
    });
  });

  it('asks again without the filter when the endpoint refuses it', async () => {
    emptyRdsRegion(rds);
    rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [db('ehr', 'postgres', 'pg')] });
    const parameters = recordInputs<DescribeDBParametersMessage>((input) => {
      if (input.Filters) throw awsError('InvalidParameterValue', 'Unrecognized filter name: parameter-name');
      return { Parameters: [{ ParameterName: 'max_connections', ParameterValue: '100' }, { ParameterName: 'rds.force_ssl', ParameterValue: '1', Source: 'system' }] };
    });
    rds.on(DescribeDBParametersCommand).callsFake(parameters.fake);
    const data = await rdsCollector.collect(collectContext(['us-east-1'], ['rds.instances', 'rds.tlsParameters']), 'us-east-1');
    expect(parameters.inputs).toEqual([{ DBParameterGroupName: 'pg', Filters: TLS_FILTER }, { DBParameterGroupName: 'pg' }]);
    expect(data.instanceParameterGroups).toEqual({ pg: { ok: true, value: { 'rds.force_ssl': { value: '1', source: 'system' } } } });
  });

  it('records AccessDenied on one group for that group only, and an answer without Parameters as incomplete', async () => {
    emptyRdsRegion(rds);
    rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [db('a', 'postgres', 'locked'), db('b', 'postgres', 'open'), db('c', 'postgres', 'empty')] });
    rds.on(DescribeDBParametersCommand, { DBParameterGroupName: 'locked' }).rejects(awsError('AccessDenied', 'not authorized to perform rds:DescribeDBParameters', 403));
    rds.on(DescribeDBParametersCommand, { DBParameterGroupName: 'open' }).resolves({ Parameters: [{ ParameterName: 'rds.force_ssl', ParameterValue: '1' }] });
    rds.on(DescribeDBParametersCommand, { DBParameterGroupName: 'empty' }).resolves({});
    const data = await rdsCollector.collect(collectContext(['us-east-1'], ['rds.instances', 'rds.tlsParameters']), 'us-east-1');
    expect(data.instanceParameterGroups?.locked).toEqual({
      ok: false,
      error: { service: 'rds', region: 'us-east-1', operation: 'DescribeDBParameters', code: 'AccessDenied', message: 'not authorized to perform rds:DescribeDBParameters' },
    });
    expect(data.instanceParameterGroups?.open).toEqual({ ok: true, value: { 'rds.force_ssl': { value: '1' } } });
    expect(data.instanceParameterGroups?.empty).toMatchObject({ ok: false, error: { code: 'IncompleteAnswer', operation: 'DescribeDBParameters' } });
  });

  it('lists instances and clusters to find the groups even when only the TLS parameters are wanted, and keeps them out of the inventory', async () => {
    emptyRdsRegion(rds);
    rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [db('ehr', 'postgres', 'pg')] });
    rds.on(DescribeDBParametersCommand).resolves({ Parameters: [] });
    const data = await rdsCollector.collect(collectContext(['us-east-1'], ['rds.tlsParameters']), 'us-east-1');
    expect(data.instances).toBeUndefined();
    expect(data.clusters).toBeUndefined();
    expect(data.instanceParameterGroups).toEqual({ pg: { ok: true, value: {} } });
    expect(data.clusterParameterGroups).toEqual({});
  });

  it('reads no group when the instances could not be listed (the check reports the listing)', async () => {
    emptyRdsRegion(rds);
    rds.on(DescribeDBInstancesCommand).rejects(awsError('AccessDenied', 'denied instances', 403));
    const data = await rdsCollector.collect(collectContext(['us-east-1'], ['rds.instances', 'rds.tlsParameters']), 'us-east-1');
    expect(data.instances?.ok).toBe(false);
    expect(data.instanceParameterGroups).toEqual({});
    expect(rds.commandCalls(DescribeDBParametersCommand)).toHaveLength(0);
  });
});

describe('rds collector: RDS Proxies', () => {
  it('follows Marker pages and keeps RequireTLS only when the answer gives it', async () => {
    emptyRdsRegion(rds);
    const proxies = recordInputs<{ Marker?: string }>((input) =>
      input.Marker === undefined
        ? { Marker: 'x1', DBProxies: [{ DBProxyName: 'portal', DBProxyArn: arn('db-proxy', 'prx-1'), EngineFamily: 'POSTGRESQL', Status: 'available', RequireTLS: true }] }
        : { DBProxies: [{ DBProxyName: 'legacy', DBProxyArn: arn('db-proxy', 'prx-2'), EngineFamily: 'MYSQL', Status: 'available' }] },
    );
    rds.on(DescribeDBProxiesCommand).callsFake(proxies.fake);
    const ctx = collectContext(['us-east-1'], ['rds.proxies']);
    const data = await rdsCollector.collect(ctx, 'us-east-1');
    expect(proxies.inputs).toEqual([{}, { Marker: 'x1' }]);
    expect(data.proxies).toEqual({
      ok: true,
      value: [
        { name: 'portal', arn: arn('db-proxy', 'prx-1'), engineFamily: 'POSTGRESQL', status: 'available', requireTls: true },
        { name: 'legacy', arn: arn('db-proxy', 'prx-2'), engineFamily: 'MYSQL', status: 'available' },
      ],
    });
    expect(ctx.aws.apiCalls.byOperation()).toEqual({ 'rds:DescribeDBProxies': 2 });
  });

  it('records AccessDenied and a field-less answer as failed reads', async () => {
    emptyRdsRegion(rds);
    rds.on(DescribeDBProxiesCommand).rejects(awsError('AccessDenied', 'denied proxies', 403));
    const denied = await rdsCollector.collect(collectContext(['us-east-1'], ['rds.proxies']), 'us-east-1');
    expect(denied.proxies).toEqual({ ok: false, error: { service: 'rds', region: 'us-east-1', operation: 'DescribeDBProxies', code: 'AccessDenied', message: 'denied proxies' } });
    rds.on(DescribeDBProxiesCommand).resolves({});
    const empty = await rdsCollector.collect(collectContext(['us-east-1'], ['rds.proxies']), 'us-east-1');
    expect(empty.proxies).toMatchObject({ ok: false, error: { code: 'IncompleteAnswer' } });
  });
});
