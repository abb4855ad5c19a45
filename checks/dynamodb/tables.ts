import type { CheckResult, ResourceRef } from '../../src/evaluate/types';
import { accountResource, eachRegion, withRead } from '../../src/evaluate/results';
import type { DynamoTable, Inventory } from '../../src/inventory/types';

export const tableResource = (t: DynamoTable): ResourceRef => ({ type: 'AwsDynamoDbTable', id: t.name, arn: t.arn });

/** Tables being deleted are not judged (known only when DescribeTable was read). */
const deleting = (t: DynamoTable): boolean => t.details?.ok === true && t.details.value.status === 'DELETING';

/** Every table of every audited region, judged; a region whose tables could not be listed yields one ERROR. */
export function eachTable(inventory: Inventory, judge: (t: DynamoTable, region: string) => CheckResult): CheckResult[] {
  return eachRegion(inventory, 'dynamodb', inventory.dynamodb, (data, region) =>
    withRead(
      data.tables,
      region,
      accountResource(inventory),
      (tables) => tables.filter((t) => !deleting(t)).map((t) => judge(t, region)),
      `DynamoDB tables in ${region}`,
    ),
  );
}
