import type { Read } from './read';

/**
 * `tables`: ListTables and DescribeTable per table (no bulk describe exists); `pitr`: DescribeContinuousBackups
 * per table. Either lists the tables; a run that needs only one never makes the other's per-table calls.
 */
export const DYNAMODB_READS = ['tables', 'pitr'] as const;

/**
 * DescribeTable's SSEDescription as returned. DynamoDB encrypts every table: the answer carries no
 * SSEDescription when the AWS owned key does (`sse` is then null), and SSEType KMS with the key's ARN when an
 * AWS managed (alias/aws/dynamodb) or customer managed KMS key does.
 */
export interface TableSse {
  /** ENABLING | ENABLED | DISABLING | DISABLED | UPDATING */
  status?: string;
  /** KMS (AES256 is in the model but not offered) */
  type?: string;
  kmsKeyArn?: string;
  /** When DynamoDB lost access to the KMS key (the table becomes inaccessible, then archived). */
  inaccessibleSince?: string;
}

export interface TableDetails {
  /** CREATING | UPDATING | DELETING | ACTIVE | INACCESSIBLE_ENCRYPTION_CREDENTIALS | ARCHIVING | ARCHIVED */
  status: string;
  sse: TableSse | null;
}

export interface PointInTimeRecovery {
  /** PointInTimeRecoveryStatus: ENABLED | DISABLED; absent when the answer has no PITR description (off). */
  status?: string;
  recoveryPeriodDays?: number;
}

export interface DynamoTable {
  name: string;
  arn: string;
  /** Absent when `dynamodb.tables` was not read. */
  details?: Read<TableDetails>;
  /** Absent when `dynamodb.pitr` was not read. */
  pitr?: Read<PointInTimeRecovery>;
}

export interface DynamoDbRegion {
  /** The tables of the region (present when either read was made). */
  tables?: Read<DynamoTable[]>;
}
