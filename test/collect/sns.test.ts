import { GetTopicAttributesCommand, ListTopicsCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { snsCollector } from '../../src/collect/sns';
import { awsError, collectContext } from '../support/inventory';
import { inOrder } from '../support/pages';

const sns = mockClient(SNSClient);
beforeEach(() => sns.reset());

const arn = (name: string) => `arn:aws:sns:us-east-1:111122223333:${name}`;
const POLICY = JSON.stringify({ Version: '2008-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'SNS:Publish', Resource: arn('a'), Condition: { StringEquals: { 'AWS:SourceOwner': '111122223333' } } }] });

describe('sns collector', () => {
  it('lists topics across pages and reads the attributes of each one', async () => {
    const pages = inOrder([{ Topics: [{ TopicArn: arn('a') }], NextToken: 'n1' }, { Topics: [{ TopicArn: arn('lab-results.fifo') }] }], { sent: 'NextToken', given: 'NextToken' });
    sns.on(ListTopicsCommand).callsFake(pages.fake);
    sns.on(GetTopicAttributesCommand, { TopicArn: arn('a') }).resolves({ Attributes: { TopicArn: arn('a'), Owner: '111122223333', Policy: POLICY } });
    sns.on(GetTopicAttributesCommand, { TopicArn: arn('lab-results.fifo') }).resolves({
      Attributes: { TopicArn: arn('lab-results.fifo'), Policy: POLICY, KmsMasterKeyId: 'arn:aws:kms:us-east-1:111122223333:key/k1' },
    });
    const ctx = collectContext();
    const data = await snsCollector.collect(ctx, 'us-east-1');

    expect(pages.inputs).toEqual([{}, { NextToken: 'n1' }]);
    expect(data.topics).toEqual({
      ok: true,
      value: [
        { name: 'a', arn: arn('a'), attributes: { ok: true, value: { policy: POLICY } } },
        { name: 'lab-results.fifo', arn: arn('lab-results.fifo'), attributes: { ok: true, value: { policy: POLICY, kmsMasterKeyId: 'arn:aws:kms:us-east-1:111122223333:key/k1' } } },
      ],
    });
    expect(ctx.aws.apiCalls.byOperation()).toEqual({ 'sns:ListTopics': 2, 'sns:GetTopicAttributes': 2 });
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
  });

  it('reads an empty topic list as no topics, with one call', async () => {
    sns.on(ListTopicsCommand).resolves({ Topics: [] });
    const ctx = collectContext();
    expect(await snsCollector.collect(ctx, 'us-east-1')).toEqual({ topics: { ok: true, value: [] } });
    expect(ctx.aws.apiCalls.byOperation()).toEqual({ 'sns:ListTopics': 1 });
  });

  it('records a listing without Topics as IncompleteAnswer, and an attribute answer without Attributes or TopicArn for its topic', async () => {
    sns.on(ListTopicsCommand).resolves({});
    expect(await snsCollector.collect(collectContext(), 'us-east-1')).toEqual({
      topics: { ok: false, error: { service: 'sns', region: 'us-east-1', operation: 'ListTopics', code: 'IncompleteAnswer', message: 'the answer lacks Topics, which AWS always returns' } },
    });

    sns.reset();
    sns.on(ListTopicsCommand).resolves({ Topics: [{ TopicArn: arn('a') }, { TopicArn: arn('b') }] });
    sns.on(GetTopicAttributesCommand, { TopicArn: arn('a') }).resolves({});
    sns.on(GetTopicAttributesCommand, { TopicArn: arn('b') }).resolves({ Attributes: { Policy: POLICY } });
    const data = await snsCollector.collect(collectContext(), 'us-east-1');
    const [a, b] = data.topics?.ok ? data.topics.value : [];
    expect(a?.attributes).toMatchObject({ ok: false, error: { operation: 'GetTopicAttributes', code: 'IncompleteAnswer', message: 'the answer lacks Attributes, which AWS always returns' } });
    expect(b?.attributes).toMatchObject({ ok: false, error: { code: 'IncompleteAnswer', message: 'the answer lacks TopicArn, which AWS always returns' } });
  });

  it('records AccessDenied on the listing, and on one topic for that topic only', async () => {
    sns.on(ListTopicsCommand).rejects(awsError('AuthorizationError', 'not authorized to perform SNS:ListTopics', 403));
    expect(await snsCollector.collect(collectContext(), 'us-east-1')).toEqual({
      topics: { ok: false, error: { service: 'sns', region: 'us-east-1', operation: 'ListTopics', code: 'AuthorizationError', message: 'not authorized to perform SNS:ListTopics' } },
    });

    sns.reset();
    sns.on(ListTopicsCommand).resolves({ Topics: [{ TopicArn: arn('a') }, { TopicArn: arn('b') }] });
    sns.on(GetTopicAttributesCommand, { TopicArn: arn('a') }).rejects(awsError('AuthorizationError', 'not authorized to perform SNS:GetTopicAttributes', 403));
    sns.on(GetTopicAttributesCommand, { TopicArn: arn('b') }).resolves({ Attributes: { TopicArn: arn('b'), Policy: POLICY } });
    const data = await snsCollector.collect(collectContext(), 'us-east-1');
    const [a, b] = data.topics?.ok ? data.topics.value : [];
    expect(a).toEqual({
      name: 'a',
      arn: arn('a'),
      attributes: { ok: false, error: { service: 'sns', region: 'us-east-1', operation: 'GetTopicAttributes', code: 'AuthorizationError', message: 'not authorized to perform SNS:GetTopicAttributes' } },
    });
    expect(b?.attributes.ok).toBe(true);
  });

  it('leaves out a topic deleted since it was listed', async () => {
    sns.on(ListTopicsCommand).resolves({ Topics: [{ TopicArn: arn('gone') }, { TopicArn: arn('b') }] });
    sns.on(GetTopicAttributesCommand, { TopicArn: arn('gone') }).rejects(awsError('NotFoundException', 'Topic does not exist', 404));
    sns.on(GetTopicAttributesCommand, { TopicArn: arn('b') }).resolves({ Attributes: { TopicArn: arn('b'), Policy: POLICY } });
    const data = await snsCollector.collect(collectContext(), 'us-east-1');
    expect(data.topics?.ok && data.topics.value.map((t) => t.name)).toEqual(['b']);
  });

  it('makes no call when no selected check needs topics', async () => {
    const ctx = collectContext(['us-east-1'], ['sqs.queues']);
    expect(await snsCollector.collect(ctx, 'us-east-1')).toEqual({});
    expect(sns.calls()).toHaveLength(0);
  });
});
