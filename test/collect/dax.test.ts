import { DAXClient, DescribeClustersCommand } from '@aws-sdk/client-dax';
import { mockClient } from 'aws-sdk-client-mock';
import { daxCollector } from '../../src/collect/dax';
import { awsError, collectContext } from '../support/inventory';
import { tokenPages } from '../support/pages';

const dax = mockClient(DAXClient);
beforeEach(() => dax.reset());

const arn = (name: string) => `arn:aws:dax:us-east-1:111122223333:cache/${name}`;

/** What Node's resolver throws for a name that does not exist. */
const dnsFailure = (host: string) => Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND', hostname: host });

describe('dax collector', () => {
  it('pages DescribeClusters by NextToken, 100 at a time, and keeps server-side encryption as returned', async () => {
    const pages = tokenPages('NextToken', [
      [undefined, { NextToken: 't2', Clusters: [{ ClusterName: 'claims-cache', ClusterArn: arn('claims-cache'), Status: 'available', SSEDescription: { Status: 'ENABLED' }, ClusterEndpointEncryptionType: 'TLS' }] }],
      // No SSEDescription: the cluster was created without encryption at rest.
      ['t2', { Clusters: [{ ClusterName: 'legacy', ClusterArn: arn('legacy'), Status: 'available', ClusterEndpointEncryptionType: 'NONE' }] }],
    ]);
    dax.on(DescribeClustersCommand).callsFake(pages.fake);
    const ctx = collectContext();
    const data = await daxCollector.collect(ctx, 'us-east-1');
    expect(pages.inputs).toEqual([{ MaxResults: 100 }, { MaxResults: 100, NextToken: 't2' }]);
    expect(data.clusters).toEqual({
      ok: true,
      value: [
        { name: 'claims-cache', arn: arn('claims-cache'), status: 'available', sseStatus: 'ENABLED', endpointEncryption: 'TLS' },
        { name: 'legacy', arn: arn('legacy'), status: 'available', endpointEncryption: 'NONE' },
      ],
    });
    expect(ctx.aws.apiCalls.byOperation()).toEqual({ 'dax:DescribeClusters': 2 });
  });

  it('records "not offered" where the DAX endpoint of the region does not resolve, and an error for any other failure', async () => {
    dax.on(DescribeClustersCommand).rejects(dnsFailure('dax.af-south-1.amazonaws.com'));
    expect((await daxCollector.collect(collectContext(['af-south-1']), 'af-south-1')).clusters).toEqual({ ok: true, value: null });
    // A name that does not resolve but is not this region's DAX endpoint (an --endpoint-url, a proxy) is a failure.
    dax.on(DescribeClustersCommand).rejects(dnsFailure('dax.internal.example'));
    expect((await daxCollector.collect(collectContext(['af-south-1']), 'af-south-1')).clusters).toMatchObject({ ok: false, error: { operation: 'DescribeClusters', code: 'ENOTFOUND' } });
    dax.on(DescribeClustersCommand).rejects(awsError('AccessDeniedException', 'not authorized to perform dax:DescribeClusters', 400));
    expect((await daxCollector.collect(collectContext(), 'us-east-1')).clusters).toEqual({
      ok: false,
      error: { service: 'dax', region: 'us-east-1', operation: 'DescribeClusters', code: 'AccessDeniedException', message: 'not authorized to perform dax:DescribeClusters' },
    });
  });

  it('takes an answer without Clusters for an incomplete answer', async () => {
    dax.on(DescribeClustersCommand).resolves({});
    expect((await daxCollector.collect(collectContext(), 'us-east-1')).clusters).toMatchObject({
      ok: false,
      error: { code: 'IncompleteAnswer', message: 'the answer lacks Clusters, which AWS always returns' },
    });
  });

  it('builds the ARN from the partition when the answer omits it, and makes no call when not wanted', async () => {
    dax.on(DescribeClustersCommand).resolves({ Clusters: [{ ClusterName: 'c' }] });
    const data = await daxCollector.collect({ ...collectContext(['us-gov-west-1']), partition: 'aws-us-gov' }, 'us-gov-west-1');
    expect(data.clusters!.ok && data.clusters!.value?.[0]?.arn).toBe('arn:aws-us-gov:dax:us-gov-west-1:111122223333:cache/c');
    dax.resetHistory();
    expect(await daxCollector.collect(collectContext(['us-east-1'], ['dynamodb.tables']), 'us-east-1')).toEqual({});
    expect(dax.calls()).toHaveLength(0);
  });
});
