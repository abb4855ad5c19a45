import check from '../../../checks/rds/tls-required';
import type { DbTlsParameters, RdsRegion, Read } from '../../../src/inventory/types';
import { checkContext, denied, failed, inventory, ok, statuses } from '../../support/inventory';
import { dbCluster as cluster, dbInstance as instance, dbProxy as proxy, param, rdsRegion } from '../../support/builders/rds';

type Groups = Record<string, Read<DbTlsParameters>>;

/** A region with these databases and groups, and no proxies unless given. */
function region(parts: Partial<RdsRegion>): RdsRegion {
  return rdsRegion({ instanceParameterGroups: {}, clusterParameterGroups: {}, proxies: ok([]), ...parts });
}

const run = (data: RdsRegion) => check.evaluate(inventory({ rds: { 'us-east-1': data } }), checkContext());

describe('rds.tls-required', () => {
  it('passes an instance whose group sets rds.force_ssl = 1 and fails one set to 0, naming the group and the source', () => {
    const groups: Groups = {
      'pg14-tls': ok({ 'rds.force_ssl': param('1') }),
      'pg14-open': ok({ 'rds.force_ssl': param('0') }),
    };
    const results = run(
      region({
        instances: ok([
          instance('ehr', { engineVersion: '14.10', parameterGroup: { name: 'pg14-tls', applyStatus: 'in-sync' } }),
          instance('portal', { engineVersion: '14.10', parameterGroup: { name: 'pg14-open', applyStatus: 'in-sync' } }),
        ]),
        instanceParameterGroups: groups,
      }),
    );
    expect(statuses(results)).toEqual({ 'us-east-1/ehr': 'PASS', 'us-east-1/portal': 'FAIL' });
    expect(results[0]?.message).toBe('DB instance ehr (postgres 14.10) refuses connections without TLS: rds.force_ssl = 1 in DB parameter group pg14-tls (source: user)');
    expect(results[1]?.message).toBe('DB instance portal (postgres 14.10) accepts connections without TLS: rds.force_ssl = 0 in DB parameter group pg14-open (source: user)');
    expect(results[1]?.resource).toEqual({ type: 'AwsRdsDbInstance', id: 'portal', arn: 'arn:aws:rds:us-east-1:111122223333:db:portal' });
  });

  it('judges a group that shows no value at the documented engine default: PostgreSQL 15+ forces TLS, older versions do not', () => {
    const results = run(
      region({
        instances: ok([
          instance('pg16', { engineVersion: '16.3', parameterGroup: { name: 'default.postgres16', applyStatus: 'in-sync' } }),
          instance('pg13', { engineVersion: '13.15', parameterGroup: { name: 'default.postgres13', applyStatus: 'in-sync' } }),
        ]),
        instanceParameterGroups: {
          'default.postgres16': ok({ 'rds.force_ssl': param(undefined) }),
          'default.postgres13': ok({ 'rds.force_ssl': param(undefined) }),
        },
      }),
    );
    expect(statuses(results)).toEqual({ 'us-east-1/pg16': 'PASS', 'us-east-1/pg13': 'FAIL' });
    expect(results[0]?.message).toBe(
      'DB instance pg16 (postgres 16.3) refuses connections without TLS: rds.force_ssl = 1, the RDS for PostgreSQL 15+ default, which applies since DB parameter group default.postgres16 does not set it',
    );
    expect(results[1]?.message).toContain('rds.force_ssl = 0, the RDS for PostgreSQL default before version 15');
  });

  it('reads MySQL and MariaDB require_secure_transport as 1/ON and knows their defaults by version', () => {
    const group = (name: string) => ({ parameterGroup: { name, applyStatus: 'in-sync' } });
    const results = run(
      region({
        instances: ok([
          instance('mysql-on', { engine: 'mysql', engineVersion: '8.0.39', ...group('mysql-tls') }),
          instance('mysql-default', { engine: 'mysql', engineVersion: '8.4.3', ...group('default.mysql8.4') }),
          instance('maria-old', { engine: 'mariadb', engineVersion: '10.11.9', ...group('default.mariadb10.11') }),
          instance('maria-new', { engine: 'mariadb', engineVersion: '11.8.2', ...group('default.mariadb11.8') }),
          instance('mysql-97', { engine: 'mysql', engineVersion: '9.7.0', ...group('default.mysql9.7') }),
        ]),
        instanceParameterGroups: {
          'mysql-tls': ok({ require_secure_transport: param('1') }),
          'default.mysql8.4': ok({ require_secure_transport: param(undefined) }),
          'default.mariadb10.11': ok({ require_secure_transport: param(undefined) }),
          'default.mariadb11.8': ok({ require_secure_transport: param(undefined) }),
          'default.mysql9.7': ok({ require_secure_transport: param(undefined) }),
        },
      }),
    );
    expect(statuses(results)).toEqual({
      'us-east-1/mysql-on': 'PASS',
      'us-east-1/mysql-default': 'FAIL',
      'us-east-1/maria-old': 'FAIL',
      'us-east-1/maria-new': 'PASS',
      'us-east-1/mysql-97': 'PASS',
    });
    expect(results[1]?.message).toContain('require_secure_transport = 0, the RDS for MySQL default up to 8.4');
    expect(results[3]?.message).toContain('the RDS for MariaDB 11.8+ default');
  });

  it('does not judge a value left at a default the documentation does not give for that version', () => {
    const results = run(
      region({
        instances: ok([
          instance('mysql-91', { engine: 'mysql', engineVersion: '9.1.0', parameterGroup: { name: 'default.mysql9.1' } }),
          instance('no-version', { engineVersion: undefined, parameterGroup: { name: 'default.postgres16' } }),
        ]),
        clusters: ok([cluster('apg17', { engineVersion: '17.4', parameterGroup: { name: 'default.aurora-postgresql17' } })]),
        instanceParameterGroups: {
          'default.mysql9.1': ok({ require_secure_transport: param(undefined) }),
          'default.postgres16': ok({ 'rds.force_ssl': param(undefined) }),
        },
        clusterParameterGroups: { 'default.aurora-postgresql17': ok({ 'rds.force_ssl': param(undefined) }) },
      }),
    );
    expect(statuses(results)).toEqual({ 'us-east-1/mysql-91': 'ERROR', 'us-east-1/no-version': 'ERROR', 'us-east-1/apg17': 'ERROR' });
    expect(results[0]?.message).toBe(
      'not judged: DB instance mysql-91 (mysql 9.1.0): DB parameter group default.mysql9.1 leaves require_secure_transport at the engine default, and no default is documented for mysql 9.1.0; set require_secure_transport explicitly',
    );
    expect(results[1]?.message).toContain('no default is documented for postgres (version unknown)');
    expect(results[2]?.message).toContain('DB cluster parameter group default.aurora-postgresql17 leaves rds.force_ssl at the engine default');
  });

  it('judges cluster members at their cluster, from the DB cluster parameter group, with Aurora MySQL ON/OFF values', () => {
    const results = run(
      region({
        instances: ok([
          // The members' own DB parameter groups do not hold the TLS setting of an Aurora cluster.
          instance('claims-1', { engine: 'aurora-mysql', clusterId: 'claims', parameterGroup: { name: 'default.aurora-mysql8.0' } }),
          instance('claims-2', { engine: 'aurora-mysql', clusterId: 'claims', parameterGroup: { name: 'default.aurora-mysql8.0' } }),
        ]),
        clusters: ok([
          cluster('claims', { engine: 'aurora-mysql', engineVersion: '8.0.mysql_aurora.3.05.2', parameterGroup: { name: 'claims-tls', applyStatus: 'in-sync' } }),
          cluster('billing', { engine: 'aurora-mysql', engineVersion: '5.7.mysql_aurora.2.11.2', parameterGroup: { name: 'default.aurora-mysql5.7' } }),
          cluster('claims-pg', { parameterGroup: { name: 'apg-tls' } }),
        ]),
        clusterParameterGroups: {
          'claims-tls': ok({ require_secure_transport: param('ON') }),
          'default.aurora-mysql5.7': ok({ require_secure_transport: param(undefined) }),
          'apg-tls': ok({ 'rds.force_ssl': param('1') }),
        },
      }),
    );
    expect(statuses(results)).toEqual({ 'us-east-1/claims': 'PASS', 'us-east-1/billing': 'FAIL', 'us-east-1/claims-pg': 'PASS' });
    expect(results[0]?.resource.type).toBe('AwsRdsDbCluster');
    expect(results[0]?.message).toBe(
      'DB cluster claims (aurora-mysql 8.0.mysql_aurora.3.05.2) refuses connections without TLS: require_secure_transport = ON in DB cluster parameter group claims-tls (source: user)',
    );
    expect(results[1]?.message).toContain('require_secure_transport = OFF, the Aurora MySQL 2 and 3 default');
  });

  it('fails SQL Server on its default and does not judge a forced value of a static parameter still pending a reboot', () => {
    const results = run(
      region({
        instances: ok([
          instance('sql-default', { engine: 'sqlserver-se', engineVersion: '15.00.4395.2.v1', parameterGroup: { name: 'default.sqlserver-se-15.0', applyStatus: 'in-sync' } }),
          instance('sql-pending', { engine: 'sqlserver-se', engineVersion: '15.00.4395.2.v1', parameterGroup: { name: 'sql-tls', applyStatus: 'pending-reboot' } }),
          instance('sql-applied', { engine: 'sqlserver-se', engineVersion: '15.00.4395.2.v1', parameterGroup: { name: 'sql-tls', applyStatus: 'in-sync' } }),
          instance('pg-pending', { parameterGroup: { name: 'pg-tls', applyStatus: 'pending-reboot' } }),
        ]),
        instanceParameterGroups: {
          'default.sqlserver-se-15.0': ok({ 'rds.force_ssl': param(undefined, { applyType: 'static' }) }),
          'sql-tls': ok({ 'rds.force_ssl': param('1', { applyType: 'static' }) }),
          // A dynamic parameter is applied without a reboot: a pending reboot is about something else.
          'pg-tls': ok({ 'rds.force_ssl': param('1', { applyType: 'dynamic' }) }),
        },
      }),
    );
    expect(statuses(results)).toEqual({
      'us-east-1/sql-default': 'FAIL',
      'us-east-1/sql-pending': 'ERROR',
      'us-east-1/sql-applied': 'PASS',
      'us-east-1/pg-pending': 'PASS',
    });
    expect(results[0]?.message).toContain('rds.force_ssl = 0, the RDS for SQL Server default');
    expect(results[1]?.message).toBe(
      'not judged: DB instance sql-pending (sqlserver-se 15.00.4395.2.v1): rds.force_ssl = 1 in DB parameter group sql-tls (source: user), but it is pending a reboot to apply that group and rds.force_ssl is static: it may not be in effect until the reboot',
    );
  });

  it('still fails a group that does not force TLS while a reboot is pending, and says so', () => {
    const results = run(
      region({
        instances: ok([instance('pg', { engineVersion: '14.1', parameterGroup: { name: 'pg-open', applyStatus: 'pending-reboot' } })]),
        instanceParameterGroups: { 'pg-open': ok({ 'rds.force_ssl': param('0', { applyType: 'static' }) }) },
      }),
    );
    expect(results.map((r) => [r.status, r.message])).toEqual([
      ['FAIL', 'DB instance pg (postgres 14.1) accepts connections without TLS: rds.force_ssl = 0 in DB parameter group pg-open (source: user) (pending a reboot to apply the group)'],
    ]);
  });

  it('reports engines without a TLS parameter as not judged, never passed', () => {
    const results = run(
      region({
        instances: ok([
          instance('erp', { engine: 'oracle-ee', engineVersion: '19.0.0.0.ru-2024-10.rur-2024-10.r1', parameterGroup: { name: 'default.oracle-ee-19' } }),
          instance('legacy', { engine: 'db2-se', engineVersion: '11.5.9.0.sb00000000.r1', parameterGroup: { name: 'default.db2-se-11.5' } }),
        ]),
        clusters: ok([cluster('graph', { engine: 'neptune', engineVersion: '1.3.2.1', parameterGroup: { name: 'default.neptune1.3' } })]),
      }),
    );
    expect(statuses(results)).toEqual({ 'us-east-1/erp': 'ERROR', 'us-east-1/legacy': 'ERROR', 'us-east-1/graph': 'ERROR' });
    expect(results[0]?.message).toMatch(/^not judged: DB instance erp \(oracle-ee 19[^)]*\): Oracle has no parameter that refuses plaintext .*confirm in the clients' connection settings/);
    expect(results[1]?.message).toContain('db2-se has no parameter that refuses connections without TLS');
    expect(results[2]?.message).toContain('Neptune enforces TLS by engine version');
  });

  it('judges DocumentDB by its tls cluster parameter, enabled by default', () => {
    const results = run(
      region({
        clusters: ok([
          cluster('docs-open', { engine: 'docdb', engineVersion: '5.0.0', parameterGroup: { name: 'docdb-open' } }),
          cluster('docs-default', { engine: 'docdb', engineVersion: '5.0.0', parameterGroup: { name: 'default.docdb5.0' } }),
          cluster('docs-13', { engine: 'docdb', engineVersion: '5.0.0', parameterGroup: { name: 'docdb-13' } }),
        ]),
        clusterParameterGroups: {
          'docdb-open': ok({ tls: param('disabled') }),
          'default.docdb5.0': ok({ tls: param(undefined) }),
          'docdb-13': ok({ tls: param('tls1.3+') }),
        },
      }),
    );
    expect(statuses(results)).toEqual({ 'us-east-1/docs-open': 'FAIL', 'us-east-1/docs-default': 'PASS', 'us-east-1/docs-13': 'PASS' });
  });

  it('does not judge a database whose group has no TLS parameter or that names no group', () => {
    const results = run(
      region({
        instances: ok([
          instance('maria104', { engine: 'mariadb', engineVersion: '10.4.34', parameterGroup: { name: 'default.mariadb10.4' } }),
          instance('nameless', { parameterGroup: undefined }),
        ]),
        instanceParameterGroups: { 'default.mariadb10.4': ok({}) },
      }),
    );
    expect(results.map((r) => [r.resource.id, r.status, r.message])).toEqual([
      ['maria104', 'ERROR', 'not judged: DB instance maria104 (mariadb 10.4.34): its DB parameter group default.mariadb10.4 has no require_secure_transport parameter (not supported by this engine version)'],
      ['nameless', 'ERROR', 'not judged: DB instance nameless (postgres 16.3): the RDS answer named no DB parameter group for it'],
    ]);
  });

  it('reports ERROR for a database whose group could not be read, and for a group the inventory does not hold', () => {
    const results = run(
      region({
        instances: ok([
          instance('denied', { parameterGroup: { name: 'locked' } }),
          instance('missing', { parameterGroup: { name: 'unread' } }),
          instance('fine', { parameterGroup: { name: 'pg-tls' } }),
        ]),
        instanceParameterGroups: { locked: failed(denied('rds', 'DescribeDBParameters')), 'pg-tls': ok({ 'rds.force_ssl': param('1') }) },
      }),
    );
    expect(statuses(results)).toEqual({ 'us-east-1/denied': 'ERROR', 'us-east-1/missing': 'ERROR', 'us-east-1/fine': 'PASS' });
    expect(results[0]?.message).toMatch(
      /^could not read the rds.force_ssl parameter of DB parameter group locked, used by DB instance denied \(postgres 16.3\): AccessDenied: .*Fix: .*rds:DescribeDBParameters/,
    );
    expect(results[1]?.message).toContain('NotCollected');
  });

  it('skips databases being deleted', () => {
    const results = run(region({ instances: ok([instance('gone', { status: 'deleting', parameterGroup: { name: 'x' } })]), clusters: ok([cluster('gone-c', { status: 'deleting' })]) }));
    expect(results).toEqual([]);
  });

  it('judges RDS Proxies by RequireTLS', () => {
    const results = run(
      region({ proxies: ok([proxy('portal-proxy'), proxy('legacy-proxy', { requireTls: false, engineFamily: 'MYSQL' }), proxy('odd-proxy', { requireTls: undefined })]) }),
    );
    expect(results.map((r) => [r.resource.id, r.status, r.message])).toEqual([
      ['portal-proxy', 'PASS', 'RDS Proxy portal-proxy (POSTGRESQL) requires TLS for client connections (RequireTLS is true)'],
      ['legacy-proxy', 'FAIL', 'RDS Proxy legacy-proxy (MYSQL) accepts client connections without TLS (RequireTLS is false)'],
      ['odd-proxy', 'ERROR', 'not judged: RDS Proxy odd-proxy (POSTGRESQL): the DescribeDBProxies answer did not say whether it requires TLS'],
    ]);
    expect(results[0]?.resource.arn).toBe('arn:aws:rds:us-east-1:111122223333:db-proxy:prx-portal-proxy');
  });

  it('reports one ERROR for the account naming each list that could not be read, and judges the rest', () => {
    const results = run(
      region({
        instances: ok([instance('fine', { parameterGroup: { name: 'pg-tls' } })]),
        instanceParameterGroups: { 'pg-tls': ok({ 'rds.force_ssl': param('1') }) },
        clusters: failed(denied('rds', 'DescribeDBClusters')),
        proxies: failed(denied('rds', 'DescribeDBProxies')),
      }),
    );
    expect(statuses(results)).toEqual({ 'us-east-1/fine': 'PASS', 'us-east-1/111122223333': 'ERROR' });
    expect(results[1]?.message).toMatch(/RDS DB clusters in us-east-1 \(rds DescribeDBClusters\): AccessDenied.*RDS Proxies in us-east-1 \(rds DescribeDBProxies\): AccessDenied/);
  });
});
