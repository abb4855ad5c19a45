import type { Check } from '../../src/evaluate/types';
import { accountResource, fail, GLOBAL, pass, readOf, result, withFixes } from '../../src/evaluate/results';
import { catchesSecurityEvent, SECURITY_EVENT_LABEL, type SecurityEvent } from '../../src/judge/log-patterns';
import type { ApiError, AlarmTopic, Inventory, MetricAlarm, MetricFilter, Trail } from '../../src/inventory/types';
import { allTrails, readRegionOf, regionErrorText, trailLabel } from '../cloudtrail/trails';
import { parseLogGroupArn } from '../logs/log-groups';

const EVENTS: SecurityEvent[] = ['root-use', 'unauthorized-calls'];

const check: Check = {
  id: 'cloudwatch.security-alarms',
  title: 'CloudWatch alarms notify someone of root user activity and unauthorized API calls',
  severity: 'medium',
  hipaa: ['164.308(a)(1)(ii)(D)', '164.308(a)(5)(ii)(C)', '164.308(a)(6)(ii)'],
  controls: ['CloudWatch.1', 'CloudWatch.2'],
  description:
    'Logs nobody reads do not reveal an incident. CIS and Security Hub ask for a metric filter on the CloudTrail log ' +
    'group with an alarm for two signals: any use of the root user, and API calls denied for lack of permission ' +
    '(the first sign of stolen credentials probing for ePHI). Judged in the Region of the log group that a logging ' +
    'multi-Region trail delivers to: for each signal, a metric filter on that group whose pattern catches at least what ' +
    'the CIS pattern catches (whitespace, quotes, term order and the CIS v1.4+ exclusions do not matter), an alarm on ' +
    'its metric with actions enabled, and an SNS topic among the alarm\'s actions with a confirmed subscription. An ' +
    'organization trail whose log group is in another account is judged in that account.',
  remediation: {
    text:
      'In the Region of the trail\'s log group: create an SNS topic with a confirmed subscription (an e-mail or the ' +
      'security team\'s paging tool); `aws logs put-metric-filter --log-group-name <group> --filter-name RootUse ' +
      '--filter-pattern \'{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != ' +
      '"AwsServiceEvent" }\' --metric-transformations metricName=RootUse,metricNamespace=CISBenchmark,metricValue=1`, and ' +
      'likewise UnauthorizedApiCalls with \'{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }\'; ' +
      'then for each metric `aws cloudwatch put-metric-alarm --alarm-name <name> --namespace CISBenchmark --metric-name ' +
      '<metric> --statistic Sum --period 300 --evaluation-periods 1 --threshold 1 --comparison-operator ' +
      'GreaterThanOrEqualToThreshold --alarm-actions <topic-arn>`.',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html',
  },
  reads: ['cloudtrail.trails', 'cloudtrail.trailStatus', 'logs.metricFilters', 'cloudwatch.alarms', 'cloudwatch.alarmTopics'],
  evaluate(inventory) {
    const account = accountResource(inventory);
    const { trails, errors } = allTrails(inventory);
    const candidates = trails.filter((t) => t.isMultiRegion && t.cloudWatchLogsLogGroupArn);
    const verdicts = candidates.map((t) => judge(t, inventory));
    const passing = verdicts.find((v) => v.kind === 'pass');
    if (passing) return [pass(GLOBAL, account, passing.text)];
    const elsewhere = verdicts.filter((v) => v.kind === 'elsewhere' || v.kind === 'unread').map((v) => v.text);
    const gaps = verdicts.filter((v) => v.kind === 'fail').map((v) => v.text);
    const gap = candidates.length === 0
      ? 'no multi-Region trail delivers to CloudWatch Logs, so no metric filter can watch for root user activity or unauthorized API calls'
      : gaps.join('; ');
    const problems = [...regionErrorText(errors), ...elsewhere];
    const failedReads = [...errors, ...verdicts.flatMap((v) => v.errors ?? [])];
    if (problems.length) return [result('ERROR', GLOBAL, account, `${problems.join('; ')}${gap ? `; among the trails that could be judged: ${gap}` : ''}${withFixes(failedReads)}`)];
    return [fail(GLOBAL, account, gap)];
  },
};

type Verdict = { kind: 'pass' | 'fail' | 'unread' | 'elsewhere'; text: string; errors?: ApiError[] };

