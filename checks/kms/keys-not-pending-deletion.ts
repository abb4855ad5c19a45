import type { Check, CheckResult } from '../../src/evaluate/types';
import { accountResource, eachRegion, fail, pass, unreadable, withRead } from '../../src/evaluate/results';
import { KMS_UNKNOWN, type Inventory, type KmsKey } from '../../src/inventory/types';
import { keyReferences } from './key-references';

/** How many resources a message names before it says "and N more". */
const NAMED = 5;

const check: Check = {
  id: 'kms.keys-not-pending-deletion',
  title: 'No customer-managed KMS key is scheduled for deletion',
  severity: 'high',
  hipaa: ['164.312(a)(2)(iv)', '164.308(a)(7)(ii)(A)'],
  controls: ['KMS.3'],
  description:
    'Once KMS deletes a key, everything encrypted under it - EBS volumes and snapshots, databases, S3 objects, backups ' +
    'and logs holding ePHI - can never be decrypted again, including the backups the contingency plan relies on. A ' +
    'deletion is scheduled with a waiting period of 7 to 30 days during which it can be cancelled. Judged: every ' +
    'customer-managed key (AWS-managed keys cannot be deleted), from its state (DescribeKey): PendingDeletion, or ' +
    'PendingReplicaDeletion for a multi-Region primary key waiting for its replicas to go, fails. The message names ' +
    'the resources in this inventory that still use the key (by key id, key ARN, alias or alias ARN): EBS volumes, ' +
    'snapshots and the EBS default key, RDS databases and manual snapshots, S3 default encryption, DynamoDB tables, EFS ' +
    'file systems, ElastiCache replication groups and serverless caches, OpenSearch domains, Redshift clusters, SQS ' +
    'queues, SNS topics, CloudWatch Logs log groups, CloudTrail trails and AWS Backup vaults, as far as the run read ' +
    'them (DAX clusters use AWS owned keys only).',
  remediation: {
    text:
      'If the deletion is not an intended cryptographic erasure, cancel it: KMS console > Customer managed keys > the key > ' +
      'Key actions > Cancel key deletion, or `aws kms cancel-key-deletion --key-id <key-id>`, then re-enable it ' +
      '(`aws kms enable-key --key-id <key-id>`). If the key is to go, first re-encrypt what it protects under another key.',
    url: 'https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys-scheduling-key-deletion.html',
  },
  reads: ['kms.keys'],
  evaluate(inventory, ctx) {
    return eachRegion(inventory, 'kms', inventory.kms, (data, region) =>
      withRead(data.keys, region, accountResource(inventory), (keys) => keys.flatMap((key) => judge(inventory, key, region, ctx.now)), `KMS keys in ${region}`),
    );
  },
};

function judge(inventory: Inventory, key: KmsKey, region: string, now: Date): CheckResult[] {
  const resource = { type: 'AwsKmsKey', id: key.keyId, arn: key.arn };
  const label = `key ${key.keyId}${key.aliases.length ? ` (${key.aliases.join(', ')})` : ''}`;
  if (key.manager === 'AWS') return []; // AWS-managed keys cannot be scheduled for deletion.
  if (key.manager === KMS_UNKNOWN) {
    // DescribeKey failed: its state is unknown, and the key may be customer-managed.
    if (key.rotation && !key.rotation.ok) return [unreadable(region, resource, key.rotation.error, `${label} with ${key.rotation.error.operation}`)];
    return [];
  }
  if (key.state === 'PendingDeletion') {
    const when = key.deletionDate
      ? ` on ${key.deletionDate} (${daysUntil(key.deletionDate, now)})`
      : ' (DescribeKey gave no deletion date)';
    return [fail(region, resource, `customer-managed ${label} is scheduled for deletion${when}; ${stillUsedBy(inventory, key)}`)];
  }
  if (key.state === 'PendingReplicaDeletion') {
    const window = key.pendingDeletionWindowInDays !== undefined ? `, then waits ${key.pendingDeletionWindowInDays} days` : '';
    return [
      fail(
        region,
        resource,
        `multi-Region primary ${label} is scheduled for deletion: it is deleted once its replica keys are deleted${window}; ${stillUsedBy(inventory, key)}`,
      ),
    ];
  }
  return [pass(region, resource, `customer-managed ${label} is ${key.state}, not scheduled for deletion`)];
}

/** How far the date lies from the collection time, which is what a replayed inventory is judged at. */
function daysUntil(iso: string, now: Date): string {
  const ms = new Date(iso).getTime() - now.getTime();
  if (Number.isNaN(ms)) return 'an unreadable date';
  const n = Math.floor(Math.abs(ms) / 86_400_000);
  const span = n === 0 ? 'less than a day' : `${n} day${n === 1 ? '' : 's'}`;
  return `${span} ${ms < 0 ? 'before' : 'after'} this inventory was collected`;
}

/** "it still encrypts: ..." or "no resource in this inventory uses it (searched: ...)". */
function stillUsedBy(inventory: Inventory, key: KmsKey): string {
  const { uses, searched } = keyReferences(inventory, key);
  if (uses.length > 0) {
    const named = uses.slice(0, NAMED).map((u) => `${u.what} in ${u.region}`);
    const more = uses.length > NAMED ? ` and ${uses.length - NAMED} more` : '';
    return `after that, what it encrypts cannot be decrypted. It still encrypts: ${named.join(', ')}${more}`;
  }
  if (searched.length === 0) return 'this inventory holds no resources to tell what it still encrypts';
  return `no resource in this inventory uses it (searched: ${searched.join(', ')}), though data encrypted under it elsewhere (snapshots, objects, other accounts) would be lost`;
}

export default check;
