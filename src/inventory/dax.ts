import type { Read } from './read';

/** `clusters`: DescribeClusters (one call per 100 clusters). */
export const DAX_READS = ['clusters'] as const;

export interface DaxCluster {
  name: string;
  arn: string;
  status: string;
  /** SSEDescription.Status: ENABLING | ENABLED | DISABLING | DISABLED; absent when the cluster has no encryption at rest. */
  sseStatus?: string;
  /** ClusterEndpointEncryptionType: NONE | TLS */
  endpointEncryption?: string;
}

export interface DaxRegion {
  /** null: DAX is not offered in the region (its endpoint does not resolve), so it can hold no cluster. */
  clusters?: Read<DaxCluster[] | null>;
}
