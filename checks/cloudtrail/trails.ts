import type { CheckResult, ResourceRef } from '../../src/evaluate/types';
import { accountResource, eachRegion, GLOBAL, readOf, withRead } from '../../src/evaluate/results';
import type { ApiError, Inventory, Trail } from '../../src/inventory/types';

/* Helpers the per-trail CloudTrail checks share (not a check: not in the catalogue). */

/** What a per-trail result says about its trail, worded the same by every check. */
export interface TrailSubject {
  /** The trail as ASFF names it; the same whether the check passes or fails. */
  resource: ResourceRef;
  /** `trail <name>`, or `organization trail <name> (owned by account <owner>)` for another account's organization trail. */
  label: string;
  /** ` in bucket <name>` when the trail names its log bucket, else empty. */
  bucket: string;
  /** ` (fix it in account <owner>)` when another account owns the trail, else empty. */
  fixWhere: string;
}

/**
 * Judges every trail of every audited region once: a trail listed under more than one region (an organization or
 * multi-Region trail) is judged the first time its ARN is seen. A region whose trails could not be read, or that
 * the inventory does not hold, yields one ERROR for the account in that region.
 */
export function eachTrail(inventory: Inventory, judge: (trail: Trail, subject: TrailSubject) => CheckResult): CheckResult[] {
  const seen = new Set<string>();
  return eachRegion(inventory, 'cloudtrail', inventory.cloudtrail, (data, region) =>
    withRead(
      data.trails,
      region,
      accountResource(inventory),
      (trails) =>
        trails.flatMap((trail): CheckResult[] => {
          if (seen.has(trail.arn)) return [];
          seen.add(trail.arn);
          return [judge(trail, subject(trail, inventory))];
        }),
      `CloudTrail trails in ${region}`,
    ),
  );
}

function subject(trail: Trail, inventory: Inventory): TrailSubject {
  const owner = foreignOwner(trail, inventory);
  return {
    resource: { type: 'AwsCloudTrailTrail', id: trail.name, arn: trail.arn },
    label: trailLabel(trail, inventory),
    bucket: trail.s3BucketName ? ` in bucket ${trail.s3BucketName}` : '',
    fixWhere: owner ? ` (fix it in account ${owner})` : '',
  };
}

/** The account that owns the trail (from its ARN) when that is not the audited account, e.g. an organization trail seen in a member. */
function foreignOwner(t: Trail, inventory: Inventory): string | undefined {
  const owner = t.arn.split(':')[4];
  return owner && owner !== inventory.accountId ? owner : undefined;
}

/** `trail <name>`, saying when it is an organization trail owned by another account (fix it there). */
export function trailLabel(t: Trail, inventory: Inventory): string {
  const owner = foreignOwner(t, inventory);
  if (t.isOrganizationTrail && owner) return `organization trail ${t.name} (owned by account ${owner})`;
  return `${t.isOrganizationTrail ? 'organization trail' : 'trail'} ${t.name}`;
}

/**
 * Every trail of every audited region, once each (by ARN), and the regions whose trails could not be read (or that
 * the inventory does not hold), for the account-level CloudTrail checks: a failure in one region must never hide
 * a passing trail listed in another.
 */
export function allTrails(inventory: Inventory): { trails: Trail[]; errors: ApiError[] } {
  const trails: Trail[] = [];
  const errors: ApiError[] = [];
  const seen = new Set<string>();
  for (const region of inventory.regions) {
    const data = inventory.cloudtrail?.[region];
    if (!data) {
      errors.push(
        inventory.errors.find((e) => e.service === 'cloudtrail' && (e.region === region || e.region === GLOBAL)) ?? {
          service: 'cloudtrail',
          region,
          operation: 'collect',
          code: 'NotCollected',
          message: `the inventory holds no cloudtrail data for ${region}`,
        },
      );
      continue;
    }
    const listed = readOf(data.trails, 'cloudtrail', region, 'DescribeTrails');
    if (!listed.ok) {
      errors.push({ ...listed.error, region });
      continue;
    }
    for (const trail of listed.value) {
      if (seen.has(trail.arn)) continue;
      seen.add(trail.arn);
      trails.push(trail);
    }
  }
  return { trails, errors };
}

/** `could not read CloudTrail trails in <region>: <code>: <message>` for each region error. */
export function regionErrorText(errors: ApiError[]): string[] {
  return errors.map((e) => `could not read CloudTrail trails in ${e.region}: ${e.code}: ${e.message}`);
}

/** The region of the trail's home, where its status and selectors were read (for readOf's NotCollected errors). */
export function readRegionOf(trail: Trail, inventory: Inventory): string {
  return inventory.regions.includes(trail.homeRegion) ? trail.homeRegion : (inventory.regions[0] ?? trail.homeRegion);
}
