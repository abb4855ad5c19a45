import { DescribeDomainsCommand, ListDomainNamesCommand, OpenSearchClient, type DomainStatus } from '@aws-sdk/client-opensearch';
import { mockClient } from 'aws-sdk-client-mock';
import { opensearchCollector } from '../../src/collect/opensearch';
import { awsError, collectContext } from '../support/inventory';

const os = mockClient(OpenSearchClient);
beforeEach(() => os.reset());

const arn = (name: string) => `arn:aws:es:us-east-1:111122223333:domain/${name}`;

/** A domain as DescribeDomains returns it when nothing optional is set. */
const bare = (name: string): DomainStatus => ({ DomainName: name, DomainId: `111122223333/${name}`, ARN: arn(name), ClusterConfig: {} });

/** DescribeDomains answering with the bare domains it was asked for, each batch recorded. */
function describeAsked(): string[][] {
  const asked: string[][] = [];
  os.on(DescribeDomainsCommand).callsFake((input: { DomainNames: string[] }) => {
    asked.push([...input.DomainNames]);
    return { DomainStatusList: input.DomainNames.map(bare) };
  });
  return asked;
}

describe('opensearch collector', () => {
  it('describes the listed domains in batches of at most 5 names: calls grow with domains / 5', async () => {
    const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    os.on(ListDomainNamesCommand).resolves({ DomainNames: names.map((n) => ({ DomainName: n, EngineType: 'OpenSearch' })) });
    const asked = describeAsked();
    const ctx = collectContext();
    const data = await opensearchCollector.collect(ctx, 'us-east-1');
    expect(asked).toEqual([['a', 'b', 'c', 'd', 'e'], ['f', 'g']]);
    expect(data.domains!.ok && data.domains!.value.map((d) => d.name)).toEqual(names);
    expect(ctx.aws.apiCalls.byOperation()).toEqual({ 'opensearch:ListDomainNames': 1, 'opensearch:DescribeDomains': 2 });
  });

  it('maps the endpoint, node-to-node and at-rest options, absent ones as the API defaults', async () => {
    os.on(ListDomainNamesCommand).resolves({ DomainNames: [{ DomainName: 'ehr-search' }, { DomainName: 'legacy-logs', EngineType: 'Elasticsearch' }] });
    os.on(DescribeDomainsCommand).resolves({
      DomainStatusList: [
        {
          ...bare('ehr-search'),
          EngineVersion: 'OpenSearch_2.11',
          VPCOptions: { VPCId: 'vpc-1', SubnetIds: ['subnet-1'] },
          DomainEndpointOptions: { EnforceHTTPS: true, TLSSecurityPolicy: 'Policy-Min-TLS-1-2-PFS-2023-10' },
          NodeToNodeEncryptionOptions: { Enabled: true },
          EncryptionAtRestOptions: { Enabled: true, KmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/k1' },
        },
        // Nothing optional returned: HTTPS not enforced, no policy named, nothing encrypted.
        { ...bare('legacy-logs'), EngineVersion: 'Elasticsearch_5.6', Deleted: true },
      ],
    });
    const data = await opensearchCollector.collect(collectContext(), 'us-east-1');
    expect(data.domains).toEqual({
      ok: true,
      value: [
        {
          name: 'ehr-search',
          id: '111122223333/ehr-search',
          arn: arn('ehr-search'),
          engineVersion: 'OpenSearch_2.11',
          deleted: false,
          inVpc: true,
          enforceHttps: true,
          tlsPolicy: 'Policy-Min-TLS-1-2-PFS-2023-10',
          nodeToNodeEncryption: true,
          encryptionAtRest: true,
          kmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/k1',
        },
        {
          name: 'legacy-logs',
          id: '111122223333/legacy-logs',
          arn: arn('legacy-logs'),
          engineVersion: 'Elasticsearch_5.6',
          deleted: true,
          inVpc: false,
          enforceHttps: false,
          nodeToNodeEncryption: false,
          encryptionAtRest: false,
        },
      ],
    });
  });

  it('makes no DescribeDomains call in a region without domains', async () => {
    os.on(ListDomainNamesCommand).resolves({ DomainNames: [] });
    const ctx = collectContext();
    expect((await opensearchCollector.collect(ctx, 'us-east-1')).domains).toEqual({ ok: true, value: [] });
    expect(ctx.aws.apiCalls.byOperation()).toEqual({ 'opensearch:ListDomainNames': 1 });
  });

  it('records a denied call under the operation that was denied', async () => {
    os.on(ListDomainNamesCommand).resolves({ DomainNames: [{ DomainName: 'a' }] });
    os.on(DescribeDomainsCommand).rejects(awsError('AccessDeniedException', 'not authorized to perform es:DescribeDomains', 403));
    expect((await opensearchCollector.collect(collectContext(), 'us-east-1')).domains).toEqual({
      ok: false,
      error: { service: 'opensearch', region: 'us-east-1', operation: 'DescribeDomains', code: 'AccessDeniedException', message: 'not authorized to perform es:DescribeDomains' },
    });
    os.on(ListDomainNamesCommand).rejects(awsError('AccessDeniedException', 'not authorized to perform es:ListDomainNames', 403));
    expect((await opensearchCollector.collect(collectContext(), 'us-east-1')).domains).toMatchObject({ ok: false, error: { operation: 'ListDomainNames', code: 'AccessDeniedException' } });
  });

  it('takes answers without their lists, or domains without their ids, for incomplete answers', async () => {
    os.on(ListDomainNamesCommand).resolves({});
    expect((await opensearchCollector.collect(collectContext(), 'us-east-1')).domains).toMatchObject({
      ok: false,
      error: { operation: 'ListDomainNames', code: 'IncompleteAnswer', message: 'the answer lacks DomainNames, which AWS always returns' },
    });
    os.on(ListDomainNamesCommand).resolves({ DomainNames: [{ DomainName: 'a' }] });
    os.on(DescribeDomainsCommand).resolves({});
    expect((await opensearchCollector.collect(collectContext(), 'us-east-1')).domains).toMatchObject({
      ok: false,
      error: { operation: 'DescribeDomains', code: 'IncompleteAnswer', message: 'the answer lacks DomainStatusList, which AWS always returns' },
    });
    os.on(DescribeDomainsCommand).resolves({ DomainStatusList: [{ DomainName: 'a' } as DomainStatus] });
    expect((await opensearchCollector.collect(collectContext(), 'us-east-1')).domains).toMatchObject({
      ok: false,
      error: { operation: 'DescribeDomains', code: 'IncompleteAnswer', message: 'the answer lacks DomainId, ARN, which AWS always returns' },
    });
  });

  it('makes no call when no selected check reads the domains', async () => {
    const ctx = collectContext(['us-east-1'], ['efs.fileSystems']);
    expect(await opensearchCollector.collect(ctx, 'us-east-1')).toEqual({});
    expect(os.calls()).toHaveLength(0);
  });
});
