import type { Read } from './read';

/** `domains`: ListDomainNames, then DescribeDomains for up to 5 names per call. */
export const OPENSEARCH_READS = ['domains'] as const;

/** An OpenSearch Service domain (OpenSearch or legacy Elasticsearch engine). */
export interface SearchDomain {
  name: string;
  id: string;
  arn: string;
  /** OpenSearch_2.11, Elasticsearch_7.10, ... */
  engineVersion?: string;
  /** True while the domain is being deleted. */
  deleted: boolean;
  /** Whether the domain sits in a VPC (no public endpoint). */
  inVpc: boolean;
  /** DomainEndpointOptions.EnforceHTTPS; false when absent (the API's default). */
  enforceHttps: boolean;
  /** DomainEndpointOptions.TLSSecurityPolicy as returned; absent when the answer carries none. */
  tlsPolicy?: string;
  /** NodeToNodeEncryptionOptions.Enabled; false when absent. */
  nodeToNodeEncryption: boolean;
  /** EncryptionAtRestOptions.Enabled; false when absent. */
  encryptionAtRest: boolean;
  kmsKeyId?: string;
}

export interface OpenSearchRegion {
  domains?: Read<SearchDomain[]>;
}
