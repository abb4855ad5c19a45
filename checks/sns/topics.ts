/**
 * Topic iteration shared by the SNS checks. Not a check (it is not listed in checks/index.ts). Policy documents
 * are read by src/judge/policy.ts.
 */
import { accountResource, eachRegion, withRead } from '../../src/evaluate/results';
import type { CheckResult, ResourceRef } from '../../src/evaluate/types';
import type { Inventory, SnsTopic, SnsTopicAttributes } from '../../src/inventory/types';

export function topicResource(topic: SnsTopic): ResourceRef {
  return { type: 'AwsSnsTopic', id: topic.name, arn: topic.arn };
}

/**
 * Calls `judge` for every topic of every audited region whose attributes were read; a topic whose attributes
 * could not be read is one ERROR for that topic, a region whose topics could not be listed one ERROR for the account.
 */
export function eachTopic(
  inventory: Inventory,
  judge: (topic: SnsTopic, attributes: SnsTopicAttributes, resource: ResourceRef, region: string) => CheckResult[],
): CheckResult[] {
  return eachRegion(inventory, 'sns', inventory.sns, (data, region) =>
    withRead(
      data.topics,
      region,
      accountResource(inventory),
      (topics) =>
        topics.flatMap((topic) => {
          const resource = topicResource(topic);
          return withRead(topic.attributes, region, resource, (attributes) => judge(topic, attributes, resource, region), `the attributes of topic ${topic.name}`);
        }),
      `the SNS topic list in ${region}`,
    ),
  );
}
