import type { Read } from './read';
import type { Tags } from './ec2';

export interface DbInstance {
  id: string;
  arn: string;
  engine: string;
  status: string;
  /** Set for Aurora (and Multi-AZ DB cluster) members: judged at the cluster. */
  clusterId?: string;
  /** Set when the instance is a read replica. */
  readReplicaSourceId?: string;
  publiclyAccessible: boolean;
  storageEncrypted: boolean;
  kmsKeyId?: string;
  multiAz: boolean;
  backupRetentionPeriod: number;
  tags: Tags;
  /** The fields below are absent when the answer lacked them (and in inventories collected before they were kept). */
  engineVersion?: string;
  deletionProtection?: boolean;
  /** The instance's DB parameter group (an instance has exactly one). */
  parameterGroup?: ParameterGroupRef;
}

/** A parameter group a database uses, and whether the database runs with its current values. */
export interface ParameterGroupRef {
  name: string;
  /** `in-sync`, `applying` or `pending-reboot` (a static change waits for a reboot); absent when not reported. */
  applyStatus?: string;
}

export interface DbCluster {
  id: string;
  arn: string;
  engine: string;
  engineMode?: string;
  status: string;
  multiAz: boolean;
  availabilityZones: string[];
  storageEncrypted: boolean;
  kmsKeyId?: string;
  backupRetentionPeriod: number;
  memberInstanceIds: string[];
  tags: Tags;
  /** The fields below are absent when the answer lacked them (and in inventories collected before they were kept). */
  engineVersion?: string;
  deletionProtection?: boolean;
  /**
   * The DB cluster parameter group; `applyStatus` is `pending-reboot` when any member instance waits for a reboot
   * to apply it, else the members' common status (absent for a cluster without members).
   */
  parameterGroup?: ParameterGroupRef;
}

/**
 * `snapshots`: the manual DB and cluster snapshot listings; `snapshotAttributes`: who may restore each manual
 * snapshot (one call per snapshot: sharing has no bulk read); `tlsParameters`: the TLS parameters of each distinct
 * parameter group that standalone instances and clusters use (one DescribeDB(Cluster)Parameters series per group);
 * `proxies`: the RDS Proxies.
 */
export const RDS_READS = ['instances', 'clusters', 'snapshots', 'snapshotAttributes', 'tlsParameters', 'proxies'] as const;

/**
 * The parameter that makes an engine refuse connections without TLS, for the engines that have one (RDS and Aurora
 * PostgreSQL and SQL Server: `rds.force_ssl`; RDS MySQL and MariaDB, Aurora MySQL 2 and 3:
 * `require_secure_transport`; DocumentDB: the cluster parameter `tls`). Oracle (an SSL option adds a TLS listener
 * beside the plain one), Db2, RDS Custom, Neptune and Aurora MySQL 1 (`aurora`) have none.
 */
export function tlsParameterOf(engine: string): string | undefined {
  if (engine === 'postgres' || engine === 'aurora-postgresql' || engine.startsWith('sqlserver-')) return 'rds.force_ssl';
  if (engine === 'mysql' || engine === 'mariadb' || engine === 'aurora-mysql') return 'require_secure_transport';
  if (engine === 'docdb') return 'tls';
  return undefined;
}

/** Every name tlsParameterOf can answer: the only parameters `tlsParameters` reads. */
export const TLS_PARAMETER_NAMES = ['rds.force_ssl', 'require_secure_transport', 'tls'] as const;

/** A parameter as its group holds it. */
export interface DbParameter {
  /** Absent when the group leaves the parameter at the engine default. */
  value?: string;
  /** `user` (set in this group), `system` (set by RDS) or `engine-default`. */
  source?: string;
  /** `static` (applied at the next reboot) or `dynamic`. */
  applyType?: string;
}

/** The TLS parameters (TLS_PARAMETER_NAMES) a parameter group has, by name; a name missing here is not in the group. */
export type DbTlsParameters = Record<string, DbParameter>;

/** An RDS Proxy. */
export interface DbProxy {
  name: string;
  arn: string;
  engineFamily: string;
  status: string;
  /** Whether the proxy refuses client connections without TLS; absent when the answer lacked it. */
  requireTls?: boolean;
}

/** A manual snapshot (only manual ones can be shared). */
export interface DbSnapshot {
  id: string;
  arn: string;
  kind: 'instance' | 'cluster';
  sourceId: string;
  encrypted: boolean;
  /** The KMS key encrypting an encrypted snapshot (a key ARN); absent in inventories collected before it was kept. */
  kmsKeyId?: string;
  /** Account ids in the `restore` attribute; `all` means public. Absent when `rds.snapshotAttributes` was not read. */
  restorableBy?: Read<string[]>;
}

/** A field is absent when its read was not asked for (no selected check needed it). */
export interface RdsRegion {
  instances?: Read<DbInstance[]>;
  clusters?: Read<DbCluster[]>;
  snapshots?: Read<DbSnapshot[]>;
  clusterSnapshots?: Read<DbSnapshot[]>;
  /** DB parameter group name -> its TLS parameters (`tlsParameters`): groups of standalone instances with such a parameter. */
  instanceParameterGroups?: Record<string, Read<DbTlsParameters>>;
  /** DB cluster parameter group name -> its TLS parameters (`tlsParameters`): groups of clusters with such a parameter. */
  clusterParameterGroups?: Record<string, Read<DbTlsParameters>>;
  proxies?: Read<DbProxy[]>;
}
