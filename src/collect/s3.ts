import {
  GetBucketAclCommand,
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketLocationCommand,
  GetBucketLoggingCommand,
  GetBucketPolicyCommand,
  GetBucketPolicyStatusCommand,
  GetBucketReplicationCommand,
  GetBucketVersioningCommand,
  GetObjectLockConfigurationCommand,
  GetPublicAccessBlockCommand,
  paginateListBuckets,
  S3Client,
  type Bucket,
  type LifecycleRuleFilter,
  type PublicAccessBlockConfiguration,
  type ReplicationRuleFilter,
  type Tag,
} from '@aws-sdk/client-s3';
import { GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import { errorCode, toApiError } from '../aws/errors';
import { failed, ok, type ApiError, type Read } from '../inventory/read';
import type { Inventory } from '../inventory/types';
import type { AclGrant, BucketEncryptionRule, BucketLifecycle, BucketReplication, ObjectFilter, ObjectLock, PublicAccessBlock, S3Bucket, S3Inventory } from '../inventory/s3';
import { attempt, attemptOrNone, collectList, expectFields, mapBounded } from './attempt';
import type { GlobalCollector } from './collector';
import type { CollectContext } from './context';
import { uncachedTagIndex } from '../judge/classification';

const NO_PUBLIC_ACCESS_BLOCK = 'NoSuchPublicAccessBlockConfiguration';
/** GetObjectLockConfiguration's answer for a bucket that never had Object Lock enabled. */
const NO_OBJECT_LOCK = 'ObjectLockConfigurationNotFoundError';
/** GetBucketReplication's answer for a bucket without replication. */
const NO_REPLICATION = 'ReplicationConfigurationNotFoundError';
/** GetBucketLifecycleConfiguration's answer for a bucket without lifecycle rules. */
const NO_LIFECYCLE = 'NoSuchLifecycleConfiguration';
/** GetBucketPolicyStatus answers these where it is not offered (some partitions, emulators): no status, not an error. */
const POLICY_STATUS_UNSUPPORTED = ['NotImplemented', 'XNotImplemented', 'MethodNotAllowed', 'UnsupportedOperation'];
/** The bucket was deleted between ListBuckets and the read: it is dropped, not reported. */
const VANISHED = 'NoSuchBucket';
/** Largest page ListBuckets serves; sending MaxBuckets also makes S3 include BucketRegion for every bucket. */
const LIST_PAGE_SIZE = 10_000;

function publicAccessBlock(config: PublicAccessBlockConfiguration | undefined): PublicAccessBlock {
  return {
    blockPublicAcls: config?.BlockPublicAcls === true,
    ignorePublicAcls: config?.IgnorePublicAcls === true,
    blockPublicPolicy: config?.BlockPublicPolicy === true,
    restrictPublicBuckets: config?.RestrictPublicBuckets === true,
  };
}

/** GetBucketLocation's answer as a region name: null/"" is us-east-1, the legacy "EU" is eu-west-1. */
export function locationToRegion(constraint: string | null | undefined): string {
  if (constraint === undefined || constraint === null || constraint === '') return 'us-east-1';
  if (constraint === 'EU') return 'eu-west-1';
  return constraint;
}

/** A listed bucket once its region is known, or the error that kept us from locating it. */
type Located = { name: string; creationDate?: string; region: string } | { name: string; creationDate?: string; error: ApiError };

/** The per-bucket reads, in the order a bucket's fields are written. */
const BUCKET_READS = [
  's3.bucketPublicAccessBlock',
  's3.bucketPolicy',
  's3.bucketPolicyStatus',
  's3.bucketAcl',
  's3.bucketEncryption',
  's3.bucketVersioning',
  's3.bucketLogging',
  's3.bucketObjectLock',
  's3.bucketReplication',
  's3.bucketLifecycle',
] as const;
type BucketRead = (typeof BUCKET_READS)[number];

/**
 * Reads that only some buckets need, so they are made only for those: the log buckets of CloudTrail trails
 * (cloudtrail.log-bucket-protected) and buckets that hold ePHI, or whose tags could not be read (the s3.ephi-*
 * checks). A new check needing one of these for every bucket needs its own read id.
 */
const TARGETED: ReadonlySet<BucketRead> = new Set(['s3.bucketLogging', 's3.bucketObjectLock', 's3.bucketReplication', 's3.bucketLifecycle']);
const FOR_TRAIL_BUCKETS: ReadonlySet<BucketRead> = new Set(['s3.bucketLogging', 's3.bucketObjectLock']);
const FOR_EPHI_BUCKETS: ReadonlySet<BucketRead> = new Set(['s3.bucketObjectLock', 's3.bucketReplication', 's3.bucketLifecycle']);

/** Whether a targeted read is needed for a bucket (located in an audited region). */
type Targets = (read: BucketRead, bucket: { name: string; region: string }) => boolean;

/**
 * S3: the account's Block Public Access (S3 Control), ListBuckets (paginated, with each bucket's region), then per
 * bucket, in its own region, only the reads the selected checks need: six at most for a bucket that holds no ePHI
 * and receives no trail's logs, five without a policy (GetBucketPolicyStatus is not asked when GetBucketPolicy
 * said there is none); logging, Object Lock, replication and lifecycle only for the buckets that need them (see
 * TARGETED). S3 has no bulk read of bucket configuration, so these grow with the number of buckets. Buckets are
 * read through a bounded pool, so a large account never queues every call at once.
 */
export const s3Collector: GlobalCollector<'s3'> = {
  scope: 'global',
  async collect(ctx): Promise<S3Inventory> {
    const listing = ctx.wants('s3.buckets') || BUCKET_READS.some((r) => ctx.wants(r));
    const [accountPublicAccessBlock, buckets] = await Promise.all([
      ctx.wants('s3.accountPublicAccessBlock') ? readAccountBlock(ctx) : undefined,
      listing ? readBuckets(ctx) : undefined,
    ]);
    return { accountPublicAccessBlock, buckets };
  },
};

/** The account-wide block lives in S3 Control; the SDK puts AccountId into the host name. */
function readAccountBlock(ctx: CollectContext): Promise<Read<PublicAccessBlock | null>> {
  const control = ctx.aws.client('s3control', S3ControlClient, ctx.homeRegion);
  return attemptOrNone(
    { service: 's3control', region: 'global', operation: 'GetPublicAccessBlock' },
    [NO_PUBLIC_ACCESS_BLOCK],
    async () => {
      const out = await control.send(new GetAccountPublicAccessBlockCommand({ AccountId: ctx.accountId }));
      return publicAccessBlock(expectFields(out, ['PublicAccessBlockConfiguration']).PublicAccessBlockConfiguration);
    },
  );
}

async function readBuckets(ctx: CollectContext): Promise<Read<S3Bucket[]>> {
  const home = ctx.aws.client('s3', S3Client, ctx.homeRegion);
  const listed = await attempt({ service: 's3', region: 'global', operation: 'ListBuckets' }, () =>
    collectList(paginateListBuckets({ client: home, pageSize: LIST_PAGE_SIZE }, {}), 'Buckets'),
  );
  if (!listed.ok) return listed;

  const limit = ctx.aws.concurrencyOf('s3');
  const located = await mapBounded(listed.value, limit, (bucket) => locate(home, bucket));
  const audited = new Set(ctx.regions);
  // A bucket lives in its own region: it is read there (and only there), and only when that region is audited.
  // A bucket we could not locate is kept, with every read failed, so the audit shows it rather than losing it.
  const inScope = located.filter((b): b is Located => b !== undefined && ('error' in b || audited.has(b.region)));

  // Targeted reads wait for the answers that choose their buckets; buckets read before those arrive get theirs
  // in a second pass, the others with their other reads.
  let targets: Targets | undefined;
  const decided = targetsOf(ctx).then((t) => (targets = t));
  const deferred: Array<{ located: { name: string; creationDate?: string; region: string }; bucket: S3Bucket }> = [];
  const read = await mapBounded(inScope, limit, async (b) => {
    if ('error' in b) return unlocated(ctx, b);
    const now = targets;
    const bucket = await readBucket(ctx, b, (id) => !TARGETED.has(id) || (now !== undefined && now(id, b)));
    if (bucket && now === undefined) deferred.push({ located: b, bucket });
    return bucket;
  });
  const chosen = await decided;
  const gone = new Set<S3Bucket>();
  await mapBounded(deferred, limit, async ({ located: b, bucket }) => {
    if (![...TARGETED].some((id) => ctx.wants(id) && chosen(id, b))) return;
    const more = await readBucket(ctx, b, (id) => TARGETED.has(id) && chosen(id, b));
    if (!more) gone.add(bucket);
    else for (const field of TARGETED_FIELDS) if (more[field] !== undefined) Object.assign(bucket, { [field]: more[field] });
  });
  return ok(read.filter((b): b is S3Bucket => b !== undefined && !gone.has(b)));
}

const TARGETED_FIELDS = ['logging', 'objectLock', 'replication', 'lifecycle'] as const satisfies ReadonlyArray<keyof S3Bucket>;

/**
 * Which buckets need the targeted reads, from the trails and tags this run collects. A criterion applies when
 * its source is read (a selected check needs it); where the source is not known (its read failed, a collector
 * tested alone, a chunk of an organization run for trails) every bucket is read, never fewer.
 */
async function targetsOf(ctx: CollectContext): Promise<Targets> {
  const byTrail = ctx.wants('cloudtrail.trails');
  const byTags = ctx.wants('tagging.resources');
  const every: Targets = () => true;
  if (!ctx.after || (!byTrail && !byTags)) return every;
  const inventory = await ctx.after(['cloudtrail', 'tagging']);
  const trailBuckets = byTrail && !ctx.partOfAccount ? namedByTrails(inventory) : undefined;
  const index = byTags ? uncachedTagIndex(inventory, ctx.classification) : undefined;
  const forTrail = (name: string) => byTrail && (trailBuckets === undefined || trailBuckets.has(name));
  const forEphi = (name: string, region: string) => byTags && index?.lookup(`arn:${ctx.partition}:s3:::${name}`, region).classification !== 'not-ephi';
  return (id, b) => (FOR_TRAIL_BUCKETS.has(id) && forTrail(b.name)) || (FOR_EPHI_BUCKETS.has(id) && forEphi(b.name, b.region));
}

/** The buckets the audited regions' trails deliver to; undefined when a region's trails could not be read. */
function namedByTrails(inventory: Readonly<Inventory>): Set<string> | undefined {
  const names = new Set<string>();
  for (const region of inventory.regions) {
    const trails = inventory.cloudtrail?.[region]?.trails;
    if (!trails?.ok) return undefined;
    for (const t of trails.value) if (t.s3BucketName) names.add(t.s3BucketName);
  }
  return names;
}

/** The bucket's region from ListBuckets, or GetBucketLocation when the listing lacks it; undefined: bucket gone. */
async function locate(home: S3Client, bucket: Bucket): Promise<Located | undefined> {
  const name = bucket.Name ?? '';
  const base = { name, ...(bucket.CreationDate ? { creationDate: bucket.CreationDate.toISOString() } : {}) };
  if (bucket.BucketRegion) return { ...base, region: bucket.BucketRegion };
  try {
    const out = await home.send(new GetBucketLocationCommand({ Bucket: name }));
    // LocationConstraint is absent for us-east-1 (S3 sends an empty element): no field to require.
    return { ...base, region: locationToRegion(out.LocationConstraint) };
  } catch (error) {
    if (errorCode(error) === VANISHED) return undefined;
    return { ...base, error: toApiError(error, 's3', 'global', 'GetBucketLocation') };
  }
}

function arnOf(ctx: CollectContext, name: string): string {
  return `arn:${ctx.partition}:s3:::${name}`;
}

/** A bucket whose region is unknown: every per-bucket read asked for carries the GetBucketLocation failure. */
function unlocated(ctx: CollectContext, b: { name: string; creationDate?: string; error: ApiError }): S3Bucket {
  const err = <T>(read: (typeof BUCKET_READS)[number]): Read<T> | undefined => (ctx.wants(read) ? failed(b.error) : undefined);
  return {
    name: b.name,
    arn: arnOf(ctx, b.name),
    region: 'global',
    ...(b.creationDate ? { creationDate: b.creationDate } : {}),
    publicAccessBlock: err('s3.bucketPublicAccessBlock'),
    policy: err('s3.bucketPolicy'),
    policyStatus: err('s3.bucketPolicyStatus'),
    acl: err('s3.bucketAcl'),
    encryption: err('s3.bucketEncryption'),
    versioning: err('s3.bucketVersioning'),
    logging: err('s3.bucketLogging'),
    objectLock: err('s3.bucketObjectLock'),
    replication: err('s3.bucketReplication'),
    lifecycle: err('s3.bucketLifecycle'),
  };
}

const tagsOf = (tags: Tag[] | undefined): Array<{ key: string; value: string }> => (tags ?? []).map((t) => ({ key: t.Key ?? '', value: t.Value ?? '' }));

/**
 * The objects a rule covers, from a V1 rule's Prefix or a V2 rule's Filter (Prefix, Tag, object sizes, or an And
 * of them; replication's Not leaves objects out). Nothing set: every object.
 */
function objectFilter(prefix: string | undefined, filter: (LifecycleRuleFilter & ReplicationRuleFilter) | undefined): ObjectFilter {
  const and = filter?.And as (LifecycleRuleFilter['And'] & ReplicationRuleFilter['And']) | undefined;
  const p = prefix ?? filter?.Prefix ?? and?.Prefix;
  const tags = [...tagsOf(filter?.Tag ? [filter.Tag] : undefined), ...tagsOf(and?.Tags)];
  const greater = filter?.ObjectSizeGreaterThan ?? and?.ObjectSizeGreaterThan;
  const less = filter?.ObjectSizeLessThan ?? and?.ObjectSizeLessThan;
  const excludes = filter?.Not !== undefined || and?.Not !== undefined;
  return {
    ...(p ? { prefix: p } : {}),
    ...(tags.length ? { tags } : {}),
    ...(greater !== undefined ? { objectSizeGreaterThan: greater } : {}),
    ...(less !== undefined ? { objectSizeLessThan: less } : {}),
    ...(excludes ? { excludes: true } : {}),
  };
}

/**
 * The asked-for reads of one bucket, in parallel, with a client for the bucket's own region; GetBucketPolicyStatus
 * follows GetBucketPolicy when both are asked for, and is skipped when there is no policy to judge.
 */
async function readBucket(ctx: CollectContext, b: { name: string; creationDate?: string; region: string }, only: (id: BucketRead) => boolean): Promise<S3Bucket | undefined> {
  const client = ctx.aws.client('s3', S3Client, b.region);
  const input = { Bucket: b.name };
  let vanished = false;
  const site = (operation: string) => ({ service: 's3', region: b.region, operation });
  /** attemptOrNone that also notices the bucket disappearing; nothing is read unless a selected check needs it. */
  const read = async <T>(id: BucketRead, operation: string, absent: string[], fn: () => Promise<T>): Promise<Read<T | null> | undefined> => {
    if (!ctx.wants(id) || !only(id)) return undefined;
    return attemptOrNone(site(operation), absent, async () => {
      try {
        return await fn();
      } catch (error) {
        if (errorCode(error) === VANISHED) vanished = true;
        throw error;
      }
    });
  };
  const readValue = <T>(id: BucketRead, operation: string, fn: () => Promise<T>): Promise<Read<T> | undefined> =>
    read(id, operation, [], fn) as Promise<Read<T> | undefined>;
  const readPolicyStatus = () =>
    read('s3.bucketPolicyStatus', 'GetBucketPolicyStatus', ['NoSuchBucketPolicy', ...POLICY_STATUS_UNSUPPORTED], async () => {
      const out = await client.send(new GetBucketPolicyStatusCommand(input));
      return { isPublic: expectFields(out, ['PolicyStatus']).PolicyStatus.IsPublic === true };
    });

  const policyAndStatus = (async () => {
    const policy = await read('s3.bucketPolicy', 'GetBucketPolicy', ['NoSuchBucketPolicy'], async () => {
      const out = await client.send(new GetBucketPolicyCommand(input));
      return expectFields(out, ['Policy']).Policy;
    });
    // No policy: S3 would answer NoSuchBucketPolicy, so the status is known without asking.
    const policyStatus = policy?.ok && policy.value === null ? (ctx.wants('s3.bucketPolicyStatus') && only('s3.bucketPolicyStatus') ? ok(null) : undefined) : await readPolicyStatus();
    return { policy, policyStatus };
  })();

  const [publicAccessBlockRead, { policy, policyStatus }, acl, encryption, versioning, logging, objectLock, replication, lifecycle] = await Promise.all([
    read('s3.bucketPublicAccessBlock', 'GetPublicAccessBlock', [NO_PUBLIC_ACCESS_BLOCK], async () => {
      const out = await client.send(new GetPublicAccessBlockCommand(input));
      return publicAccessBlock(expectFields(out, ['PublicAccessBlockConfiguration']).PublicAccessBlockConfiguration);
    }),
    policyAndStatus,
    readValue('s3.bucketAcl', 'GetBucketAcl', async () => {
      const out = expectFields(await client.send(new GetBucketAclCommand(input)), ['Owner', 'Grants']);
      const grants = out.Grants.map(
        (g): AclGrant => ({
          granteeType: g.Grantee?.Type ?? 'Unknown',
          ...(g.Grantee?.URI ? { uri: g.Grantee.URI } : {}),
          ...(g.Grantee?.ID ? { id: g.Grantee.ID } : {}),
          permission: g.Permission ?? 'UNKNOWN',
        }),
      );
      return { ...(out.Owner.ID ? { ownerId: out.Owner.ID } : {}), grants };
    }),
    read('s3.bucketEncryption', 'GetBucketEncryption', ['ServerSideEncryptionConfigurationNotFoundError'], async () => {
      const out = await client.send(new GetBucketEncryptionCommand(input));
      const config = expectFields(out, ['ServerSideEncryptionConfiguration']).ServerSideEncryptionConfiguration;
      const rules = expectFields(config, ['Rules']).Rules.flatMap((rule): BucketEncryptionRule[] => {
        const sse = rule.ApplyServerSideEncryptionByDefault;
        if (!sse?.SSEAlgorithm) return [];
        return [
          {
            sseAlgorithm: sse.SSEAlgorithm,
            ...(sse.KMSMasterKeyID ? { kmsMasterKeyId: sse.KMSMasterKeyID } : {}),
            ...(rule.BucketKeyEnabled !== undefined ? { bucketKeyEnabled: rule.BucketKeyEnabled } : {}),
          },
        ];
      });
      return { rules };
    }),
    readValue('s3.bucketVersioning', 'GetBucketVersioning', async () => {
      // An empty VersioningConfiguration is the answer for a bucket that never had versioning: nothing to require.
      const out = await client.send(new GetBucketVersioningCommand(input));
      const status: 'Enabled' | 'Suspended' | 'Disabled' =
        out.Status === 'Enabled' || out.Status === 'Suspended' ? out.Status : 'Disabled';
      return { status, mfaDelete: out.MFADelete === 'Enabled' };
    }),
    readValue('s3.bucketLogging', 'GetBucketLogging', async () => {
      // An empty BucketLoggingStatus is the answer for a bucket without server access logging: nothing to require.
      const out = await client.send(new GetBucketLoggingCommand(input));
      if (!out.LoggingEnabled) return null;
      const target = expectFields(out.LoggingEnabled, ['TargetBucket']);
      return { targetBucket: target.TargetBucket, ...(target.TargetPrefix ? { targetPrefix: target.TargetPrefix } : {}) };
    }),
    read('s3.bucketObjectLock', 'GetObjectLockConfiguration', [NO_OBJECT_LOCK], async (): Promise<ObjectLock> => {
      const config = expectFields(await client.send(new GetObjectLockConfigurationCommand(input)), ['ObjectLockConfiguration']).ObjectLockConfiguration;
      const retention = config.Rule?.DefaultRetention;
      return {
        enabled: config.ObjectLockEnabled === 'Enabled',
        ...(retention?.Mode
          ? {
              defaultRetention: {
                mode: retention.Mode,
                ...(retention.Days !== undefined ? { days: retention.Days } : {}),
                ...(retention.Years !== undefined ? { years: retention.Years } : {}),
              },
            }
          : {}),
      };
    }),
    read('s3.bucketReplication', 'GetBucketReplication', [NO_REPLICATION], async (): Promise<BucketReplication> => {
      const config = expectFields(await client.send(new GetBucketReplicationCommand(input)), ['ReplicationConfiguration']).ReplicationConfiguration;
      const rules = expectFields(config, ['Rules']).Rules.map((r) => {
        const rule = expectFields(r, ['Status', 'Destination']);
        const destination = expectFields(rule.Destination, ['Bucket']);
        return {
          ...(rule.ID ? { id: rule.ID } : {}),
          status: rule.Status,
          filter: objectFilter(rule.Prefix, rule.Filter as LifecycleRuleFilter & ReplicationRuleFilter),
          destinationBucket: destination.Bucket,
          ...(destination.Account ? { destinationAccount: destination.Account } : {}),
        };
      });
      return { rules };
    }),
    read('s3.bucketLifecycle', 'GetBucketLifecycleConfiguration', [NO_LIFECYCLE], async (): Promise<BucketLifecycle> => {
      // A configuration holds at least one rule: an answer without Rules is an incomplete one, not "no rules".
      const rules = expectFields(await client.send(new GetBucketLifecycleConfigurationCommand(input)), ['Rules']).Rules.map((r) => {
        const rule = expectFields(r, ['Status']);
        const expiry = rule.NoncurrentVersionExpiration;
        return {
          ...(rule.ID ? { id: rule.ID } : {}),
          status: rule.Status,
          filter: objectFilter(rule.Prefix, rule.Filter as LifecycleRuleFilter & ReplicationRuleFilter),
          ...(expiry?.NoncurrentDays !== undefined ? { noncurrentDays: expiry.NoncurrentDays } : {}),
          ...(expiry?.NewerNoncurrentVersions !== undefined ? { newerNoncurrentVersions: expiry.NewerNoncurrentVersions } : {}),
        };
      });
      return { rules };
    }),
  ]);
  if (vanished) return undefined;
  return {
    name: b.name,
    arn: arnOf(ctx, b.name),
    region: b.region,
    ...(b.creationDate ? { creationDate: b.creationDate } : {}),
    publicAccessBlock: publicAccessBlockRead,
    policy,
    policyStatus,
    acl,
    encryption,
    versioning,
    logging,
    objectLock,
    replication,
    lifecycle,
  };
}
