import check from '../../../checks/cloudwatch/security-alarms';
import type { CloudWatchRegion, Inventory, LogsRegion, Trail } from '../../../src/inventory/types';
import { trail, trailLogGroupArn } from '../../support/builders/cloudtrail';
import { alarm, alarmTopic, cloudwatchRegion, topicArn } from '../../support/builders/cloudwatch';
import { logsRegion, metricFilter, ROOT_PATTERN, UNAUTHORIZED_PATTERN } from '../../support/builders/logs';
import { checkContext, denied, failed, inventory, ok } from '../../support/inventory';

const GROUP = 'cloudtrail-main';
const TOPIC = topicArn('security-alerts');
const FILTERS = [metricFilter('RootUse', GROUP, ROOT_PATTERN), metricFilter('UnauthorizedCalls', GROUP, UNAUTHORIZED_PATTERN)];
const ALARMS = [alarm('root-use', 'RootUse'), alarm('unauthorized', 'UnauthorizedCalls')];

const mainTrail = (extra: Partial<Trail> = {}) => trail('main', { cloudWatchLogsLogGroupArn: trailLogGroupArn(GROUP), ...extra });

const build = (parts: { trails?: Trail[]; logs?: LogsRegion; cloudwatch?: CloudWatchRegion } = {}): Inventory =>
  inventory({
    regions: ['us-east-1', 'eu-west-1'],
    cloudtrail: { 'us-east-1': { trails: ok(parts.trails ?? [mainTrail()]) }, 'eu-west-1': { trails: ok([]) } },
    logs: { 'us-east-1': parts.logs ?? logsRegion([], FILTERS), 'eu-west-1': logsRegion() },
    cloudwatch: { 'us-east-1': parts.cloudwatch ?? cloudwatchRegion(ALARMS, [alarmTopic(TOPIC)]), 'eu-west-1': cloudwatchRegion() },
  });

const one = (inv: Inventory) => {
  const results = check.evaluate(inv, checkContext());
  expect(results).toHaveLength(1);
  expect(results[0]).toMatchObject({ region: 'global', resource: { type: 'AwsAccount', id: '111122223333' } });
  return results[0]!;
};

