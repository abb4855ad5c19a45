import type { Check } from '../../src/evaluate/types';
import { result } from '../../src/evaluate/results';
import { tlsOnlyVerdict } from '../../src/judge/policy';
import { eachQueue } from './queues';

const check: Check = {
  id: 'sqs.tls-only',
  title: 'SQS queue policies deny requests that do not use TLS',
  severity: 'medium',
  hipaa: ['164.312(e)(1)'],
  controls: [],
  description:
    'SQS accepts requests over plain HTTP unless the queue policy denies them. A Deny for Principal "*" with ' +
    'Condition Bool aws:SecureTransport=false, covering the queue and sqs:* (or at least sqs:SendMessage and ' +
    'sqs:ReceiveMessage, the actions that carry message bodies), guarantees that ePHI in messages only travels ' +
    'encrypted, whichever client sends or receives it. A Deny narrowed by extra conditions, fewer actions, ' +
    'specific principals or other resources does not count.',
  remediation: {
    text:
      'Add to the queue policy (SQS console > queue > Access policy, or `aws sqs set-queue-attributes --queue-url <URL> ' +
      '--attributes Policy=<JSON>`): {"Sid":"DenyInsecureTransport","Effect":"Deny","Principal":"*","Action":"sqs:*",' +
      '"Resource":"<QUEUE_ARN>","Condition":{"Bool":{"aws:SecureTransport":"false"}}}.',
    url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-security-best-practices.html',
  },
  reads: ['sqs.queues'],
  evaluate(inventory) {
    return eachQueue(inventory, (queue, attributes, resource, region) => {
      const verdict = tlsOnlyVerdict(attributes.policy, `queue ${queue.name}`, { service: 'sqs', arn: queue.arn });
      return [result(verdict.status, region, resource, verdict.message)];
    });
  },
};

export default check;
