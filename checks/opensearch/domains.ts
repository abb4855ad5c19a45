import type { CheckResult, ResourceRef } from '../../src/evaluate/types';
import { accountResource, eachRegion, withRead } from '../../src/evaluate/results';
import type { Inventory, SearchDomain } from '../../src/inventory/types';

export const domainResource = (d: SearchDomain): ResourceRef => ({ type: 'AwsOpenSearchServiceDomain', id: d.name, arn: d.arn });

export const domainLabel = (d: SearchDomain): string =>
  `domain ${d.name} (${d.engineVersion ? `${d.engineVersion.replace('_', ' ')}, ` : ''}${d.inVpc ? 'in a VPC' : 'public endpoint'})`;

/** Every domain of every audited region that is not being deleted, judged; a failed read is one ERROR for the region. */
export function eachDomain(inventory: Inventory, judge: (d: SearchDomain, region: string) => CheckResult): CheckResult[] {
  return eachRegion(inventory, 'opensearch', inventory.opensearch, (data, region) =>
    withRead(
      data.domains,
      region,
      accountResource(inventory),
      (domains) => domains.filter((d) => !d.deleted).map((d) => judge(d, region)),
      `OpenSearch domains in ${region}`,
    ),
  );
}
