import type { AlarmTopic, CloudWatchRegion, MetricAlarm } from '../../../src/inventory/types';
import { ACCOUNT, ok } from '../inventory';

/* Typed CloudWatch inventory for check tests. */

export const topicArn = (name: string, region = 'us-east-1'): string => `arn:aws:sns:${region}:${ACCOUNT}:${name}`;

/** An alarm in us-east-1 on CISBenchmark/`metric`, actions enabled, notifying topic `security-alerts`. */
export function alarm(name: string, metric: string, extra: Partial<MetricAlarm> = {}): MetricAlarm {
  return {
    name,
    arn: `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:${name}`,
    namespace: 'CISBenchmark',
    metricName: metric,
    actionsEnabled: true,
    alarmActions: [topicArn('security-alerts')],
    ...extra,
  };
}

/** A topic with `confirmed` confirmed and `pending` unconfirmed subscriptions. */
export function alarmTopic(arn: string, confirmed = 1, pending = 0): AlarmTopic {
  return { topicArn: arn, subscriptions: ok({ confirmed, pending }) };
}

export function cloudwatchRegion(alarms: MetricAlarm[] = [], topics: AlarmTopic[] = []): CloudWatchRegion {
  return { alarms: ok(alarms), alarmTopics: ok(topics) };
}
