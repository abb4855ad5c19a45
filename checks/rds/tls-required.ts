import type { Check, CheckResult } from '../../src/evaluate/types';
import { fail, pass, readOf, result, unreadable } from '../../src/evaluate/results';
import { tlsParameterOf, type DbProxy, type DbTlsParameters, type ParameterGroupRef, type Read } from '../../src/inventory/types';
import { eachRdsRegion, judgeList } from './databases';
import { engineDefault, forcesTls } from './tls-parameters';

/** What the check needs of an instance or a cluster. */
interface Database {
  kind: 'instance' | 'cluster';
  id: string;
  arn: string;
  engine: string;
  engineVersion?: string;
  parameterGroup?: ParameterGroupRef;
}

const check: Check = {
  id: 'rds.tls-required',
  title: 'RDS databases and proxies refuse connections without TLS',
  severity: 'medium',
  hipaa: ['164.312(e)(1)', '164.312(e)(2)(ii)'],
  controls: [],
  description:
    'Most database clients try TLS and silently fall back to a plaintext connection when it fails, so a database that ' +
    'merely offers TLS still lets credentials and ePHI cross the network in the clear. The engine refuses plaintext ' +
    'only when its parameter group says so: rds.force_ssl = 1 (RDS for PostgreSQL and SQL Server, Aurora PostgreSQL), ' +
    'require_secure_transport = 1/ON (RDS for MySQL and MariaDB, Aurora MySQL), tls not disabled (DocumentDB). ' +
    'Standalone instances are judged by their DB parameter group; Aurora, Multi-AZ DB cluster and DocumentDB members ' +
    'by their cluster\'s DB cluster parameter group. A parameter shown without a value is judged at the engine ' +
    'default documented for that engine version (RDS for PostgreSQL 15 and later force TLS by default). RDS Proxies ' +
    'are judged by RequireTLS. Engines without such a parameter (Oracle, Db2, RDS Custom, Neptune) are reported as ' +
    'not judged (ERROR), never passed.',
  remediation: {
    text:
      'Update clients to connect with TLS and verify the server certificate first. Default parameter groups cannot be ' +
      'changed: create a custom DB parameter group (a DB cluster parameter group for Aurora and Multi-AZ DB clusters) ' +
      'of the same family, set `rds.force_ssl` to 1 or `require_secure_transport` to 1 (ON), e.g. `aws rds ' +
      'modify-db-parameter-group --db-parameter-group-name <group> --parameters ' +
      '"ParameterName=rds.force_ssl,ParameterValue=1,ApplyMethod=pending-reboot"` (`aws rds ' +
      'modify-db-cluster-parameter-group --db-cluster-parameter-group-name <group> ...` for clusters), attach it to ' +
      'the database and reboot it if the parameter is static. For an RDS Proxy: `aws rds modify-db-proxy ' +
      '--db-proxy-name <name> --require-tls`.',
    url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.SSL.html',
  },
  reads: ['rds.instances', 'rds.clusters', 'rds.tlsParameters', 'rds.proxies'],
  evaluate(inventory) {
    return eachRdsRegion(inventory, (data, region) => [
      // Members take their TLS setting from the cluster's group (judged there); databases being deleted are skipped.
      judgeList(data.instances, `RDS DB instances in ${region}`, (i) =>
        i.clusterId !== undefined || i.status === 'deleting' ? undefined : judgeDatabase({ kind: 'instance', ...i }, data.instanceParameterGroups, region),
      ),
      judgeList(data.clusters, `RDS DB clusters in ${region}`, (c) =>
        c.status === 'deleting' ? undefined : judgeDatabase({ kind: 'cluster', ...c }, data.clusterParameterGroups, region),
      ),
      judgeList(data.proxies, `RDS Proxies in ${region}`, (p) => judgeProxy(p, region)),
    ]);
  },
};

