import check from '../../../checks/sqs/not-public';
import type { CheckResult } from '../../../src/evaluate/types';
import type { SqsQueue } from '../../../src/inventory/types';
import { checkContext, denied, failed, inventory, statuses } from '../../support/inventory';
import { policy, queue, queueArn, sqsRegion } from '../../support/builders/sqs';

function run(q: SqsQueue): CheckResult {
  const results = check.evaluate(inventory({ sqs: { 'us-east-1': sqsRegion([q]) } }), checkContext());
  expect(results).toHaveLength(1);
  return results[0] as CheckResult;
}
const ARN = queueArn('claims-intake');
const withPolicy = (...statements: object[]) => queue('claims-intake', { policy: policy(...statements) });
const send = (extra: object) => ({ Sid: 'Send', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: ARN, ...extra });

describe('sqs.not-public', () => {
  it('has the exact metadata', () => {
    expect(check).toMatchObject({ id: 'sqs.not-public', severity: 'critical', hipaa: ['164.312(a)(1)'], controls: ['SQS.3'], reads: ['sqs.queues'] });
  });

  it('passes a queue without a policy and names it', () => {
    const r = run(queue('claims-intake'));
    expect(r).toMatchObject({ status: 'PASS', region: 'us-east-1', resource: { type: 'AwsSqsQueue', id: 'claims-intake', arn: ARN } });
    expect(r.message).toBe('queue claims-intake is not public: no queue policy');
  });

  it('a queue policy whose * is bound by aws:SourceAccount: PASS', () => {
    const r = run(withPolicy(send({ Principal: '*', Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } } })));
    expect(r.status).toBe('PASS');
    expect(r.message).toBe('queue claims-intake is not public: its queue policy statements for Principal "*" are limited by conditions on fixed sources or principals (statement "Send")');
  });

  it.each([
    ['an SNS subscription bound by aws:SourceArn', { ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:111122223333:lab-results' } }],
    ['the organization', { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } }],
    ['a VPC endpoint', { StringEquals: { 'aws:SourceVpce': 'vpce-0a1b2c3d' } }],
    ['topics of one account, by ARN pattern', { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:111122223333:*' } }],
  ])('passes Principal "*" bound to %s', (_, condition) => {
    expect(run(withPolicy(send({ Principal: { AWS: '*' }, Condition: condition }))).status).toBe('PASS');
  });

  it('fails Principal "*" without conditions and says what it grants', () => {
    const r = run(withPolicy(send({ Principal: '*', Action: ['sqs:SendMessage', 'sqs:ReceiveMessage'] })));
    expect(r.status).toBe('FAIL');
    expect(r.message).toBe('queue claims-intake is public: its queue policy allows sqs:SendMessage, sqs:ReceiveMessage to Principal "*" without conditions (statement "Send")');
  });

  it.each([
    ['a wildcard source account', { StringLike: { 'aws:SourceAccount': '*' } }, 'aws:SourceAccount'],
    ['an IfExists source ARN', { ArnEqualsIfExists: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:111122223333:t' } }, 'aws:SourceArn'],
    ['a negated organization condition', { StringNotEquals: { 'aws:PrincipalOrgID': 'o-abc123' } }, 'aws:PrincipalOrgID'],
    ['a source ARN in any account', { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:*:lab-results' } }, 'aws:SourceArn'],
    ['a transport condition only', { Bool: { 'aws:SecureTransport': 'true' } }, 'aws:SecureTransport'],
  ])('fails Principal "*" with %s', (_, condition, key) => {
    const r = run(withPolicy(send({ Principal: '*', Condition: condition })));
    expect(r.status).toBe('FAIL');
    expect(r.message).toContain(`with conditions that do not restrict the caller (${key})`);
  });

  it('fails NotPrincipal and NotAction grants', () => {
    expect(run(withPolicy(send({ NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' } }))).message).toContain('allows sqs:SendMessage to everyone except its NotPrincipal (statement "Send")');
    expect(run(withPolicy({ Effect: 'Allow', Principal: '*', NotAction: 'sqs:DeleteQueue', Resource: ARN })).message).toContain('allows every action except sqs:DeleteQueue to Principal "*"');
  });

  it('passes an open grant that a Deny limits to the organization', () => {
    const r = run(
      withPolicy(send({ Principal: '*' }), { Sid: 'OrgOnly', Effect: 'Deny', Principal: '*', Action: 'sqs:*', Resource: ARN, Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } }),
    );
    expect(r.status).toBe('PASS');
    expect(r.message).toContain('(statement "Send", by the Deny in statement "OrgOnly")');
  });

  it('passes grants to accounts, and notes a service grant without a source binding', () => {
    const r = run(withPolicy(send({ Sid: 'Partner', Principal: { AWS: '444455556666' } }), send({ Sid: 'Topic', Principal: { Service: 'sns.amazonaws.com' } })));
    expect(r.status).toBe('PASS');
    expect(r.message).toBe(
      'queue claims-intake is not public: no public queue policy statements; note: it also grants sqs:SendMessage to service principal sns.amazonaws.com without aws:SourceArn or aws:SourceAccount, so any AWS account\'s resources of that service can use it (statement "Topic")',
    );
  });

  it('ERROR for a malformed policy or unreadable attributes, on the queue itself', () => {
    const malformed = run(queue('claims-intake', { policy: '{"Statement": [{"Effect": "Allow"}]}' }));
    expect(malformed).toMatchObject({ status: 'ERROR', resource: { id: 'claims-intake' } });
    expect(malformed.message).toBe('cannot tell whether queue claims-intake is public: statement #1 of the queue policy has no Principal (a resource policy statement must name one)');
    const unreadable = run({ ...queue('claims-intake'), attributes: failed(denied('sqs', 'GetQueueAttributes')) });
    expect(unreadable).toMatchObject({ status: 'ERROR', resource: { arn: ARN } });
    expect(unreadable.message).toContain('could not read the attributes of queue claims-intake: AccessDenied');
  });

  it('one result per queue, in every region; one ERROR for a region whose queues could not be listed', () => {
    const inv = inventory({
      regions: ['us-east-1', 'eu-west-1'],
      sqs: {
        'us-east-1': sqsRegion([queue('a'), queue('b', { policy: policy(send({ Principal: '*', Resource: queueArn('b') })) })]),
        'eu-west-1': { queues: failed(denied('sqs', 'ListQueues', 'eu-west-1')) },
      },
    });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ 'us-east-1/a': 'PASS', 'us-east-1/b': 'FAIL', 'eu-west-1/111122223333': 'ERROR' });
    expect(results[2]?.message).toContain('could not read the SQS queue list in eu-west-1: AccessDenied');
  });

  it('ERROR when the inventory holds no SQS data', () => {
    const [r] = check.evaluate(inventory(), checkContext());
    expect(r).toMatchObject({ status: 'ERROR', resource: { type: 'AwsAccount' } });
    expect(r?.message).toContain('sqs in us-east-1');
    expect(check.evaluate(inventory({ sqs: { 'us-east-1': {} } }), checkContext())[0]?.status).toBe('ERROR');
  });

  it('keeps the same resource whether it passes, fails or errs', () => {
    const good = run(queue('q'));
    const bad = run(queue('q', { policy: policy(send({ Principal: '*' })) }));
    const error = run({ ...queue('q'), attributes: failed(denied('sqs', 'GetQueueAttributes')) });
    expect(good.resource).toEqual(bad.resource);
    expect(error.resource).toEqual(good.resource);
  });
});
