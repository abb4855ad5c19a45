import type { Read } from './read';

/**
 * `alarms`: DescribeAlarms (paginated; metric alarms only); `alarmTopics`: ListSubscriptionsByTopic (paginated)
 * for each distinct SNS topic that an alarm with actions enabled notifies (implies `alarms`).
 */
export const CLOUDWATCH_READS = ['alarms', 'alarmTopics'] as const;

export interface MetricAlarm {
  name: string;
  arn: string;
  /** The metric watched; absent for metric-math alarms (Metrics). */
  namespace?: string;
  metricName?: string;
  /** ActionsEnabled (true unless set to false). */
  actionsEnabled: boolean;
  /** AlarmActions: what is notified or run when the alarm fires (SNS topic ARNs among them). */
  alarmActions: string[];
}

export interface AlarmTopic {
  topicArn: string;
  /**
   * Subscriptions of the topic: confirmed (SubscriptionArn is an ARN) and awaiting confirmation
   * (PendingConfirmation, which receives nothing); null: the topic does not exist (NotFound).
   */
  subscriptions: Read<{ confirmed: number; pending: number } | null>;
}

export interface CloudWatchRegion {
  alarms?: Read<MetricAlarm[]>;
  /** One entry per distinct SNS topic in the actions of alarms whose actions are enabled, in this region's alarms. */
  alarmTopics?: Read<AlarmTopic[]>;
}
