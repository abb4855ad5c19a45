import type { RedshiftCluster, RedshiftRegion } from '../../../src/inventory/types';
import { ACCOUNT, ok } from '../inventory';

/* Typed Redshift inventory for check tests. */

/** An available cluster encrypted with KMS key k1, on parameter group phi-redshift (in sync, no per-parameter status). */
export function redshiftCluster(id: string, extra: Partial<RedshiftCluster> = {}): RedshiftCluster {
  return {
    id,
    arn: `arn:aws:redshift:us-east-1:${ACCOUNT}:cluster:${id}`,
    status: 'available',
    encrypted: true,
    kmsKeyId: `arn:aws:kms:us-east-1:${ACCOUNT}:key/k1`,
    parameterGroup: { name: 'phi-redshift', applyStatus: 'in-sync', parameterStatus: {} },
    tags: {},
    ...extra,
  };
}

/** A Redshift region where every read succeeded with nothing in it; override the parts a test needs. */
export function redshiftRegion(parts: Partial<RedshiftRegion> = {}): RedshiftRegion {
  return { clusters: ok([]), parameterGroups: {}, ...parts };
}
