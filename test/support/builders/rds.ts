import type { DbCluster, DbInstance, DbParameter, DbProxy, DbSnapshot, RdsRegion } from '../../../src/inventory/types';
import { ACCOUNT, ok } from '../inventory';

/* Typed RDS inventory for check tests: complete objects with defaults, overridable field by field. */

export const dbInstanceArn = (id: string): string => `arn:aws:rds:us-east-1:${ACCOUNT}:db:${id}`;

/**
 * An available, private, encrypted, Multi-AZ PostgreSQL 16.3 instance keeping backups 7 days (no KMS key named),
 * with deletion protection, on DB parameter group phi-postgres16 (in sync).
 */
export function dbInstance(id: string, extra: Partial<DbInstance> = {}): DbInstance {
  return {
    id,
    arn: dbInstanceArn(id),
    engine: 'postgres',
    status: 'available',
    publiclyAccessible: false,
    storageEncrypted: true,
    multiAz: true,
    backupRetentionPeriod: 7,
    tags: {},
    engineVersion: '16.3',
    deletionProtection: true,
    parameterGroup: { name: 'phi-postgres16', applyStatus: 'in-sync' },
    ...extra,
  };
}

/**
 * An available, encrypted, Multi-AZ Aurora PostgreSQL 16.2 cluster over three zones keeping backups 7 days, with no
 * members listed, with deletion protection, on DB cluster parameter group phi-aurora-pg16 (in sync).
 */
export function dbCluster(id: string, extra: Partial<DbCluster> = {}): DbCluster {
  return {
    id,
    arn: `arn:aws:rds:us-east-1:${ACCOUNT}:cluster:${id}`,
    engine: 'aurora-postgresql',
    status: 'available',
    multiAz: true,
    availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
    storageEncrypted: true,
    backupRetentionPeriod: 7,
    memberInstanceIds: [],
    tags: {},
    engineVersion: '16.2',
    deletionProtection: true,
    parameterGroup: { name: 'phi-aurora-pg16', applyStatus: 'in-sync' },
    ...extra,
  };
}

/** A parameter as DescribeDBParameters shows it: set by the user and dynamic unless told otherwise; `undefined` value: engine default. */
export function param(value: string | undefined, extra: Partial<DbParameter> = {}): DbParameter {
  return value === undefined ? { source: 'engine-default', applyType: 'dynamic', ...extra } : { value, source: 'user', applyType: 'dynamic', ...extra };
}

/** An available RDS Proxy for PostgreSQL that requires TLS. */
export function dbProxy(name: string, extra: Partial<DbProxy> = {}): DbProxy {
  return { name, arn: `arn:aws:rds:us-east-1:${ACCOUNT}:db-proxy:prx-${name}`, engineFamily: 'POSTGRESQL', status: 'available', requireTls: true, ...extra };
}

/** An encrypted manual snapshot of instance patient-portal-db, restorable by the given accounts. */
export function dbSnapshot(id: string, restorableBy: DbSnapshot['restorableBy'], extra: Partial<DbSnapshot> = {}): DbSnapshot {
  return {
    id,
    arn: `arn:aws:rds:us-east-1:${ACCOUNT}:snapshot:${id}`,
    kind: 'instance',
    sourceId: 'patient-portal-db',
    encrypted: true,
    restorableBy,
    ...extra,
  };
}

/** An encrypted manual snapshot of cluster phi-claims-prod, restorable by the given accounts. */
export function dbClusterSnapshot(id: string, restorableBy: DbSnapshot['restorableBy'], extra: Partial<DbSnapshot> = {}): DbSnapshot {
  return dbSnapshot(id, restorableBy, {
    arn: `arn:aws:rds:us-east-1:${ACCOUNT}:cluster-snapshot:${id}`,
    kind: 'cluster',
    sourceId: 'phi-claims-prod',
    ...extra,
  });
}

/** An RDS region where every read succeeded with nothing in it; override the parts a test needs. */
export function rdsRegion(parts: Partial<RdsRegion> = {}): RdsRegion {
  return { instances: ok([]), clusters: ok([]), snapshots: ok([]), clusterSnapshots: ok([]), ...parts };
}

/** An RDS region holding these instances and clusters (and no snapshots). */
export function rdsDatabases(instances: RdsRegion['instances'] = ok([]), clusters: RdsRegion['clusters'] = ok([])): RdsRegion {
  return rdsRegion({ instances, clusters });
}

/** An RDS region holding these instance and cluster snapshots (and no databases). */
export function rdsSnapshots(snapshots: RdsRegion['snapshots'], clusterSnapshots: RdsRegion['clusterSnapshots'] = ok([])): RdsRegion {
  return rdsRegion({ snapshots, clusterSnapshots });
}
