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
}

/**
 * `snapshots`: the manual DB and cluster snapshot listings; `snapshotAttributes`: who may restore each manual
 * snapshot (one call per snapshot: sharing has no bulk read).
 */
export const RDS_READS = ['instances', 'clusters', 'snapshots', 'snapshotAttributes'] as const;

/** A manual snapshot (only manual ones can be shared). */
export interface DbSnapshot {
  id: string;
  arn: string;
  kind: 'instance' | 'cluster';
  sourceId: string;
  encrypted: boolean;
  /** Account ids in the `restore` attribute; `all` means public. Absent when `rds.snapshotAttributes` was not read. */
  restorableBy?: Read<string[]>;
}

/** A field is absent when its read was not asked for (no selected check needed it). */
export interface RdsRegion {
  instances?: Read<DbInstance[]>;
  clusters?: Read<DbCluster[]>;
  snapshots?: Read<DbSnapshot[]>;
  clusterSnapshots?: Read<DbSnapshot[]>;
}
