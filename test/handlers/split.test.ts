import { COLLECTORS } from '../../src/collect';
import { ALL_READS, SERVICE_REGISTRY, SERVICES, type Inventory, type S3Bucket, type Trail } from '../../src/inventory/types';
import { mergeInventories, ONCE_PER_ACCOUNT, planChunks } from '../../src/lambda/split';
import { denied, failed, inventory, ok } from '../support/inventory';

const REGIONS = ['ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-south-1', 'ap-southeast-1', 'ap-southeast-2', 'ca-central-1', 'eu-central-1', 'eu-north-1', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'sa-east-1', 'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2'];

describe('planChunks', () => {
  it('splits the 17 default regions into balanced chunks of at most N, the once-per-account reads in the first only', () => {
    const chunks = planChunks(REGIONS, ALL_READS, 6);
    expect(chunks.map((c) => c.regions.length)).toEqual([6, 6, 5]);
    expect(chunks.flatMap((c) => c.regions)).toEqual(REGIONS);
    expect(chunks.map((c) => c.index)).toEqual([0, 1, 2]);
    expect(chunks[0]!.reads).toEqual([...ALL_READS]);
    for (const c of chunks.slice(1)) expect(c.reads).toEqual(ALL_READS.filter((r) => !ONCE_PER_ACCOUNT.some((s) => r.startsWith(`${s}.`))));
    expect(chunks[1]!.reads).not.toContain('iam.credentialReport');
    expect(planChunks(REGIONS, ALL_READS, 5).map((c) => c.regions.length)).toEqual([5, 4, 4, 4]);
    expect(planChunks(REGIONS, ALL_READS, 50)).toHaveLength(1);
  });

  it('keeps one chunk when only global services are audited', () => {
    expect(planChunks(REGIONS, ['iam.credentialReport'], 2)).toEqual([{ index: 0, regions: REGIONS, reads: ['iam.credentialReport'] }]);
  });

  it('refuses nonsense', () => {
    expect(() => planChunks(REGIONS, ALL_READS, 0)).toThrow(RangeError);
    expect(() => planChunks([], ALL_READS, 3)).toThrow('no region to audit');
  });

  it('knows every global collector: global services but S3 are read once per account; S3 is read per region of its buckets', async () => {
    for (const s of SERVICES) expect((await COLLECTORS[s]()).scope).toBe(SERVICE_REGISTRY[s].scope);
    const global = SERVICES.filter((s) => SERVICE_REGISTRY[s].scope === 'global');
    expect(global).toEqual(expect.arrayContaining(['iam', 's3']));
    expect(ONCE_PER_ACCOUNT).toEqual(global.filter((s) => s !== 's3'));
  });
});

const bucket = (name: string, region: string): S3Bucket => ({
  name,
  arn: `arn:aws:s3:::${name}`,
  region,
  publicAccessBlock: ok(null),
  policy: ok(null),
  policyStatus: ok(null),
  acl: ok({ grants: [] }),
  encryption: ok(null),
  versioning: ok({ status: 'Enabled', mfaDelete: false }),
});

const trail = (name: string, homeRegion: string): Trail => ({
  name,
  arn: `arn:aws:cloudtrail:${homeRegion}:111122223333:trail/${name}`,
  homeRegion,
  isMultiRegion: true,
  isOrganizationTrail: false,
  logFileValidationEnabled: true,
  isLogging: ok(true),
  managementEvents: ok({ included: true, readWriteType: 'All' }),
});

function partial(regions: string[], extra: Partial<Inventory>): Inventory {
  return inventory({ regions, services: ['s3', 'cloudtrail', 'guardduty'], ...extra });
}

describe('mergeInventories', () => {
  const first = partial(['eu-west-1'], {
    services: ['iam', 's3', 'cloudtrail', 'guardduty'],
    collectedAt: '2026-06-01T12:00:00.000Z',
    iam: { marker: 'iam of chunk 0' } as never,
    s3: { accountPublicAccessBlock: ok(null), buckets: ok([bucket('eu-logs', 'eu-west-1'), bucket('lost', 'global')]) },
    cloudtrail: { 'eu-west-1': { trails: ok([trail('main', 'us-east-1'), trail('org', 'me-south-1')]) } },
    guardduty: { 'eu-west-1': { detectors: ok([]) } as never },
    errors: [denied('s3', 'GetBucketLocation', 'global')],
  });
  const second = partial(['us-east-1'], {
    collectedAt: '2026-06-01T12:03:00.000Z',
    s3: { accountPublicAccessBlock: ok(null), buckets: ok([bucket('phi-records', 'us-east-1'), bucket('lost', 'global')]) },
    cloudtrail: { 'us-east-1': { trails: ok([trail('main', 'us-east-1'), trail('org', 'me-south-1')]) } },
    guardduty: { 'us-east-1': { detectors: failed(denied('guardduty', 'ListDetectors')) } as never },
    errors: [denied('s3', 'GetBucketLocation', 'global'), denied('guardduty', 'collect', 'us-east-1')],
  });

  it('is the inventory of one run over every region: sections joined, duplicates dropped, IAM and time from the first chunk', () => {
    const merged = mergeInventories([first, second]);
    expect(merged.regions).toEqual(['eu-west-1', 'us-east-1']);
    expect(merged.services).toEqual(['iam', 's3', 'cloudtrail', 'guardduty']);
    expect(merged.collectedAt).toBe('2026-06-01T12:00:00.000Z');
    expect(merged.iam).toEqual({ marker: 'iam of chunk 0' });
    expect(merged.s3!.buckets).toEqual(ok([bucket('eu-logs', 'eu-west-1'), bucket('lost', 'global'), bucket('phi-records', 'us-east-1')]));
    expect(merged.errors).toEqual([denied('guardduty', 'collect', 'us-east-1'), denied('s3', 'GetBucketLocation', 'global')]);
    expect(Object.keys(merged.guardduty!).sort()).toEqual(['eu-west-1', 'us-east-1']);
    // A trail is kept in its home region; one homed outside the audit once, under the first region.
    expect(merged.cloudtrail).toEqual({
      'eu-west-1': { trails: ok([trail('org', 'me-south-1')]) },
      'us-east-1': { trails: ok([trail('main', 'us-east-1')]) },
    });
  });

  it('prefers a located copy of a bucket over an unlocated one', () => {
    const a = partial(['eu-west-1'], { s3: { accountPublicAccessBlock: ok(null), buckets: ok([bucket('x', 'global')]) } });
    const b = partial(['us-east-1'], { s3: { accountPublicAccessBlock: ok(null), buckets: ok([bucket('x', 'us-east-1')]) } });
    expect(mergeInventories([a, b]).s3!.buckets).toEqual(ok([bucket('x', 'us-east-1')]));
  });

  it('fails the bucket list when any chunk could not list buckets (their regions would be silently missing)', () => {
    const broken = partial(['us-east-1'], { s3: { accountPublicAccessBlock: ok(null), buckets: failed(denied('s3', 'ListBuckets', 'global')) } });
    expect(mergeInventories([first, broken]).s3!.buckets).toEqual(failed(denied('s3', 'ListBuckets', 'global')));
  });

  it('refuses partials of different accounts, or none', () => {
    expect(() => mergeInventories([first, { ...second, accountId: '999999999999' }])).toThrow('partial inventories of different accounts: 111122223333 and 999999999999');
    expect(() => mergeInventories([])).toThrow('no partial inventory to merge');
  });
});
