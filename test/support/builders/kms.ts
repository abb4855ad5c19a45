import type { KmsKey } from '../../../src/inventory/types';
import { ACCOUNT, ok } from '../inventory';

/* Typed KMS inventory for check tests: complete objects with defaults, overridable field by field. */

/** An enabled symmetric customer-managed key in us-east-1, without aliases, rotating yearly. */
export function kmsKey(keyId: string, extra: Partial<KmsKey> = {}): KmsKey {
  return {
    keyId,
    arn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/${keyId}`,
    manager: 'CUSTOMER',
    state: 'Enabled',
    spec: 'SYMMETRIC_DEFAULT',
    origin: 'AWS_KMS',
    aliases: [],
    rotation: ok({ enabled: true, periodDays: 365 }),
    ...extra,
  };
}
