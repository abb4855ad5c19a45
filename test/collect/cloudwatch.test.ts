import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { ListSubscriptionsByTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { cloudwatchCollector } from '../../src/collect/cloudwatch';
import { awsError, collectContext } from '../support/inventory';
import { byToken } from '../support/pages';

const cw = mockClient(CloudWatchClient);
const sns = mockClient(SNSClient);
beforeEach(() => {
  cw.reset();
  sns.reset();
});

const topic = (name: string, region = 'us-east-1') => `arn:aws:sns:${region}:111122223333:${name}`;
const alarmArn = (name: string) => `arn:aws:cloudwatch:us-east-1:111122223333:alarm:${name}`;
const sub = (arn: string) => ({ SubscriptionArn: arn, Protocol: 'email', Endpoint: 'soc@example.com' });

describe('cloudwatch collector', () => {
  it('follows NextToken pages of metric alarms and reads each distinct topic of an enabled alarm once, in its region', async () => {
    const alarms = byToken('NextToken', {
      '': {
        NextToken: 'a2',
        MetricAlarms: [
          { AlarmName: 'root-use', AlarmArn: alarmArn('root-use'), Namespace: 'CISBenchmark', MetricName: 'RootUse', ActionsEnabled: true, AlarmActions: [topic('security')] },
          { AlarmName: 'denied', AlarmArn: alarmArn('denied'), Namespace: 'CISBenchmark', MetricName: 'Denied', AlarmActions: [topic('security'), topic('paging', 'us-west-2')] },
        ],
        CompositeAlarms: [],
      },
      a2: {
        MetricAlarms: [
          { AlarmName: 'muted', AlarmArn: alarmArn('muted'), Namespace: 'AWS/EC2', MetricName: 'CPUUtilization', ActionsEnabled: false, AlarmActions: [topic('muted')] },
          { AlarmName: 'stop', AlarmArn: alarmArn('stop'), Namespace: 'AWS/EC2', MetricName: 'StatusCheckFailed', ActionsEnabled: true, AlarmActions: ['arn:aws:automate:us-east-1:ec2:stop'] },
        ],
      },
    });
    cw.on(DescribeAlarmsCommand).callsFake(alarms.fake);
    const security = byToken('NextToken', {
      '': { NextToken: 's2', Subscriptions: [sub(`${topic('security')}:1111`), sub('PendingConfirmation')] },
      s2: { Subscriptions: [sub(`${topic('security')}:2222`)] },
    });
    sns.on(ListSubscriptionsByTopicCommand, { TopicArn: topic('security') }).callsFake(security.fake);
    sns.on(ListSubscriptionsByTopicCommand, { TopicArn: topic('paging', 'us-west-2') }).resolves({ Subscriptions: [sub('PendingConfirmation')] });

    const ctx = collectContext();
    const data = await cloudwatchCollector.collect(ctx, 'us-east-1');
    expect(data.alarms).toEqual({
      ok: true,
      value: [
        { name: 'root-use', arn: alarmArn('root-use'), namespace: 'CISBenchmark', metricName: 'RootUse', actionsEnabled: true, alarmActions: [topic('security')] },
        // ActionsEnabled absent: the default, true.
        { name: 'denied', arn: alarmArn('denied'), namespace: 'CISBenchmark', metricName: 'Denied', actionsEnabled: true, alarmActions: [topic('security'), topic('paging', 'us-west-2')] },
        { name: 'muted', arn: alarmArn('muted'), namespace: 'AWS/EC2', metricName: 'CPUUtilization', actionsEnabled: false, alarmActions: [topic('muted')] },
        { name: 'stop', arn: alarmArn('stop'), namespace: 'AWS/EC2', metricName: 'StatusCheckFailed', actionsEnabled: true, alarmActions: ['arn:aws:automate:us-east-1:ec2:stop'] },
      ],
    });
    expect(data.alarmTopics).toEqual({
      ok: true,
      value: [
        { topicArn: topic('security'), subscriptions: { ok: true, value: { confirmed: 2, pending: 1 } } },
        { topicArn: topic('paging', 'us-west-2'), subscriptions: { ok: true, value: { confirmed: 0, pending: 1 } } },
      ],
    });
    expect(alarms.inputs).toEqual([{ MaxRecords: 100 }, { MaxRecords: 100, NextToken: 'a2' }]);
    expect(security.inputs).toEqual([{ TopicArn: topic('security') }, { TopicArn: topic('security'), NextToken: 's2' }]);
    // The muted alarm's topic is not read; each topic is read with a client of its own region.
    const regions = await Promise.all(sns.commandCalls(ListSubscriptionsByTopicCommand).map(async (c) => [c.args[0].input.TopicArn, await (c.thisValue as SNSClient).config.region()]));
    expect(Object.fromEntries(regions)).toEqual({ [topic('security')]: 'us-east-1', [topic('paging', 'us-west-2')]: 'us-west-2' });
    expect(ctx.aws.apiCalls.byOperation()).toEqual({ 'cloudwatch:DescribeAlarms': 2, 'sns:ListSubscriptionsByTopic': 3 });
  });

  it('records a topic that no longer exists as null, and a denied topic as a failed read for that topic', async () => {
    cw.on(DescribeAlarmsCommand).resolves({
      MetricAlarms: [
        { AlarmName: 'a', AlarmArn: alarmArn('a'), AlarmActions: [topic('gone')] },
        { AlarmName: 'b', AlarmArn: alarmArn('b'), AlarmActions: [topic('other-account')] },
      ],
    });
    sns.on(ListSubscriptionsByTopicCommand, { TopicArn: topic('gone') }).rejects(awsError('NotFoundException', 'Topic does not exist', 404));
    sns.on(ListSubscriptionsByTopicCommand, { TopicArn: topic('other-account') }).rejects(awsError('AuthorizationErrorException', 'not authorized to ListSubscriptionsByTopic', 403));
    const data = await cloudwatchCollector.collect(collectContext(), 'us-east-1');
    expect(data.alarmTopics).toEqual({
      ok: true,
      value: [
        { topicArn: topic('gone'), subscriptions: { ok: true, value: null } },
        {
          topicArn: topic('other-account'),
          subscriptions: {
            ok: false,
            error: { service: 'sns', region: 'us-east-1', operation: 'ListSubscriptionsByTopic', code: 'AuthorizationErrorException', message: 'not authorized to ListSubscriptionsByTopic' },
          },
        },
      ],
    });
  });

  it('records a denied DescribeAlarms for the alarms and their topics, and reads no topic', async () => {
    cw.on(DescribeAlarmsCommand).rejects(awsError('AccessDenied', 'no cloudwatch:DescribeAlarms', 403));
    const data = await cloudwatchCollector.collect(collectContext(), 'eu-west-1');
    const error = { service: 'cloudwatch', region: 'eu-west-1', operation: 'DescribeAlarms', code: 'AccessDenied', message: 'no cloudwatch:DescribeAlarms' };
    expect(data).toEqual({ alarms: { ok: false, error }, alarmTopics: { ok: false, error } });
    expect(sns.commandCalls(ListSubscriptionsByTopicCommand)).toHaveLength(0);
  });

  it('reads answers without their lists as incomplete', async () => {
    cw.on(DescribeAlarmsCommand).resolves({});
    expect((await cloudwatchCollector.collect(collectContext(), 'us-east-1')).alarms).toMatchObject({ ok: false, error: { code: 'IncompleteAnswer' } });
    cw.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [{ AlarmName: 'a', AlarmArn: alarmArn('a'), AlarmActions: [topic('t')] }] });
    sns.on(ListSubscriptionsByTopicCommand).resolves({});
    const data = await cloudwatchCollector.collect(collectContext(), 'us-east-1');
    expect(data.alarmTopics).toMatchObject({ ok: true, value: [{ topicArn: topic('t'), subscriptions: { ok: false, error: { operation: 'ListSubscriptionsByTopic', code: 'IncompleteAnswer' } } }] });
  });

  it('makes only the reads the selected checks need', async () => {
    cw.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [{ AlarmName: 'a', AlarmArn: alarmArn('a'), AlarmActions: [topic('t')] }] });
    sns.on(ListSubscriptionsByTopicCommand).resolves({ Subscriptions: [] });
    const none = collectContext(['us-east-1'], ['logs.metricFilters']);
    expect(await cloudwatchCollector.collect(none, 'us-east-1')).toEqual({});
    expect(none.aws.apiCalls.byOperation()).toEqual({});

    const alarmsOnly = collectContext(['us-east-1'], ['cloudwatch.alarms']);
    const data = await cloudwatchCollector.collect(alarmsOnly, 'us-east-1');
    expect(data.alarmTopics).toBeUndefined();
    expect(alarmsOnly.aws.apiCalls.byOperation()).toEqual({ 'cloudwatch:DescribeAlarms': 1 });
  });
});
