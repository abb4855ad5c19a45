import { GetQueueAttributesCommand, paginateListQueues, SQSClient, type QueueAttributeName } from '@aws-sdk/client-sqs';
import type { SqsQueue, SqsQueueAttributes, SqsRegion } from '../inventory/sqs';
import { attempt, attemptOrNone, collectPages, expectFields, gone, mapBounded, present } from './attempt';
import type { RegionalCollector } from './collector';

/** The attributes the checks judge, plus QueueArn, which every answer holds (an answer without it is incomplete). */
const ATTRIBUTES: QueueAttributeName[] = ['QueueArn', 'Policy', 'KmsMasterKeyId', 'SqsManagedSseEnabled'];

/** Codes of a queue deleted between the listing and the attribute read (JSON and legacy query spellings). */
const GONE = ['QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue'];

/**
 * SQS in one region: ListQueues (paginated; MaxResults 1000, without which SQS returns at most 1000 queues and
 * no NextToken), then one GetQueueAttributes call per queue, which grows with the number of queues: SQS has no
 * bulk read of queue attributes. ListQueues omits QueueUrls when the region has no queue, so an answer without
 * it means "no queues", not an incomplete answer. A queue deleted between the two calls is left out.
 */
export const sqsCollector: RegionalCollector<'sqs'> = {
  scope: 'regional',
  async collect(ctx, region): Promise<SqsRegion> {
    if (!ctx.wants('sqs.queues')) return {};
    const client = ctx.aws.client('sqs', SQSClient, region);
    const site = { service: 'sqs', region };
    const queues = await attempt({ ...site, operation: 'ListQueues' }, async () => {
      const urls = await collectPages(paginateListQueues({ client }, { MaxResults: 1000 }), (page) => page.QueueUrls ?? []);
      const read = await mapBounded(urls, ctx.aws.concurrencyOf('sqs'), async (url): Promise<SqsQueue | undefined> => {
        const { name, arn } = fromUrl(url, ctx.partition, region, ctx.accountId);
        const attributes = await attemptOrNone({ ...site, operation: 'GetQueueAttributes' }, GONE, async (): Promise<SqsQueueAttributes> => {
          const out = await client.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ATTRIBUTES }));
          const attrs = expectFields(expectFields(out, ['Attributes']).Attributes, ['QueueArn']);
          const sse = attrs.SqsManagedSseEnabled;
          return {
            policy: attrs.Policy ?? null,
            ...(attrs.KmsMasterKeyId ? { kmsMasterKeyId: attrs.KmsMasterKeyId } : {}),
            ...(sse !== undefined ? { sqsManagedSseEnabled: sse.toLowerCase() === 'true' } : {}),
          };
        });
        return gone(attributes) ? undefined : { name, url, arn, attributes: present(attributes) };
      });
      return read.filter((q): q is SqsQueue => q !== undefined);
    });
    return { queues };
  },
};

/** `https://sqs.<region>.amazonaws.com/<account>/<name>` → the queue's name and ARN. */
function fromUrl(url: string, partition: string, region: string, accountId: string): { name: string; arn: string } {
  const parts = url.replace(/\/+$/, '').split('/');
  const name = parts[parts.length - 1] ?? url;
  const account = parts[parts.length - 2];
  const owner = account && /^\d{12}$/.test(account) ? account : accountId;
  return { name, arn: `arn:${partition}:sqs:${region}:${owner}:${name}` };
}
