import type { CacheBehavior, Distribution, DistributionOrigin } from '../../../src/inventory/types';
import { ACCOUNT } from '../inventory';

/* Typed CloudFront inventory for check tests: complete objects with defaults, overridable field by field. */

export function behavior(pathPattern: string, viewerProtocolPolicy: string, targetOriginId = 'app'): CacheBehavior {
  return { pathPattern, isDefault: pathPattern === '*', viewerProtocolPolicy, targetOriginId };
}

/** A custom origin; `null` SSL protocols: reported without them. */
export function customOrigin(id: string, protocolPolicy: string, sslProtocols: string[] | null = ['TLSv1.2']): DistributionOrigin {
  return { id, domainName: `${id}.example.com`, kind: 'custom', protocolPolicy, ...(sslProtocols ? { sslProtocols } : {}) };
}

export function s3Origin(id: string): DistributionOrigin {
  return { id, domainName: `${id}.s3.us-east-1.amazonaws.com`, kind: 's3' };
}

/**
 * An enabled distribution with one https-only custom origin `app` (TLSv1.2), a default behaviour redirecting to
 * HTTPS, and a custom ACM certificate with TLSv1.2_2021.
 */
export function distribution(id: string, extra: Partial<Distribution> = {}): Distribution {
  return {
    id,
    arn: `arn:aws:cloudfront::${ACCOUNT}:distribution/${id}`,
    domainName: `${id.toLowerCase()}.cloudfront.net`,
    aliases: [],
    enabled: true,
    behaviors: [behavior('*', 'redirect-to-https')],
    origins: [customOrigin('app', 'https-only')],
    originGroups: [],
    viewerCertificate: {
      cloudFrontDefaultCertificate: false,
      acmCertificateArn: `arn:aws:acm:us-east-1:${ACCOUNT}:certificate/c1`,
      minimumProtocolVersion: 'TLSv1.2_2021',
      sslSupportMethod: 'sni-only',
    },
    ...extra,
  };
}
