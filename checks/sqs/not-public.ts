import type { Check } from '../../src/evaluate/types';
import { result } from '../../src/evaluate/results';
import { exposureVerdict, policyExposure } from '../../src/judge/policy';
import { eachQueue } from './queues';

const check: Check = {
  id: 'sqs.not-public',
  title: 'SQS queue policies do not allow public access',
  severity: 'critical',
  hipaa: ['164.312(a)(1)'],
  controls: ['SQS.3'],
  description:
    'A queue is public when its policy allows Principal "*" (or {"AWS": "*"}, or everyone but a NotPrincipal) without ' +
    'a condition that pins the caller or source to fixed values: aws:SourceAccount, aws:SourceArn (an ARN in one ' +
    'account), aws:PrincipalOrgID, aws:SourceVpce and the like, with no wildcard or policy variable in them. ' +
    'IfExists, ForAllValues and negated operators do not pin anything. A Deny for everyone outside fixed callers ' +
    'covering the grant also makes it non-public. Anyone could then read (or inject) messages carrying ePHI.',
  remediation: {
    text:
      'SQS console > queue > Access policy: replace Principal "*" with the accounts or roles that need the queue, or ' +
      'keep it and add a condition on a fixed value, e.g. "Condition":{"ArnEquals":{"aws:SourceArn":"<TOPIC_ARN>"}} for an ' +
      'SNS subscription or {"StringEquals":{"aws:PrincipalOrgID":"<ORG_ID>"}} for your organization; apply it with ' +
      '`aws sqs set-queue-attributes --queue-url <URL> --attributes Policy=<JSON>`.',
    url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-basic-examples-of-sqs-policies.html',
  },
  reads: ['sqs.queues'],
  evaluate(inventory) {
    return eachQueue(inventory, (queue, attributes, resource, region) => {
      const verdict = exposureVerdict(`queue ${queue.name}`, [policyExposure(attributes.policy, 'queue policy')]);
      return [result(verdict.status, region, resource, verdict.message)];
    });
  },
};

export default check;
