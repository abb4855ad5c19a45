import type { SqsQueue, SqsQueueAttributes, SqsRegion } from '../../../src/inventory/types';
import { ACCOUNT, ok } from '../inventory';

/* Typed SQS inventory for check tests: complete objects with defaults, overridable field by field. */

export const queueArn = (name: string, region = 'us-east-1'): string => `arn:aws:sqs:${region}:${ACCOUNT}:${name}`;

/** A queue with SSE-SQS on and no policy; override its attributes (or the whole read) as a test needs. */
export function queue(name: string, attributes: Partial<SqsQueueAttributes> = {}, region = 'us-east-1'): SqsQueue {
  return {
    name,
    url: `https://sqs.${region}.amazonaws.com/${ACCOUNT}/${name}`,
    arn: queueArn(name, region),
    attributes: ok({ policy: null, sqsManagedSseEnabled: true, ...attributes }),
  };
}

/** An SQS region holding these queues. */
export function sqsRegion(queues: SqsQueue[]): SqsRegion {
  return { queues: ok(queues) };
}

export function policy(...statements: object[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}
