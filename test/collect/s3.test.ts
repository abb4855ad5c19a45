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
  ListBucketsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import { mockClient } from 'aws-sdk-client-mock';
import { locationToRegion, s3Collector } from '../../src/collect/s3';
import type { S3Bucket } from '../../src/inventory/types';
import { awsError, collectContext } from '../support/inventory';

const s3 = mockClient(S3Client);
const control = mockClient(S3ControlClient);
beforeEach(() => {
  s3.reset();
  control.reset();
});

const ALL_ON = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };
const REGIONS = ['us-east-1', 'eu-west-1'];

/** Every per-bucket read answers "nothing configured" unless a test overrides it. */
function quietBuckets(): void {
  control.on(GetAccountPublicAccessBlockCommand).resolves({ PublicAccessBlockConfiguration: ALL_ON });
  s3.on(GetPublicAccessBlockCommand).rejects(awsError('NoSuchPublicAccessBlockConfiguration', 'none', 404));
  s3.on(GetBucketPolicyCommand).rejects(awsError('NoSuchBucketPolicy', 'none', 404));
  s3.on(GetBucketPolicyStatusCommand).rejects(awsError('NoSuchBucketPolicy', 'none', 404));
  s3.on(GetBucketAclCommand).resolves({ Owner: { ID: 'owner' }, Grants: [{ Grantee: { Type: 'CanonicalUser', ID: 'owner' }, Permission: 'FULL_CONTROL' }] });
  s3.on(GetBucketEncryptionCommand).resolves({ ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false }] } });
  s3.on(GetBucketVersioningCommand).resolves({});
  s3.on(GetBucketLoggingCommand).resolves({});
  s3.on(GetObjectLockConfigurationCommand).rejects(awsError('ObjectLockConfigurationNotFoundError', 'Object Lock configuration does not exist for this bucket', 404));
  s3.on(GetBucketReplicationCommand).rejects(awsError('ReplicationConfigurationNotFoundError', 'The replication configuration was not found', 404));
  s3.on(GetBucketLifecycleConfigurationCommand).rejects(awsError('NoSuchLifecycleConfiguration', 'The lifecycle configuration does not exist', 404));
}

/** The region of the client each call of `command` was sent with, keyed by bucket name. */
async function regionsOf(command: unknown): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const call of s3.commandCalls(command as typeof GetBucketAclCommand)) {
    const client = call.thisValue as S3Client;
    out[String(call.args[0].input.Bucket)] = await client.config.region();
  }
  return out;
}

function bucketsOf(value: Awaited<ReturnType<typeof s3Collector.collect>>): S3Bucket[] {
  if (!value.buckets!.ok) throw new Error('bucket listing failed');
  return value.buckets!.value;
}

