import { DescribeClusterParametersCommand, DescribeClustersCommand, RedshiftClient, type Cluster } from '@aws-sdk/client-redshift';
import { mockClient } from 'aws-sdk-client-mock';
import { redshiftCollector } from '../../src/collect/redshift';
import { awsError, collectContext } from '../support/inventory';

const redshift = mockClient(RedshiftClient);
beforeEach(() => redshift.reset());

const cluster = (id: string, group: string, extra: Partial<Cluster> = {}): Cluster => ({
  ClusterIdentifier: id,
  ClusterStatus: 'available',
  Encrypted: true,
  KmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/k1',
  ClusterParameterGroups: [{ ParameterGroupName: group, ParameterApplyStatus: 'in-sync' }],
  ...extra,
});

/** Serves pages by Marker and records a copy of every input. */
function byMarker<T extends { Marker?: string }>(pages: Record<string, object>): { inputs: T[]; fake: (input: T) => object } {
  const inputs: T[] = [];
  return {
    inputs,
    fake: (input) => {
      inputs.push(JSON.parse(JSON.stringify(input)) as T);
      const page = pages[input.Marker ?? ''];
      if (!page) throw new Error(`unexpected request ${JSON.stringify(input)}`);
      return page;
    },
  };
}

describe('redshift collector', () => {
  it('follows DescribeClusters pages and maps encryption, the parameter group and its per-parameter status', async () => {
    const pages = byMarker({
      '': {
        Marker: 'c2',
        Clusters: [
          cluster('warehouse', 'phi-ssl', {
            Tags: [{ Key: 'data-classification', Value: 'phi' }],
            ClusterParameterGroups: [
              { ParameterGroupName: 'phi-ssl', ParameterApplyStatus: 'pending-reboot', ClusterParameterStatusList: [{ ParameterName: 'require_ssl', ParameterApplyStatus: 'pending-reboot' }] },
            ],
          }),
        ],
      },
      c2: { Clusters: [{ ClusterIdentifier: 'bare', ClusterStatus: 'creating' }] },
    });
    redshift.on(DescribeClustersCommand).callsFake(pages.fake);
    const ctx = { ...collectContext(['us-gov-west-1'], ['redshift.clusters']), partition: 'aws-us-gov' };
    const data = await redshiftCollector.collect(ctx, 'us-gov-west-1');
    expect(pages.inputs).toEqual([{}, { Marker: 'c2' }]);
    expect(data.clusters).toEqual({
      ok: true,
      value: [
        {
          id: 'warehouse',
          arn: 'arn:aws-us-gov:redshift:us-gov-west-1:111122223333:cluster:warehouse',
          status: 'available',
          encrypted: true,
          kmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/k1',
          parameterGroup: { name: 'phi-ssl', applyStatus: 'pending-reboot', parameterStatus: { require_ssl: 'pending-reboot' } },
          tags: { 'data-classification': 'phi' },
        },
        // Nothing said about encryption or a group: nothing recorded, never a guessed false.
        { id: 'bare', arn: 'arn:aws-us-gov:redshift:us-gov-west-1:111122223333:cluster:bare', status: 'creating', tags: {} },
      ],
    });
    expect(data.parameterGroups).toBeUndefined();
    expect(redshift.commandCalls(DescribeClusterParametersCommand)).toHaveLength(0);
  });

  it('reads each distinct parameter group once, across pages, keeping require_ssl only', async () => {
    redshift.on(DescribeClustersCommand).resolves({ Clusters: [cluster('a', 'phi-ssl'), cluster('b', 'phi-ssl'), cluster('c', 'default.redshift-1.0')] });
    const phi = byMarker<{ Marker?: string; ParameterGroupName?: string }>({
      '': { Marker: 'p2', Parameters: [{ ParameterName: 'enable_user_activity_logging', ParameterValue: 'true', Source: 'user' }] },
      p2: { Parameters: [{ ParameterName: 'require_ssl', ParameterValue: 'true', Source: 'user', ApplyType: 'static' }] },
    });
    redshift.on(DescribeClusterParametersCommand, { ParameterGroupName: 'phi-ssl' }).callsFake(phi.fake);
    redshift
      .on(DescribeClusterParametersCommand, { ParameterGroupName: 'default.redshift-1.0' })
      .resolves({ Parameters: [{ ParameterName: 'require_ssl', ParameterValue: 'false', Source: 'engine-default', ApplyType: 'static' }] });
    const ctx = collectContext(['us-east-1'], ['redshift.clusters', 'redshift.parameters']);
    const data = await redshiftCollector.collect(ctx, 'us-east-1');
    expect(phi.inputs).toEqual([{ ParameterGroupName: 'phi-ssl' }, { ParameterGroupName: 'phi-ssl', Marker: 'p2' }]);
    expect(data.parameterGroups).toEqual({
      'phi-ssl': { ok: true, value: { require_ssl: { value: 'true', source: 'user', applyType: 'static' } } },
      'default.redshift-1.0': { ok: true, value: { require_ssl: { value: 'false', source: 'engine-default', applyType: 'static' } } },
    });
    // Three clusters on two groups: one DescribeClusters, three DescribeClusterParameters pages.
    expect(ctx.aws.apiCalls.byOperation()).toEqual({ 'redshift:DescribeClusters': 1, 'redshift:DescribeClusterParameters': 3 });
  });

  it('records AccessDenied on one group for that group only, and an answer without Parameters as incomplete', async () => {
    redshift.on(DescribeClustersCommand).resolves({ Clusters: [cluster('a', 'locked'), cluster('b', 'empty')] });
    redshift.on(DescribeClusterParametersCommand, { ParameterGroupName: 'locked' }).rejects(awsError('AccessDenied', 'not authorized to perform redshift:DescribeClusterParameters', 403));
    redshift.on(DescribeClusterParametersCommand, { ParameterGroupName: 'empty' }).resolves({});
    const data = await redshiftCollector.collect(collectContext(['us-east-1'], ['redshift.clusters', 'redshift.parameters']), 'us-east-1');
    expect(data.clusters?.ok).toBe(true);
    expect(data.parameterGroups?.locked).toEqual({
      ok: false,
      error: { service: 'redshift', region: 'us-east-1', operation: 'DescribeClusterParameters', code: 'AccessDenied', message: 'not authorized to perform redshift:DescribeClusterParameters' },
    });
    expect(data.parameterGroups?.empty).toMatchObject({ ok: false, error: { code: 'IncompleteAnswer' } });
  });

  it('records a denied or field-less DescribeClusters as a failed read, reading no group', async () => {
    redshift.on(DescribeClustersCommand).rejects(awsError('AccessDenied', 'denied clusters', 403));
    const denied = await redshiftCollector.collect(collectContext(['us-east-1'], ['redshift.clusters', 'redshift.parameters']), 'us-east-1');
    expect(denied).toEqual({
      clusters: { ok: false, error: { service: 'redshift', region: 'us-east-1', operation: 'DescribeClusters', code: 'AccessDenied', message: 'denied clusters' } },
      parameterGroups: {},
    });
    redshift.on(DescribeClustersCommand).resolves({});
    const empty = await redshiftCollector.collect(collectContext(['us-east-1'], ['redshift.clusters']), 'us-east-1');
    expect(empty.clusters).toMatchObject({ ok: false, error: { code: 'IncompleteAnswer' } });
    expect(redshift.commandCalls(DescribeClusterParametersCommand)).toHaveLength(0);
  });

  it('makes no call when no Redshift read is wanted, and lists clusters without keeping them when only parameters are', async () => {
    const ctx = collectContext(['us-east-1'], ['rds.instances']);
    expect(await redshiftCollector.collect(ctx, 'us-east-1')).toEqual({});
    expect(ctx.aws.apiCalls.byOperation()).toEqual({});
    redshift.on(DescribeClustersCommand).resolves({ Clusters: [cluster('a', 'g')] });
    redshift.on(DescribeClusterParametersCommand).resolves({ Parameters: [] });
    const only = await redshiftCollector.collect(collectContext(['us-east-1'], ['redshift.parameters']), 'us-east-1');
    expect(only).toEqual({ clusters: undefined, parameterGroups: { g: { ok: true, value: {} } } });
  });
});
