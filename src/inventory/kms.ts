import type { Read } from './read';

export interface KmsKey {
  keyId: string;
  arn: string;
  /** AWS-managed (aws/* aliases) or customer-managed. */
  manager: 'AWS' | 'CUSTOMER';
  /** Enabled | Disabled | PendingDeletion | PendingImport | ... */
  state: string;
  /** SYMMETRIC_DEFAULT | RSA_2048 | HMAC_256 | ... */
  spec: string;
  /** AWS_KMS | EXTERNAL | AWS_CLOUDHSM | EXTERNAL_KEY_STORE */
  origin: string;
  /** PRIMARY | REPLICA for multi-Region keys. */
  multiRegionRole?: 'PRIMARY' | 'REPLICA';
  aliases: string[];
  /** Read only for keys that can rotate (enabled customer symmetric AWS_KMS keys); null otherwise. */
  rotation: Read<{ enabled: boolean; periodDays?: number }> | null;
}

export interface KmsRegion {
  keys: Read<KmsKey[]>;
}
