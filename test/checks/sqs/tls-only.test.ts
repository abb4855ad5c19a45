import check from '../../../checks/sqs/tls-only';
import type { CheckResult } from '../../../src/evaluate/types';
import type { SqsQueue } from '../../../src/inventory/types';
import { checkContext, denied, failed, inventory } from '../../support/inventory';
import { policy, queue, queueArn, sqsRegion } from '../../support/builders/sqs';

function run(q: SqsQueue): CheckResult {
  const results = check.evaluate(inventory({ sqs: { 'us-east-1': sqsRegion([q]) } }), checkContext());
  expect(results).toHaveLength(1);
  return results[0] as CheckResult;
}
const ARN = queueArn('claims-intake');
const withPolicy = (...statements: object[]) => queue('claims-intake', { policy: policy(...statements) });
const denyHttp = { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 'sqs:*', Resource: ARN, Condition: { Bool: { 'aws:SecureTransport': 'false' } } };

describe('sqs.tls-only', () => {
  it('has the exact metadata', () => {
    expect(check).toMatchObject({ id: 'sqs.tls-only', severity: 'medium', hipaa: ['164.312(e)(1)'], controls: [], reads: ['sqs.queues'] });
  });

  it('passes the canonical deny and names the statement', () => {
    const r = run(withPolicy(denyHttp));
    expect(r).toMatchObject({ status: 'PASS', resource: { type: 'AwsSqsQueue', id: 'claims-intake', arn: ARN } });
    expect(r.message).toBe('queue claims-intake policy denies every SQS action to any principal over plain HTTP (aws:SecureTransport=false, statement "DenyInsecureTransport")');
  });

  it.each([
    ['"*" on "*" with {"AWS": "*"}', { ...denyHttp, Principal: { AWS: '*' }, Action: '*', Resource: '*' }],
    ['SQS:* and BoolIfExists false', { ...denyHttp, Action: 'SQS:*', Condition: { BoolIfExists: { 'aws:SecureTransport': false } } }],
    ['a wildcard resource', { ...denyHttp, Resource: 'arn:aws:sqs:*:111122223333:*' }],
  ])('accepts variants: %s', (_, statement) => {
    expect(run(withPolicy(statement)).status).toBe('PASS');
  });

  it('accepts a Deny on the message actions only, and says so', () => {
    const r = run(withPolicy({ ...denyHttp, Action: ['sqs:SendMessage', 'sqs:ReceiveMessage'] }));
    expect(r.status).toBe('PASS');
    expect(r.message).toContain('denies sqs:SendMessage and sqs:ReceiveMessage (the actions that carry messages) to any principal over plain HTTP');
  });

  it('fails a queue without a policy', () => {
    const r = run(queue('claims-intake'));
    expect(r).toMatchObject({ status: 'FAIL', message: 'queue claims-intake has no queue policy, so requests over plain HTTP are not denied' });
  });

  it.each([
    ['no TLS deny', { Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 'sqs:SendMessage', Resource: ARN }, 'queue claims-intake does not enforce TLS: the queue policy has no Deny on aws:SecureTransport=false'],
    ['only sending', { ...denyHttp, Action: 'sqs:SendMessage' }, 'covers only sqs:SendMessage, not sqs:SendMessage and sqs:ReceiveMessage'],
    ['another queue', { ...denyHttp, Resource: queueArn('other') }, `does not cover the queue ${ARN} (Resource ${queueArn('other')})`],
    ['specific principals', { ...denyHttp, Principal: { AWS: 'arn:aws:iam::111122223333:role/app' } }, 'applies to specific principals, not Principal "*"'],
    ['narrowed', { ...denyHttp, Condition: { Bool: { 'aws:SecureTransport': 'false' }, StringEquals: { 'aws:SourceVpce': 'vpce-1' } } }, 'is narrowed by other conditions (StringEquals aws:SourceVpce)'],
  ])('fails: %s', (_, statement, expected) => {
    const r = run(withPolicy(statement));
    expect(r.status).toBe('FAIL');
    expect(r.message).toContain(expected);
  });

  it('ERROR on a malformed policy or unreadable attributes', () => {
    const malformed = run(queue('claims-intake', { policy: 'not json' }));
    expect(malformed.status).toBe('ERROR');
    expect(malformed.message).toContain('cannot judge the policy of queue claims-intake: the queue policy is not valid JSON');
    const unreadable = run({ ...queue('claims-intake'), attributes: failed(denied('sqs', 'GetQueueAttributes')) });
    expect(unreadable.status).toBe('ERROR');
    expect(unreadable.message).toContain('could not read the attributes of queue claims-intake: AccessDenied');
  });
});
