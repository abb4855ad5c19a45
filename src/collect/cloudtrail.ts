import {
  CloudTrailClient,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
  type AdvancedEventSelector,
  type EventSelector,
  type GetEventSelectorsCommandOutput,
  type Trail as SdkTrail,
} from '@aws-sdk/client-cloudtrail';
import type { CloudTrailRegion, Trail } from '../inventory/cloudtrail';
import { attempt, expectFields, mapBounded } from './attempt';
import type { RegionalCollector } from './collector';
import type { CollectContext } from './context';

type ManagementEvents = Extract<NonNullable<Trail['managementEvents']>, { ok: true }>['value'];

/**
 * Per region: one DescribeTrails (not paginated) with shadow trails included, then, when selected checks need
 * them, GetTrailStatus and GetEventSelectors for each trail kept in this region.
 *
 * Shadow trails are included on purpose: in a member account, the organization trail of the management account
 * is a shadow trail, and `includeShadowTrails: false` would hide it (the member would look unlogged). Each trail
 * is kept only in its home region, so a multi-Region trail is recorded once.
 */
export const cloudtrailCollector: RegionalCollector<'cloudtrail'> = {
  scope: 'regional',
  async collect(ctx, region): Promise<CloudTrailRegion> {
    const wanted = ['cloudtrail.trails', 'cloudtrail.trailStatus', 'cloudtrail.eventSelectors'] as const;
    if (!wanted.some((r) => ctx.wants(r))) return {};
    const client = ctx.aws.client('cloudtrail', CloudTrailClient, region);
    const site = { service: 'cloudtrail', region };
    const trails = await attempt({ ...site, operation: 'DescribeTrails' }, async () => {
      const out = expectFields(await client.send(new DescribeTrailsCommand({ includeShadowTrails: true })), ['trailList']);
      const kept = out.trailList.filter((t) => keptHere(t, region, ctx));
      return mapBounded(kept, ctx.aws.concurrencyOf('cloudtrail'), async (t): Promise<Trail> => {
        const name = t.Name ?? t.TrailARN ?? '';
        // The ARN, not the name: required for shadow and organization trails owned by another account.
        const id = t.TrailARN ?? name;
        const [isLogging, managementEvents] = await Promise.all([
          !ctx.wants('cloudtrail.trailStatus') ? undefined : attempt({ ...site, operation: 'GetTrailStatus' }, async () => {
            const status = expectFields(await client.send(new GetTrailStatusCommand({ Name: id })), ['IsLogging']);
            return status.IsLogging === true;
          }),
          !ctx.wants('cloudtrail.eventSelectors') ? undefined : attempt({ ...site, operation: 'GetEventSelectors' }, async () =>
            managementEventsOf(await client.send(new GetEventSelectorsCommand({ TrailName: id }))),
          ),
        ]);
        return {
          name,
          arn: id,
          homeRegion: t.HomeRegion ?? region,
          isMultiRegion: t.IsMultiRegionTrail === true,
          isOrganizationTrail: t.IsOrganizationTrail === true,
          logFileValidationEnabled: t.LogFileValidationEnabled === true,
          ...(t.KmsKeyId ? { kmsKeyId: t.KmsKeyId } : {}),
          ...(t.S3BucketName ? { s3BucketName: t.S3BucketName } : {}),
          isLogging,
          managementEvents,
        };
      });
    });
    return { trails };
  },
};

/**
 * A trail is recorded in its home region. One whose home region is not audited (an organization trail homed
 * elsewhere, seen here as a shadow) is recorded under the first audited region, so it is not lost.
 */
function keptHere(trail: SdkTrail, region: string, ctx: CollectContext): boolean {
  const home = trail.HomeRegion ?? region;
  if (home === region) return true;
  return !ctx.regions.includes(home) && ctx.regions[0] === region;
}

type Access = { read: boolean; write: boolean; excluded: string[] };

/** Resolves basic or advanced event selectors into what management events the trail records. */
export function managementEventsOf(out: Pick<GetEventSelectorsCommandOutput, 'EventSelectors' | 'AdvancedEventSelectors'>): ManagementEvents {
  const selectors = out.AdvancedEventSelectors?.length
    ? out.AdvancedEventSelectors.map(advancedAccess)
    : (out.EventSelectors ?? []).map(basicAccess);
  const management = selectors.filter((s): s is Access => s !== null);
  const read = management.some((s) => s.read);
  const write = management.some((s) => s.write);
  if (!read && !write) return { included: false, readWriteType: 'None' };
  // A source is left out only when every management selector leaves it out.
  const [first, ...rest] = management;
  const excluded = (first?.excluded ?? []).filter((src) => rest.every((s) => s.excluded.includes(src))).sort();
  return {
    included: true,
    readWriteType: read && write ? 'All' : read ? 'ReadOnly' : 'WriteOnly',
    ...(excluded.length ? { excludedSources: excluded } : {}),
  };
}

function basicAccess(selector: EventSelector): Access | null {
  // IncludeManagementEvents and ReadWriteType default to true and All.
  if (selector.IncludeManagementEvents === false) return null;
  const rw = selector.ReadWriteType ?? 'All';
  return { read: rw !== 'WriteOnly', write: rw !== 'ReadOnly', excluded: selector.ExcludeManagementEventSources ?? [] };
}

function advancedAccess(selector: AdvancedEventSelector): Access | null {
  const fields = selector.FieldSelectors ?? [];
  const category = fields.find((f) => f.Field === 'eventCategory');
  if (!category?.Equals?.includes('Management')) return null;
  let read = true;
  let write = true;
  for (const f of fields.filter((x) => x.Field === 'readOnly')) {
    const allowed = (value: 'true' | 'false') =>
      (f.Equals === undefined || f.Equals.includes(value)) && !(f.NotEquals ?? []).includes(value);
    read &&= allowed('true');
    write &&= allowed('false');
  }
  if (!read && !write) return null;
  const excluded = fields.filter((f) => f.Field === 'eventSource').flatMap((f) => f.NotEquals ?? []);
  return { read, write, excluded };
}
