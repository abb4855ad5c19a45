import type { DaxCluster, DynamoTable, TableSse } from '../../../src/inventory/types';
import { ACCOUNT, ok } from '../inventory';

export const tableArn = (name: string): string => `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/${name}`;

/** An ACTIVE table on the given key (null: the AWS owned key), with point-in-time recovery on. */
export function table(name: string, sse: TableSse | null = null, extra: Partial<DynamoTable> = {}): DynamoTable {
  return {
    name,
    arn: tableArn(name),
    details: ok({ status: 'ACTIVE', sse }),
    pitr: ok({ status: 'ENABLED', recoveryPeriodDays: 35 }),
    ...extra,
  };
}

/** SSEDescription of a table on the KMS key `keyArn`. */
export const kmsSse = (keyArn: string): TableSse => ({ status: 'ENABLED', type: 'KMS', kmsKeyArn: keyArn });

/** An available DAX cluster with server-side encryption on. */
export function daxCluster(name: string, extra: Partial<DaxCluster> = {}): DaxCluster {
  return { name, arn: `arn:aws:dax:us-east-1:${ACCOUNT}:cache/${name}`, status: 'available', sseStatus: 'ENABLED', endpointEncryption: 'TLS', ...extra };
}
