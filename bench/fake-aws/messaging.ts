import { ACCOUNT_ID, type SyntheticAccount } from './account';
import { page, range, regionIndex, type Handler } from './call';
import { json, jsonError, queryAnswer, queryError, restJson, xmlMap } from './wire';

/* Messaging and compute: SQS (JSON 1.0), SNS (query protocol) and Lambda (REST-JSON). */

const names = (account: SyntheticAccount, prefix: string, region: string) => range(account.perRegion).map((i) => `${prefix}-${regionIndex(account, region)}-${i}`);

/** A resource policy that lets anyone in (resource i = 1 of each kind) or only this account. */
function resourcePolicy(arn: string, action: string, open: boolean): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'owner', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT_ID}:root` }, Action: action, Resource: arn },
      ...(open ? [{ Sid: 'open', Effect: 'Allow', Principal: '*', Action: action, Resource: arn }] : []),
      { Sid: 'tls', Effect: 'Deny', Principal: '*', Action: action, Resource: arn, Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
    ],
  });
}

export const sqs: Handler = (call, account) => {
  const queues = names(account, 'claims-queue', call.region);
  const url = (name: string) => `https://sqs.${call.region}.amazonaws.com/${ACCOUNT_ID}/${name}`;
  switch (call.target) {
    case 'ListQueues': {
      const p = page(queues, call.body.NextToken as string | undefined, Number(call.body.MaxResults ?? 1000));
      return json({ QueueUrls: p.items.map(url), ...(p.next ? { NextToken: p.next } : {}) });
    }
    case 'GetQueueAttributes': {
      const name = String(call.body.QueueUrl ?? '').split('/').pop() ?? '';
      const i = queues.indexOf(name);
      if (i < 0) return jsonError('AWS.SimpleQueueService.NonExistentQueue', 'The specified queue does not exist.');
      const arn = `arn:aws:sqs:${call.region}:${ACCOUNT_ID}:${name}`;
      return json({
        Attributes: {
          QueueArn: arn,
          ...(i % 3 === 2 ? {} : { Policy: resourcePolicy(arn, 'sqs:SendMessage', i === 1) }),
          // Queue 0 on a KMS key, queue 1 on SSE-SQS, the others unencrypted.
          ...(i === 0 ? { KmsMasterKeyId: 'alias/phi-queues' } : {}),
          SqsManagedSseEnabled: String(i === 1),
        },
      });
    }
    default:
      return jsonError('UnknownOperationException', `${call.target} is not served by the fake`);
  }
};

export const sns: Handler = (call, account) => {
  const action = call.params.get('Action') ?? '';
  const topics = names(account, 'alerts', call.region);
  const arn = (name: string) => `arn:aws:sns:${call.region}:${ACCOUNT_ID}:${name}`;
  switch (action) {
    case 'ListTopics': {
      const p = page(topics, call.params.get('NextToken'), 100);
      return queryAnswer(action, { Topics: p.items.map((t) => ({ TopicArn: arn(t) })), ...(p.next ? { NextToken: p.next } : {}) });
    }
    case 'GetTopicAttributes': {
      const topicArn = call.params.get('TopicArn') ?? '';
      const i = topics.findIndex((t) => arn(t) === topicArn);
      if (i < 0) return queryError('NotFound', 'Topic does not exist', 404);
      return queryAnswer(action, {
        Attributes: xmlMap({
          TopicArn: topicArn,
          Owner: ACCOUNT_ID,
          DisplayName: '',
          SubscriptionsConfirmed: 1,
          SubscriptionsPending: 0,
          ...(i % 3 === 2 ? {} : { Policy: resourcePolicy(topicArn, 'SNS:Publish', i === 1) }),
          ...(i === 0 ? { KmsMasterKeyId: 'alias/aws/sns' } : {}),
        }),
      });
    }
    case 'ListSubscriptionsByTopic': {
      const topicArn = call.params.get('TopicArn') ?? '';
      // Topic 0 has a confirmed subscriber; the others one waiting for confirmation.
      const confirmed = topicArn.endsWith('-0');
      return queryAnswer(action, {
        Subscriptions: [{ SubscriptionArn: confirmed ? `${topicArn}:00000000-0000-0000-0000-000000000001` : 'PendingConfirmation', Owner: ACCOUNT_ID, Protocol: 'email', Endpoint: 'security@example-health.org', TopicArn: topicArn }],
      });
    }
    default:
      return queryError('InvalidAction', `${action} is not served by the fake`);
  }
};

export const lambda: Handler = (call, account) => {
  const functions = names(account, 'intake', call.region);
  const arn = (name: string) => `arn:aws:lambda:${call.region}:${ACCOUNT_ID}:function:${name}`;
  /** The function a path names, by name or ARN. */
  const named = (segment: string) => functions.indexOf(segment.split(':').pop() ?? segment);
  if (call.method === 'GET' && call.path === '/2015-03-31/functions') {
    const p = page(functions, call.query.get('Marker'), Number(call.query.get('MaxItems') ?? 50));
    return restJson('ListFunctions', {
      Functions: p.items.map((name, i) => ({ FunctionName: name, FunctionArn: arn(name), Runtime: i === 2 ? 'python3.8' : 'nodejs22.x', Role: `arn:aws:iam::${ACCOUNT_ID}:role/bench-service-role-1`, Handler: 'index.handler', CodeSize: 1024, MemorySize: 256, Timeout: 30, LastModified: '2025-01-01T00:00:00.000+0000', PackageType: 'Zip', Architectures: ['arm64'] })),
      ...(p.next ? { NextMarker: p.next } : {}),
    });
  }
  const policy = /^\/2015-03-31\/functions\/([^/]+)\/policy$/.exec(call.path);
  if (call.method === 'GET' && policy) {
    const i = named(policy[1] ?? '');
    // Functions without a resource policy: Lambda answers ResourceNotFoundException, as it does in a real account.
    if (i < 0 || i % 2 === 0) return jsonError('ResourceNotFoundException', 'The resource you requested does not exist.', 404, 'GetPolicy');
    const fnArn = arn(functions[i] ?? '');
    return restJson('GetPolicy', { Policy: resourcePolicy(fnArn, 'lambda:InvokeFunction', i === 1), RevisionId: '1' });
  }
  const urls = /^\/2021-10-31\/functions\/([^/]+)\/urls$/.exec(call.path);
  if (call.method === 'GET' && urls) {
    const i = named(urls[1] ?? '');
    if (i < 0) return jsonError('ResourceNotFoundException', 'Function not found', 404, 'ListFunctionUrlConfigs');
    const fnArn = arn(functions[i] ?? '');
    return restJson('ListFunctionUrlConfigs', {
      FunctionUrlConfigs: i === 1 ? [{ FunctionUrl: `https://fn${i}.lambda-url.${call.region}.on.aws/`, FunctionArn: fnArn, AuthType: 'NONE', CreationTime: '2025-01-01T00:00:00.000Z', LastModifiedTime: '2025-01-01T00:00:00.000Z' }] : [],
    });
  }
  return jsonError('UnknownOperationException', `${call.method} ${call.path} is not served by the fake`);
};
