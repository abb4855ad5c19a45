import { GetTopicAttributesCommand, paginateListTopics, SNSClient } from '@aws-sdk/client-sns';
import type { SnsRegion, SnsTopic, SnsTopicAttributes } from '../inventory/sns';
import { attempt, attemptOrNone, collectList, expectFields, gone, mapBounded, present } from './attempt';
import type { RegionalCollector } from './collector';

/** Codes of a topic deleted between the listing and the attribute read. */
const GONE = ['NotFound', 'NotFoundException'];

/**
 * SNS in one region: ListTopics (paginated by NextToken, 100 topics a page), then one GetTopicAttributes call per
 * topic, which grows with the number of topics: SNS has no bulk read of topic attributes. Every topic has a policy
 * (SNS writes a default one) and TopicArn in its attributes; KmsMasterKeyId is present only when server-side
 * encryption is on. A topic deleted between the two calls is left out.
 */
export const snsCollector: RegionalCollector<'sns'> = {
  scope: 'regional',
  async collect(ctx, region): Promise<SnsRegion> {
    if (!ctx.wants('sns.topics')) return {};
    const client = ctx.aws.client('sns', SNSClient, region);
    const site = { service: 'sns', region };
    const topics = await attempt({ ...site, operation: 'ListTopics' }, async () => {
      const listed = await collectList(paginateListTopics({ client }, {}), 'Topics');
      const arns = listed.flatMap((t) => (t.TopicArn ? [t.TopicArn] : []));
      const read = await mapBounded(arns, ctx.aws.concurrencyOf('sns'), async (arn): Promise<SnsTopic | undefined> => {
        const name = arn.slice(arn.lastIndexOf(':') + 1);
        const attributes = await attemptOrNone({ ...site, operation: 'GetTopicAttributes' }, GONE, async (): Promise<SnsTopicAttributes> => {
          const out = await client.send(new GetTopicAttributesCommand({ TopicArn: arn }));
          const attrs = expectFields(expectFields(out, ['Attributes']).Attributes, ['TopicArn']);
          return { policy: attrs.Policy ?? null, ...(attrs.KmsMasterKeyId ? { kmsMasterKeyId: attrs.KmsMasterKeyId } : {}) };
        });
        return gone(attributes) ? undefined : { name, arn, attributes: present(attributes) };
      });
      return read.filter((t): t is SnsTopic => t !== undefined);
    });
    return { topics };
  },
};
