import type { SearchDomain } from '../../../src/inventory/types';
import { ACCOUNT } from '../inventory';

/** An OpenSearch 2.11 domain in a VPC: HTTPS enforced with the PFS TLS 1.2 policy, node-to-node and at-rest encryption on. */
export function searchDomain(name: string, extra: Partial<SearchDomain> = {}): SearchDomain {
  return {
    name,
    id: `${ACCOUNT}/${name}`,
    arn: `arn:aws:es:us-east-1:${ACCOUNT}:domain/${name}`,
    engineVersion: 'OpenSearch_2.11',
    deleted: false,
    inVpc: true,
    enforceHttps: true,
    tlsPolicy: 'Policy-Min-TLS-1-2-PFS-2023-10',
    nodeToNodeEncryption: true,
    encryptionAtRest: true,
    ...extra,
  };
}
