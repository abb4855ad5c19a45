import type { Check } from '../../src/evaluate/types';
import { accountResource, fail, GLOBAL, pass, readOf, result, withFixes } from '../../src/evaluate/results';
import type { ApiError, Inventory, Read, Trail, TrailDelivery } from '../../src/inventory/types';
import { parseLogGroupArn } from '../logs/log-groups';
import { allTrails, readRegionOf, regionErrorText, trailLabel } from './trails';

/** How recent the latest delivery to CloudWatch Logs must be: CloudTrail delivers within minutes of activity. */
const MAX_AGE_HOURS = 24;

const check: Check = {
  id: 'cloudtrail.cloudwatch-logs',
  title: 'The multi-Region CloudTrail trail delivers to CloudWatch Logs',
  severity: 'medium',
  hipaa: ['164.312(b)', '164.308(a)(1)(ii)(D)'],
  controls: ['CloudTrail.5'],
  description:
    'CloudTrail writes its log files to S3 in batches, where nobody watches them. Delivered to a CloudWatch Logs log ' +
    'group as well, every API call becomes searchable within minutes and can trigger metric filters and alarms (root ' +
    'use, denied calls, policy changes): the real-time half of audit controls and information system activity review ' +
    'for the systems holding ePHI. Passes when a multi-Region trail (an organization trail from the management ' +
    `account counts) names a log group and CloudTrail delivered to it in the ${MAX_AGE_HOURS} hours before the audit, ` +
    'according to GetTrailStatus.',
  remediation: {
    text:
      'CloudTrail console > Trails > the multi-Region trail > CloudWatch Logs > Edit: Enabled, choose or create the log ' +
      'group and an IAM role that CloudTrail assumes to write to it; or `aws cloudtrail update-trail --name <trail> ' +
      '--cloud-watch-logs-log-group-arn <log-group-arn> --cloud-watch-logs-role-arn <role-arn>` in the trail\'s home ' +
      'Region. If delivery has stopped, fix what LatestCloudWatchLogsDeliveryError names (usually the role\'s trust or ' +
      'logs:PutLogEvents permission, or a deleted log group). An organization trail is changed in the management account.',
    url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/send-cloudtrail-events-to-cloudwatch-logs.html',
  },
  reads: ['cloudtrail.trails', 'cloudtrail.trailStatus'],
  evaluate(inventory, ctx) {
    const account = accountResource(inventory);
    const { trails, errors } = allTrails(inventory);
    const multi = trails.filter((t) => t.isMultiRegion);
    const judged = multi.map((t) => ({ trail: t, verdict: judge(t, inventory, ctx.now) }));
    const passing = judged.find((j) => j.verdict.kind === 'pass');
    if (passing) return [pass(GLOBAL, account, passing.verdict.text)];
    const unread = judged.filter((j) => j.verdict.kind === 'unread').map((j) => j.verdict.text);
    const failedReads = [...errors, ...judged.flatMap((j) => j.verdict.errors ?? [])];
    const gaps = judged.filter((j) => j.verdict.kind === 'fail').map((j) => j.verdict.text);
    const gap = multi.length === 0
      ? `no multi-Region trail exists in ${inventory.regions.join(', ')}, so no trail sends every Region's events to CloudWatch Logs`
      : gaps.join('; ');
    const problems = [...regionErrorText(errors), ...unread];
    if (problems.length) return [result('ERROR', GLOBAL, account, `${problems.join('; ')}${gap ? `; among the trails that could be read: ${gap}` : ''}${withFixes(failedReads)}`)];
    return [fail(GLOBAL, account, gap)];
  },
};

type Verdict = { kind: 'pass' | 'fail' | 'unread'; text: string; errors?: ApiError[] };

function judge(trail: Trail, inventory: Inventory, now: Date): Verdict {
  const label = trailLabel(trail, inventory);
  const group = trail.cloudWatchLogsLogGroupArn;
  if (!group) return { kind: 'fail', text: `${label} is multi-Region but does not deliver to CloudWatch Logs (no log group set)` };
  const name = parseLogGroupArn(group)?.name ?? group;
  const delivery: Read<TrailDelivery> = readOf(trail.delivery, 'cloudtrail', readRegionOf(trail, inventory), 'GetTrailStatus');
  if (!delivery.ok) {
    return { kind: 'unread', text: `could not read ${delivery.error.operation} for ${label} (log group ${name}): ${delivery.error.code}: ${delivery.error.message}`, errors: [delivery.error] };
  }
  const { latestCloudWatchLogsDeliveryTime: last, latestCloudWatchLogsDeliveryError: error } = delivery.value;
  const why = error ? ` (latest delivery error: ${error})` : '';
  if (!last) return { kind: 'fail', text: `${label} names log group ${name} but CloudTrail reports no delivery to it${why}` };
  const hours = (now.getTime() - new Date(last).getTime()) / 3_600_000;
  if (hours <= MAX_AGE_HOURS) {
    const note = error ? `; an earlier delivery failed: ${error}` : '';
    return { kind: 'pass', text: `${label} is multi-Region and delivers to log group ${name}, last at ${last} (${describeAge(hours)} before the audit)${note}` };
  }
  return { kind: 'fail', text: `${label} names log group ${name} but last delivered to it at ${last}, ${describeAge(hours)} before the audit${why}` };
}

function describeAge(hours: number): string {
  if (hours < 1) return 'less than an hour';
  if (hours < 48) return `${Math.floor(hours)} h`;
  return `${Math.floor(hours / 24)} days`;
}

export default check;
