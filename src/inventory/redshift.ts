import type { Tags } from './ec2';
import type { DbParameter, ParameterGroupRef } from './rds';
import type { Read } from './read';

/** A provisioned Redshift cluster. */
export interface RedshiftCluster {
  id: string;
  arn: string;
  status: string;
  /** Absent when the answer lacked it. */
  encrypted?: boolean;
  kmsKeyId?: string;
  /** The cluster's parameter group (a cluster has one); absent when the answer named none. */
  parameterGroup?: RedshiftParameterGroupRef;
  tags: Tags;
}

export interface RedshiftParameterGroupRef extends ParameterGroupRef {
  /** Apply status of each parameter Redshift reports on (`in-sync`, `pending-reboot`, `apply-deferred`, ...), by name. */
  parameterStatus: Record<string, string>;
}

/** Parameters of a cluster parameter group that the checks judge (REDSHIFT_TLS_PARAMETERS), by name. */
export type RedshiftParameters = Record<string, DbParameter>;

/** The parameters `parameters` keeps: `require_ssl` refuses connections without SSL/TLS. */
export const REDSHIFT_TLS_PARAMETERS = ['require_ssl'] as const;

/**
 * `clusters`: DescribeClusters (bulk); `parameters`: one DescribeClusterParameters series per distinct parameter
 * group of those clusters (no bulk read, and no filter by parameter name).
 */
export const REDSHIFT_READS = ['clusters', 'parameters'] as const;

/** A field is absent when its read was not asked for (no selected check needed it). */
export interface RedshiftRegion {
  clusters?: Read<RedshiftCluster[]>;
  /** Cluster parameter group name -> its judged parameters. */
  parameterGroups?: Record<string, Read<RedshiftParameters>>;
}
