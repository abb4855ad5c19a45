import { CloudFrontClient, paginateListDistributions, type DistributionSummary, type Origin } from '@aws-sdk/client-cloudfront';
import type { CacheBehavior, CloudFrontInventory, Distribution, DistributionOrigin, OriginGroup } from '../inventory/cloudfront';
import { attempt, collectPages, expectFields, IncompleteAnswerError } from './attempt';
import type { GlobalCollector } from './collector';

/** CloudFront is global; its control plane answers in one region of each partition that offers it. */
const CONTROL_PLANE_REGION: Readonly<Record<string, string>> = { aws: 'us-east-1', 'aws-cn': 'cn-northwest-1' };

/**
 * CloudFront for the account: one ListDistributions, paginated by Marker, whatever the number of distributions.
 * Its summaries carry every behaviour's viewer protocol policy, the origins with their protocol settings, origin
 * groups and the viewer certificate, so no GetDistributionConfig per distribution is needed.
 * Errors are recorded under the region `global`.
 */
export const cloudfrontCollector: GlobalCollector<'cloudfront'> = {
  scope: 'global',
  async collect(ctx): Promise<CloudFrontInventory> {
    if (!ctx.wants('cloudfront.distributions')) return {};
    const client = ctx.aws.client('cloudfront', CloudFrontClient, CONTROL_PLANE_REGION[ctx.partition] ?? ctx.homeRegion);
    const distributions = await attempt({ service: 'cloudfront', region: 'global', operation: 'ListDistributions' }, async () => {
      const summaries = await collectPages(paginateListDistributions({ client }, {}), (page) => {
        const list = expectFields(page, ['DistributionList']).DistributionList;
        expectFields(list, ['Quantity']);
        return itemsOf(list, 'DistributionList');
      });
      return summaries.map(toDistribution);
    });
    return { distributions };
  },
};

/**
 * The items of a CloudFront list wrapper. CloudFront's XML leaves `Items` out when `Quantity` is 0; a non-zero
 * quantity without items is an incomplete answer.
 */
function itemsOf<T>(list: { Quantity?: number; Items?: T[] }, what: string): T[] {
  if (list.Items) return list.Items;
  if (list.Quantity === 0) return [];
  throw new IncompleteAnswerError(`the answer lacks ${what}.Items, which AWS returns when Quantity is not 0`);
}

function toDistribution(d: DistributionSummary): Distribution {
  const v = expectFields(d, ['Id', 'ARN', 'DomainName', 'Origins', 'DefaultCacheBehavior', 'CacheBehaviors', 'ViewerCertificate', 'Enabled']);
  const def = expectFields(v.DefaultCacheBehavior, ['ViewerProtocolPolicy', 'TargetOriginId']);
  const behaviors: CacheBehavior[] = [
    { pathPattern: '*', isDefault: true, viewerProtocolPolicy: def.ViewerProtocolPolicy, targetOriginId: def.TargetOriginId },
    ...itemsOf(v.CacheBehaviors, 'CacheBehaviors').map((b) => {
      const c = expectFields(b, ['PathPattern', 'ViewerProtocolPolicy', 'TargetOriginId']);
      return { pathPattern: c.PathPattern, isDefault: false, viewerProtocolPolicy: c.ViewerProtocolPolicy, targetOriginId: c.TargetOriginId };
    }),
  ];
  const cert = v.ViewerCertificate;
  const originGroups: OriginGroup[] = (d.OriginGroups ? itemsOf(d.OriginGroups, 'OriginGroups') : []).map((g) => {
    const group = expectFields(g, ['Id', 'Members']);
    return { id: group.Id, memberOriginIds: itemsOf(group.Members, 'Members').flatMap((m) => (m.OriginId ? [m.OriginId] : [])) };
  });
  return {
    id: v.Id,
    arn: v.ARN,
    domainName: v.DomainName,
    aliases: d.Aliases ? itemsOf(d.Aliases, 'Aliases') : [],
    enabled: v.Enabled,
    behaviors,
    origins: itemsOf(v.Origins, 'Origins').map(toOrigin),
    originGroups,
    viewerCertificate: {
      // Exactly one of the three names the certificate (API reference, ViewerCertificate); empty strings are none.
      cloudFrontDefaultCertificate: cert.CloudFrontDefaultCertificate === true && !cert.ACMCertificateArn && !cert.IAMCertificateId,
      ...(cert.ACMCertificateArn ? { acmCertificateArn: cert.ACMCertificateArn } : {}),
      ...(cert.IAMCertificateId ? { iamCertificateId: cert.IAMCertificateId } : {}),
      ...(cert.MinimumProtocolVersion ? { minimumProtocolVersion: cert.MinimumProtocolVersion } : {}),
      ...(cert.SSLSupportMethod ? { sslSupportMethod: cert.SSLSupportMethod } : {}),
    },
  };
}

function toOrigin(o: Origin): DistributionOrigin {
  const v = expectFields(o, ['Id', 'DomainName']);
  const base = { id: v.Id, domainName: v.DomainName };
  if (o.CustomOriginConfig) {
    const c = expectFields(o.CustomOriginConfig, ['OriginProtocolPolicy']);
    return {
      ...base,
      kind: 'custom',
      protocolPolicy: c.OriginProtocolPolicy,
      ...(c.OriginSslProtocols ? { sslProtocols: itemsOf(c.OriginSslProtocols, 'OriginSslProtocols') } : {}),
    };
  }
  if (o.S3OriginConfig) return { ...base, kind: 's3' };
  if (o.VpcOriginConfig) return { ...base, kind: 'vpc' };
  // Every origin is one of the three (API reference, Origin).
  throw new IncompleteAnswerError(`origin ${v.Id} has none of S3OriginConfig, CustomOriginConfig and VpcOriginConfig, one of which AWS always returns`);
}
