import { DescribeDomainsCommand, ListDomainNamesCommand, OpenSearchClient, type DomainStatus } from '@aws-sdk/client-opensearch';
import type { OpenSearchRegion, SearchDomain } from '../inventory/opensearch';
import { attempt, expectFields, mapBounded } from './attempt';
import type { RegionalCollector } from './collector';

/** DescribeDomains takes at most this many names per call. */
const DESCRIBE_BATCH = 5;

/**
 * OpenSearch Service in one region: ListDomainNames (one call, not paginated; OpenSearch and Elasticsearch
 * domains alike), then DescribeDomains for up to 5 names per call, the largest batch the API takes. Calls grow
 * with domains / 5; no per-domain call is made.
 */
export const opensearchCollector: RegionalCollector<'opensearch'> = {
  scope: 'regional',
  async collect(ctx, region): Promise<OpenSearchRegion> {
    if (!ctx.wants('opensearch.domains')) return {};
    const client = ctx.aws.client('opensearch', OpenSearchClient, region);
    const site = { service: 'opensearch', region };
    const names = await attempt({ ...site, operation: 'ListDomainNames' }, async () => {
      const listed = expectFields(await client.send(new ListDomainNamesCommand({})), ['DomainNames']).DomainNames;
      return listed.flatMap((d) => (d.DomainName ? [d.DomainName] : []));
    });
    if (!names.ok) return { domains: names };
    const batches: string[][] = [];
    for (let i = 0; i < names.value.length; i += DESCRIBE_BATCH) batches.push(names.value.slice(i, i + DESCRIBE_BATCH));
    // A failed batch fails the read: judging the domains of the other batches only would hide the rest.
    const domains = await attempt({ ...site, operation: 'DescribeDomains' }, async () => {
      const described = await mapBounded(batches, ctx.aws.concurrencyOf('opensearch'), async (batch) => {
        const out = await client.send(new DescribeDomainsCommand({ DomainNames: batch }));
        return expectFields(out, ['DomainStatusList']).DomainStatusList;
      });
      return described.flat().map((d) => toDomain(expectFields(d, ['DomainName', 'DomainId', 'ARN'])));
    });
    return { domains };
  },
};

function toDomain(d: DomainStatus & { DomainName: string; DomainId: string; ARN: string }): SearchDomain {
  const endpoint = d.DomainEndpointOptions;
  return {
    name: d.DomainName,
    id: d.DomainId,
    arn: d.ARN,
    ...(d.EngineVersion ? { engineVersion: d.EngineVersion } : {}),
    deleted: d.Deleted === true,
    inVpc: d.VPCOptions?.VPCId !== undefined || (d.VPCOptions?.SubnetIds?.length ?? 0) > 0,
    enforceHttps: endpoint?.EnforceHTTPS === true,
    ...(endpoint?.TLSSecurityPolicy ? { tlsPolicy: endpoint.TLSSecurityPolicy } : {}),
    nodeToNodeEncryption: d.NodeToNodeEncryptionOptions?.Enabled === true,
    encryptionAtRest: d.EncryptionAtRestOptions?.Enabled === true,
    ...(d.EncryptionAtRestOptions?.KmsKeyId ? { kmsKeyId: d.EncryptionAtRestOptions.KmsKeyId } : {}),
  };
}
