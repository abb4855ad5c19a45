import {
  DescribeKeyCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
  paginateListAliases,
  paginateListKeys,
  type KeyMetadata,
} from '@aws-sdk/client-kms';
import { canRotate, KMS_UNKNOWN, type KmsKey, type KmsRegion } from '../inventory/kms';
import { failed, type ApiError } from '../inventory/read';
import { attempt, collectList, expectFields, mapBounded } from './attempt';
import type { RegionalCollector } from './collector';

const AWS_ALIAS_PREFIX = 'alias/aws/';

/**
 * Per region: ListKeys and ListAliases (paginated, bulk); DescribeKey for each key that has no `alias/aws/...`
 * alias (those are AWS-managed); GetKeyRotationStatus only for keys that can rotate.
 */
export const kmsCollector: RegionalCollector<'kms'> = {
  scope: 'regional',
  async collect(ctx, region): Promise<KmsRegion> {
    if (!ctx.wants('kms.keys') && !ctx.wants('kms.keyRotation')) return {};
    const client = ctx.aws.client('kms', KMSClient, region);
    const site = { service: 'kms', region };

    // ListAliases and ListKeys run side by side; the aliases are needed before keys are described.
    const aliasesPromise = attempt({ ...site, operation: 'ListAliases' }, async () => {
      const aliases = await collectList(paginateListAliases({ client }, {}), 'Aliases');
      const byKey = new Map<string, string[]>();
      for (const alias of aliases) {
        if (!alias.TargetKeyId || !alias.AliasName) continue;
        byKey.set(alias.TargetKeyId, [...(byKey.get(alias.TargetKeyId) ?? []), alias.AliasName]);
      }
      return byKey;
    });

    const keys = await attempt({ ...site, operation: 'ListKeys' }, async () => {
      const [listed, aliasRead] = await Promise.all([
        collectList(paginateListKeys({ client }, {}), 'Keys'),
        aliasesPromise,
      ]);
      const aliasesByKey = aliasRead.ok ? aliasRead.value : new Map<string, string[]>();
      return mapBounded(listed, ctx.aws.concurrencyOf('kms'), async (entry): Promise<KmsKey> => {
        const keyId = entry.KeyId ?? '';
        const arn = entry.KeyArn ?? `arn:${ctx.partition}:kms:${region}:${ctx.accountId}:key/${keyId}`;
        const aliases = [...(aliasesByKey.get(keyId) ?? [])].sort();
        if (aliases.some((a) => a.startsWith(AWS_ALIAS_PREFIX))) {
          // AWS rotates its managed keys every year; no need to describe them.
          return { keyId, arn, manager: 'AWS', state: KMS_UNKNOWN, spec: KMS_UNKNOWN, origin: KMS_UNKNOWN, aliases, rotation: null };
        }
        const described = await attempt({ ...site, operation: 'DescribeKey' }, async () => {
          const out = await client.send(new DescribeKeyCommand({ KeyId: keyId }));
          return expectFields(out, ['KeyMetadata']).KeyMetadata;
        });
        if (!described.ok) return unknownKey(keyId, arn, aliases, described.error);
        const key = fromMetadata(keyId, arn, aliases, described.value);
        if (!canRotate(key)) return key;
        if (!ctx.wants('kms.keyRotation')) return { ...key, rotation: undefined };
        const rotation = await attempt({ ...site, operation: 'GetKeyRotationStatus' }, async () => {
          const out = expectFields(await client.send(new GetKeyRotationStatusCommand({ KeyId: keyId })), ['KeyRotationEnabled']);
          return {
            enabled: out.KeyRotationEnabled === true,
            ...(out.RotationPeriodInDays !== undefined ? { periodDays: out.RotationPeriodInDays } : {}),
          };
        });
        return { ...key, rotation };
      });
    });

    const aliasRead = await aliasesPromise;
    return { keys, ...(aliasRead.ok ? {} : { aliasesError: aliasRead.error }) };
  },
};

/** A key DescribeKey refused (typically its key policy does not grant us kms:DescribeKey). */
function unknownKey(keyId: string, arn: string, aliases: string[], error: ApiError): KmsKey {
  return {
    keyId,
    arn,
    manager: KMS_UNKNOWN,
    state: KMS_UNKNOWN,
    spec: KMS_UNKNOWN,
    origin: KMS_UNKNOWN,
    aliases,
    rotation: failed(error),
  };
}

function fromMetadata(keyId: string, arn: string, aliases: string[], meta: KeyMetadata | undefined): KmsKey {
  const role = meta?.MultiRegionConfiguration?.MultiRegionKeyType;
  return {
    keyId,
    arn: meta?.Arn ?? arn,
    manager: meta?.KeyManager === 'AWS' ? 'AWS' : meta?.KeyManager === 'CUSTOMER' ? 'CUSTOMER' : KMS_UNKNOWN,
    state: meta?.KeyState ?? KMS_UNKNOWN,
    ...(meta?.DeletionDate ? { deletionDate: meta.DeletionDate.toISOString() } : {}),
    ...(meta?.PendingDeletionWindowInDays !== undefined ? { pendingDeletionWindowInDays: meta.PendingDeletionWindowInDays } : {}),
    spec: meta?.KeySpec ?? meta?.CustomerMasterKeySpec ?? KMS_UNKNOWN,
    origin: meta?.Origin ?? KMS_UNKNOWN,
    ...(role === 'PRIMARY' || role === 'REPLICA' ? { multiRegionRole: role } : {}),
    aliases,
    rotation: null,
  };
}
