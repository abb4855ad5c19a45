import type { Check, CheckResult } from '../../src/evaluate/types';
import type { DaxCluster, DynamoTable, Inventory, TableDetails } from '../../src/inventory/types';
import { accountResource, eachRegion, fail, pass, readOf, result, unreadable, withRead } from '../../src/evaluate/results';
import { kmsKeyOwnership, kmsKeyPhrase } from '../../src/judge/kms-keys';
import { eachTable, tableResource } from './tables';

const REQUIREMENT = 'the config requires a customer managed KMS key (thresholds.dynamodbRequireCustomerManagedKey)';

const check: Check = {
  id: 'dynamodb.encryption',
  title: 'DynamoDB tables and DAX clusters are encrypted at rest, with the key the config requires',
  severity: 'medium',
  hipaa: ['164.312(a)(2)(iv)'],
  controls: ['DynamoDB.3'],
  description:
    'DynamoDB encrypts every table at rest; what differs is the key: the AWS owned key (the default; DescribeTable ' +
    'then returns no SSEDescription), the AWS managed key alias/aws/dynamodb, or a customer managed KMS key, whose ' +
    'key policy and CloudTrail record add control over who can read the ePHI. Every table therefore passes and its ' +
    'result says which key protects it (AWS managed and customer managed are told apart when the run read the KMS ' +
    'keys). With thresholds.dynamodbRequireCustomerManagedKey set, tables on the AWS owned or AWS managed key fail, ' +
    'and a KMS key whose manager cannot be told is an ERROR. DynamoDB Accelerator (DAX) clusters encrypt at rest ' +
    'only when created with server-side encryption (DAX offers no choice of key): clusters without it fail.',
  remediation: {
    text:
      'Table key: `aws dynamodb update-table --table-name <name> --sse-specification ' +
      'Enabled=true,SSEType=KMS,KMSMasterKeyId=<customer managed key>` (online, no downtime). DAX: create a new cluster ' +
      'with `aws dax create-cluster ... --sse-specification Enabled=true`, point the clients at it and delete the old one.',
    url: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/EncryptionAtRest.html',
  },
  reads: ['dynamodb.tables', 'dax.clusters'],
  evaluate(inventory, ctx) {
    const requireCmk = ctx.thresholds.dynamodbRequireCustomerManagedKey;
    return [
      ...eachTable(inventory, (t, region) => {
        const details = readOf(t.details, 'dynamodb', region, 'DescribeTable');
        if (!details.ok) return unreadable(region, tableResource(t), details.error, `table ${t.name} with DescribeTable`);
        return judgeTable(inventory, t, details.value, region, requireCmk);
      }),
      ...eachRegion(inventory, 'dax', inventory.dax, (data, region) =>
        withRead(
          data.clusters,
          region,
          accountResource(inventory),
          // null: DAX is not offered in the region, so it holds no cluster.
          (clusters) => (clusters ?? []).filter((c) => c.status !== 'deleting').map((c) => judgeDax(c, region)),
          `DAX clusters in ${region}`,
        ),
      ),
    ];
  },
};

function judgeTable(inventory: Inventory, t: DynamoTable, details: TableDetails, region: string, requireCmk: boolean): CheckResult {
  const resource = tableResource(t);
  const label = `table ${t.name}`;
  const sse = details.sse;
  if (sse === null || sse.status === 'DISABLED') {
    const seen = sse === null ? 'DescribeTable returns no SSEDescription for it' : 'SSEDescription status DISABLED';
    return requireCmk
      ? fail(region, resource, `${label} is encrypted at rest with the AWS owned key (${seen}), but ${REQUIREMENT}`)
      : pass(region, resource, `${label} is encrypted at rest with the AWS owned key (${seen}; DynamoDB encrypts every table)`);
  }
  const keyArn = sse.kmsKeyArn;
  const ownership = keyArn ? kmsKeyOwnership(inventory, region, keyArn) : undefined;
  const key = keyArn && ownership ? kmsKeyPhrase(ownership, keyArn) : 'a KMS key the answer does not name';
  const status = sse.status && sse.status !== 'ENABLED' ? ` (encryption status ${sse.status})` : '';
  const lost = sse.inaccessibleSince
    ? `; DynamoDB has been unable to use the key since ${sse.inaccessibleSince} (table status ${details.status}): the table is inaccessible and is archived after 7 days`
    : '';
  const seen = `${label} is encrypted at rest with ${key}${status}${lost}`;
  if (!requireCmk) return pass(region, resource, seen);
  if (ownership?.manager === 'CUSTOMER') return pass(region, resource, seen);
  if (ownership?.manager === 'AWS') return fail(region, resource, `${seen}, but ${REQUIREMENT}`);
  return result('ERROR', region, resource, `${seen}; ${REQUIREMENT}, and whether this key is one cannot be told`);
}

function judgeDax(c: DaxCluster, region: string): CheckResult {
  const resource = { type: 'Other', id: c.name, arn: c.arn };
  const label = `DAX cluster ${c.name}`;
  if (c.sseStatus === 'ENABLED' || c.sseStatus === 'ENABLING') {
    return pass(region, resource, `${label} is encrypted at rest (server-side encryption ${c.sseStatus})`);
  }
  const seen = c.sseStatus ? `server-side encryption ${c.sseStatus}` : 'no server-side encryption';
  return fail(region, resource, `${label} is not encrypted at rest (${seen}); encryption can only be chosen when a cluster is created`);
}

export default check;
