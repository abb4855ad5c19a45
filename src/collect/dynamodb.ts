import {
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  DynamoDBClient,
  paginateListTables,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import type { DynamoDbRegion, DynamoTable, PointInTimeRecovery, TableDetails } from '../inventory/dynamodb';
import { mapRead } from '../inventory/read';
import { arnsIn } from './arn';
import { attempt, attemptOrNone, collectList, expectFields, gone, mapBounded, present } from './attempt';
import type { RegionalCollector } from './collector';

/**
 * DynamoDB in one region: ListTables (paginated by LastEvaluatedTableName), then per table DescribeTable for
 * `dynamodb.tables` and DescribeContinuousBackups for `dynamodb.pitr`. Both grow with the number of tables:
 * DynamoDB has no bulk describe, and a run that needs only one of the two reads never makes the other's calls.
 * A table deleted between the listing and its describe call is left out.
 */
export const dynamodbCollector: RegionalCollector<'dynamodb'> = {
  scope: 'regional',
  async collect(ctx, region): Promise<DynamoDbRegion> {
    const wantDetails = ctx.wants('dynamodb.tables');
    const wantPitr = ctx.wants('dynamodb.pitr');
    if (!wantDetails && !wantPitr) return {};
    const client = ctx.aws.client('dynamodb', DynamoDBClient, region);
    const site = { service: 'dynamodb', region };
    const arn = arnsIn(ctx, 'dynamodb', region);

    const describe = (name: string) =>
      attemptOrNone({ ...site, operation: 'DescribeTable' }, ['ResourceNotFoundException'], async (): Promise<Described> => {
        const table = expectFields(await client.send(new DescribeTableCommand({ TableName: name })), ['Table']).Table;
        return { arn: table.TableArn, details: toDetails(table) };
      });
    const pitrOf = (name: string) =>
      attemptOrNone({ ...site, operation: 'DescribeContinuousBackups' }, ['TableNotFoundException'], async (): Promise<PointInTimeRecovery> => {
        const out = await client.send(new DescribeContinuousBackupsCommand({ TableName: name }));
        const description = expectFields(expectFields(out, ['ContinuousBackupsDescription']).ContinuousBackupsDescription, ['ContinuousBackupsStatus']);
        const pitr = description.PointInTimeRecoveryDescription;
        return {
          ...(pitr?.PointInTimeRecoveryStatus ? { status: pitr.PointInTimeRecoveryStatus } : {}),
          ...(pitr?.RecoveryPeriodInDays !== undefined ? { recoveryPeriodDays: pitr.RecoveryPeriodInDays } : {}),
        };
      });

    const tables = await attempt({ ...site, operation: 'ListTables' }, async () => {
      const names = await collectList(paginateListTables({ client }, {}), 'TableNames');
      const found = await mapBounded(names, ctx.aws.concurrencyOf('dynamodb'), async (name): Promise<DynamoTable | null> => {
        const [details, pitr] = await Promise.all([wantDetails ? describe(name) : undefined, wantPitr ? pitrOf(name) : undefined]);
        if (gone(details) || gone(pitr)) return null;
        const described = details ? present(details) : undefined;
        return {
          name,
          arn: (described?.ok ? described.value.arn : undefined) ?? arn(`table/${name}`),
          ...(described ? { details: mapRead(described, (d) => d.details) } : {}),
          ...(pitr ? { pitr: present(pitr) } : {}),
        };
      });
      return found.filter((t): t is DynamoTable => t !== null);
    });
    return { tables };
  },
};

/** What DescribeTable told: the table's ARN (as AWS writes it) and what the checks judge. */
interface Described {
  arn: string | undefined;
  details: TableDetails;
}

function toDetails(t: TableDescription): TableDetails {
  const sse = t.SSEDescription;
  return {
    status: t.TableStatus ?? 'unknown',
    // No SSEDescription: the table is encrypted with the AWS owned key (DynamoDB encrypts every table).
    sse: !sse
      ? null
      : {
          ...(sse.Status ? { status: sse.Status } : {}),
          ...(sse.SSEType ? { type: sse.SSEType } : {}),
          ...(sse.KMSMasterKeyArn ? { kmsKeyArn: sse.KMSMasterKeyArn } : {}),
          ...(sse.InaccessibleEncryptionDateTime ? { inaccessibleSince: sse.InaccessibleEncryptionDateTime.toISOString() } : {}),
        },
  };
}