describe('cloudwatch.security-alarms', () => {
  it('passes with CIS filters on the trail log group, alarms on their metrics and a subscribed topic', () => {
    const r = one(build());
    expect(r.status).toBe('PASS');
    expect(r.message).toBe(
      `on log group ${GROUP} (us-east-1) of trail main: metric filter RootUse catches root user activity, alarm root-use notifies topic ${TOPIC} (1 confirmed subscription); ` +
        `metric filter UnauthorizedCalls catches unauthorized API calls, alarm unauthorized notifies topic ${TOPIC} (1 confirmed subscription)`,
    );
  });

  it('accepts the patterns as spelled differently (order, quotes, spacing, CIS v1.4 exclusions)', () => {
    const filters = [
      metricFilter('RootUse', GROUP, '{$.eventType!="AwsServiceEvent"&&$.userIdentity.type=Root&&$.userIdentity.invokedBy NOT EXISTS}'),
      metricFilter(
        'UnauthorizedCalls',
        GROUP,
        '{($.errorCode="AccessDenied*")||($.errorCode="*UnauthorizedOperation")&&($.sourceIPAddress!="delivery.logs.amazonaws.com")&&($.eventName!="HeadBucket")}',
      ),
    ];
    expect(one(build({ logs: logsRegion([], filters) })).status).toBe('PASS');
  });

  it('fails when a filter is missing, names what is missing', () => {
    const r = one(build({ logs: logsRegion([], [FILTERS[0]!]) }));
    expect(r).toMatchObject({ status: 'FAIL', message: `on log group ${GROUP} (us-east-1) of trail main: no metric filter catches unauthorized API calls` });
  });

  it('fails filters that sit on another log group, or whose pattern is narrower than the CIS one', () => {
    const elsewhere = FILTERS.map((f) => ({ ...f, logGroupName: 'app-logs' }));
    expect(one(build({ logs: logsRegion([], elsewhere) })).message).toContain('no metric filter catches root user activity; no metric filter catches unauthorized API calls');
    const narrow = [metricFilter('RootUse', GROUP, '{ $.userIdentity.type = "Root" && $.eventName = "ConsoleLogin" }'), FILTERS[1]!];
    expect(one(build({ logs: logsRegion([], narrow) })).message).toContain('no metric filter catches root user activity');
  });

  it('fails a filter with no alarm on its metric (namespace and name must both match)', () => {
    const wrongNamespace = [alarm('root-use', 'RootUse', { namespace: 'LogMetrics' }), ALARMS[1]!];
    const r = one(build({ cloudwatch: cloudwatchRegion(wrongNamespace, [alarmTopic(TOPIC)]) }));
    expect(r).toMatchObject({ status: 'FAIL', message: expect.stringContaining('metric filter RootUse catches root user activity but no alarm watches its metric') });
  });

  it('fails an alarm with actions disabled, without SNS, or notifying a topic nobody confirmed or that is gone', () => {
    const cases: Array<[CloudWatchRegion, string]> = [
      [cloudwatchRegion([alarm('root-use', 'RootUse', { actionsEnabled: false }), ALARMS[1]!], [alarmTopic(TOPIC)]), 'alarm root-use has its actions disabled'],
      [cloudwatchRegion([alarm('root-use', 'RootUse', { alarmActions: ['arn:aws:automate:us-east-1:ec2:stop'] }), ALARMS[1]!], [alarmTopic(TOPIC)]), 'alarm root-use notifies no SNS topic'],
      [cloudwatchRegion(ALARMS, [alarmTopic(TOPIC, 0, 2)]), `alarm root-use notifies topic ${TOPIC}, which has no confirmed subscription (2 awaiting confirmation)`],
      [cloudwatchRegion(ALARMS, [{ topicArn: TOPIC, subscriptions: ok(null) }]), `alarm root-use notifies topic ${TOPIC}, which does not exist`],
    ];
    for (const [cloudwatch, reason] of cases) {
      const r = one(build({ cloudwatch }));
      expect(r.status).toBe('FAIL');
      expect(r.message).toContain(`alarms on root user activity reach no one: ${reason}`);
    }
  });

  it('passes when one of several alarms on the metric reaches a subscribed topic', () => {
    const quiet = topicArn('nobody');
    const alarms = [alarm('root-muted', 'RootUse', { alarmActions: [quiet] }), ...ALARMS];
    expect(one(build({ cloudwatch: cloudwatchRegion(alarms, [alarmTopic(quiet, 0), alarmTopic(TOPIC)]) })).status).toBe('PASS');
  });

  it('fails a trail that is not logging, since nothing reaches the filters', () => {
    const r = one(build({ trails: [mainTrail({ isLogging: ok(false) })] }));
    expect(r).toMatchObject({ status: 'FAIL', message: `on log group ${GROUP} (us-east-1) of trail main: trail main is not logging, so nothing reaches the alarms` });
  });

  it('fails when no multi-Region trail delivers to CloudWatch Logs', () => {
    const r = one(build({ trails: [trail('main'), trail('local', { isMultiRegion: false, cloudWatchLogsLogGroupArn: trailLogGroupArn(GROUP) })] }));
    expect(r).toMatchObject({ status: 'FAIL', message: 'no multi-Region trail delivers to CloudWatch Logs, so no metric filter can watch for root user activity or unauthorized API calls' });
  });

  it('is an ERROR, naming the account to audit, for an organization trail whose log group is in the management account', () => {
    const org = trail('org-trail', {
      arn: 'arn:aws:cloudtrail:us-east-1:999988887777:trail/org-trail',
      isOrganizationTrail: true,
      cloudWatchLogsLogGroupArn: trailLogGroupArn('org/CloudTrail', 'us-east-1', '999988887777'),
    });
    const r = one(build({ trails: [org] }));
    expect(r.status).toBe('ERROR');
    expect(r.message).toBe(
      'organization trail org-trail (owned by account 999988887777) delivers to log group org/CloudTrail (us-east-1) in account 999988887777: its metric filters and alarms are read there, so audit account 999988887777',
    );
  });

  it('judges in the log group region, and is an ERROR when that region was not audited', () => {
    const west = mainTrail({ cloudWatchLogsLogGroupArn: trailLogGroupArn(GROUP, 'eu-west-1') });
    const inv = build({ trails: [west] });
    inv.logs!['eu-west-1'] = logsRegion([], FILTERS);
    inv.cloudwatch!['eu-west-1'] = cloudwatchRegion(ALARMS, [alarmTopic(TOPIC)]);
    expect(one(inv).status).toBe('PASS');
    const far = one(build({ trails: [mainTrail({ cloudWatchLogsLogGroupArn: trailLogGroupArn(GROUP, 'ap-south-1') })] }));
    expect(far).toMatchObject({ status: 'ERROR', message: expect.stringContaining('a Region this audit did not cover: audit ap-south-1') });
  });

  it('is an ERROR when filters, alarms or topic subscriptions could not be read', () => {
    const filters = one(build({ logs: { metricFilters: failed(denied('logs', 'DescribeMetricFilters')) } }));
    expect(filters).toMatchObject({ status: 'ERROR', message: expect.stringContaining('could not read logs DescribeMetricFilters in us-east-1 for trail main') });
    const alarms = one(build({ cloudwatch: { alarms: failed(denied('cloudwatch', 'DescribeAlarms')), alarmTopics: failed(denied('cloudwatch', 'DescribeAlarms')) } }));
    expect(alarms.status).toBe('ERROR');
    const topic = one(build({ cloudwatch: cloudwatchRegion(ALARMS, [{ topicArn: TOPIC, subscriptions: failed(denied('sns', 'ListSubscriptionsByTopic')) }]) }));
    expect(topic.status).toBe('ERROR');
    expect(topic.message).toContain(`could not read the subscriptions of topic ${TOPIC} (alarm root-use): AccessDenied`);
  });

  it('fails a known gap even when the other signal could not be judged', () => {
    const r = one(build({ logs: logsRegion([], [FILTERS[1]!]), cloudwatch: cloudwatchRegion(ALARMS, [{ topicArn: TOPIC, subscriptions: failed(denied('sns', 'ListSubscriptionsByTopic')) }]) }));
    expect(r).toMatchObject({ status: 'FAIL', message: expect.stringContaining('no metric filter catches root user activity') });
  });
});
