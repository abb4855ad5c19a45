import check from '../../../checks/sns/not-public';
import type { CheckResult } from '../../../src/evaluate/types';
import type { SnsTopic } from '../../../src/inventory/types';
import { checkContext, denied, failed, inventory, statuses } from '../../support/inventory';
import { policy } from '../../support/builders/sqs';
import { snsRegion, topic, topicArn } from '../../support/builders/sns';

function run(t: SnsTopic): CheckResult {
  const results = check.evaluate(inventory({ sns: { 'us-east-1': snsRegion([t]) } }), checkContext());
  expect(results).toHaveLength(1);
  return results[0] as CheckResult;
}
const ARN = topicArn('lab-results');
const withPolicy = (...statements: object[]) => topic('lab-results', { policy: policy(...statements) });
const publish = (extra: object) => ({ Sid: 'Publish', Effect: 'Allow', Action: 'SNS:Publish', Resource: ARN, ...extra });

describe('sns.not-public', () => {
  it('has the exact metadata', () => {
    expect(check).toMatchObject({ id: 'sns.not-public', severity: 'critical', hipaa: ['164.312(a)(1)'], controls: ['SNS.4'], reads: ['sns.topics'] });
  });

  it('passes the default topic policy, which AWS:SourceOwner pins to the owner', () => {
    const r = run(topic('lab-results'));
    expect(r).toMatchObject({ status: 'PASS', resource: { type: 'AwsSnsTopic', id: 'lab-results', arn: ARN } });
    expect(r.message).toBe('topic lab-results is not public: its topic policy statements for Principal "*" are limited by conditions on fixed sources or principals (statement "__default_statement_ID")');
  });

  it.each([
    ['aws:SourceAccount', { StringEquals: { 'aws:SourceAccount': '111122223333' } }],
    ['aws:SourceArn of one bucket', { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::phi-claims-prod' } }],
    ['aws:PrincipalOrgID', { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } }],
  ])('passes {"AWS": "*"} bound by %s', (_, condition) => {
    expect(run(withPolicy(publish({ Principal: { AWS: '*' }, Condition: condition }))).status).toBe('PASS');
  });

  it('fails anyone allowed to subscribe, naming the statement', () => {
    const r = run(withPolicy(publish({ Sid: 'OpenSubscribe', Principal: '*', Action: ['SNS:Subscribe', 'SNS:Receive'] })));
    expect(r.status).toBe('FAIL');
    expect(r.message).toBe('topic lab-results is public: its topic policy allows SNS:Subscribe, SNS:Receive to Principal "*" without conditions (statement "OpenSubscribe")');
  });

  it.each([
    ['a bucket-name wildcard', { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::*' } }, 'aws:SourceArn'],
    ['a ForAllValues organization', { 'ForAllValues:StringEquals': { 'aws:PrincipalOrgID': 'o-abc123' } }, 'aws:PrincipalOrgID'],
    ['a Null check', { Null: { 'aws:SourceAccount': 'false' } }, 'aws:SourceAccount'],
    ['a policy variable', { StringEquals: { 'aws:SourceOwner': '${aws:PrincipalAccount}' } }, 'aws:SourceOwner'],
  ])('fails {"AWS": "*"} with %s', (_, condition, key) => {
    const r = run(withPolicy(publish({ Principal: { AWS: '*' }, Condition: condition })));
    expect(r.status).toBe('FAIL');
    expect(r.message).toContain(`to Principal {"AWS": "*"} with conditions that do not restrict the caller (${key})`);
  });

  it('passes a service grant bound to a source, and notes one without', () => {
    const bound = run(withPolicy(publish({ Principal: { Service: 'events.amazonaws.com' }, Condition: { ArnEquals: { 'aws:SourceArn': 'arn:aws:events:us-east-1:111122223333:rule/r' } } })));
    expect(bound).toMatchObject({ status: 'PASS', message: 'topic lab-results is not public: no public topic policy statements' });
    const unbound = run(withPolicy(publish({ Principal: { Service: 'cloudwatch.amazonaws.com' } })));
    expect(unbound.status).toBe('PASS');
    expect(unbound.message).toContain('; note: it also grants SNS:Publish to service principal cloudwatch.amazonaws.com without aws:SourceArn or aws:SourceAccount');
  });

  it('ERROR on a malformed policy, unreadable attributes, or a failed listing', () => {
    expect(run(topic('t', { policy: '{"Statement": 3}' }))).toMatchObject({ status: 'ERROR', message: 'cannot tell whether topic t is public: statement #1 of the topic policy is not an object' });
    const inv = inventory({
      regions: ['us-east-1', 'eu-west-1'],
      sns: {
        'us-east-1': snsRegion([{ ...topic('t'), attributes: failed(denied('sns', 'GetTopicAttributes')) }]),
        'eu-west-1': { topics: failed(denied('sns', 'ListTopics', 'eu-west-1')) },
      },
    });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ 'us-east-1/t': 'ERROR', 'eu-west-1/111122223333': 'ERROR' });
    expect(results[0]?.message).toContain('could not read the attributes of topic t: AccessDenied');
    expect(results[1]?.message).toContain('could not read the SNS topic list in eu-west-1');
  });
});
