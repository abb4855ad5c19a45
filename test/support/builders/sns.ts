import type { SnsRegion, SnsTopic, SnsTopicAttributes } from '../../../src/inventory/types';
import { ACCOUNT, ok } from '../inventory';

/* Typed SNS inventory for check tests: complete objects with defaults, overridable field by field. */

export const topicArn = (name: string, region = 'us-east-1'): string => `arn:aws:sns:${region}:${ACCOUNT}:${name}`;

/** The policy SNS writes on every new topic: everyone, pinned to the owner account by AWS:SourceOwner. */
export function defaultTopicPolicy(name: string): string {
  return JSON.stringify({
    Version: '2008-10-17',
    Id: '__default_policy_ID',
    Statement: [
      {
        Sid: '__default_statement_ID',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: ['SNS:GetTopicAttributes', 'SNS:SetTopicAttributes', 'SNS:AddPermission', 'SNS:RemovePermission', 'SNS:DeleteTopic', 'SNS:Subscribe', 'SNS:ListSubscriptionsByTopic', 'SNS:Publish'],
        Resource: topicArn(name),
        Condition: { StringEquals: { 'AWS:SourceOwner': ACCOUNT } },
      },
    ],
  });
}

/** A topic with the default policy and no KMS key; override its attributes as a test needs. */
export function topic(name: string, attributes: Partial<SnsTopicAttributes> = {}, region = 'us-east-1'): SnsTopic {
  return { name, arn: topicArn(name, region), attributes: ok({ policy: defaultTopicPolicy(name), ...attributes }) };
}

/** An SNS region holding these topics. */
export function snsRegion(topics: SnsTopic[]): SnsRegion {
  return { topics: ok(topics) };
}
