import type { CheckResult, ResourceRef } from '../../src/evaluate/types';
import { accountResource, GLOBAL, globalSection, unreadable } from '../../src/evaluate/results';
import type { CacheBehavior, Distribution, Inventory } from '../../src/inventory/types';

/* What the CloudFront checks share: the resource, its name in messages, and the walk over distributions. */

export const distributionResource = (d: Distribution): ResourceRef => ({ type: 'AwsCloudFrontDistribution', id: d.id, arn: d.arn });

/** `distribution E1ABC (d111.cloudfront.net, portal.example.com)`, `disabled` when it is. */
export function describeDistribution(d: Distribution): string {
  const names = [d.domainName, ...d.aliases].join(', ');
  return `distribution ${d.id} (${names}${d.enabled ? '' : '; disabled'})`;
}

/** `default behaviour` or `behaviour /api/*`. */
export const behaviorName = (b: CacheBehavior): string => (b.isDefault ? 'default behaviour' : `behaviour ${b.pathPattern}`);

/** Viewer protocol policies under which no content is served over HTTP. */
export const HTTPS_VIEWER_POLICIES: ReadonlySet<string> = new Set(['https-only', 'redirect-to-https']);

/** Every distribution of the account, judged; CloudFront is global, so results carry the region `global`. */
export function eachDistribution(inventory: Inventory, judge: (d: Distribution) => CheckResult[]): CheckResult[] {
  return globalSection(inventory, 'cloudfront', inventory.cloudfront, (section) => {
    if (section.distributions === undefined) {
      return [unreadable(GLOBAL, accountResource(inventory), { service: 'cloudfront', region: GLOBAL, operation: 'ListDistributions', code: 'NotCollected', message: 'the inventory holds no CloudFront distributions' }, 'CloudFront distributions')];
    }
    if (!section.distributions.ok) return [unreadable(GLOBAL, accountResource(inventory), section.distributions.error, 'CloudFront distributions')];
    return section.distributions.value.flatMap(judge);
  });
}
