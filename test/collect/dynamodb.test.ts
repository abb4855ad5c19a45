import { DescribeContinuousBackupsCommand, DescribeTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { dynamodbCollector } from '../../src/collect/dynamodb';
import { awsError, collectContext } from '../support/inventory';
import { tokenPages } from '../support/pages';

const ddb = mockClient(DynamoDBClient);
beforeEach(() => ddb.reset());

const arn = (name: string) => `arn:aws:dynamodb:us-east-1:111122223333:table/${name}`;
const KEY = 'arn:aws:kms:us-east-1:111122223333:key/k1';

/** Two tables over two ListTables pages: `claims` on a KMS key with PITR on, `sessions` on the AWS owned key without. */
function twoTables(): ReturnType<typeof tokenPages> {
  const pages = tokenPages('ExclusiveStartTableName', [
    [undefined, { TableNames: ['claims'], LastEvaluatedTableName: 'claims' }],
    ['claims', { TableNames: ['sessions'] }],
  ]);
  ddb.on(ListTablesCommand).callsFake(pages.fake);
  ddb.on(DescribeTableCommand, { TableName: 'claims' }).resolves({
    Table: { TableName: 'claims', TableArn: arn('claims'), TableStatus: 'ACTIVE', SSEDescription: { Status: 'ENABLED', SSEType: 'KMS', KMSMasterKeyArn: KEY } },
  });
  // The AWS owned key: DescribeTable returns no SSEDescription at all.
  ddb.on(DescribeTableCommand, { TableName: 'sessions' }).resolves({ Table: { TableName: 'sessions', TableArn: arn('sessions'), TableStatus: 'ACTIVE' } });
  ddb.on(DescribeContinuousBackupsCommand, { TableName: 'claims' }).resolves({
    ContinuousBackupsDescription: { ContinuousBackupsStatus: 'ENABLED', PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: 'ENABLED', RecoveryPeriodInDays: 14 } },
  });
  ddb.on(DescribeContinuousBackupsCommand, { TableName: 'sessions' }).resolves({
    ContinuousBackupsDescription: { ContinuousBackupsStatus: 'ENABLED', PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: 'DISABLED' } },
  });
  return pages;
}

