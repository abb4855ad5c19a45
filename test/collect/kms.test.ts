import {
  DescribeKeyCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
  ListAliasesCommand,
  ListKeysCommand,
  type KeyMetadata,
} from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { kmsCollector } from '../../src/collect/kms';
import type { KmsKey } from '../../src/inventory/kms';
import { awsError, collectContext } from '../support/inventory';

const kms = mockClient(KMSClient);
beforeEach(() => kms.reset());

const arn = (id: string) => `arn:aws:kms:us-east-1:111122223333:key/${id}`;
const meta = (id: string, extra: Partial<KeyMetadata> = {}): { KeyMetadata: KeyMetadata } => ({
  KeyMetadata: {
    KeyId: id,
    Arn: arn(id),
    KeyManager: 'CUSTOMER',
    KeyState: 'Enabled',
    KeySpec: 'SYMMETRIC_DEFAULT',
    Origin: 'AWS_KMS',
    ...extra,
  },
});

function byId(keys: KmsKey[]): Record<string, KmsKey> {
  return Object.fromEntries(keys.map((k) => [k.keyId, k]));
}

describe('kms collector', () => {
  it('follows ListKeys and ListAliases pages, skips DescribeKey for AWS-managed keys, reads rotation only for eligible keys', async () => {
    kms
      .on(ListKeysCommand)
      .resolvesOnce({ Keys: [{ KeyId: 'aws-s3', KeyArn: arn('aws-s3') }, { KeyId: 'cmk', KeyArn: arn('cmk') }], Truncated: true, NextMarker: 'm1' })
      .resolvesOnce({
        Keys: [
          { KeyId: 'rsa', KeyArn: arn('rsa') },
          { KeyId: 'replica', KeyArn: arn('replica') },
          { KeyId: 'imported', KeyArn: arn('imported') },
          { KeyId: 'disabled', KeyArn: arn('disabled') },
          { KeyId: 'legacy', KeyArn: arn('legacy') },
        ],
      });
    kms
      .on(ListAliasesCommand)
      .resolvesOnce({
        Aliases: [
          { AliasName: 'alias/aws/s3', TargetKeyId: 'aws-s3' },
          { AliasName: 'alias/phi-claims', TargetKeyId: 'cmk' },
          { AliasName: 'alias/unused' }, // no target
        ],
        Truncated: true,
        NextMarker: 'a1',
      })
      .resolvesOnce({ Aliases: [{ AliasName: 'alias/claims-prod', TargetKeyId: 'cmk' }] });
    kms.on(DescribeKeyCommand, { KeyId: 'cmk' }).resolves(meta('cmk', { MultiRegionConfiguration: { MultiRegionKeyType: 'PRIMARY' } }));
    kms.on(DescribeKeyCommand, { KeyId: 'rsa' }).resolves(meta('rsa', { KeySpec: 'RSA_2048' }));
    kms.on(DescribeKeyCommand, { KeyId: 'replica' }).resolves(meta('replica', { MultiRegionConfiguration: { MultiRegionKeyType: 'REPLICA' } }));
    kms.on(DescribeKeyCommand, { KeyId: 'imported' }).resolves(meta('imported', { Origin: 'EXTERNAL' }));
    kms.on(DescribeKeyCommand, { KeyId: 'disabled' }).resolves(meta('disabled', { KeyState: 'Disabled' }));
    // An older key reported only through the deprecated CustomerMasterKeySpec.
    kms.on(DescribeKeyCommand, { KeyId: 'legacy' }).resolves(meta('legacy', { KeySpec: undefined, CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT' }));
    kms.on(GetKeyRotationStatusCommand, { KeyId: 'cmk' }).resolves({ KeyRotationEnabled: true, RotationPeriodInDays: 365 });
    kms.on(GetKeyRotationStatusCommand, { KeyId: 'legacy' }).resolves({ KeyRotationEnabled: false });

    const ctx = collectContext();
    const data = await kmsCollector.collect(ctx, 'us-east-1');
    expect(data.aliasesError).toBeUndefined();
    if (!data.keys!.ok) throw new Error('keys not read');
    const keys = byId(data.keys!.value);
    expect(Object.keys(keys)).toEqual(['aws-s3', 'cmk', 'rsa', 'replica', 'imported', 'disabled', 'legacy']);
    expect(keys['aws-s3']).toEqual({
      keyId: 'aws-s3',
      arn: arn('aws-s3'),
      manager: 'AWS',
      state: 'UNKNOWN',
      spec: 'UNKNOWN',
      origin: 'UNKNOWN',
      aliases: ['alias/aws/s3'],
      rotation: null,
    });
    expect(keys.cmk).toEqual({
      keyId: 'cmk',
      arn: arn('cmk'),
      manager: 'CUSTOMER',
      state: 'Enabled',
      spec: 'SYMMETRIC_DEFAULT',
      origin: 'AWS_KMS',
      multiRegionRole: 'PRIMARY',
      aliases: ['alias/claims-prod', 'alias/phi-claims'],
      rotation: { ok: true, value: { enabled: true, periodDays: 365 } },
    });
    expect(keys.legacy).toMatchObject({ spec: 'SYMMETRIC_DEFAULT', rotation: { ok: true, value: { enabled: false } } });
    expect(keys.legacy?.rotation).toEqual({ ok: true, value: { enabled: false } });
    for (const id of ['rsa', 'replica', 'imported', 'disabled']) expect(keys[id]?.rotation).toBeNull();
    expect(keys.replica?.multiRegionRole).toBe('REPLICA');

    expect(ctx.aws.apiCalls.byOperation()).toEqual({
      'kms:DescribeKey': 6, // not for the aws/s3 key
      'kms:GetKeyRotationStatus': 2, // cmk and legacy only
      'kms:ListAliases': 2,
      'kms:ListKeys': 2,
    });
    const rotationCalls = kms.commandCalls(GetKeyRotationStatusCommand).map((c) => c.args[0].input.KeyId).sort();
    expect(rotationCalls).toEqual(['cmk', 'legacy']);
    expect(kms.commandCalls(DescribeKeyCommand).map((c) => c.args[0].input.KeyId)).not.toContain('aws-s3');
    expect(kms.commandCalls(ListKeysCommand)[1]?.args[0].input).toMatchObject({ Marker: 'm1' });
    expect(kms.commandCalls(ListAliasesCommand)[1]?.args[0].input).toMatchObject({ Marker: 'a1' });
  });

  it('keeps a key whose DescribeKey is denied by its key policy, without losing the others', async () => {
    kms.on(ListKeysCommand).resolves({ Keys: [{ KeyId: 'locked', KeyArn: arn('locked') }, { KeyId: 'open', KeyArn: arn('open') }] });
    kms.on(ListAliasesCommand).resolves({ Aliases: [{ AliasName: 'alias/break-glass', TargetKeyId: 'locked' }] });
    kms.on(DescribeKeyCommand, { KeyId: 'locked' }).rejects(awsError('AccessDeniedException', 'key policy denies kms:DescribeKey', 400));
    kms.on(DescribeKeyCommand, { KeyId: 'open' }).resolves(meta('open'));
    kms.on(GetKeyRotationStatusCommand).resolves({ KeyRotationEnabled: false });

    const ctx = collectContext();
    const data = await kmsCollector.collect(ctx, 'us-east-1');
    if (!data.keys!.ok) throw new Error('keys not read');
    const keys = byId(data.keys!.value);
    expect(keys.locked).toEqual({
      keyId: 'locked',
      arn: arn('locked'),
      manager: 'UNKNOWN',
      state: 'UNKNOWN',
      spec: 'UNKNOWN',
      origin: 'UNKNOWN',
      aliases: ['alias/break-glass'],
      rotation: {
        ok: false,
        error: { service: 'kms', region: 'us-east-1', operation: 'DescribeKey', code: 'AccessDeniedException', message: 'key policy denies kms:DescribeKey' },
      },
    });
    expect(keys.open?.rotation).toEqual({ ok: true, value: { enabled: false } });
    expect(ctx.aws.apiCalls.byOperation()['kms:GetKeyRotationStatus']).toBe(1);
  });

  it('records a denied GetKeyRotationStatus on that key only', async () => {
    kms.on(ListKeysCommand).resolves({ Keys: [{ KeyId: 'a', KeyArn: arn('a') }, { KeyId: 'b', KeyArn: arn('b') }] });
    kms.on(ListAliasesCommand).resolves({ Aliases: [] });
    kms.on(DescribeKeyCommand, { KeyId: 'a' }).resolves(meta('a'));
    kms.on(DescribeKeyCommand, { KeyId: 'b' }).resolves(meta('b'));
    kms.on(GetKeyRotationStatusCommand, { KeyId: 'a' }).rejects(awsError('AccessDeniedException', 'no kms:GetKeyRotationStatus'));
    kms.on(GetKeyRotationStatusCommand, { KeyId: 'b' }).resolves({ KeyRotationEnabled: true, RotationPeriodInDays: 730 });
    const data = await kmsCollector.collect(collectContext(), 'us-east-1');
    if (!data.keys!.ok) throw new Error('keys not read');
    const keys = byId(data.keys!.value);
    expect(keys.a?.rotation).toMatchObject({ ok: false, error: { operation: 'GetKeyRotationStatus', code: 'AccessDeniedException' } });
    expect(keys.a?.manager).toBe('CUSTOMER');
    expect(keys.b?.rotation).toEqual({ ok: true, value: { enabled: true, periodDays: 730 } });
  });

  it('describes every key when ListAliases is denied, and records that failure', async () => {
    kms.on(ListKeysCommand).resolves({ Keys: [{ KeyId: 'k1', KeyArn: arn('k1') }] });
    kms.on(ListAliasesCommand).rejects(awsError('AccessDeniedException', 'no kms:ListAliases'));
    kms.on(DescribeKeyCommand).resolves(meta('k1', { KeyManager: 'AWS' }));
    const ctx = collectContext();
    const data = await kmsCollector.collect(ctx, 'eu-west-1');
    expect(data.aliasesError).toEqual({ service: 'kms', region: 'eu-west-1', operation: 'ListAliases', code: 'AccessDeniedException', message: 'no kms:ListAliases' });
    expect(data.keys).toMatchObject({ ok: true, value: [{ keyId: 'k1', manager: 'AWS', aliases: [], rotation: null }] });
    expect(ctx.aws.apiCalls.byOperation()).toEqual({ 'kms:DescribeKey': 1, 'kms:ListAliases': 1, 'kms:ListKeys': 1 });
  });

  it('records when a key pending deletion is deleted, and the waiting period of a primary key waiting for its replicas', async () => {
    kms.on(ListKeysCommand).resolves({ Keys: [{ KeyId: 'doomed', KeyArn: arn('doomed') }, { KeyId: 'mrk-1', KeyArn: arn('mrk-1') }, { KeyId: 'live', KeyArn: arn('live') }] });
    kms.on(ListAliasesCommand).resolves({ Aliases: [] });
    kms.on(DescribeKeyCommand, { KeyId: 'doomed' }).resolves(meta('doomed', { KeyState: 'PendingDeletion', DeletionDate: new Date('2026-06-10T00:00:00Z') }));
    kms.on(DescribeKeyCommand, { KeyId: 'mrk-1' }).resolves(
      meta('mrk-1', { KeyState: 'PendingReplicaDeletion', PendingDeletionWindowInDays: 30, MultiRegionConfiguration: { MultiRegionKeyType: 'PRIMARY' } }),
    );
    kms.on(DescribeKeyCommand, { KeyId: 'live' }).resolves(meta('live'));
    kms.on(GetKeyRotationStatusCommand).resolves({ KeyRotationEnabled: true });
    const ctx = collectContext(['us-east-1'], ['kms.keys']);
    const data = await kmsCollector.collect(ctx, 'us-east-1');
    if (!data.keys!.ok) throw new Error('keys not read');
    const keys = byId(data.keys!.value);
    expect(keys.doomed).toMatchObject({ state: 'PendingDeletion', deletionDate: '2026-06-10T00:00:00.000Z', rotation: null });
    expect(keys.doomed?.pendingDeletionWindowInDays).toBeUndefined();
    expect(keys['mrk-1']).toMatchObject({ state: 'PendingReplicaDeletion', pendingDeletionWindowInDays: 30, multiRegionRole: 'PRIMARY' });
    expect(keys['mrk-1']?.deletionDate).toBeUndefined();
    expect(Object.keys(keys.live ?? {})).not.toContain('deletionDate');
    // kms.keyRotation not wanted: the rotation of the live key is not read.
    expect(keys.live?.rotation).toBeUndefined();
    expect(ctx.aws.apiCalls.byOperation()).toEqual({ 'kms:DescribeKey': 3, 'kms:ListAliases': 1, 'kms:ListKeys': 1 });
  });

  it('records a denied ListKeys for the region instead of throwing', async () => {
    kms.on(ListKeysCommand).rejects(awsError('AccessDeniedException', 'no kms:ListKeys'));
    kms.on(ListAliasesCommand).resolves({ Aliases: [] });
    const data = await kmsCollector.collect(collectContext(), 'eu-west-1');
    expect(data.keys).toEqual({
      ok: false,
      error: { service: 'kms', region: 'eu-west-1', operation: 'ListKeys', code: 'AccessDeniedException', message: 'no kms:ListKeys' },
    });
  });
});
