import type { Check } from '../../src/evaluate/types';
import { fail, pass } from '../../src/evaluate/results';
import { eachQueue } from './queues';

const check: Check = {
  id: 'sqs.encrypted',
  title: 'SQS queues encrypt messages at rest',
  severity: 'medium',
  hipaa: ['164.312(a)(2)(iv)'],
  controls: ['SQS.1'],
  description:
    'Server-side encryption keeps the ePHI in queued messages encrypted at rest, with keys owned by SQS (SSE-SQS) or ' +
    'a KMS key (SSE-KMS, whose key policy adds a second access control and logs every use in CloudTrail). SQS turns ' +
    'SSE-SQS on for queues created since late 2022 unless told not to; older queues, and queues created with it ' +
    'off, keep messages unencrypted until it is turned on.',
  remediation: {
    text:
      'SQS console > queue > Edit > Encryption > Enabled, or `aws sqs set-queue-attributes --queue-url <URL> --attributes ' +
      'SqsManagedSseEnabled=true` (SSE-SQS), or `--attributes KmsMasterKeyId=<KEY_ARN>` (SSE-KMS; producers then need ' +
      'kms:GenerateDataKey and consumers kms:Decrypt on the key). Messages already in the queue are not re-encrypted.',
    url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html',
  },
  reads: ['sqs.queues'],
  evaluate(inventory) {
    return eachQueue(inventory, (queue, attributes, resource, region) => {
      const key = attributes.kmsMasterKeyId;
      if (key !== undefined) {
        const which = key === 'alias/aws/sqs' ? 'the AWS managed key alias/aws/sqs' : `KMS key ${key}`;
        return [pass(region, resource, `queue ${queue.name} encrypts messages at rest with SSE-KMS using ${which} (KmsMasterKeyId)`)];
      }
      if (attributes.sqsManagedSseEnabled === true) {
        return [pass(region, resource, `queue ${queue.name} encrypts messages at rest with SSE-SQS, keys owned by SQS (SqsManagedSseEnabled=true)`)];
      }
      const sse =
        attributes.sqsManagedSseEnabled === false
          ? 'SqsManagedSseEnabled is false'
          : 'SqsManagedSseEnabled was not returned (queues that never had SSE-SQS on report none)';
      return [fail(region, resource, `queue ${queue.name} does not encrypt messages at rest: no KmsMasterKeyId is set and ${sse}`)];
    });
  },
};

export default check;
