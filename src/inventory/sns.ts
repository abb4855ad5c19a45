import type { Read } from './read';

/** `topics`: ListTopics, then GetTopicAttributes per topic (SNS has no bulk read of topic attributes). */
export const SNS_READS = ['topics'] as const;

/** What GetTopicAttributes returned for the attributes the checks judge. */
export interface SnsTopicAttributes {
  /** The topic policy document (SNS gives every topic a default one); null when the answer held none. */
  policy: string | null;
  /** The KMS key (id, alias or ARN) of server-side encryption; absent when the topic has no SSE. */
  kmsMasterKeyId?: string;
}

export interface SnsTopic {
  /** The last part of the ARN. */
  name: string;
  arn: string;
  attributes: Read<SnsTopicAttributes>;
}

/** A field is absent when its read was not asked for (no selected check needed it). */
export interface SnsRegion {
  topics?: Read<SnsTopic[]>;
}
