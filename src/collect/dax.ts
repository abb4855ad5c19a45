import { DAXClient, DescribeClustersCommand, type Cluster } from '@aws-sdk/client-dax';
import { errorCode, errorMessage } from '../aws/errors';
import type { DaxCluster, DaxRegion } from '../inventory/dax';
import { arnsIn, type ArnOf } from './arn';
import { attempt, expectFields } from './attempt';
import type { RegionalCollector } from './collector';

/** The largest page DescribeClusters returns. */
const PAGE = 100;

/**
 * DynamoDB Accelerator in one region: DescribeClusters, one call per 100 clusters (paginated by NextToken; the
 * SDK has no paginator for it). Encryption at rest comes with the listing.
 * DAX is offered in fewer regions than DynamoDB; where it is not, its endpoint has no DNS name, and the read
 * records "not offered" (null) instead of an error in every such region.
 */
export const daxCollector: RegionalCollector<'dax'> = {
  scope: 'regional',
  async collect(ctx, region): Promise<DaxRegion> {
    if (!ctx.wants('dax.clusters')) return {};
    const client = ctx.aws.client('dax', DAXClient, region);
    const arn = arnsIn(ctx, 'dax', region);
    const clusters = await attempt({ service: 'dax', region, operation: 'DescribeClusters' }, async () => {
      try {
        const found: DaxCluster[] = [];
        let token: string | undefined;
        do {
          const out = await client.send(new DescribeClustersCommand({ MaxResults: PAGE, ...(token ? { NextToken: token } : {}) }));
          found.push(...expectFields(out, ['Clusters']).Clusters.map((c) => toCluster(c, arn)));
          token = out.NextToken;
        } while (token);
        return found;
      } catch (error) {
        if (notOffered(error, region)) return null;
        throw error;
      }
    });
    return { clusters };
  },
};

/** The DAX endpoint of the region does not resolve: the service is not offered there. */
function notOffered(error: unknown, region: string): boolean {
  return errorCode(error) === 'ENOTFOUND' && errorMessage(error).includes(`dax.${region}.`);
}

function toCluster(c: Cluster, arn: ArnOf): DaxCluster {
  const name = c.ClusterName ?? '';
  return {
    name,
    arn: c.ClusterArn ?? arn(`cache/${name}`),
    status: c.Status ?? 'unknown',
    ...(c.SSEDescription?.Status ? { sseStatus: c.SSEDescription.Status } : {}),
    ...(c.ClusterEndpointEncryptionType ? { endpointEncryption: c.ClusterEndpointEncryptionType } : {}),
  };
}
