import check from '../../../checks/logs/audit-log-retention';
import { DEFAULT_THRESHOLDS } from '../../../src/config/types';
import type { FlowLog, Inventory, LogsRegion, Trail } from '../../../src/inventory/types';
import { trail, trailLogGroupArn } from '../../support/builders/cloudtrail';
import { ec2Region } from '../../support/builders/ec2';
import { logGroup, logsRegion } from '../../support/builders/logs';
import { ACCOUNT, checkContext, denied, failed, inventory, ok, statuses } from '../../support/inventory';

const flowLog = (id: string, destination: string, over: Partial<FlowLog> = {}): FlowLog => ({
  flowLogId: id,
  resourceId: 'vpc-0main',
  status: 'ACTIVE',
  trafficType: 'ALL',
  destinationType: 'cloud-watch-logs',
  destination,
  ...over,
});

const build = (parts: { trails?: Trail[]; flowLogs?: FlowLog[]; logs?: LogsRegion; regions?: string[] } = {}): Inventory =>
  inventory({
    regions: parts.regions ?? ['us-east-1'],
    cloudtrail: { 'us-east-1': { trails: ok(parts.trails ?? []) }, 'eu-west-1': { trails: ok([]) } },
    ec2: { 'us-east-1': ec2Region({ flowLogs: ok(parts.flowLogs ?? []) }), 'eu-west-1': ec2Region() },
    logs: { 'us-east-1': parts.logs ?? logsRegion(), 'eu-west-1': logsRegion() },
  });

const withGroup = (name: string) => trail('main', { cloudWatchLogsLogGroupArn: trailLogGroupArn(name) });

describe('logs.audit-log-retention', () => {
  it('passes a CloudTrail log group whose retention is unset (never expire)', () => {
    const results = check.evaluate(build({ trails: [withGroup('cloudtrail')], logs: logsRegion([logGroup('cloudtrail')]) }), checkContext());
    expect(results).toEqual([
      {
        status: 'PASS',
        region: 'us-east-1',
        resource: { type: 'Other', id: 'cloudtrail', arn: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:cloudtrail` },
        message: 'log group cloudtrail (receives trail main) keeps its events forever (no retention set)',
      },
    ]);
  });

  it('fails a group kept 365 days, noting that CloudTrail also writes to S3', () => {
    const [r] = check.evaluate(build({ trails: [withGroup('cloudtrail')], logs: logsRegion([logGroup('cloudtrail', { retentionInDays: 365 })]) }), checkContext());
    expect(r?.status).toBe('FAIL');
    expect(r?.message).toBe(
      'log group cloudtrail (receives trail main) deletes events after 365 days, less than the 2192 required; CloudTrail also writes these events to its S3 bucket, whose retention is not judged here',
    );
  });

  it('passes six years exactly, and follows the configured threshold', () => {
    const inv = build({ trails: [withGroup('cloudtrail')], logs: logsRegion([logGroup('cloudtrail', { retentionInDays: 2192 })]) });
    expect(check.evaluate(inv, checkContext())[0]?.message).toBe('log group cloudtrail (receives trail main) keeps its events 2192 days, at least the 2192 required');
    const stricter = checkContext({ thresholds: { ...DEFAULT_THRESHOLDS, auditLogRetentionDays: 3653 } });
    expect(check.evaluate(inv, stricter)[0]?.status).toBe('FAIL');
  });

  it('judges flow log groups named by ARN or by name, once per group with every source', () => {
    const inv = build({
      trails: [withGroup('audit')],
      flowLogs: [
        flowLog('fl-1', `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:vpc-flows:*`),
        flowLog('fl-2', 'vpc-flows', { resourceId: 'vpc-0other' }),
        flowLog('fl-3', `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:audit`),
        flowLog('fl-s3', 'arn:aws:s3:::flow-bucket', { destinationType: 's3' }),
      ],
      logs: logsRegion([logGroup('vpc-flows', { retentionInDays: 30 }), logGroup('audit'), logGroup('lambda-noise', { retentionInDays: 1 })]),
    });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ 'us-east-1/audit': 'PASS', 'us-east-1/vpc-flows': 'FAIL' });
    expect(results.find((r) => r.resource.id === 'vpc-flows')?.message).toBe(
      'log group vpc-flows (receives flow log fl-1 of vpc-0main, flow log fl-2 of vpc-0other) deletes events after 30 days, less than the 2192 required',
    );
    expect(results.find((r) => r.resource.id === 'audit')?.message).toContain('receives trail main, flow log fl-3 of vpc-0main');
  });

  it('says nothing of a referenced group that does not exist yet', () => {
    expect(check.evaluate(build({ flowLogs: [flowLog('fl-1', 'not-created-yet')] }), checkContext())).toEqual([]);
  });

  it('is an ERROR, not a FAIL, for an organization trail group in another account or an unaudited region', () => {
    const org = trail('org-trail', {
      arn: 'arn:aws:cloudtrail:us-east-1:999988887777:trail/org-trail',
      isOrganizationTrail: true,
      cloudWatchLogsLogGroupArn: trailLogGroupArn('org/CloudTrail', 'us-east-1', '999988887777'),
    });
    const far = trail('far', { cloudWatchLogsLogGroupArn: trailLogGroupArn('far-logs', 'ap-south-1') });
    const results = check.evaluate(build({ trails: [org, far] }), checkContext());
    expect(results.map((r) => [r.status, r.region, r.message])).toEqual([
      [
        'ERROR',
        'us-east-1',
        'log group org/CloudTrail (receives organization trail org-trail (owned by account 999988887777)) is in account 999988887777, not in this account: audit account 999988887777 to judge its retention',
      ],
      ['ERROR', 'ap-south-1', 'log group far-logs (receives trail far) is in ap-south-1, which this audit did not cover: audit ap-south-1 to judge its retention'],
    ]);
  });

  it('is an ERROR when the log groups, the trails or the flow logs could not be read', () => {
    const groups = check.evaluate(build({ trails: [withGroup('cloudtrail')], logs: { logGroups: failed(denied('logs', 'DescribeLogGroups')) } }), checkContext());
    expect(groups).toMatchObject([{ status: 'ERROR', message: expect.stringMatching(/^could not read the log groups of us-east-1: AccessDenied: .*Fix: allow logs:DescribeLogGroups/) }]);

    const inv = build();
    inv.ec2!['us-east-1'] = ec2Region({ flowLogs: failed(denied('ec2', 'DescribeFlowLogs')) });
    inv.cloudtrail!['us-east-1'] = { trails: failed(denied('cloudtrail', 'DescribeTrails')) };
    const results = check.evaluate(inv, checkContext());
    expect(results.map((r) => [r.status, r.resource.type])).toEqual([
      ['ERROR', 'AwsAccount'],
      ['ERROR', 'AwsAccount'],
    ]);
    expect(results[0]?.message).toContain('could not read the CloudTrail trails of us-east-1, which say which log groups receive audit logs');
    expect(results[1]?.message).toContain('could not read the VPC flow logs of us-east-1');
  });

  it('is an ERROR when the inventory holds no log groups for the region', () => {
    const inv = build({ trails: [withGroup('cloudtrail')], logs: {} });
    expect(check.evaluate(inv, checkContext())).toMatchObject([{ status: 'ERROR', message: expect.stringContaining('NotCollected') }]);
  });
});
