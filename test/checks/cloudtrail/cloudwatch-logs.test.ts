import check from '../../../checks/cloudtrail/cloudwatch-logs';
import type { Trail } from '../../../src/inventory/cloudtrail';
import type { Read } from '../../../src/inventory/read';
import { trail, trailLogGroupArn } from '../../support/builders/cloudtrail';
import { checkContext, COLLECTED_AT, denied, failed, inventory, ok } from '../../support/inventory';

const regions = ['us-east-1', 'eu-west-1'];
type Trails = Trail[] | Read<Trail[]>;

const hoursBefore = (hours: number) => new Date(new Date(COLLECTED_AT).getTime() - hours * 3_600_000).toISOString();

const run = (east: Trails, west: Trails = [], now = new Date(COLLECTED_AT)) => {
  const read = (x: Trails): Read<Trail[]> => (Array.isArray(x) ? ok(x) : x);
  const inv = inventory({ regions, cloudtrail: { 'us-east-1': { trails: read(east) }, 'eu-west-1': { trails: read(west) } } });
  const results = check.evaluate(inv, checkContext({ now }));
  expect(results).toHaveLength(1);
  expect(results[0]).toMatchObject({ region: 'global', resource: { type: 'AwsAccount', id: '111122223333' } });
  return results[0]!;
};

const delivering = (name: string, hours: number, extra: Partial<Trail> = {}) =>
  trail(name, {
    cloudWatchLogsLogGroupArn: trailLogGroupArn(`${name}-logs`),
    delivery: ok({ latestCloudWatchLogsDeliveryTime: hoursBefore(hours) }),
    ...extra,
  });

describe('cloudtrail.cloudwatch-logs', () => {
  it('passes a multi-Region trail that delivered to its log group in the last 24 hours', () => {
    const r = run([delivering('main', 2)]);
    expect(r.status).toBe('PASS');
    expect(r.message).toBe(`trail main is multi-Region and delivers to log group main-logs, last at ${hoursBefore(2)} (2 h before the audit)`);
  });

  it('passes on an organization trail seen from a member account, its log group in the management account', () => {
    const org = delivering('org-trail', 0.5, {
      arn: 'arn:aws:cloudtrail:us-east-1:999988887777:trail/org-trail',
      isOrganizationTrail: true,
      cloudWatchLogsLogGroupArn: trailLogGroupArn('aws-controltower/CloudTrailLogs', 'us-east-1', '999988887777'),
    });
    const r = run([org]);
    expect(r.status).toBe('PASS');
    expect(r.message).toContain('organization trail org-trail (owned by account 999988887777) is multi-Region and delivers to log group aws-controltower/CloudTrailLogs');
    expect(r.message).toContain('less than an hour before the audit');
  });

  it('fails a multi-Region trail without a log group, even when a single-Region trail has one', () => {
    const single = delivering('eu-local', 1, { homeRegion: 'eu-west-1', isMultiRegion: false });
    const r = run([trail('main')], [single]);
    expect(r).toMatchObject({ status: 'FAIL', message: 'trail main is multi-Region but does not deliver to CloudWatch Logs (no log group set)' });
  });

  it('fails when delivery stopped more than 24 hours before the audit, quoting the delivery error', () => {
    const stale = delivering('main', 72, {
      delivery: ok({ latestCloudWatchLogsDeliveryTime: hoursBefore(72), latestCloudWatchLogsDeliveryError: 'AccessDeniedException: role cannot PutLogEvents' }),
    });
    const r = run([stale]);
    expect(r.status).toBe('FAIL');
    expect(r.message).toBe(
      `trail main names log group main-logs but last delivered to it at ${hoursBefore(72)}, 3 days before the audit (latest delivery error: AccessDeniedException: role cannot PutLogEvents)`,
    );
  });

  it('fails a trail that names a log group CloudTrail never delivered to', () => {
    const r = run([trail('main', { cloudWatchLogsLogGroupArn: trailLogGroupArn('gone') })]);
    expect(r).toMatchObject({ status: 'FAIL', message: 'trail main names log group gone but CloudTrail reports no delivery to it' });
  });

  it('measures the 24 hours from the inventory, not from the clock of the replay', () => {
    const trails = [delivering('main', 23)];
    expect(run(trails).status).toBe('PASS');
    expect(run(trails, [], new Date(new Date(COLLECTED_AT).getTime() + 2 * 3_600_000)).status).toBe('FAIL');
  });

  it('fails when no trail is multi-Region, and when there is no trail at all', () => {
    expect(run([], [delivering('eu', 1, { homeRegion: 'eu-west-1', isMultiRegion: false })]).status).toBe('FAIL');
    expect(run([]).message).toBe("no multi-Region trail exists in us-east-1, eu-west-1, so no trail sends every Region's events to CloudWatch Logs");
  });

  it('is an ERROR when the delivery status of the only candidate could not be read', () => {
    const r = run([trail('main', { cloudWatchLogsLogGroupArn: trailLogGroupArn('main-logs'), delivery: failed(denied('cloudtrail', 'GetTrailStatus')) })]);
    expect(r.status).toBe('ERROR');
    expect(r.message).toContain(
      'could not read GetTrailStatus for trail main (log group main-logs): AccessDenied: User is not authorized to perform: cloudtrail:GetTrailStatus',
    );
    expect(r.message).toMatch(/\. Fix: [^.]+/);
  });

  it('passes on one trail although another trail or another region could not be read', () => {
    const unread = trail('other', { cloudWatchLogsLogGroupArn: trailLogGroupArn('x'), delivery: failed(denied('cloudtrail', 'GetTrailStatus')) });
    expect(run([unread, delivering('main', 1)], failed(denied('cloudtrail', 'DescribeTrails', 'eu-west-1'))).status).toBe('PASS');
  });

  it('is an ERROR naming the unread region when nothing read passes', () => {
    const r = run([trail('main')], failed(denied('cloudtrail', 'DescribeTrails', 'eu-west-1')));
    expect(r.status).toBe('ERROR');
    expect(r.message).toContain(
      'could not read CloudTrail trails in eu-west-1: AccessDenied: User is not authorized to perform: cloudtrail:DescribeTrails; ' +
        'among the trails that could be read: trail main is multi-Region but does not deliver to CloudWatch Logs (no log group set)',
    );
    expect(r.message).toMatch(/\. Fix: [^.]+/);
  });

  it('is an ERROR when the inventory holds no trail status (collected for other checks)', () => {
    const { delivery: _omitted, ...noStatus } = trail('main', { cloudWatchLogsLogGroupArn: trailLogGroupArn('main-logs') });
    const r = run([noStatus]);
    expect(r).toMatchObject({ status: 'ERROR', message: expect.stringContaining('NotCollected') });
  });
});
