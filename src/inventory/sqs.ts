import type { Read } from './read';

/** `queues`: ListQueues, then GetQueueAttributes per queue (SQS has no bulk read of queue attributes). */
export const SQS_READS = ['queues'] as const;

/** What GetQueueAttributes returned for the attributes the checks judge. */
export interface SqsQueueAttributes {
  /** The queue policy document; null when the queue has none (SQS omits the attribute). */
  policy: string | null;
  /** The KMS key (id, alias or ARN) of SSE-KMS; absent when SSE-KMS is off. */
  kmsMasterKeyId?: string;
  /**
   * SqsManagedSseEnabled as returned. SQS turns SSE-SQS on for queues created since late 2022 unless told not
   * to; absent when the answer did not hold it (older queues that never had it), which means no SSE-SQS.
   */
  sqsManagedSseEnabled?: boolean;
}

export interface SqsQueue {
  name: string;
  url: string;
  /** Built from the URL, so a queue keeps its ARN whether or not its attributes could be read. */
  arn: string;
  attributes: Read<SqsQueueAttributes>;
}

/** A field is absent when its read was not asked for (no selected check needed it). */
export interface SqsRegion {
  queues?: Read<SqsQueue[]>;
}
