import type { Check, CheckResult } from '../../src/evaluate/types';
import { accountResource, fail, pass, readOf, result, unreadable } from '../../src/evaluate/results';
import type { Inventory } from '../../src/inventory/types';
import { auditLogGroups, logGroupResource, type AuditLogGroup } from './log-groups';

const check: Check = {
  id: 'logs.audit-log-retention',
  title: 'Log groups receiving CloudTrail or VPC flow logs keep them for the configured period',
  severity: 'medium',
  hipaa: ['164.312(b)', '164.316(b)(2)(i)'],
  controls: [],
  description:
    'HIPAA keeps the documentation of security activity, audit records among it, for six years (164.316(b)(2)(i)), ' +
    'and an investigation of a breach of ePHI needs the API calls and network connections of the months before it. ' +
    'A CloudWatch Logs log group deletes events older than its retention setting. Judged for every log group that a ' +
    'CloudTrail trail (an organization trail included) or a VPC flow log delivers to: it passes when its events never ' +
    'expire (no retention set, the default) or are kept at least thresholds.auditLogRetentionDays (default 2192 days, ' +
    'six years). CloudTrail also writes every event to its S3 bucket: where that bucket keeps them long enough, a ' +
    'shorter retention of the log group is a choice to record as a suppression.',
  remediation: {
    text:
      'CloudWatch console > Log groups > the group > Actions > Edit retention setting: Never expire, or at least 6 years ' +
      '(2192 days); or `aws logs put-retention-policy --log-group-name <group> --retention-in-days 2192` (or ' +
      '`aws logs delete-retention-policy --log-group-name <group>` for never expire), in the group\'s Region. To keep ' +
      'costs down, export older events to S3 with a lifecycle rule to Glacier instead of shortening retention.',
    url: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html#SettingLogRetention',
  },
  reads: ['cloudtrail.trails', 'ec2.flowLogs', 'logs.logGroups'],
  evaluate(inventory, ctx) {
    const { groups, errors } = auditLogGroups(inventory);
    const required = ctx.thresholds.auditLogRetentionDays;
    return [
      ...errors.map((e) =>
        unreadable(e.region, accountResource(inventory), e, `the ${e.service === 'ec2' ? 'VPC flow logs' : 'CloudTrail trails'} of ${e.region}, which say which log groups receive audit logs`),
      ),
      ...groups.flatMap((g) => judge(g, inventory, required)),
    ];
  },
};

function judge(group: AuditLogGroup, inventory: Inventory, required: number): CheckResult[] {
  const { ref } = group;
  const resource = logGroupResource(ref);
  const from = `receives ${group.sources.join(', ')}`;
  if (ref.account !== inventory.accountId) {
    return [result('ERROR', ref.region, resource, `log group ${ref.name} (${from}) is in account ${ref.account}, not in this account: audit account ${ref.account} to judge its retention`)];
  }
  if (!inventory.regions.includes(ref.region)) {
    return [result('ERROR', ref.region, resource, `log group ${ref.name} (${from}) is in ${ref.region}, which this audit did not cover: audit ${ref.region} to judge its retention`)];
  }
  const listed = readOf(inventory.logs?.[ref.region]?.logGroups, 'logs', ref.region, 'DescribeLogGroups');
  if (!listed.ok) return [unreadable(ref.region, resource, listed.error, `the log groups of ${ref.region}`)];
  const found = listed.value.find((g) => g.name === ref.name);
  // A group that does not exist keeps nothing yet: flow logs create it on first delivery (with no retention), and a
  // trail whose group is gone is failing delivery (cloudtrail.cloudwatch-logs says so). Nothing to judge here.
  if (!found) return [];
  const label = `log group ${ref.name} (${from})`;
  if (found.retentionInDays === undefined) return [pass(ref.region, resource, `${label} keeps its events forever (no retention set)`)];
  if (found.retentionInDays >= required) {
    return [pass(ref.region, resource, `${label} keeps its events ${found.retentionInDays} days, at least the ${required} required`)];
  }
  const s3Copy = group.fromCloudTrail ? '; CloudTrail also writes these events to its S3 bucket, whose retention is not judged here' : '';
  return [fail(ref.region, resource, `${label} deletes events after ${found.retentionInDays} days, less than the ${required} required${s3Copy}`)];
}

export default check;
