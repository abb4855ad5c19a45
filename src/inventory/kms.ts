import type { ApiError, Read } from './read';

/** Placed in `manager`, `state`, `spec` and `origin` when DescribeKey was skipped or failed. */
export const KMS_UNKNOWN = 'UNKNOWN';

/** `keys`: ListKeys, ListAliases and DescribeKey per key not managed by AWS; `keyRotation`: GetKeyRotationStatus per key that can rotate. */
export const KMS_READS = ['keys', 'keyRotation'] as const;

export interface KmsKey {
  keyId: string;
  arn: string;
  /**
   * AWS-managed or customer-managed. Keys with an `alias/aws/...` alias are AWS-managed (customers cannot
   * create such aliases), so DescribeKey is skipped for them and state/spec/origin are `UNKNOWN`.
   * `UNKNOWN` also when DescribeKey failed (a key policy that denies us): `rotation` then holds that error.
   */
  manager: 'AWS' | 'CUSTOMER' | typeof KMS_UNKNOWN;
  /** Enabled | Disabled | PendingDeletion | PendingReplicaDeletion | PendingImport | Unavailable | ... | UNKNOWN */
  state: string;
  /** When KMS deletes the key (DescribeKey DeletionDate): present only while the state is PendingDeletion. */
  deletionDate?: string;
  /**
   * The waiting period of a scheduled deletion, in days (DescribeKey PendingDeletionWindowInDays): present only
   * for a multi-Region primary key in PendingReplicaDeletion, which has no DeletionDate yet (its countdown starts
   * once its last replica is deleted).
   */
  pendingDeletionWindowInDays?: number;
  /** SYMMETRIC_DEFAULT | RSA_2048 | HMAC_256 | ... | UNKNOWN */
  spec: string;
  /** AWS_KMS | EXTERNAL | AWS_CLOUDHSM | EXTERNAL_KEY_STORE | UNKNOWN */
  origin: string;
  /** PRIMARY | REPLICA for multi-Region keys. */
  multiRegionRole?: 'PRIMARY' | 'REPLICA';
  /** Alias names (`alias/phi-claims`); empty when the key has none or ListAliases failed (see `aliasesError`). */
  aliases: string[];
  /**
   * Read only for keys that can rotate (enabled customer-managed SYMMETRIC_DEFAULT keys with AWS_KMS origin that
   * are not multi-Region replicas); null otherwise. A failed Read whose operation is `DescribeKey` means the key
   * could not be described at all, so neither its kind nor its rotation is known. Absent when `kms.keyRotation`
   * was not read.
   */
  rotation?: Read<{ enabled: boolean; periodDays?: number }> | null;
}

export interface KmsRegion {
  keys?: Read<KmsKey[]>;
  /** Present when ListAliases failed: keys then carry no aliases, and every key was described. */
  aliasesError?: ApiError;
}

/**
 * Whether KMS rotates the key's material automatically when asked to: enabled customer-managed SYMMETRIC_DEFAULT
 * keys whose material KMS generated (not imported, not in a CloudHSM or external key store), except multi-Region
 * replicas, whose rotation follows their primary key. Only these keys have their rotation status read.
 */
export function canRotate(key: Pick<KmsKey, 'manager' | 'state' | 'spec' | 'origin' | 'multiRegionRole'>): boolean {
  return (
    key.manager === 'CUSTOMER' &&
    key.state === 'Enabled' &&
    key.spec === 'SYMMETRIC_DEFAULT' &&
    key.origin === 'AWS_KMS' &&
    key.multiRegionRole !== 'REPLICA'
  );
}
