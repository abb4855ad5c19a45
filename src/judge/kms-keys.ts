import type { Inventory } from '../inventory/types';

/**
 * Who manages a KMS key a resource names: AWS (an AWS managed key, `alias/aws/<service>`) or the customer. Read
 * from the KMS inventory when the run holds it (`kms.keys`), so telling them apart costs no extra call. A key in
 * another account is customer managed: AWS managed keys live in the account of the resource they protect.
 */
export type KeyOwnership =
  | { manager: 'AWS' | 'CUSTOMER'; /** how we know, for messages */ source: string }
  | { manager: undefined; /** why we cannot tell, for messages */ reason: string };

const KEY_ARN = /^arn:[^:]+:kms:([^:]+):(\d{12}):key\/(.+)$/;

/** Who manages the key `keyRef` (a key ARN or key id) used by a resource in `region`. */
export function kmsKeyOwnership(inventory: Inventory, region: string, keyRef: string): KeyOwnership {
  const arn = KEY_ARN.exec(keyRef);
  const keyRegion = arn?.[1] ?? region;
  const keyId = arn?.[3] ?? keyRef;
  if (arn && arn[2] !== inventory.accountId) return { manager: 'CUSTOMER', source: `it is in account ${arn[2]}` };
  if (!inventory.reads.includes('kms.keys')) {
    return { manager: undefined, reason: 'the run did not read the KMS keys, which tell them apart (any kms.* check reads them)' };
  }
  const keys = inventory.kms?.[keyRegion]?.keys;
  if (!keys) return { manager: undefined, reason: `the inventory holds no KMS keys of ${keyRegion}` };
  if (!keys.ok) return { manager: undefined, reason: `the KMS keys of ${keyRegion} could not be read (${keys.error.code})` };
  const key = keys.value.find((k) => k.keyId === keyId || k.arn === keyRef);
  if (!key) return { manager: undefined, reason: `the key is not among the KMS keys read in ${keyRegion}` };
  const aliases = key.aliases.length ? `${key.aliases.join(', ')}; ` : '';
  if (key.manager === 'AWS' || key.aliases.some((a) => a.startsWith('alias/aws/'))) return { manager: 'AWS', source: `${aliases}per the KMS inventory` };
  if (key.manager === 'CUSTOMER') return { manager: 'CUSTOMER', source: `${aliases}per the KMS inventory` };
  return { manager: undefined, reason: 'DescribeKey was refused for the key' };
}

/** "the AWS managed KMS key <ref> (alias/aws/es; per the KMS inventory)", or what is and is not known about it. */
export function kmsKeyPhrase(ownership: KeyOwnership, keyRef: string): string {
  if (ownership.manager !== undefined) {
    return `the ${ownership.manager === 'AWS' ? 'AWS' : 'customer'} managed KMS key ${keyRef} (${ownership.source})`;
  }
  return `KMS key ${keyRef} (AWS managed or customer managed: not known, as ${ownership.reason})`;
}
