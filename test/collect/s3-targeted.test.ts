import { CloudTrailClient, DescribeTrailsCommand } from '@aws-sdk/client-cloudtrail';
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import {
  GetBucketAclCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketLoggingCommand,
  GetBucketReplicationCommand,
  GetBucketVersioningCommand,
  GetObjectLockConfigurationCommand,
  ListBucketsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { CHECKS } from '../../checks';
import { collectInventory } from '../../src/collect';
import type { CollectContext } from '../../src/collect/context';
import { evaluate } from '../../src/evaluate/evaluate';
import { selectChecks } from '../../src/evaluate/select';
import { DEFAULT_CONFIG } from '../../src/config/types';
import { DEFAULT_CLASSIFICATION } from '../../src/judge/classification';
import { readsFor } from '../../src/run-audit';
import { awsError, collectContext } from '../support/inventory';

const s3 = mockClient(S3Client);
const trails = mockClient(CloudTrailClient);
const tagging = mockClient(ResourceGroupsTaggingAPIClient);
const REGIONS = ['us-east-1', 'eu-west-1'];

/**
 * Four buckets: `trail-logs` receives a trail's logs, `phi-data` is tagged as ePHI, `plain` is neither, and
 * `mystery` lives in eu-west-1, whose tags cannot be read (so it may hold ePHI).
 */
beforeEach(() => {
  s3.reset();
  trails.reset();
  tagging.reset();
  s3.on(ListBucketsCommand).resolves({
    Buckets: [
      { Name: 'trail-logs', BucketRegion: 'us-east-1' },
      { Name: 'phi-data', BucketRegion: 'us-east-1' },
      { Name: 'plain', BucketRegion: 'us-east-1' },
      { Name: 'mystery', BucketRegion: 'eu-west-1' },
    ],
  });
  s3.on(GetBucketAclCommand).resolves({ Owner: { ID: 'me' }, Grants: [] });
  s3.on(GetBucketVersioningCommand).resolves({ Status: 'Enabled' });
  s3.on(GetBucketLoggingCommand).resolves({});
  s3.on(GetObjectLockConfigurationCommand).rejects(awsError('ObjectLockConfigurationNotFoundError', 'none', 404));
  s3.on(GetBucketReplicationCommand).rejects(awsError('ReplicationConfigurationNotFoundError', 'none', 404));
  s3.on(GetBucketLifecycleConfigurationCommand).rejects(awsError('NoSuchLifecycleConfiguration', 'none', 404));
  trails.on(DescribeTrailsCommand).callsFake(async (_input, getClient) => {
    const region = await (getClient() as unknown as { config: { region: () => Promise<string> } }).config.region();
    return { trailList: region === 'us-east-1' ? [{ Name: 'main', TrailARN: 'arn:aws:cloudtrail:us-east-1:111122223333:trail/main', HomeRegion: 'us-east-1', S3BucketName: 'trail-logs' }] : [] };
  });
  tagging.on(GetResourcesCommand).callsFake(async (_input, getClient) => {
    const region = await (getClient() as unknown as { config: { region: () => Promise<string> } }).config.region();
    if (region === 'eu-west-1') throw awsError('AccessDeniedException', 'not authorized to perform tag:GetResources', 400);
    return { ResourceTagMappingList: [{ ResourceARN: 'arn:aws:s3:::phi-data', Tags: [{ Key: 'Data-Classification', Value: 'PHI' }] }, { ResourceARN: 'arn:aws:s3:::plain', Tags: [{ Key: 'team', Value: 'web' }] }] };
  });
});

const bucketsCalled = (command: unknown): string[] =>
  s3.commandCalls(command as typeof GetBucketAclCommand).map((c) => String(c.args[0].input.Bucket)).sort();

async function collect(ids: string[], extra: Pick<CollectContext, 'classification' | 'partOfAccount'> = {}) {
  const checks = selectChecks(CHECKS, { include: ids });
  const reads = readsFor(checks);
  const { wants: _wants, ...base } = collectContext(REGIONS);
  const inventory = await collectInventory({ ...base, ...extra }, reads);
  return { inventory, checks };
}

describe('S3 reads made only for the buckets that need them', () => {
  it('reads logging for trail log buckets, and Object Lock, replication and lifecycle for buckets that hold or may hold ePHI', async () => {
    const { inventory, checks } = await collect(['cloudtrail.log-bucket-protected', 's3.ephi-bucket-replication', 's3.ephi-bucket-object-lock']);
    expect(bucketsCalled(GetBucketLoggingCommand)).toEqual(['trail-logs']);
    expect(bucketsCalled(GetObjectLockConfigurationCommand)).toEqual(['mystery', 'phi-data', 'trail-logs']);
    expect(bucketsCalled(GetBucketReplicationCommand)).toEqual(['mystery', 'phi-data']);
    expect(bucketsCalled(GetBucketLifecycleConfigurationCommand)).toEqual(['mystery', 'phi-data']);
    // Every bucket's versioning is still read: s3.ephi-bucket-object-lock is not its only reader.
    expect(bucketsCalled(GetBucketVersioningCommand)).toEqual(['mystery', 'phi-data', 'plain', 'trail-logs']);

    // The checks judge from what was read: no ERROR for a read left out.
    const { findings } = evaluate(inventory, checks, DEFAULT_CONFIG, new Date(inventory.collectedAt));
    const errors = findings.filter((f) => f.status === 'ERROR').map((f) => `${f.checkId} ${f.resource.id}`);
    expect(errors.sort()).toEqual(['s3.ephi-bucket-object-lock mystery', 's3.ephi-bucket-replication mystery']);
    expect(findings.filter((f) => f.checkId === 's3.ephi-bucket-replication' && f.status === 'FAIL').map((f) => f.resource.id)).toEqual(['phi-data']);
    expect(findings.find((f) => f.checkId === 'cloudtrail.log-bucket-protected')?.status).toBe('FAIL');
  });

  it('reads them in a second pass for buckets whose other reads ended before the tags arrived', async () => {
    const answer = { ResourceTagMappingList: [{ ResourceARN: 'arn:aws:s3:::phi-data', Tags: [{ Key: 'phi', Value: 'yes' }] }] };
    tagging.on(GetResourcesCommand).callsFake(() => new Promise((resolve) => setTimeout(() => resolve(answer), 100)));
    const { inventory } = await collect(['s3.ephi-bucket-replication']);
    expect(bucketsCalled(GetBucketReplicationCommand)).toEqual(['phi-data']);
    const buckets = inventory.s3?.buckets?.ok ? inventory.s3.buckets.value : [];
    expect(buckets.map((b) => [b.name, b.replication])).toEqual([
      ['trail-logs', undefined],
      ['phi-data', { ok: true, value: null }],
      ['plain', undefined],
      ['mystery', undefined],
    ]);
  });

  it('follows the config\'s classification tags', async () => {
    const classification = { ...DEFAULT_CLASSIFICATION, tags: [{ key: 'team', values: ['web'] }] };
    await collect(['s3.ephi-bucket-replication'], { classification });
    expect(bucketsCalled(GetBucketReplicationCommand)).toEqual(['mystery', 'plain']);
  });

  it('reads every bucket\'s logging in a chunk of an organization run, where a trail may live in another chunk', async () => {
    await collect(['cloudtrail.log-bucket-protected'], { partOfAccount: true });
    expect(bucketsCalled(GetBucketLoggingCommand)).toEqual(['mystery', 'phi-data', 'plain', 'trail-logs']);
    expect(bucketsCalled(GetBucketReplicationCommand)).toEqual([]);
  });

  it('reads every bucket\'s logging when a region\'s trails could not be read', async () => {
    trails.on(DescribeTrailsCommand).rejects(awsError('AccessDeniedException', 'not authorized to perform cloudtrail:DescribeTrails', 400));
    await collect(['cloudtrail.log-bucket-protected']);
    expect(bucketsCalled(GetBucketLoggingCommand)).toEqual(['mystery', 'phi-data', 'plain', 'trail-logs']);
  });

  it('makes none of them when no selected check needs them', async () => {
    await collect(['s3.bucket-versioning']);
    for (const command of [GetBucketLoggingCommand, GetObjectLockConfigurationCommand, GetBucketReplicationCommand, GetBucketLifecycleConfigurationCommand]) {
      expect(bucketsCalled(command)).toEqual([]);
    }
  });
});
