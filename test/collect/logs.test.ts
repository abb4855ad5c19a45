import { CloudWatchLogsClient, DescribeLogGroupsCommand, DescribeMetricFiltersCommand } from '@aws-sdk/client-cloudwatch-logs';
import { mockClient } from 'aws-sdk-client-mock';
import { logsCollector } from '../../src/collect/logs';
import { awsError, collectContext } from '../support/inventory';
import { byToken } from '../support/pages';

const logs = mockClient(CloudWatchLogsClient);
beforeEach(() => logs.reset());

const groupArn = (name: string) => `arn:aws:logs:us-east-1:111122223333:log-group:${name}`;

describe('logs collector', () => {
  it('follows nextToken pages of log groups and metric filters, recording retention as reported', async () => {
    const groups = byToken('nextToken', {
      '': {
        nextToken: 'g2',
        logGroups: [
          { logGroupName: 'cloudtrail', logGroupArn: groupArn('cloudtrail'), arn: `${groupArn('cloudtrail')}:*`, logGroupClass: 'STANDARD' },
          { logGroupName: 'vpc-flows', arn: `${groupArn('vpc-flows')}:*`, retentionInDays: 365, kmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/k' },
        ],
      },
      g2: { logGroups: [{ logGroupName: 'bare', retentionInDays: 2192 }] },
    });
    const filters = byToken('nextToken', {
      '': {
        nextToken: 'f2',
        metricFilters: [
          {
            filterName: 'RootUse',
            logGroupName: 'cloudtrail',
            filterPattern: '{ $.userIdentity.type = "Root" }',
            metricTransformations: [{ metricName: 'RootUse', metricNamespace: 'CISBenchmark', metricValue: '1' }],
          },
        ],
      },
      f2: { metricFilters: [{ filterName: 'Empty', logGroupName: 'cloudtrail' }] },
    });
    logs.on(DescribeLogGroupsCommand).callsFake(groups.fake);
    logs.on(DescribeMetricFiltersCommand).callsFake(filters.fake);

    const ctx = collectContext();
    const data = await logsCollector.collect(ctx, 'us-east-1');
    expect(data.logGroups).toEqual({
      ok: true,
      value: [
        // Retention absent: the events never expire.
        { name: 'cloudtrail', arn: groupArn('cloudtrail'), logGroupClass: 'STANDARD' },
        { name: 'vpc-flows', arn: groupArn('vpc-flows'), retentionInDays: 365, kmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/k' },
        { name: 'bare', arn: groupArn('bare'), retentionInDays: 2192 },
      ],
    });
    expect(data.metricFilters).toEqual({
      ok: true,
      value: [
        { name: 'RootUse', logGroupName: 'cloudtrail', pattern: '{ $.userIdentity.type = "Root" }', metrics: [{ name: 'RootUse', namespace: 'CISBenchmark' }] },
        { name: 'Empty', logGroupName: 'cloudtrail', pattern: '', metrics: [] },
      ],
    });
    expect(groups.inputs).toEqual([{ limit: 50 }, { limit: 50, nextToken: 'g2' }]);
    expect(filters.inputs).toEqual([{ limit: 50 }, { limit: 50, nextToken: 'f2' }]);
    expect(ctx.aws.apiCalls.byOperation()).toEqual({ 'logs:DescribeLogGroups': 2, 'logs:DescribeMetricFilters': 2 });
  });

  it('records a denied read for that read only', async () => {
    logs.on(DescribeLogGroupsCommand).rejects(awsError('AccessDeniedException', 'no logs:DescribeLogGroups'));
    logs.on(DescribeMetricFiltersCommand).resolves({ metricFilters: [] });
    const data = await logsCollector.collect(collectContext(), 'eu-west-1');
    expect(data.logGroups).toEqual({
      ok: false,
      error: { service: 'logs', region: 'eu-west-1', operation: 'DescribeLogGroups', code: 'AccessDeniedException', message: 'no logs:DescribeLogGroups' },
    });
    expect(data.metricFilters).toEqual({ ok: true, value: [] });
  });

  it('reads an answer without its list as incomplete, never as "no log groups"', async () => {
    logs.on(DescribeLogGroupsCommand).resolves({});
    logs.on(DescribeMetricFiltersCommand).resolves({});
    const data = await logsCollector.collect(collectContext(), 'us-east-1');
    expect(data.logGroups).toMatchObject({ ok: false, error: { operation: 'DescribeLogGroups', code: 'IncompleteAnswer' } });
    expect(data.metricFilters).toMatchObject({ ok: false, error: { operation: 'DescribeMetricFilters', code: 'IncompleteAnswer' } });
  });

  it('makes only the reads the selected checks need', async () => {
    logs.on(DescribeLogGroupsCommand).resolves({ logGroups: [] });
    logs.on(DescribeMetricFiltersCommand).resolves({ metricFilters: [] });
    const none = collectContext(['us-east-1'], ['cloudtrail.trails']);
    expect(await logsCollector.collect(none, 'us-east-1')).toEqual({});
    expect(none.aws.apiCalls.byOperation()).toEqual({});

    const groupsOnly = collectContext(['us-east-1'], ['logs.logGroups']);
    const data = await logsCollector.collect(groupsOnly, 'us-east-1');
    expect(data.metricFilters).toBeUndefined();
    expect(groupsOnly.aws.apiCalls.byOperation()).toEqual({ 'logs:DescribeLogGroups': 1 });
  });
});
