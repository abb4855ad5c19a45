import type { Read } from './read';

/**
 * `certificates`: ListCertificates (paginated, every key type asked for: by default it returns only RSA_1024 and
 * RSA_2048 certificates), whose summaries carry status, key algorithm, expiry and use. DescribeCertificate is
 * called only for a certificate whose summary lacks them.
 */
export const ACM_READS = ['certificates'] as const;

export interface Certificate {
  arn: string;
  domainName: string;
  /** ISSUED | PENDING_VALIDATION | EXPIRED | REVOKED | INACTIVE | FAILED | VALIDATION_TIMED_OUT */
  status: string;
  /** AMAZON_ISSUED | IMPORTED | PRIVATE */
  type?: string;
  /** RSA_1024 | RSA_2048 | RSA_3072 | RSA_4096 | EC_prime256v1 | EC_secp384r1 | EC_secp521r1 */
  keyAlgorithm: string;
  /** ISO timestamp; absent for a certificate that was never issued. */
  notAfter?: string;
  /** Associated with another AWS resource (a load balancer, a CloudFront distribution, ...). */
  inUse: boolean;
  /** The resources using it, when DescribeCertificate was called (the summary only says whether it is in use). */
  inUseBy?: string[];
  renewalEligibility?: string;
}

export interface AcmRegion {
  certificates?: Read<Certificate[]>;
}
