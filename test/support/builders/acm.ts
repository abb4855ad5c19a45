import type { Certificate } from '../../../src/inventory/types';
import { ACCOUNT } from '../inventory';

/** An issued, in-use Amazon-issued RSA-2048 certificate expiring on 2027-01-01 (the test clock is 2026-06-01). */
export function certificate(id: string, extra: Partial<Certificate> = {}): Certificate {
  return {
    arn: `arn:aws:acm:us-east-1:${ACCOUNT}:certificate/${id}`,
    domainName: `${id}.example.com`,
    status: 'ISSUED',
    type: 'AMAZON_ISSUED',
    keyAlgorithm: 'RSA_2048',
    notAfter: '2027-01-01T00:00:00.000Z',
    inUse: true,
    ...extra,
  };
}