/** Why an engine without a TLS parameter is not judged, where there is more to say than that. */
function noParameterReason(engine: string): string {
  if (engine.startsWith('oracle')) return 'Oracle has no parameter that refuses plaintext (the SSL option adds a TLS listener beside the plain one, which stays open)';
  if (engine.startsWith('custom-')) return 'RDS Custom databases are configured on their host, not through a parameter group';
  if (engine === 'neptune') return 'Neptune enforces TLS by engine version, not through a parameter';
  return `${engine} has no parameter that refuses connections without TLS`;
}

function judgeDatabase(db: Database, groups: Record<string, Read<DbTlsParameters>> | undefined, region: string): CheckResult {
  const resource = db.kind === 'cluster' ? { type: 'AwsRdsDbCluster', id: db.id, arn: db.arn } : { type: 'AwsRdsDbInstance', id: db.id, arn: db.arn };
  const version = db.engineVersion !== undefined ? ` ${db.engineVersion}` : '';
  const name = `${db.kind === 'cluster' ? 'DB cluster' : 'DB instance'} ${db.id} (${db.engine}${version})`;
  const notJudged = (why: string) => result('ERROR', region, resource, `not judged: ${name}: ${why}`);

  const parameter = tlsParameterOf(db.engine);
  if (parameter === undefined) return notJudged(`${noParameterReason(db.engine)}; confirm in the clients' connection settings that they require TLS and verify the server certificate`);
  const groupKind = db.kind === 'cluster' ? 'DB cluster parameter group' : 'DB parameter group';
  if (db.parameterGroup === undefined) return notJudged(`the RDS answer named no ${groupKind} for it`);
  const group = db.parameterGroup.name;

  const operation = db.kind === 'cluster' ? 'DescribeDBClusterParameters' : 'DescribeDBParameters';
  const read = readOf(groups?.[group], 'rds', region, operation);
  if (!read.ok) return unreadable(region, resource, read.error, `the ${parameter} parameter of ${groupKind} ${group}, used by ${name}`);
  const found = read.value[parameter];
  if (found === undefined) return notJudged(`its ${groupKind} ${group} has no ${parameter} parameter (not supported by this engine version)`);

  let seen: string;
  let value: string;
  if (found.value !== undefined) {
    value = found.value;
    seen = `${parameter} = ${value} in ${groupKind} ${group}${found.source !== undefined ? ` (source: ${found.source})` : ''}`;
  } else {
    const fallback = engineDefault(db.engine, db.engineVersion);
    if (fallback === undefined) {
      return notJudged(
        `${groupKind} ${group} leaves ${parameter} at the engine default, and no default is documented for ${db.engine}${version || ' (version unknown)'}; set ${parameter} explicitly`,
      );
    }
    value = fallback.value;
    seen = `${parameter} = ${value}, ${fallback.basis}, which applies since ${groupKind} ${group} does not set it`;
  }

  const forces = forcesTls(parameter, value);
  // A static parameter changes only at a reboot: while the database is pending-reboot for its group, the value
  // it runs with may not be the group's.
  const pending = db.parameterGroup.applyStatus === 'pending-reboot' && found.applyType !== 'dynamic';
  if (forces && pending) {
    return notJudged(`${seen}, but it is pending a reboot to apply that group and ${parameter} is ${found.applyType ?? 'not known to be dynamic'}: it may not be in effect until the reboot`);
  }
  if (forces) return pass(region, resource, `${name} refuses connections without TLS: ${seen}`);
  return fail(region, resource, `${name} accepts connections without TLS: ${seen}${pending ? ' (pending a reboot to apply the group)' : ''}`);
}

function judgeProxy(p: DbProxy, region: string): CheckResult {
  const resource = { type: 'Other', id: p.name, arn: p.arn };
  const name = `RDS Proxy ${p.name} (${p.engineFamily})`;
  if (p.requireTls === undefined) return result('ERROR', region, resource, `not judged: ${name}: the DescribeDBProxies answer did not say whether it requires TLS`);
  return p.requireTls
    ? pass(region, resource, `${name} requires TLS for client connections (RequireTLS is true)`)
    : fail(region, resource, `${name} accepts client connections without TLS (RequireTLS is false)`);
}

export default check;
