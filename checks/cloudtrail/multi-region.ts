import type { Check } from '../../src/evaluate/types';
import { accountResource, fail, GLOBAL, pass, readOf, unreadableAll } from '../../src/evaluate/results';
import type { ApiError, Inventory, Trail } from '../../src/inventory/types';
import { allTrails, readRegionOf, trailLabel } from './trails';

const check: Check = {
  id: 'cloudtrail.multi-region',
  title: 'A logging multi-Region CloudTrail trail records all management events',
  severity: 'high',
  hipaa: ['164.312(b)', '164.308(a)(1)(ii)(D)'],
  controls: ['CloudTrail.1'],
  description:
    'CloudTrail management events are the audit record of who did what to the systems holding ePHI: IAM changes, ' +
    'security group and bucket policy changes, KMS Decrypt and Secrets Manager GetSecretValue calls. A trail that ' +
    'covers every Region (including Regions nobody uses, where an intruder would hide) and records both read and ' +
    'write management events is needed for audit controls and information system activity review. Judged once for ' +
    'the account: an organization trail from the management account counts.',
  remediation: {
    text:
      'CloudTrail console > Trails > Create trail (or edit the existing one): apply it to all Regions, keep logging ' +
      'on, and under Management events select both Read and Write; or `aws cloudtrail create-trail --name <name> ' +
      '--s3-bucket-name <bucket> --is-multi-region-trail` then `aws cloudtrail put-event-selectors --trail-name <name> ' +
      '--event-selectors \'[{"ReadWriteType":"All","IncludeManagementEvents":true}]\'` and `aws cloudtrail ' +
      'start-logging --name <name>`. In an organization, an organization trail from the management account covers members.',
    url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-create-and-update-a-trail.html',
  },
  reads: ['cloudtrail.trails', 'cloudtrail.trailStatus', 'cloudtrail.eventSelectors'],
  evaluate(inventory) {
    const account = accountResource(inventory);
    const { trails, errors: regionErrors } = gather(inventory);
    const passing = trails.find(passes);
    if (passing) {
      const except = passing.managementEvents.ok && passing.managementEvents.value.excludedSources?.length
        ? ` (except events from ${passing.managementEvents.value.excludedSources.join(', ')})`
        : '';
      return [pass(GLOBAL, account, `${trailLabel(passing, inventory)} is multi-Region, logging, and records read and write management events${except}`)];
    }
    // Only a multi-Region trail with an unread part and no known shortfall could have passed.
    const undecided = trails.filter(
      (t) => t.isMultiRegion && (!t.isLogging.ok || !t.managementEvents.ok) && shortfalls(t).length === 0,
    );
    const failures = [
      ...regionErrors.map((e) => ({ what: `CloudTrail trails in ${e.region}`, error: e })),
      ...undecided.flatMap((t) => [t.isLogging, t.managementEvents].flatMap((r) => (r.ok ? [] : [{ what: `${r.error.operation} for ${trailLabel(t, inventory)}`, error: r.error }]))),
    ];
    const gap = gapMessage(trails, inventory);
    if (failures.length) return [unreadableAll(GLOBAL, account, failures, `; among the trails that could be read: ${gap}`)];
    return [fail(GLOBAL, account, gap)];
  },
};

/** A trail with its status and event selectors as reads (failed when the inventory does not hold them). */
type Judged = Trail & Required<Pick<Trail, 'isLogging' | 'managementEvents'>>;

/** Every trail of every audited region, once each (by ARN), and the regions whose trails could not be read. */
function gather(inventory: Inventory): { trails: Judged[]; errors: ApiError[] } {
  const { trails, errors } = allTrails(inventory);
  return {
    errors,
    trails: trails.map((trail) => {
      const region = readRegionOf(trail, inventory);
      return {
        ...trail,
        isLogging: readOf(trail.isLogging, 'cloudtrail', region, 'GetTrailStatus'),
        managementEvents: readOf(trail.managementEvents, 'cloudtrail', region, 'GetEventSelectors'),
      };
    }),
  };
}

function passes(t: Judged): boolean {
  return t.isMultiRegion && t.isLogging.ok && t.isLogging.value && t.managementEvents.ok && t.managementEvents.value.readWriteType === 'All';
}

/** What is known to keep a trail from passing (unread parts are not counted). */
function shortfalls(t: Judged): string[] {
  const out: string[] = [];
  if (!t.isMultiRegion) out.push(`covers only ${t.homeRegion}`);
  if (t.isLogging.ok && !t.isLogging.value) out.push('is not logging');
  if (t.managementEvents.ok) {
    const rw = t.managementEvents.value.readWriteType;
    if (!t.managementEvents.value.included || rw === 'None') out.push('records no management events');
    else if (rw === 'WriteOnly') out.push('records only write management events (read calls such as kms:Decrypt and secretsmanager:GetSecretValue are not logged)');
    else if (rw === 'ReadOnly') out.push('records only read management events (changes such as IAM and security group edits are not logged)');
  }
  return out;
}

function gapMessage(trails: Judged[], inventory: Inventory): string {
  if (trails.length === 0) return `no CloudTrail trail exists in ${inventory.regions.join(', ')}`;
  const multi = trails.filter((t) => t.isMultiRegion);
  if (multi.length === 0) {
    const names = trails.slice(0, 3).map((t) => `${t.name} (${t.homeRegion})`).join(', ');
    const more = trails.length > 3 ? ` and ${trails.length - 3} more` : '';
    return `no trail is multi-Region: ${names}${more} ${trails.length > 1 ? 'record only their own Region' : 'records only its own Region'}`;
  }
  // The multi-Region trail closest to passing: fewest known shortfalls, logging first.
  const best = [...multi].sort((a, b) => rank(a) - rank(b))[0] as Judged;
  const gaps = shortfalls(best);
  const n = multi.length - 1;
  const others = n > 0 ? ` (${n} other multi-Region trail${n > 1 ? 's fall' : ' falls'} short too)` : '';
  if (gaps.length === 0) {
    const unread = [best.isLogging.ok ? [] : ['logging status'], best.managementEvents.ok ? [] : ['event selectors']].flat();
    return `${trailLabel(best, inventory)} is multi-Region but its ${unread.join(' and ')} could not be read${others}`;
  }
  return `${trailLabel(best, inventory)} is multi-Region but ${gaps.join(' and ')}${others}`;
}

function rank(t: Judged): number {
  const notLogging = t.isLogging.ok && !t.isLogging.value ? 10 : 0;
  return notLogging + shortfalls(t).length;
}

export default check;