describe('s3 collector', () => {
  it('follows ListBuckets pages, locates buckets, keeps only audited regions and reads each in its own region', async () => {
    quietBuckets();
    // Each page answers only to its own token (matched when the call is made), so the token must really be sent.
    s3.on(ListBucketsCommand, { MaxBuckets: 10000 }).resolves({
      Buckets: [{ Name: 'phi-claims-prod', BucketRegion: 'us-east-1', CreationDate: new Date('2024-03-01T10:00:00Z') }, { Name: 'tokyo-archive', BucketRegion: 'ap-northeast-1' }],
      ContinuationToken: 'page2',
    });
    s3.on(ListBucketsCommand, { MaxBuckets: 10000, ContinuationToken: 'page2' }).resolves({ Buckets: [{ Name: 'legacy-null' }, { Name: 'legacy-eu' }, { Name: 'legacy-oregon' }] });
    s3.on(GetBucketLocationCommand, { Bucket: 'legacy-null' }).resolves({});
    s3.on(GetBucketLocationCommand, { Bucket: 'legacy-eu' }).resolves({ LocationConstraint: 'EU' });
    s3.on(GetBucketLocationCommand, { Bucket: 'legacy-oregon' }).resolves({ LocationConstraint: 'us-west-2' });
    const ctx = collectContext(REGIONS);
    const data = await s3Collector.collect(ctx);

    expect(s3.commandCalls(ListBucketsCommand)).toHaveLength(2);
    const buckets = bucketsOf(data);
    expect(buckets.map((b) => [b.name, b.region])).toEqual([
      ['phi-claims-prod', 'us-east-1'],
      ['legacy-null', 'us-east-1'],
      ['legacy-eu', 'eu-west-1'],
    ]);
    expect(buckets[0]).toEqual({
      name: 'phi-claims-prod',
      arn: 'arn:aws:s3:::phi-claims-prod',
      region: 'us-east-1',
      creationDate: '2024-03-01T10:00:00.000Z',
      publicAccessBlock: { ok: true, value: null },
      policy: { ok: true, value: null },
      policyStatus: { ok: true, value: null },
      acl: { ok: true, value: { ownerId: 'owner', grants: [{ granteeType: 'CanonicalUser', id: 'owner', permission: 'FULL_CONTROL' }] } },
      encryption: { ok: true, value: { rules: [{ sseAlgorithm: 'AES256', bucketKeyEnabled: false }] } },
      versioning: { ok: true, value: { status: 'Disabled', mfaDelete: false } },
      logging: { ok: true, value: null },
      objectLock: { ok: true, value: null },
      replication: { ok: true, value: null },
      lifecycle: { ok: true, value: null },
    });
    // GetBucketLocation only for the buckets the listing did not place.
    expect(s3.commandCalls(GetBucketLocationCommand).map((c) => c.args[0].input.Bucket)).toEqual(['legacy-null', 'legacy-eu', 'legacy-oregon']);
    // Buckets outside the audited regions are never read; the rest are read with a client for their own region.
    for (const command of [GetPublicAccessBlockCommand, GetBucketPolicyCommand, GetBucketAclCommand, GetBucketEncryptionCommand, GetBucketVersioningCommand]) {
      expect(await regionsOf(command)).toEqual({ 'phi-claims-prod': 'us-east-1', 'legacy-null': 'us-east-1', 'legacy-eu': 'eu-west-1' });
    }
    // No bucket has a policy, so its policy status is known without asking: nine reads a bucket, not ten.
    expect(s3.commandCalls(GetBucketPolicyStatusCommand)).toHaveLength(0);
    expect(ctx.aws.apiCalls.byOperation()).toEqual({
      's3:GetBucketAcl': 3,
      's3:GetBucketEncryption': 3,
      's3:GetBucketLifecycleConfiguration': 3,
      's3:GetBucketLocation': 3,
      's3:GetBucketLogging': 3,
      's3:GetBucketPolicy': 3,
      's3:GetBucketReplication': 3,
      's3:GetBucketVersioning': 3,
      's3:GetObjectLockConfiguration': 3,
      's3:GetPublicAccessBlock': 3,
      's3:ListBuckets': 2,
      's3control:GetPublicAccessBlock': 1,
    });
  });

  it('maps GetBucketLocation answers to regions', () => {
    expect(locationToRegion(undefined)).toBe('us-east-1');
    expect(locationToRegion(null)).toBe('us-east-1');
    expect(locationToRegion('')).toBe('us-east-1');
    expect(locationToRegion('EU')).toBe('eu-west-1');
    expect(locationToRegion('eu-central-1')).toBe('eu-central-1');
  });

  it('reads the account-level block from S3 Control with the account id, in the home region', async () => {
    quietBuckets();
    s3.on(ListBucketsCommand).resolves({ Buckets: [] });
    control.on(GetAccountPublicAccessBlockCommand).resolves({ PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true } });
    const data = await s3Collector.collect(collectContext(REGIONS));
    expect(data.accountPublicAccessBlock).toEqual({ ok: true, value: { blockPublicAcls: true, ignorePublicAcls: false, blockPublicPolicy: true, restrictPublicBuckets: false } });
    const [call] = control.commandCalls(GetAccountPublicAccessBlockCommand);
    expect(call?.args[0].input).toEqual({ AccountId: '111122223333' });
    expect(await (call?.thisValue as S3ControlClient).config.region()).toBe('us-east-1');
    expect(data.buckets).toEqual({ ok: true, value: [] });
  });

  it('records no account-level block as null, and AccessDenied as a failed read', async () => {
    quietBuckets();
    s3.on(ListBucketsCommand).resolves({ Buckets: [] });
    control.on(GetAccountPublicAccessBlockCommand).rejects(awsError('NoSuchPublicAccessBlockConfiguration', 'none', 404));
    expect((await s3Collector.collect(collectContext())).accountPublicAccessBlock).toEqual({ ok: true, value: null });
    control.on(GetAccountPublicAccessBlockCommand).rejects(awsError('AccessDenied', 'no s3:GetAccountPublicAccessBlock', 403));
    expect((await s3Collector.collect(collectContext())).accountPublicAccessBlock).toEqual({
      ok: false,
      error: { service: 's3control', region: 'global', operation: 'GetPublicAccessBlock', code: 'AccessDenied', message: 'no s3:GetAccountPublicAccessBlock' },
    });
  });

  it('maps configured values: block, policy, status, public ACL grants, KMS encryption, suspended versioning with MFA delete', async () => {
    quietBuckets();
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'b', BucketRegion: 'eu-west-1' }] });
    s3.on(GetPublicAccessBlockCommand).resolves({ PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true } });
    s3.on(GetBucketPolicyCommand).resolves({ Policy: '{"Statement":[]}' });
    s3.on(GetBucketPolicyStatusCommand).resolves({ PolicyStatus: { IsPublic: false } });
    s3.on(GetBucketAclCommand).resolves({ Owner: {}, Grants: [{ Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/global/AllUsers' }, Permission: 'READ' }] });
    s3.on(GetBucketEncryptionCommand).resolves({
      ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'arn:aws:kms:eu-west-1:111122223333:key/k' }, BucketKeyEnabled: true }] },
    });
    s3.on(GetBucketVersioningCommand).resolves({ Status: 'Suspended', MFADelete: 'Enabled' });
    const [b] = bucketsOf(await s3Collector.collect(collectContext(REGIONS)));
    expect(b).toMatchObject({
      publicAccessBlock: { ok: true, value: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: false, restrictPublicBuckets: false } },
      policy: { ok: true, value: '{"Statement":[]}' },
      policyStatus: { ok: true, value: { isPublic: false } },
      acl: { ok: true, value: { grants: [{ granteeType: 'Group', uri: 'http://acs.amazonaws.com/groups/global/AllUsers', permission: 'READ' }] } },
      encryption: { ok: true, value: { rules: [{ sseAlgorithm: 'aws:kms', kmsMasterKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/k', bucketKeyEnabled: true }] } },
      versioning: { ok: true, value: { status: 'Suspended', mfaDelete: true } },
    });
    expect(b?.acl!.ok && 'ownerId' in b.acl!.value).toBe(false);
  });

  it('turns NoSuch* answers into null and unsupported GetBucketPolicyStatus into null', async () => {
    quietBuckets();
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'a', BucketRegion: 'us-east-1' }, { Name: 'b', BucketRegion: 'us-east-1' }, { Name: 'c', BucketRegion: 'us-east-1' }] });
    s3.on(GetBucketEncryptionCommand).rejects(awsError('ServerSideEncryptionConfigurationNotFoundError', 'none', 404));
    s3.on(GetBucketPolicyCommand).resolves({ Policy: '{"Statement":[]}' });
    s3.on(GetBucketPolicyStatusCommand, { Bucket: 'a' }).rejects(awsError('NotImplemented', 'not here', 501));
    s3.on(GetBucketPolicyStatusCommand, { Bucket: 'b' }).rejects(awsError('MethodNotAllowed', 'not allowed', 405));
    s3.on(GetBucketPolicyStatusCommand, { Bucket: 'c' }).rejects(awsError('AccessDenied', 'denied', 403));
    const buckets = bucketsOf(await s3Collector.collect(collectContext()));
    expect(buckets.map((b) => [b.publicAccessBlock, b.encryption])).toEqual(Array(3).fill([{ ok: true, value: null }, { ok: true, value: null }]));
    expect(buckets.map((b) => b.policyStatus)).toEqual([
      { ok: true, value: null },
      { ok: true, value: null },
      { ok: false, error: { service: 's3', region: 'us-east-1', operation: 'GetBucketPolicyStatus', code: 'AccessDenied', message: 'denied' } },
    ]);
  });

  it('reads an answer missing a field S3 always returns as an ERROR for that read, never as "nothing there"', async () => {
    quietBuckets();
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'a', BucketRegion: 'us-east-1' }] });
    // An empty 200 (a proxy's, or a truncated body) has no Owner and no Grants: an empty ACL would pass a public bucket.
    s3.on(GetBucketAclCommand).resolves({});
    s3.on(GetBucketPolicyCommand).resolves({});
    s3.on(GetPublicAccessBlockCommand).resolves({});
    const [b] = bucketsOf(await s3Collector.collect(collectContext()));
    for (const [read, operation] of [[b?.acl, 'GetBucketAcl'], [b?.policy, 'GetBucketPolicy'], [b?.publicAccessBlock, 'GetPublicAccessBlock']] as const) {
      expect(read).toEqual({ ok: false, error: { service: 's3', region: 'us-east-1', operation, code: 'IncompleteAnswer', message: expect.stringMatching(/^the answer lacks (Owner, Grants|Policy|PublicAccessBlockConfiguration), which AWS always returns$/) } });
    }
    // A listing page without its Buckets list is no listing at all.
    s3.on(ListBucketsCommand).resolves({});
    expect((await s3Collector.collect(collectContext())).buckets).toMatchObject({ ok: false, error: { operation: 'ListBuckets', code: 'IncompleteAnswer' } });
  });

  it('makes only the reads the selected checks need: none per bucket for account-level checks, no policy status without a policy', async () => {
    quietBuckets();
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'a', BucketRegion: 'us-east-1' }, { Name: 'b', BucketRegion: 'us-east-1' }] });
    const account = collectContext(['us-east-1'], ['s3.accountPublicAccessBlock']);
    const accountOnly = await s3Collector.collect(account);
    expect(accountOnly.buckets).toBeUndefined();
    expect(account.aws.apiCalls.byOperation()).toEqual({ 's3control:GetPublicAccessBlock': 1 });

    s3.on(GetBucketPolicyCommand, { Bucket: 'b' }).resolves({ Policy: '{"Statement":[]}' });
    s3.on(GetBucketPolicyStatusCommand).resolves({ PolicyStatus: { IsPublic: false } });
    const scoped = collectContext(['us-east-1'], ['s3.buckets', 's3.bucketPolicy', 's3.bucketPolicyStatus']);
    const buckets = bucketsOf(await s3Collector.collect(scoped));
    expect(buckets.map((x) => [x.name, x.policyStatus])).toEqual([['a', { ok: true, value: null }], ['b', { ok: true, value: { isPublic: false } }]]);
    expect(buckets[0]).not.toHaveProperty('acl', expect.anything());
    expect(scoped.aws.apiCalls.byOperation()).toEqual({ 's3:ListBuckets': 1, 's3:GetBucketPolicy': 2, 's3:GetBucketPolicyStatus': 1 });
  });

  it('reads server access logging and Object Lock: target, default retention, and their absence', async () => {
    quietBuckets();
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'trail-logs', BucketRegion: 'us-east-1' }, { Name: 'plain', BucketRegion: 'us-east-1' }, { Name: 'lock-only', BucketRegion: 'us-east-1' }] });
    s3.on(GetBucketLoggingCommand, { Bucket: 'trail-logs' }).resolves({ LoggingEnabled: { TargetBucket: 'access-logs', TargetPrefix: 'trail-logs/' } });
    s3.on(GetObjectLockConfigurationCommand, { Bucket: 'trail-logs' }).resolves({
      ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Years: 6 } } },
    });
    s3.on(GetObjectLockConfigurationCommand, { Bucket: 'lock-only' }).resolves({ ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled' } });
    const buckets = bucketsOf(await s3Collector.collect(collectContext()));
    expect(buckets.map((b) => [b.name, b.logging, b.objectLock])).toEqual([
      ['trail-logs', { ok: true, value: { targetBucket: 'access-logs', targetPrefix: 'trail-logs/' } }, { ok: true, value: { enabled: true, defaultRetention: { mode: 'COMPLIANCE', years: 6 } } }],
      // No LoggingEnabled: logging is off. ObjectLockConfigurationNotFoundError: never enabled.
      ['plain', { ok: true, value: null }, { ok: true, value: null }],
      ['lock-only', { ok: true, value: null }, { ok: true, value: { enabled: true } }],
    ]);
  });

  it('records a denied GetBucketLogging, and incomplete logging and Object Lock answers, as failed reads', async () => {
    quietBuckets();
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'a', BucketRegion: 'us-east-1' }] });
    s3.on(GetBucketLoggingCommand).rejects(awsError('AccessDenied', 'Access Denied', 403));
    s3.on(GetObjectLockConfigurationCommand).resolves({});
    const [a] = bucketsOf(await s3Collector.collect(collectContext()));
    expect(a?.logging).toEqual({ ok: false, error: { service: 's3', region: 'us-east-1', operation: 'GetBucketLogging', code: 'AccessDenied', message: 'Access Denied' } });
    expect(a?.objectLock).toMatchObject({ ok: false, error: { operation: 'GetObjectLockConfiguration', code: 'IncompleteAnswer' } });
    // LoggingEnabled without its TargetBucket is not "logging somewhere".
    s3.on(GetBucketLoggingCommand).resolves({ LoggingEnabled: {} as never });
    const [b] = bucketsOf(await s3Collector.collect(collectContext()));
    expect(b?.logging).toMatchObject({ ok: false, error: { operation: 'GetBucketLogging', code: 'IncompleteAnswer' } });
  });

  it('reads logging and Object Lock only when a selected check needs them', async () => {
    quietBuckets();
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'a', BucketRegion: 'us-east-1' }, { Name: 'b', BucketRegion: 'us-east-1' }] });
    const without = collectContext(['us-east-1'], ['s3.buckets', 's3.bucketVersioning']);
    const [a] = bucketsOf(await s3Collector.collect(without));
    expect(a?.logging).toBeUndefined();
    expect(a?.objectLock).toBeUndefined();
    expect(without.aws.apiCalls.byOperation()).toEqual({ 's3:ListBuckets': 1, 's3:GetBucketVersioning': 2 });
    const logged = collectContext(['us-east-1'], ['s3.bucketLogging', 's3.bucketObjectLock']);
    await s3Collector.collect(logged);
    expect(logged.aws.apiCalls.byOperation()).toEqual({ 's3:ListBuckets': 1, 's3:GetBucketLogging': 2, 's3:GetObjectLockConfiguration': 2 });
  });

  it('reads replication rules: status, V1 prefix and V2 filters, destination bucket and account, and their absence', async () => {
    quietBuckets();
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'phi', BucketRegion: 'us-east-1' }, { Name: 'plain', BucketRegion: 'us-east-1' }] });
    s3.on(GetBucketReplicationCommand, { Bucket: 'phi' }).resolves({
      ReplicationConfiguration: {
        Role: 'arn:aws:iam::111122223333:role/replication',
        Rules: [
          { ID: 'all', Status: 'Enabled', Priority: 1, Filter: {}, Destination: { Bucket: 'arn:aws:s3:::phi-dr', Account: '444455556666' } },
          { ID: 'v1', Status: 'Disabled', Prefix: 'scans/', Destination: { Bucket: 'arn:aws:s3:::phi-scans' } },
          {
            ID: 'and',
            Status: 'Enabled',
            Priority: 2,
            Filter: { And: { Prefix: 'claims/', Tags: [{ Key: 'tier', Value: 'gold' }] } },
            Destination: { Bucket: 'arn:aws:s3:::phi-claims' },
          },
          { ID: 'not', Status: 'Enabled', Priority: 3, Filter: { Not: { Prefix: 'tmp/' } }, Destination: { Bucket: 'arn:aws:s3:::phi-most' } },
        ],
      },
    });
    const ctx = collectContext(['us-east-1'], ['s3.bucketReplication']);
    const buckets = bucketsOf(await s3Collector.collect(ctx));
    expect(buckets.map((b) => [b.name, b.replication])).toEqual([
      [
        'phi',
        {
          ok: true,
          value: {
            rules: [
              { id: 'all', status: 'Enabled', filter: {}, destinationBucket: 'arn:aws:s3:::phi-dr', destinationAccount: '444455556666' },
              { id: 'v1', status: 'Disabled', filter: { prefix: 'scans/' }, destinationBucket: 'arn:aws:s3:::phi-scans' },
              { id: 'and', status: 'Enabled', filter: { prefix: 'claims/', tags: [{ key: 'tier', value: 'gold' }] }, destinationBucket: 'arn:aws:s3:::phi-claims' },
              { id: 'not', status: 'Enabled', filter: { excludes: true }, destinationBucket: 'arn:aws:s3:::phi-most' },
            ],
          },
        },
      ],
      // ReplicationConfigurationNotFoundError: none configured.
      ['plain', { ok: true, value: null }],
    ]);
    expect(ctx.aws.apiCalls.byOperation()).toEqual({ 's3:ListBuckets': 1, 's3:GetBucketReplication': 2 });
  });

  it('reads lifecycle rules down to how long noncurrent versions are kept, and their absence', async () => {
    quietBuckets();
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'phi', BucketRegion: 'us-east-1' }, { Name: 'plain', BucketRegion: 'us-east-1' }] });
    s3.on(GetBucketLifecycleConfigurationCommand, { Bucket: 'phi' }).resolves({
      Rules: [
        { ID: 'noncurrent', Status: 'Enabled', Filter: {}, NoncurrentVersionExpiration: { NoncurrentDays: 90, NewerNoncurrentVersions: 3 } },
        { ID: 'tmp', Status: 'Enabled', Filter: { Prefix: 'tmp/' }, Expiration: { Days: 1 } },
        { ID: 'big', Status: 'Disabled', Filter: { ObjectSizeGreaterThan: 1024 }, NoncurrentVersionExpiration: { NoncurrentDays: 1 } },
      ],
    });
    const ctx = collectContext(['us-east-1'], ['s3.bucketLifecycle']);
    const buckets = bucketsOf(await s3Collector.collect(ctx));
    expect(buckets.map((b) => [b.name, b.lifecycle])).toEqual([
      [
        'phi',
        {
          ok: true,
          value: {
            rules: [
              { id: 'noncurrent', status: 'Enabled', filter: {}, noncurrentDays: 90, newerNoncurrentVersions: 3 },
              { id: 'tmp', status: 'Enabled', filter: { prefix: 'tmp/' } },
              { id: 'big', status: 'Disabled', filter: { objectSizeGreaterThan: 1024 }, noncurrentDays: 1 },
            ],
          },
        },
      ],
      ['plain', { ok: true, value: null }],
    ]);
    expect(ctx.aws.apiCalls.byOperation()).toEqual({ 's3:ListBuckets': 1, 's3:GetBucketLifecycleConfiguration': 2 });
  });

  it('records denied and incomplete replication and lifecycle answers as failed reads', async () => {
    quietBuckets();
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'a', BucketRegion: 'us-east-1' }] });
    s3.on(GetBucketReplicationCommand).rejects(awsError('AccessDenied', 'Access Denied', 403));
    s3.on(GetBucketLifecycleConfigurationCommand).resolves({});
    const [a] = bucketsOf(await s3Collector.collect(collectContext(['us-east-1'], ['s3.bucketReplication', 's3.bucketLifecycle'])));
    expect(a?.replication).toEqual({ ok: false, error: { service: 's3', region: 'us-east-1', operation: 'GetBucketReplication', code: 'AccessDenied', message: 'Access Denied' } });
    expect(a?.lifecycle).toMatchObject({ ok: false, error: { operation: 'GetBucketLifecycleConfiguration', code: 'IncompleteAnswer' } });
    // A rule without its destination, or a configuration without rules, is not "no replication".
    s3.on(GetBucketReplicationCommand).resolves({ ReplicationConfiguration: { Role: 'r', Rules: [{ Status: 'Enabled' } as never] } });
    const [b] = bucketsOf(await s3Collector.collect(collectContext(['us-east-1'], ['s3.bucketReplication'])));
    expect(b?.replication).toMatchObject({ ok: false, error: { code: 'IncompleteAnswer', message: expect.stringContaining('Destination') } });
    s3.on(GetBucketReplicationCommand).resolves({ ReplicationConfiguration: { Role: 'r' } as never });
    const [c] = bucketsOf(await s3Collector.collect(collectContext(['us-east-1'], ['s3.bucketReplication'])));
    expect(c?.replication).toMatchObject({ ok: false, error: { code: 'IncompleteAnswer', message: expect.stringContaining('Rules') } });
  });

  it('records AccessDenied on GetBucketPolicy for that bucket while the other reads still happen', async () => {
    quietBuckets();
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'locked', BucketRegion: 'eu-west-1' }] });
    s3.on(GetBucketPolicyCommand).rejects(awsError('AccessDenied', 'Access Denied', 403));
    const ctx = collectContext(REGIONS);
    const [b] = bucketsOf(await s3Collector.collect(ctx));
    expect(b?.policy).toEqual({ ok: false, error: { service: 's3', region: 'eu-west-1', operation: 'GetBucketPolicy', code: 'AccessDenied', message: 'Access Denied' } });
    expect(b?.encryption).toEqual({ ok: true, value: { rules: [{ sseAlgorithm: 'AES256', bucketKeyEnabled: false }] } });
    expect(b?.versioning!.ok && b.acl!.ok && b.publicAccessBlock!.ok && b.policyStatus!.ok).toBe(true);
    expect(ctx.aws.apiCalls.byOperation()['s3:GetBucketEncryption']).toBe(1);
  });

  it('drops a bucket deleted between the listing and its reads', async () => {
    quietBuckets();
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'gone', BucketRegion: 'us-east-1' }, { Name: 'kept', BucketRegion: 'us-east-1' }, { Name: 'gone-too' }] });
    s3.on(GetBucketVersioningCommand, { Bucket: 'gone' }).rejects(awsError('NoSuchBucket', 'The specified bucket does not exist', 404));
    s3.on(GetBucketLocationCommand, { Bucket: 'gone-too' }).rejects(awsError('NoSuchBucket', 'The specified bucket does not exist', 404));
    const buckets = bucketsOf(await s3Collector.collect(collectContext()));
    expect(buckets.map((b) => b.name)).toEqual(['kept']);
  });

  it('keeps a bucket it could not locate, with every read carrying the GetBucketLocation error', async () => {
    quietBuckets();
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'hidden' }] });
    s3.on(GetBucketLocationCommand).rejects(awsError('AccessDenied', 'no s3:GetBucketLocation', 403));
    const [b] = bucketsOf(await s3Collector.collect(collectContext()));
    const error = { service: 's3', region: 'global', operation: 'GetBucketLocation', code: 'AccessDenied', message: 'no s3:GetBucketLocation' };
    expect(b).toMatchObject({ name: 'hidden', region: 'global', acl: { ok: false, error }, policy: { ok: false, error }, versioning: { ok: false, error } });
    expect(s3.commandCalls(GetBucketAclCommand)).toHaveLength(0);
  });

  it('records a denied ListBuckets as the failed bucket read, region global, and still reads the account block', async () => {
    quietBuckets();
    s3.on(ListBucketsCommand).rejects(awsError('AccessDenied', 'no s3:ListAllMyBuckets', 403));
    const data = await s3Collector.collect(collectContext());
    expect(data.buckets).toEqual({ ok: false, error: { service: 's3', region: 'global', operation: 'ListBuckets', code: 'AccessDenied', message: 'no s3:ListAllMyBuckets' } });
    expect(data.accountPublicAccessBlock!.ok).toBe(true);
  });

  it('builds ARNs in the partition of the run', async () => {
    quietBuckets();
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'cn-bucket', BucketRegion: 'cn-north-1' }] });
    const ctx = { ...collectContext(['cn-north-1']), partition: 'aws-cn' };
    const [b] = bucketsOf(await s3Collector.collect(ctx));
    expect(b?.arn).toBe('arn:aws-cn:s3:::cn-bucket');
    expect(JSON.parse(JSON.stringify(b))).toEqual(b);
  });
});
