import { paginateDescribeClusterParameters, paginateDescribeClusters, RedshiftClient, type Cluster } from '@aws-sdk/client-redshift';
import type { Read } from '../inventory/read';
import { REDSHIFT_TLS_PARAMETERS, type RedshiftCluster, type RedshiftParameters, type RedshiftRegion } from '../inventory/redshift';
import { attempt, collectList, mapBounded } from './attempt';
import type { RegionalCollector } from './collector';
import { pickParameters } from './parameters';
import { tagsOf } from './tags';

/**
 * Redshift provisioned clusters in one region: DescribeClusters (bulk, paginated by Marker), plus, for
 * `redshift.parameters`, one DescribeClusterParameters series per distinct cluster parameter group: parameter values
 * have no bulk read, and the call filters only by source, not by name (a group holds a few dozen parameters: one
 * page). Redshift Serverless workgroups are another API and not read here.
 */
export const redshiftCollector: RegionalCollector<'redshift'> = {
  scope: 'regional',
  async collect(ctx, region): Promise<RedshiftRegion> {
    const wantParameters = ctx.wants('redshift.parameters');
    if (!ctx.wants('redshift.clusters') && !wantParameters) return {};
    const client = ctx.aws.client('redshift', RedshiftClient, region);
    const site = { service: 'redshift', region };
    // The groups to read are named by the clusters, so reading them lists the clusters too.
    const clusters = await attempt({ ...site, operation: 'DescribeClusters' }, async () => {
      const items = await collectList(paginateDescribeClusters({ client }, {}), 'Clusters');
      return items.map((c) => toCluster(c, `arn:${ctx.partition}:redshift:${region}:${ctx.accountId}:cluster:`));
    });
    let parameterGroups: Record<string, Read<RedshiftParameters>> | undefined;
    if (wantParameters) {
      const names = [...new Set((clusters.ok ? clusters.value : []).flatMap((c) => (c.parameterGroup ? [c.parameterGroup.name] : [])))];
      const read = await mapBounded(names, ctx.aws.concurrencyOf('redshift'), async (name) => {
        const parameters = await attempt({ ...site, operation: 'DescribeClusterParameters' }, async () =>
          pickParameters(await collectList(paginateDescribeClusterParameters({ client }, { ParameterGroupName: name }), 'Parameters'), REDSHIFT_TLS_PARAMETERS),
        );
        return [name, parameters] as const;
      });
      parameterGroups = Object.fromEntries(read);
    }
    return { clusters: ctx.wants('redshift.clusters') ? clusters : undefined, parameterGroups };
  },
};

function toCluster(c: Cluster, arnPrefix: string): RedshiftCluster {
  const id = c.ClusterIdentifier ?? '';
  const group = c.ClusterParameterGroups?.[0];
  const parameterStatus: Record<string, string> = {};
  for (const p of group?.ClusterParameterStatusList ?? []) {
    if (p.ParameterName !== undefined && p.ParameterApplyStatus !== undefined) parameterStatus[p.ParameterName] = p.ParameterApplyStatus;
  }
  return {
    id,
    arn: `${arnPrefix}${id}`,
    status: c.ClusterStatus ?? 'unknown',
    ...(c.Encrypted !== undefined ? { encrypted: c.Encrypted } : {}),
    ...(c.KmsKeyId ? { kmsKeyId: c.KmsKeyId } : {}),
    ...(group?.ParameterGroupName
      ? {
          parameterGroup: {
            name: group.ParameterGroupName,
            ...(group.ParameterApplyStatus !== undefined ? { applyStatus: group.ParameterApplyStatus } : {}),
            parameterStatus,
          },
        }
      : {}),
    tags: tagsOf(c.Tags),
  };
}