function judge(trail: Trail, inventory: Inventory): Verdict {
  const label = trailLabel(trail, inventory);
  const arn = trail.cloudWatchLogsLogGroupArn as string;
  const ref = parseLogGroupArn(arn);
  if (!ref) return { kind: 'unread', text: `${label} names log group ${arn}, which is not a log group ARN` };
  const group = `log group ${ref.name} (${ref.region})`;
  if (ref.account !== inventory.accountId) {
    return { kind: 'elsewhere', text: `${label} delivers to ${group} in account ${ref.account}: its metric filters and alarms are read there, so audit account ${ref.account}` };
  }
  if (!inventory.regions.includes(ref.region)) {
    return { kind: 'elsewhere', text: `${label} delivers to ${group}, a Region this audit did not cover: audit ${ref.region}` };
  }
  const logging = readOf(trail.isLogging, 'cloudtrail', readRegionOf(trail, inventory), 'GetTrailStatus');
  const filters = readOf(inventory.logs?.[ref.region]?.metricFilters, 'logs', ref.region, 'DescribeMetricFilters');
  const alarms = readOf(inventory.cloudwatch?.[ref.region]?.alarms, 'cloudwatch', ref.region, 'DescribeAlarms');
  const topics = readOf(inventory.cloudwatch?.[ref.region]?.alarmTopics, 'sns', ref.region, 'ListSubscriptionsByTopic');
  const failedRead = [logging, filters, alarms, topics].find((r) => !r.ok);
  if (failedRead && !failedRead.ok) {
    const e = failedRead.error;
    return { kind: 'unread', text: `could not read ${e.service} ${e.operation} in ${e.region} for ${label} (${group}): ${e.code}: ${e.message}`, errors: [e] };
  }
  if (!logging.ok || !filters.ok || !alarms.ok || !topics.ok) throw new Error('unreachable');

  const onGroup = filters.value.filter((f) => f.logGroupName === ref.name);
  const outcomes = EVENTS.map((event) => watch(event, onGroup, alarms.value, topics.value));
  const unread = outcomes.filter((o) => o.kind === 'unread');
  const missing = outcomes.filter((o) => o.kind === 'fail');
  const stopped = logging.value ? [] : [`${label} is not logging, so nothing reaches the alarms`];
  if (missing.length === 0 && unread.length === 0 && stopped.length === 0) {
    return { kind: 'pass', text: `on ${group} of ${label}: ${outcomes.map((o) => o.text).join('; ')}` };
  }
  if (missing.length || stopped.length) return { kind: 'fail', text: `on ${group} of ${label}: ${[...stopped, ...missing.map((o) => o.text)].join('; ')}` };
  return { kind: 'unread', text: `on ${group} of ${label}: ${unread.map((o) => o.text).join('; ')}`, errors: unread.flatMap((o) => o.errors ?? []) };
}

type Outcome = { kind: 'pass' | 'fail' | 'unread'; text: string; errors?: ApiError[] };

/** Whether a filter on the group catches `event`, an enabled alarm watches its metric, and a subscribed topic hears it. */
function watch(event: SecurityEvent, filters: MetricFilter[], alarms: MetricAlarm[], topics: AlarmTopic[]): Outcome {
  const what = SECURITY_EVENT_LABEL[event];
  const catching = filters.filter((f) => catchesSecurityEvent(f.pattern, event));
  if (catching.length === 0) return { kind: 'fail', text: `no metric filter catches ${what}` };
  const watching = catching.flatMap((f) =>
    alarms.filter((a) => f.metrics.some((m) => m.name === a.metricName && m.namespace === a.namespace)).map((a) => ({ filter: f, alarm: a })),
  );
  if (watching.length === 0) {
    return { kind: 'fail', text: `metric filter ${catching.map((f) => f.name).join(', ')} catches ${what} but no alarm watches its metric` };
  }
  const reasons: string[] = [];
  const failedReads: ApiError[] = [];
  let unread = false;
  for (const { filter, alarm } of watching) {
    if (!alarm.actionsEnabled) {
      reasons.push(`alarm ${alarm.name} has its actions disabled`);
      continue;
    }
    const snsActions = alarm.alarmActions.filter((a) => /^arn:[a-z0-9-]+:sns:/.test(a));
    if (snsActions.length === 0) {
      reasons.push(`alarm ${alarm.name} notifies no SNS topic`);
      continue;
    }
    for (const topicArn of snsActions) {
      const subs = topics.find((t) => t.topicArn === topicArn)?.subscriptions;
      if (!subs) {
        unread = true;
        reasons.push(`the subscriptions of topic ${topicArn} (alarm ${alarm.name}) were not read`);
      } else if (!subs.ok) {
        unread = true;
        failedReads.push(subs.error);
        reasons.push(`could not read the subscriptions of topic ${topicArn} (alarm ${alarm.name}): ${subs.error.code}: ${subs.error.message}`);
      } else if (subs.value === null) {
        reasons.push(`alarm ${alarm.name} notifies topic ${topicArn}, which does not exist`);
      } else if (subs.value.confirmed > 0) {
        const n = subs.value.confirmed;
        return { kind: 'pass', text: `metric filter ${filter.name} catches ${what}, alarm ${alarm.name} notifies topic ${topicArn} (${n} confirmed subscription${n > 1 ? 's' : ''})` };
      } else {
        const pending = subs.value.pending ? ` (${subs.value.pending} awaiting confirmation)` : '';
        reasons.push(`alarm ${alarm.name} notifies topic ${topicArn}, which has no confirmed subscription${pending}`);
      }
    }
  }
  return { kind: unread ? 'unread' : 'fail', text: `alarms on ${what} reach no one: ${reasons.join(', ')}`, errors: failedReads };
}

export default check;
