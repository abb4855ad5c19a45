import type { Check, CheckResult } from '../../src/evaluate/types';
import { accountResource, eachRegion, fail, pass, result, unreadable, withRead, readOf } from '../../src/evaluate/results';
import { canRotate, KMS_UNKNOWN, type KmsKey } from '../../src/inventory/kms';

const check: Check = {
  id: 'kms.key-rotation',
  title: 'Customer-managed KMS keys rotate their key material automatically',
  severity: 'medium',
  hipaa: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)'],
  controls: ['KMS.4'],
  description:
    'Customer-managed KMS keys encrypt ePHI in S3, EBS, RDS and backups. Automatic rotation replaces the key material ' +
    'on a schedule (yearly by default), limiting how much data one piece of material protects and how long a leaked ' +
    'copy stays useful, supporting the encryption and decryption safeguard. Judged: enabled customer-managed ' +
    'SYMMETRIC_DEFAULT keys whose material KMS generated, not multi-Region replicas (their rotation follows the ' +
    'primary). AWS-managed keys (rotated by AWS every year), asymmetric and HMAC keys, imported key material, keys ' +
    'in CloudHSM or external key stores, and disabled or pending-deletion keys cannot use automatic rotation and are ' +
    'not judged.',
  remediation: {
    text:
      'KMS console > Customer managed keys > the key > Key rotation > check "Automatically rotate this KMS key every year" ' +
      '(optionally set a rotation period of 90-2560 days), or `aws kms enable-key-rotation --key-id <key-id> ' +
      '[--rotation-period-in-days 365]`. For a multi-Region key, enable it on the primary key.',
    url: 'https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html',
  },
  reads: ['kms.keys', 'kms.keyRotation'],
  evaluate(inventory) {
    return eachRegion(inventory, 'kms', inventory.kms, (data, region) =>
      withRead(
        data.keys,
        region,
        accountResource(inventory),
        (keys) => keys.flatMap((key) => judge(key, region)),
        `KMS keys in ${region}`,
      ),
    );
  },
};

function judge(key: KmsKey, region: string): CheckResult[] {
  const resource = { type: 'AwsKmsKey', id: key.keyId, arn: key.arn };
  const label = `key ${key.keyId}${key.aliases.length ? ` (${key.aliases.join(', ')})` : ''}`;
  if (key.manager === KMS_UNKNOWN) {
    // DescribeKey failed: we cannot tell whether the key is eligible, so we cannot skip it either.
    if (key.rotation && !key.rotation.ok) return [unreadable(region, resource, key.rotation.error, `${label} with ${key.rotation.error.operation}`)];
    return [];
  }
  if (!canRotate(key)) return [];
  const rotation = key.rotation === undefined ? readOf<{ enabled: boolean; periodDays?: number }>(undefined, 'kms', region, 'GetKeyRotationStatus') : key.rotation;
  if (rotation === null) {
    return [result('ERROR', region, resource, `the rotation status of customer-managed ${label} was not collected`)];
  }
  if (!rotation.ok) return [unreadable(region, resource, rotation.error, `the rotation status of ${label}`)];
  const role = key.multiRegionRole === 'PRIMARY' ? ' (multi-Region primary: its replicas follow it)' : '';
  if (rotation.value.enabled) {
    const period = rotation.value.periodDays !== undefined ? `every ${rotation.value.periodDays} days` : 'on its schedule';
    return [pass(region, resource, `customer-managed ${label} rotates its key material automatically ${period}${role}`)];
  }
  return [fail(region, resource, `customer-managed ${label} is enabled but automatic key rotation is off${role}`)];
}

export default check;
