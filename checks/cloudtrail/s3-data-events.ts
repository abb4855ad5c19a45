import type { Check } from '../../src/evaluate/types';
import { accountResource, fail, GLOBAL, pass, readOf, result, withFixes } from '../../src/evaluate/results';
import type { ApiError, Inventory, Read, S3DataEvents, S3DataScope, Trail } from '../../src/inventory/types';
import { allTrails, readRegionOf, regionErrorText, trailLabel } from './trails';

const check: Check = {
  id: 'cloudtrail.s3-data-events',
  title: 'A logging multi-Region CloudTrail trail records S3 object reads and writes for every bucket',
  severity: 'medium',
  hipaa: ['164.312(b)', '164.308(a)(1)(ii)(D)'],
  controls: ['S3.22', 'S3.23'],
  description:
    'Management events say who changed a bucket, not who read or wrote the ePHI in it. S3 data events (GetObject, ' +
    'PutObject, DeleteObject...) record each object access: the audit record of access to ePHI held in S3, and what an ' +
    'investigation needs to tell which records a stolen key downloaded. Passes when a multi-Region trail that is ' +
    'logging records both read and write S3 data events for all buckets, through basic event selectors ' +
    '(AWS::S3::Object with `arn:aws:s3` or `arn:aws:s3:::`) or advanced ones (eventCategory Data, resources.type ' +
    'AWS::S3::Object); an advanced selector may leave out the trails\' own log buckets, nothing else. An organization ' +
    'trail from the management account counts.',
  remediation: {
    text:
      'CloudTrail console > Trails > the multi-Region trail > Data events > Edit: add data event type S3, log selector ' +
      'template "Log all events"; or `aws cloudtrail put-event-selectors --trail-name <trail> --advanced-event-selectors ' +
      '\'[{"Name":"Management","FieldSelectors":[{"Field":"eventCategory","Equals":["Management"]}]},{"Name":"S3 data",' +
      '"FieldSelectors":[{"Field":"eventCategory","Equals":["Data"]},{"Field":"resources.type","Equals":["AWS::S3::Object"]}]}]\'` ' +
      '(keep the management selector: put-event-selectors replaces them all). Data events are charged per event: to ' +
      'limit cost, exclude the trail\'s own log bucket with a resources.ARN NotStartsWith selector.',
    url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html',
  },
  reads: ['cloudtrail.trails', 'cloudtrail.trailStatus', 'cloudtrail.eventSelectors'],
  evaluate(inventory) {
    const account = accountResource(inventory);
    const { trails, errors } = allTrails(inventory);
    const logBuckets = trails.flatMap((t) => (t.s3BucketName ? [t.s3BucketName] : []));
    const judged = trails.filter((t) => t.isMultiRegion).map((t) => judge(t, inventory, logBuckets));
    const passing = judged.find((j) => j.kind === 'pass');
    if (passing) return [pass(GLOBAL, account, passing.text)];
    const unread = judged.filter((j) => j.kind === 'unread').map((j) => j.text);
    const failedReads = [...errors, ...judged.flatMap((j) => j.errors ?? [])];
    const gaps = judged.filter((j) => j.kind === 'fail').map((j) => j.text);
    const gap = judged.length === 0 ? noMultiRegion(trails, inventory) : gaps.join('; ');
    const problems = [...regionErrorText(errors), ...unread];
    if (problems.length) return [result('ERROR', GLOBAL, account, `${problems.join('; ')}${gap ? `; among the trails that could be read: ${gap}` : ''}${withFixes(failedReads)}`)];
    return [fail(GLOBAL, account, gap)];
  },
};

type Verdict = { kind: 'pass' | 'fail' | 'unread'; text: string; errors?: ApiError[] };

function judge(trail: Trail, inventory: Inventory, logBuckets: string[]): Verdict {
  const label = trailLabel(trail, inventory);
  const region = readRegionOf(trail, inventory);
  const logging = readOf(trail.isLogging, 'cloudtrail', region, 'GetTrailStatus');
  const events: Read<S3DataEvents> = readOf(trail.s3DataEvents, 'cloudtrail', region, 'GetEventSelectors');
  const shortfalls: string[] = [];
  if (logging.ok && !logging.value) shortfalls.push('is not logging');
  if (events.ok) {
    const read = coverage(events.value.read, inventory.partition, logBuckets);
    const write = coverage(events.value.write, inventory.partition, logBuckets);
    if (read.ok && write.ok && logging.ok && logging.value) {
      const except = [...new Set([...read.tolerated, ...write.tolerated])];
      const note = except.length ? ` (except the log bucket prefix${except.length > 1 ? 'es' : ''} ${except.join(', ')})` : '';
      return { kind: 'pass', text: `${label} is multi-Region, logging, and records S3 data events, read and write, for every bucket${note}` };
    }
    if (!read.ok) shortfalls.push(`records read data events (GetObject...) ${read.text}`);
    if (!write.ok) shortfalls.push(`records write data events (PutObject, DeleteObject...) ${write.text}`);
  }
  if (shortfalls.length) return { kind: 'fail', text: `${label} is multi-Region but ${shortfalls.join(' and ')}` };
  const failed = [logging, events].flatMap((r) => (r.ok ? [] : [r.error]));
  return { kind: 'unread', text: failed.map((e) => `could not read ${e.operation} for ${label}: ${e.code}: ${e.message}`).join('; '), errors: failed };
}

/** Whether one kind of data event covers every bucket; exclusions are tolerated only for the trails' own log buckets. */
function coverage(scope: S3DataScope, partition: string, logBuckets: string[]): { ok: true; tolerated: string[] } | { ok: false; text: string } {
  switch (scope.buckets) {
    case 'all':
      return { ok: true, tolerated: [] };
    case 'none':
      return { ok: false, text: 'for no bucket' };
    case 'some':
      return { ok: false, text: `only for ${list(scope.only)}` };
    case 'all-except': {
      const isLogBucket = (e: string) => logBuckets.some((b) => e.startsWith(`arn:${partition}:s3:::${b}/`));
      const others = scope.except.filter((e) => !isLogBucket(e));
      if (others.length === 0) return { ok: true, tolerated: scope.except };
      return { ok: false, text: `for every bucket except ${list(others)}` };
    }
  }
}

function list(items: string[]): string {
  return items.length > 5 ? `${items.slice(0, 5).join(', ')} and ${items.length - 5} more` : items.join(', ');
}

function noMultiRegion(trails: Trail[], inventory: Inventory): string {
  if (trails.length === 0) return `no CloudTrail trail exists in ${inventory.regions.join(', ')}, so no S3 object access is recorded`;
  return `no trail is multi-Region (${trails.slice(0, 3).map((t) => `${t.name} covers only ${t.homeRegion}`).join(', ')}), so S3 object access in other Regions is not recorded`;
}

export default check;
