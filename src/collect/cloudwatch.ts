import { CloudWatchClient, paginateDescribeAlarms, type MetricAlarm as SdkMetricAlarm } from '@aws-sdk/client-cloudwatch';
import { paginateListSubscriptionsByTopic, SNSClient } from '@aws-sdk/client-sns';
import type { AlarmTopic, CloudWatchRegion, MetricAlarm } from '../inventory/cloudwatch';
import type { Read } from '../inventory/read';
import { attempt, attemptOrNone, collectList, mapBounded } from './attempt';
import type { RegionalCollector } from './collector';
import type { CollectContext } from './context';

/** The largest page DescribeAlarms serves. */
const ALARM_PAGE_SIZE = 100;
/** ListSubscriptionsByTopic's answer for a topic that does not exist (query protocol code, and the SDK's name). */
const NO_TOPIC = ['NotFound', 'NotFoundException'];

/**
 * CloudWatch, per region: DescribeAlarms (paginated, 100 a page; metric alarms only, the default), then, when the
 * alarms' notifications are to be judged, ListSubscriptionsByTopic (paginated) once per distinct SNS topic that an
 * alarm with actions enabled notifies. That is the one per-resource call: SNS has no bulk read of subscription
 * counts that covers topics of other accounts, and alarms share a few topics, so it grows with topics, not alarms.
 * A topic is read in its own region (from its ARN) with an SNS client.
 */
export const cloudwatchCollector: RegionalCollector<'cloudwatch'> = {
  scope: 'regional',
  async collect(ctx, region): Promise<CloudWatchRegion> {
    const wantsTopics = ctx.wants('cloudwatch.alarmTopics');
    if (!ctx.wants('cloudwatch.alarms') && !wantsTopics) return {};
    const client = ctx.aws.client('cloudwatch', CloudWatchClient, region);
    const alarms = await attempt({ service: 'cloudwatch', region, operation: 'DescribeAlarms' }, async () =>
      (await collectList<'MetricAlarms', SdkMetricAlarm>(paginateDescribeAlarms({ client, pageSize: ALARM_PAGE_SIZE }, {}), 'MetricAlarms')).map(
        (a): MetricAlarm => ({
          name: a.AlarmName ?? '',
          arn: a.AlarmArn ?? '',
          ...(a.Namespace ? { namespace: a.Namespace } : {}),
          ...(a.MetricName ? { metricName: a.MetricName } : {}),
          // ActionsEnabled defaults to true when an alarm is created.
          actionsEnabled: a.ActionsEnabled !== false,
          alarmActions: a.AlarmActions ?? [],
        }),
      ),
    );
    if (!wantsTopics) return { alarms };
    const alarmTopics: Read<AlarmTopic[]> = alarms.ok ? { ok: true, value: await readTopics(ctx, region, alarms.value) } : alarms;
    return { alarms, alarmTopics };
  },
};

/** The subscription counts of every SNS topic the enabled alarms notify, each read in the topic's region. */
function readTopics(ctx: CollectContext, region: string, alarms: MetricAlarm[]): Promise<AlarmTopic[]> {
  const topics = [...new Set(alarms.filter((a) => a.actionsEnabled).flatMap((a) => a.alarmActions.filter(isTopic)))].sort();
  return mapBounded(topics, ctx.aws.concurrencyOf('sns'), async (topicArn): Promise<AlarmTopic> => {
    const topicRegion = topicArn.split(':')[3] || region;
    const sns = ctx.aws.client('sns', SNSClient, topicRegion);
    const subscriptions = await attemptOrNone({ service: 'sns', region: topicRegion, operation: 'ListSubscriptionsByTopic' }, NO_TOPIC, async () => {
      const subs = await collectList(paginateListSubscriptionsByTopic({ client: sns }, { TopicArn: topicArn }), 'Subscriptions');
      // A confirmed subscription has its own ARN; PendingConfirmation receives nothing until the endpoint confirms.
      const confirmed = subs.filter((s) => s.SubscriptionArn?.startsWith('arn:')).length;
      const pending = subs.filter((s) => s.SubscriptionArn === 'PendingConfirmation').length;
      return { confirmed, pending };
    });
    return { topicArn, subscriptions };
  });
}

function isTopic(action: string): boolean {
  return /^arn:[a-z0-9-]+:sns:/.test(action);
}
