import { GetQueueAttributesCommand, ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { sqsCollector } from '../../src/collect/sqs';
import { awsError, collectContext } from '../support/inventory';
import { inOrder } from '../support/pages';

const sqs = mockClient(SQSClient);
beforeEach(() => sqs.reset());

const url = (name: string) => `https://sqs.us-east-1.amazonaws.com/111122223333/${name}`;
const arn = (name: string) => `arn:aws:sqs:us-east-1:111122223333:${name}`;
const POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 'sqs:*', Resource: arn('a') }] });

describe('sqs collector', () => {
  it('lists queues across pages with MaxResults 1000 and reads the attributes of each one', async () => {
    const pages = inOrder([{ QueueUrls: [url('a'), url('b')], NextToken: 't1' }, { QueueUrls: [url('c')] }], { sent: 'NextToken', given: 'NextToken' });
    sqs.on(ListQueuesCommand).callsFake(pages.fake);
    sqs.on(GetQueueAttributesCommand, { QueueUrl: url('a') }).resolves({ Attributes: { QueueArn: arn('a'), Policy: POLICY, SqsManagedSseEnabled: 'true' } });
    sqs.on(GetQueueAttributesCommand, { QueueUrl: url('b') }).resolves({ Attributes: { QueueArn: arn('b'), KmsMasterKeyId: 'alias/aws/sqs', SqsManagedSseEnabled: 'false' } });
    // An old queue that never had SSE-SQS: the attribute is not in the answer.
    sqs.on(GetQueueAttributesCommand, { QueueUrl: url('c') }).resolves({ Attributes: { QueueArn: arn('c') } });
    const ctx = collectContext();
    const data = await sqsCollector.collect(ctx, 'us-east-1');

    expect(pages.inputs).toEqual([{ MaxResults: 1000 }, { MaxResults: 1000, NextToken: 't1' }]);
    expect(data.queues).toEqual({
      ok: true,
      value: [
        { name: 'a', url: url('a'), arn: arn('a'), attributes: { ok: true, value: { policy: POLICY, sqsManagedSseEnabled: true } } },
        { name: 'b', url: url('b'), arn: arn('b'), attributes: { ok: true, value: { policy: null, kmsMasterKeyId: 'alias/aws/sqs', sqsManagedSseEnabled: false } } },
        { name: 'c', url: url('c'), arn: arn('c'), attributes: { ok: true, value: { policy: null } } },
      ],
    });
    expect(sqs.commandCalls(GetQueueAttributesCommand).map((c) => c.args[0].input)).toEqual(
      ['a', 'b', 'c'].map((n) => ({ QueueUrl: url(n), AttributeNames: ['QueueArn', 'Policy', 'KmsMasterKeyId', 'SqsManagedSseEnabled'] })),
    );
    expect(ctx.aws.apiCalls.byOperation()).toEqual({ 'sqs:ListQueues': 2, 'sqs:GetQueueAttributes': 3 });
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
  });

  it('reads a region without queues (ListQueues then omits QueueUrls) as no queues, with one call', async () => {
    sqs.on(ListQueuesCommand).resolves({});
    const ctx = collectContext();
    expect(await sqsCollector.collect(ctx, 'us-east-1')).toEqual({ queues: { ok: true, value: [] } });
    expect(ctx.aws.apiCalls.byOperation()).toEqual({ 'sqs:ListQueues': 1 });
  });

  it('records AccessDenied on the listing as a failed read, and on one queue for that queue only', async () => {
    sqs.on(ListQueuesCommand).rejects(awsError('AccessDenied', 'not authorized to perform sqs:ListQueues', 403));
    expect(await sqsCollector.collect(collectContext(), 'eu-west-1')).toEqual({
      queues: { ok: false, error: { service: 'sqs', region: 'eu-west-1', operation: 'ListQueues', code: 'AccessDenied', message: 'not authorized to perform sqs:ListQueues' } },
    });

    sqs.reset();
    sqs.on(ListQueuesCommand).resolves({ QueueUrls: [url('a'), url('b')] });
    sqs.on(GetQueueAttributesCommand, { QueueUrl: url('a') }).rejects(awsError('AccessDenied', 'not authorized to perform sqs:GetQueueAttributes', 403));
    sqs.on(GetQueueAttributesCommand, { QueueUrl: url('b') }).resolves({ Attributes: { QueueArn: arn('b'), SqsManagedSseEnabled: 'true' } });
    const data = await sqsCollector.collect(collectContext(), 'us-east-1');
    const [a, b] = data.queues?.ok ? data.queues.value : [];
    expect(a).toEqual({
      name: 'a',
      url: url('a'),
      arn: arn('a'),
      attributes: { ok: false, error: { service: 'sqs', region: 'us-east-1', operation: 'GetQueueAttributes', code: 'AccessDenied', message: 'not authorized to perform sqs:GetQueueAttributes' } },
    });
    expect(b?.attributes).toEqual({ ok: true, value: { policy: null, sqsManagedSseEnabled: true } });
  });

  it.each([
    ['an empty answer', {}, 'Attributes'],
    ['attributes without QueueArn', { Attributes: { Policy: POLICY } }, 'QueueArn'],
  ])('records %s as IncompleteAnswer for that queue, never as "no policy, no encryption"', async (_, answer, missing) => {
    sqs.on(ListQueuesCommand).resolves({ QueueUrls: [url('a')] });
    sqs.on(GetQueueAttributesCommand).resolves(answer);
    const data = await sqsCollector.collect(collectContext(), 'us-east-1');
    expect(data.queues?.ok && data.queues.value[0]?.attributes).toEqual({
      ok: false,
      error: { service: 'sqs', region: 'us-east-1', operation: 'GetQueueAttributes', code: 'IncompleteAnswer', message: `the answer lacks ${missing}, which AWS always returns` },
    });
  });

  it.each(['QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue'])('leaves out a queue deleted since it was listed (%s)', async (code) => {
    sqs.on(ListQueuesCommand).resolves({ QueueUrls: [url('gone'), url('b')] });
    sqs.on(GetQueueAttributesCommand, { QueueUrl: url('gone') }).rejects(awsError(code, 'The specified queue does not exist.'));
    sqs.on(GetQueueAttributesCommand, { QueueUrl: url('b') }).resolves({ Attributes: { QueueArn: arn('b') } });
    const data = await sqsCollector.collect(collectContext(), 'us-east-1');
    expect(data.queues?.ok && data.queues.value.map((q) => q.name)).toEqual(['b']);
  });

  it('builds the ARN from the URL and the partition', async () => {
    sqs.on(ListQueuesCommand).resolves({ QueueUrls: ['https://sqs.us-gov-west-1.amazonaws.com/444455556666/claims.fifo'] });
    sqs.on(GetQueueAttributesCommand).resolves({ Attributes: { QueueArn: 'arn:aws-us-gov:sqs:us-gov-west-1:444455556666:claims.fifo' } });
    const data = await sqsCollector.collect({ ...collectContext(), partition: 'aws-us-gov' }, 'us-gov-west-1');
    expect(data.queues?.ok && data.queues.value[0]).toMatchObject({ name: 'claims.fifo', arn: 'arn:aws-us-gov:sqs:us-gov-west-1:444455556666:claims.fifo' });
  });

  it('makes no call when no selected check needs queues', async () => {
    const ctx = collectContext(['us-east-1'], ['s3.buckets']);
    expect(await sqsCollector.collect(ctx, 'us-east-1')).toEqual({});
    expect(sqs.calls()).toHaveLength(0);
    expect(ctx.aws.apiCalls.byOperation()).toEqual({});
  });
});
