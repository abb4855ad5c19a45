import type { Read } from './read';

/** `distributions`: one paginated ListDistributions, whose summaries carry behaviours, origins and certificate. */
export const CLOUDFRONT_READS = ['distributions'] as const;

export interface CacheBehavior {
  /** `*` (shown as `default`) for the default cache behaviour. */
  pathPattern: string;
  isDefault: boolean;
  /** allow-all | https-only | redirect-to-https */
  viewerProtocolPolicy: string;
  targetOriginId: string;
}

export interface DistributionOrigin {
  id: string;
  domainName: string;
  /** s3: S3OriginConfig (a bucket's REST endpoint); custom: CustomOriginConfig; vpc: VpcOriginConfig. */
  kind: 's3' | 'custom' | 'vpc' | 'unknown';
  /** Custom origins: http-only | match-viewer | https-only. */
  protocolPolicy?: string;
  /** Custom origins: the protocols CloudFront may use with the origin over HTTPS (SSLv3, TLSv1, TLSv1.1, TLSv1.2). */
  sslProtocols?: string[];
}

export interface OriginGroup {
  id: string;
  memberOriginIds: string[];
}

export interface ViewerCertificate {
  /** True only when the distribution serves the default *.cloudfront.net certificate. */
  cloudFrontDefaultCertificate: boolean;
  acmCertificateArn?: string;
  iamCertificateId?: string;
  /** The security policy (SSLv3, TLSv1, ..., TLSv1.2_2021, ...). */
  minimumProtocolVersion?: string;
  sslSupportMethod?: string;
}

export interface Distribution {
  id: string;
  arn: string;
  domainName: string;
  aliases: string[];
  enabled: boolean;
  /** The default behaviour first, then the others in precedence order. */
  behaviors: CacheBehavior[];
  origins: DistributionOrigin[];
  originGroups: OriginGroup[];
  viewerCertificate: ViewerCertificate;
}

/** CloudFront is global (read through us-east-1): one section for the account. */
export interface CloudFrontInventory {
  distributions?: Read<Distribution[]>;
}
