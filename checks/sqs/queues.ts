/**
 * Queue iteration shared by the SQS checks. Not a check (it is not listed in checks/index.ts). Policy documents
 * are read by src/judge/policy.ts.
 */
import { accountResource, eachRegion, withRead } from '../../src/evaluate/results';
import type { CheckResult, ResourceRef } from '../../src/evaluate/types';
import type { Inventory, SqsQueue, SqsQueueAttributes } from '../../src/inventory/types';

export function queueResource(queue: SqsQueue): ResourceRef {
  return { type: 'AwsSqsQueue', id: queue.name, arn: queue.arn };
}

/**
 * Calls `judge` for every queue of every audited region whose attributes were read; a queue whose attributes
 * could not be read is one ERROR for that queue, a region whose queues could not be listed one ERROR for the account.
 */
export function eachQueue(
  inventory: Inventory,
  judge: (queue: SqsQueue, attributes: SqsQueueAttributes, resource: ResourceRef, region: string) => CheckResult[],
): CheckResult[] {
  return eachRegion(inventory, 'sqs', inventory.sqs, (data, region) =>
    withRead(
      data.queues,
      region,
      accountResource(inventory),
      (queues) =>
        queues.flatMap((queue) => {
          const resource = queueResource(queue);
          return withRead(queue.attributes, region, resource, (attributes) => judge(queue, attributes, resource, region), `the attributes of queue ${queue.name}`);
        }),
      `the SQS queue list in ${region}`,
    ),
  );
}
