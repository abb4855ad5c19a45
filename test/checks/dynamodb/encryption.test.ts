import check from '../../../checks/dynamodb/encryption';
import { DEFAULT_THRESHOLDS } from '../../../src/config/types';
import { ALL_READS, type DaxRegion, type DynamoTable, type Inventory } from '../../../src/inventory/types';
import { checkContext, denied, failed, inventory, ok, statuses } from '../../support/inventory';
import { daxCluster, kmsSse, table } from '../../support/builders/dynamodb';
import { kmsKey } from '../../support/builders/kms';

const AWS_KEY = 'arn:aws:kms:us-east-1:111122223333:key/aws-ddb';
const CMK = 'arn:aws:kms:us-east-1:111122223333:key/cmk-1';
const UNLISTED = 'arn:aws:kms:us-east-1:111122223333:key/not-listed';

const kms: Partial<Inventory> = {
  kms: { 'us-east-1': { keys: ok([kmsKey('aws-ddb', { manager: 'AWS', aliases: ['alias/aws/dynamodb'] }), kmsKey('cmk-1', { aliases: ['alias/claims'] })]) } },
};

function run(tables: DynamoTable[], options: { requireCmk?: boolean; dax?: DaxRegion; extra?: Partial<Inventory> } = {}) {
  const inv = inventory({ ...kms, dynamodb: { 'us-east-1': { tables: ok(tables) } }, dax: { 'us-east-1': options.dax ?? { clusters: ok([]) } }, ...options.extra });
  return check.evaluate(inv, checkContext({ thresholds: { ...DEFAULT_THRESHOLDS, dynamodbRequireCustomerManagedKey: options.requireCmk ?? false } }));
}
const message = (results: ReturnType<typeof run>, id: string) => results.find((r) => r.resource.id === id)?.message;