describe('dynamodb collector', () => {
  it('lists tables page by page, then describes each and reads its continuous backups', async () => {
    const pages = twoTables();
    const ctx = collectContext();
    const data = await dynamodbCollector.collect(ctx, 'us-east-1');
    expect(pages.inputs).toEqual([{}, { ExclusiveStartTableName: 'claims' }]);
    expect(data.tables).toEqual({
      ok: true,
      value: [
        {
          name: 'claims',
          arn: arn('claims'),
          details: { ok: true, value: { status: 'ACTIVE', sse: { status: 'ENABLED', type: 'KMS', kmsKeyArn: KEY } } },
          pitr: { ok: true, value: { status: 'ENABLED', recoveryPeriodDays: 14 } },
        },
        {
          name: 'sessions',
          arn: arn('sessions'),
          details: { ok: true, value: { status: 'ACTIVE', sse: null } },
          pitr: { ok: true, value: { status: 'DISABLED' } },
        },
      ],
    });
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
    // No bulk describe exists: one DescribeTable and one DescribeContinuousBackups per table.
    expect(ctx.aws.apiCalls.byOperation()).toEqual({
      'dynamodb:ListTables': 2,
      'dynamodb:DescribeTable': 2,
      'dynamodb:DescribeContinuousBackups': 2,
    });
  });

  it('makes only the per-table calls of the reads a run wants', async () => {
    twoTables();
    const encryptionOnly = collectContext(['us-east-1'], ['dynamodb.tables']);
    const described = await dynamodbCollector.collect(encryptionOnly, 'us-east-1');
    expect(encryptionOnly.aws.apiCalls.byOperation()).toEqual({ 'dynamodb:ListTables': 2, 'dynamodb:DescribeTable': 2 });
    expect(described.tables!.ok && described.tables!.value.every((t) => t.pitr === undefined && t.details?.ok)).toBe(true);

    const pitrOnly = collectContext(['us-east-1'], ['dynamodb.pitr']);
    const pitr = await dynamodbCollector.collect(pitrOnly, 'us-east-1');
    expect(pitrOnly.aws.apiCalls.byOperation()).toEqual({ 'dynamodb:ListTables': 2, 'dynamodb:DescribeContinuousBackups': 2 });
    // Without DescribeTable the ARN is built from the name, as DynamoDB writes it.
    expect(pitr.tables!.ok && pitr.tables!.value.map((t) => [t.arn, t.details])).toEqual([[arn('claims'), undefined], [arn('sessions'), undefined]]);

    ddb.resetHistory();
    expect(await dynamodbCollector.collect(collectContext(['us-east-1'], ['dax.clusters']), 'us-east-1')).toEqual({});
    expect(ddb.calls()).toHaveLength(0);
  });

  it('keeps the time DynamoDB lost access to a KMS key', async () => {
    ddb.on(ListTablesCommand).resolves({ TableNames: ['t'] });
    ddb.on(DescribeTableCommand).resolves({
      Table: {
        TableName: 't',
        TableArn: arn('t'),
        TableStatus: 'INACCESSIBLE_ENCRYPTION_CREDENTIALS',
        SSEDescription: { Status: 'ENABLED', SSEType: 'KMS', KMSMasterKeyArn: KEY, InaccessibleEncryptionDateTime: new Date('2026-05-01T00:00:00Z') },
      },
    });
    const data = await dynamodbCollector.collect(collectContext(['us-east-1'], ['dynamodb.tables']), 'us-east-1');
    expect(data.tables!.ok && data.tables!.value[0]?.details).toEqual({
      ok: true,
      value: { status: 'INACCESSIBLE_ENCRYPTION_CREDENTIALS', sse: { status: 'ENABLED', type: 'KMS', kmsKeyArn: KEY, inaccessibleSince: '2026-05-01T00:00:00.000Z' } },
    });
  });

  it('leaves out a table deleted between the listing and its describe calls', async () => {
    ddb.on(ListTablesCommand).resolves({ TableNames: ['gone', 'kept'] });
    ddb.on(DescribeTableCommand, { TableName: 'gone' }).rejects(awsError('ResourceNotFoundException', 'Requested resource not found: Table: gone not found', 400));
    ddb.on(DescribeTableCommand, { TableName: 'kept' }).resolves({ Table: { TableName: 'kept', TableArn: arn('kept'), TableStatus: 'ACTIVE' } });
    ddb.on(DescribeContinuousBackupsCommand, { TableName: 'gone' }).rejects(awsError('TableNotFoundException', 'Table not found: gone', 400));
    ddb.on(DescribeContinuousBackupsCommand, { TableName: 'kept' }).resolves({ ContinuousBackupsDescription: { ContinuousBackupsStatus: 'DISABLED' } });
    const data = await dynamodbCollector.collect(collectContext(), 'us-east-1');
    expect(data.tables).toEqual({
      ok: true,
      value: [{ name: 'kept', arn: arn('kept'), details: { ok: true, value: { status: 'ACTIVE', sse: null } }, pitr: { ok: true, value: {} } }],
    });
  });

  it('records a denied describe for that table only, and a denied listing for the region', async () => {
    ddb.on(ListTablesCommand).resolves({ TableNames: ['locked', 'open'] });
    ddb.on(DescribeTableCommand, { TableName: 'locked' }).rejects(awsError('AccessDeniedException', 'not authorized to perform dynamodb:DescribeTable on table/locked', 400));
    ddb.on(DescribeTableCommand, { TableName: 'open' }).resolves({ Table: { TableName: 'open', TableArn: arn('open'), TableStatus: 'ACTIVE' } });
    const data = await dynamodbCollector.collect(collectContext(['us-east-1'], ['dynamodb.tables']), 'us-east-1');
    expect(data.tables!.ok && data.tables!.value).toEqual([
      {
        name: 'locked',
        arn: arn('locked'),
        details: {
          ok: false,
          error: { service: 'dynamodb', region: 'us-east-1', operation: 'DescribeTable', code: 'AccessDeniedException', message: 'not authorized to perform dynamodb:DescribeTable on table/locked' },
        },
      },
      { name: 'open', arn: arn('open'), details: { ok: true, value: { status: 'ACTIVE', sse: null } } },
    ]);
    ddb.on(ListTablesCommand).rejects(awsError('AccessDeniedException', 'not authorized to perform dynamodb:ListTables', 400));
    expect((await dynamodbCollector.collect(collectContext(), 'us-east-1')).tables).toMatchObject({ ok: false, error: { operation: 'ListTables', code: 'AccessDeniedException' } });
  });

  it('takes answers without what AWS always returns for incomplete answers', async () => {
    ddb.on(ListTablesCommand).resolves({});
    expect((await dynamodbCollector.collect(collectContext(), 'us-east-1')).tables).toMatchObject({
      ok: false,
      error: { operation: 'ListTables', code: 'IncompleteAnswer', message: 'the answer lacks TableNames, which AWS always returns' },
    });
    ddb.on(ListTablesCommand).resolves({ TableNames: ['t'] });
    ddb.on(DescribeTableCommand).resolves({});
    ddb.on(DescribeContinuousBackupsCommand).resolves({ ContinuousBackupsDescription: {} as never });
    const data = await dynamodbCollector.collect(collectContext(), 'us-east-1');
    const [t] = data.tables!.ok ? data.tables!.value : [];
    expect(t?.details).toMatchObject({ ok: false, error: { operation: 'DescribeTable', code: 'IncompleteAnswer', message: 'the answer lacks Table, which AWS always returns' } });
    expect(t?.pitr).toMatchObject({
      ok: false,
      error: { operation: 'DescribeContinuousBackups', code: 'IncompleteAnswer', message: 'the answer lacks ContinuousBackupsStatus, which AWS always returns' },
    });
  });
});
