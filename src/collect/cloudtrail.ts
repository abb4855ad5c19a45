import {
  CloudTrailClient,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
  type AdvancedEventSelector,
  type AdvancedFieldSelector,
  type EventSelector,
  type GetEventSelectorsCommandOutput,
  type GetTrailStatusCommandOutput,
  type Trail as SdkTrail,
} from '@aws-sdk/client-cloudtrail';
import type { CloudTrailRegion, S3DataEvents, S3DataScope, Trail, TrailDelivery } from '../inventory/cloudtrail';
import { mapRead } from '../inventory/read';
import { attempt, expectFields, mapBounded } from './attempt';
import type { RegionalCollector } from './collector';
import type { CollectContext } from './context';

type ManagementEvents = Extract<NonNullable<Trail['managementEvents']>, { ok: true }>['value'];

/**
 * Per region: one DescribeTrails (not paginated) with shadow trails included, then, when selected checks need
 * them, GetTrailStatus and GetEventSelectors for each trail kept in this region (no bulk form of either exists;
 * accounts have a handful of trails). One GetTrailStatus answers both logging and delivery; one GetEventSelectors
 * both management and S3 data events.
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
        const [status, selectors] = await Promise.all([
          !ctx.wants('cloudtrail.trailStatus') ? undefined : attempt({ ...site, operation: 'GetTrailStatus' }, async () =>
            expectFields(await client.send(new GetTrailStatusCommand({ Name: id })), ['IsLogging']),
          ),
          !ctx.wants('cloudtrail.eventSelectors') ? undefined : attempt({ ...site, operation: 'GetEventSelectors' }, async () =>
            client.send(new GetEventSelectorsCommand({ TrailName: id })),
          ),
        ]);
        const isLogging = status && mapRead(status, (out) => out.IsLogging === true);
        const delivery = status && mapRead(status, deliveryOf);
        const managementEvents = selectors && mapRead(selectors, managementEventsOf);
        const s3DataEvents = selectors && mapRead(selectors, s3DataEventsOf);
        return {
          name,
          arn: id,
          homeRegion: t.HomeRegion ?? region,
          isMultiRegion: t.IsMultiRegionTrail === true,
          isOrganizationTrail: t.IsOrganizationTrail === true,
          logFileValidationEnabled: t.LogFileValidationEnabled === true,
          ...(t.KmsKeyId ? { kmsKeyId: t.KmsKeyId } : {}),
          ...(t.S3BucketName ? { s3BucketName: t.S3BucketName } : {}),
          ...(t.CloudWatchLogsLogGroupArn ? { cloudWatchLogsLogGroupArn: t.CloudWatchLogsLogGroupArn } : {}),
          isLogging,
          ...(delivery ? { delivery } : {}),
          managementEvents,
          ...(s3DataEvents ? { s3DataEvents } : {}),
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

/** The delivery fields of GetTrailStatus; each is absent when CloudTrail has nothing to report. */
export function deliveryOf(out: GetTrailStatusCommandOutput): TrailDelivery {
  return {
    ...(out.LatestDeliveryTime ? { latestS3DeliveryTime: out.LatestDeliveryTime.toISOString() } : {}),
    ...(out.LatestDeliveryError ? { latestS3DeliveryError: out.LatestDeliveryError } : {}),
    ...(out.LatestCloudWatchLogsDeliveryTime ? { latestCloudWatchLogsDeliveryTime: out.LatestCloudWatchLogsDeliveryTime.toISOString() } : {}),
    ...(out.LatestCloudWatchLogsDeliveryError ? { latestCloudWatchLogsDeliveryError: out.LatestCloudWatchLogsDeliveryError } : {}),
  };
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

// ---------------------------------------------------------------------------------------------------------------
// S3 data events

const S3_OBJECT = 'AWS::S3::Object';
/** A basic selector value naming every bucket: `arn:<partition>:s3` or `arn:<partition>:s3:::`. */
const ALL_BUCKETS = /^arn:[a-z0-9-]+:s3(:::)?$/;

/** What one selector records of S3 data events: which of read and write, and for which buckets. */
type DataSelector = { read: boolean; write: boolean; scope: S3DataScope };

/**
 * Resolves basic or advanced event selectors into which S3 data events the trail records, for read and for write.
 * Selectors add up: read events are recorded for every bucket when one selector records them for every bucket.
 */
export function s3DataEventsOf(out: Pick<GetEventSelectorsCommandOutput, 'EventSelectors' | 'AdvancedEventSelectors'>): S3DataEvents {
  const selectors = out.AdvancedEventSelectors?.length
    ? out.AdvancedEventSelectors.map(advancedData)
    : (out.EventSelectors ?? []).map(basicData);
  const data = selectors.filter((s): s is DataSelector => s !== null);
  return { read: combine(data.filter((s) => s.read)), write: combine(data.filter((s) => s.write)) };
}

function basicData(selector: EventSelector): DataSelector | null {
  const values = (selector.DataResources ?? []).filter((r) => r.Type === S3_OBJECT).flatMap((r) => r.Values ?? []);
  if (values.length === 0) return null;
  // ReadWriteType defaults to All and applies to data events as to management events.
  const rw = selector.ReadWriteType ?? 'All';
  const scope: S3DataScope = values.some((v) => ALL_BUCKETS.test(v)) ? { buckets: 'all' } : { buckets: 'some', only: values };
  return { read: rw !== 'WriteOnly', write: rw !== 'ReadOnly', scope };
}

/** Fields an S3 data selector is defined by; any other field narrows what it records. */
const DEFINING = new Set(['eventCategory', 'resources.type', 'readOnly']);

function advancedData(selector: AdvancedEventSelector): DataSelector | null {
  const fields = selector.FieldSelectors ?? [];
  const category = fields.find((f) => f.Field === 'eventCategory');
  const type = fields.find((f) => f.Field === 'resources.type');
  if (!category?.Equals?.includes('Data') || !type?.Equals?.includes(S3_OBJECT)) return null;
  let read = true;
  let write = true;
  for (const f of fields.filter((x) => x.Field === 'readOnly')) {
    const allowed = (value: 'true' | 'false') =>
      (f.Equals === undefined || f.Equals.includes(value)) && !(f.NotEquals ?? []).includes(value);
    read &&= allowed('true');
    write &&= allowed('false');
  }
  if (!read && !write) return null;
  const narrowing = fields.filter((f) => f.Field !== undefined && !DEFINING.has(f.Field));
  const only = narrowing.flatMap(positive);
  const except = narrowing.flatMap(negative);
  const scope: S3DataScope = only.length ? { buckets: 'some', only } : except.length ? { buckets: 'all-except', except } : { buckets: 'all' };
  return { read, write, scope };
}

/** What a field selector's Equals / StartsWith / EndsWith keep, as text (bucket ARNs as written). */
function positive(f: AdvancedFieldSelector): string[] {
  const arn = f.Field === 'resources.ARN';
  return [
    ...(f.Equals ?? []).map((v) => (arn ? v : `${f.Field} = ${v}`)),
    ...(f.StartsWith ?? []).map((v) => (arn ? v : `${f.Field} starts with ${v}`)),
    ...(f.EndsWith ?? []).map((v) => (arn ? `*${v}` : `${f.Field} ends with ${v}`)),
  ];
}

/** What a field selector's NotEquals / NotStartsWith / NotEndsWith leave out: ARN prefixes as written, else `field != value`. */
function negative(f: AdvancedFieldSelector): string[] {
  const arn = f.Field === 'resources.ARN';
  return [
    ...(f.NotEquals ?? []).map((v) => (arn ? v : `${f.Field} != ${v}`)),
    ...(f.NotStartsWith ?? []).map((v) => (arn ? v : `${f.Field} not starting with ${v}`)),
    ...(f.NotEndsWith ?? []).map((v) => (arn ? `*${v}` : `${f.Field} not ending with ${v}`)),
  ];
}

/** The buckets covered by the selectors that record one kind of event (read or write). */
function combine(selectors: DataSelector[]): S3DataScope {
  const scopes = selectors.map((s) => s.scope);
  if (scopes.some((s) => s.buckets === 'all')) return { buckets: 'all' };
  const partial = scopes.filter((s): s is Extract<S3DataScope, { buckets: 'all-except' }> => s.buckets === 'all-except');
  if (partial.length) {
    // An exclusion holds only where every all-but selector makes it.
    // Likewise, an exclusion that a selector naming only some buckets names again is covered.
    const named = new Set(scopes.flatMap((s) => (s.buckets === 'some' ? s.only : [])));
    const [first, ...rest] = partial;
    const except = (first?.except ?? []).filter((e) => rest.every((s) => s.except.includes(e)) && !named.has(e));
    return except.length ? { buckets: 'all-except', except: [...new Set(except)].sort() } : { buckets: 'all' };
  }
  const only = scopes.flatMap((s) => (s.buckets === 'some' ? s.only : []));
  return only.length ? { buckets: 'some', only: [...new Set(only)].sort() } : { buckets: 'none' };
}
