import type { CheckResult } from '../../src/evaluate/types';
import { accountResource, eachRegion, withRead } from '../../src/evaluate/results';
import type { Inventory, RedshiftCluster, RedshiftRegion } from '../../src/inventory/types';

/**
 * Every Redshift cluster of every audited region, judged (`undefined` skips one); a region whose clusters could
 * not be listed yields one ERROR for the account there.
 */
export function eachRedshiftCluster(
  inventory: Inventory,
  judge: (cluster: RedshiftCluster, data: RedshiftRegion, region: string) => CheckResult | undefined,
): CheckResult[] {
  return eachRegion(inventory, 'redshift', inventory.redshift, (data, region) =>
    withRead(
      data.clusters,
      region,
      accountResource(inventory),
      (clusters) => clusters.flatMap((c) => judge(c, data, region) ?? []),
      `Redshift clusters in ${region}`,
    ),
  );
}

export const clusterResource = (c: RedshiftCluster) => ({ type: 'AwsRedshiftCluster', id: c.id, arn: c.arn });
