import type { CheckResult, ResourceRef } from '../../src/evaluate/types';
import { accountResource, eachRegion, withRead } from '../../src/evaluate/results';
import type { Inventory, Trail } from '../../src/inventory/types';

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