describe('dynamodb.encryption', () => {
  it('passes a table encrypted with an AWS owned key (no SSEDescription) and says so', () => {
    const [only] = run([table('sessions')]);
    expect(only).toMatchObject({ status: 'PASS', resource: { type: 'AwsDynamoDbTable', id: 'sessions', arn: 'arn:aws:dynamodb:us-east-1:111122223333:table/sessions' } });
    expect(only?.message).toBe('table sessions is encrypted at rest with the AWS owned key (DescribeTable returns no SSEDescription for it; DynamoDB encrypts every table)');
  });

  it('passes every table and says which key protects it, telling AWS managed from customer managed by the KMS inventory', () => {
    const results = run([table('audit', kmsSse(AWS_KEY)), table('claims', kmsSse(CMK)), table('orphan', kmsSse(UNLISTED)), table('reverted', { status: 'DISABLED' })]);
    expect(statuses(results)).toEqual({ 'us-east-1/audit': 'PASS', 'us-east-1/claims': 'PASS', 'us-east-1/orphan': 'PASS', 'us-east-1/reverted': 'PASS' });
    expect(message(results, 'audit')).toBe(`table audit is encrypted at rest with the AWS managed KMS key ${AWS_KEY} (alias/aws/dynamodb; per the KMS inventory)`);
    expect(message(results, 'claims')).toBe(`table claims is encrypted at rest with the customer managed KMS key ${CMK} (alias/claims; per the KMS inventory)`);
    expect(message(results, 'orphan')).toBe(
      `table orphan is encrypted at rest with KMS key ${UNLISTED} (AWS managed or customer managed: not known, as the key is not among the KMS keys read in us-east-1)`,
    );
    expect(message(results, 'reverted')).toBe('table reverted is encrypted at rest with the AWS owned key (SSEDescription status DISABLED; DynamoDB encrypts every table)');
  });

  it('says what it cannot know when the run did not read the KMS keys', () => {
    const [only] = run([table('claims', kmsSse(CMK))], { extra: { reads: ALL_READS.filter((r) => r !== 'kms.keys') } });
    expect(only?.status).toBe('PASS');
    expect(only?.message).toContain('AWS managed or customer managed: not known, as the run did not read the KMS keys');
  });

  it('with customer managed keys required: fails the AWS owned and AWS managed keys, passes a customer managed one, reports ERROR when it cannot tell', () => {
    const results = run([table('sessions'), table('audit', kmsSse(AWS_KEY)), table('claims', kmsSse(CMK)), table('orphan', kmsSse(UNLISTED))], { requireCmk: true });
    expect(statuses(results)).toEqual({ 'us-east-1/sessions': 'FAIL', 'us-east-1/audit': 'FAIL', 'us-east-1/claims': 'PASS', 'us-east-1/orphan': 'ERROR' });
    expect(message(results, 'sessions')).toBe(
      'table sessions is encrypted at rest with the AWS owned key (DescribeTable returns no SSEDescription for it), but the config requires a customer managed KMS key (thresholds.dynamodbRequireCustomerManagedKey)',
    );
    expect(message(results, 'audit')).toContain('but the config requires a customer managed KMS key');
    expect(message(results, 'orphan')).toBe(
      `table orphan is encrypted at rest with KMS key ${UNLISTED} (AWS managed or customer managed: not known, as the key is not among the KMS keys read in us-east-1); the config requires a customer managed KMS key (thresholds.dynamodbRequireCustomerManagedKey), and whether this key is one cannot be told`,
    );
  });

  it('passes a table whose key DynamoDB lost access to, and says what that means', () => {
    const [only] = run([
      table('locked', { ...kmsSse(CMK), inaccessibleSince: '2026-05-28T00:00:00.000Z' }, { details: ok({ status: 'INACCESSIBLE_ENCRYPTION_CREDENTIALS', sse: { ...kmsSse(CMK), inaccessibleSince: '2026-05-28T00:00:00.000Z' } }) }),
    ]);
    expect(only?.status).toBe('PASS');
    expect(only?.message).toContain(
      'DynamoDB has been unable to use the key since 2026-05-28T00:00:00.000Z (table status INACCESSIBLE_ENCRYPTION_CREDENTIALS): the table is inaccessible and is archived after 7 days',
    );
  });

  it('reports ERROR for a table that could not be described, and skips tables being deleted', () => {
    const results = run([
      table('locked', null, { details: failed(denied('dynamodb', 'DescribeTable')) }),
      table('leaving', null, { details: ok({ status: 'DELETING', sse: null }) }),
      table('fine'),
    ]);
    expect(statuses(results)).toEqual({ 'us-east-1/locked': 'ERROR', 'us-east-1/fine': 'PASS' });
    expect(message(results, 'locked')).toContain('could not read table locked with DescribeTable: AccessDenied');
  });

  it('fails DAX clusters without server-side encryption, passes those with it, skips regions without DAX', () => {
    const results = run([], {
      dax: { clusters: ok([daxCluster('claims-cache'), daxCluster('legacy', { sseStatus: undefined }), daxCluster('leaving', { status: 'deleting', sseStatus: undefined })]) },
    });
    expect(statuses(results)).toEqual({ 'us-east-1/claims-cache': 'PASS', 'us-east-1/legacy': 'FAIL' });
    expect(message(results, 'claims-cache')).toBe('DAX cluster claims-cache is encrypted at rest (server-side encryption ENABLED)');
    expect(message(results, 'legacy')).toBe('DAX cluster legacy is not encrypted at rest (no server-side encryption); encryption can only be chosen when a cluster is created');
    // DAX is not offered in the region: nothing to judge, no ERROR.
    expect(run([table('t')], { dax: { clusters: ok(null) } }).map((r) => r.resource.id)).toEqual(['t']);
  });

  it('reports ERROR for tables or DAX clusters that could not be listed, judging the rest', () => {
    const results = run([table('t')], { dax: { clusters: failed(denied('dax', 'DescribeClusters')) } });
    expect(statuses(results)).toEqual({ 'us-east-1/t': 'PASS', 'us-east-1/111122223333': 'ERROR' });
    expect(results[1]?.message).toContain('could not read DAX clusters in us-east-1: AccessDenied');
    const listing = check.evaluate(inventory({ dynamodb: { 'us-east-1': { tables: failed(denied('dynamodb', 'ListTables')) } }, dax: { 'us-east-1': { clusters: ok([]) } } }), checkContext());
    expect(listing).toHaveLength(1);
    expect(listing[0]?.message).toContain('Fix: allow dynamodb:ListTables');
  });
});
