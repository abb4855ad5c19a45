import check from '../../../checks/sns/tls-only';
import type { CheckResult } from '../../../src/evaluate/types';
import type { SnsTopic } from '../../../src/inventory/types';
import { checkContext, denied, failed, inventory } from '../../support/inventory';
import { defaultTopicPolicy, snsRegion, topic, topicArn } from '../../support/builders/sns';

function run(t: SnsTopic): CheckResult {
  const results = check.evaluate(inventory({ sns: { 'us-east-1': snsRegion([t]) } }), checkContext());
  expect(results).toHaveLength(1);
  return results[0] as CheckResult;
}
const ARN = topicArn('lab-results');
const denyHttp = { Sid: 'AllowPublishThroughSSLOnly', Effect: 'Deny', Principal: '*', Action: 'SNS:Publish', Resource: ARN, Condition: { Bool: { 'aws:SecureTransport': 'false' } } };
/** The default policy with statements added, as the SNS console edits it. */
function withStatements(...added: object[]): SnsTopic {
  const doc = JSON.parse(defaultTopicPolicy('lab-results')) as { Statement: object[] };
  return topic('lab-results', { policy: JSON.stringify({ ...doc, Statement: [...doc.Statement, ...added] }) });
}

describe('sns.tls-only', () => {
  it('has the exact metadata', () => {
    expect(check).toMatchObject({ id: 'sns.tls-only', severity: 'medium', hipaa: ['164.312(e)(1)'], controls: [], reads: ['sns.topics'] });
  });

  it("passes SNS's own example: a Deny of SNS:Publish over plain HTTP", () => {
    const r = run(withStatements(denyHttp));
    expect(r).toMatchObject({ status: 'PASS', resource: { type: 'AwsSnsTopic', id: 'lab-results', arn: ARN } });
    expect(r.message).toBe('topic lab-results policy denies sns:Publish (the action that carries messages) to any principal over plain HTTP (aws:SecureTransport=false, statement "AllowPublishThroughSSLOnly")');
  });

  it('passes sns:* and says every action', () => {
    expect(run(withStatements({ ...denyHttp, Action: 'sns:*' })).message).toContain('denies every SNS action to any principal over plain HTTP');
  });

  it('fails the default policy, which has no TLS deny', () => {
    expect(run(topic('lab-results'))).toMatchObject({ status: 'FAIL', message: 'topic lab-results does not enforce TLS: the topic policy has no Deny on aws:SecureTransport=false' });
  });

  it.each([
    ['subscribe only', { ...denyHttp, Action: 'SNS:Subscribe' }, 'covers only SNS:Subscribe, not sns:Publish'],
    ['another topic', { ...denyHttp, Resource: topicArn('other') }, `does not cover the topic ${ARN}`],
    ['one principal', { ...denyHttp, Principal: { AWS: '444455556666' } }, 'applies to specific principals'],
    ['narrowed by source IP', { ...denyHttp, Condition: { ...denyHttp.Condition, NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }, 'is narrowed by other conditions (NotIpAddress aws:SourceIp)'],
  ])('fails: %s', (_, statement, expected) => {
    const r = run(withStatements(statement));
    expect(r.status).toBe('FAIL');
    expect(r.message).toContain(expected);
  });

  it('fails a topic whose answer held no policy; ERROR on a malformed policy or unreadable attributes', () => {
    expect(run(topic('t', { policy: null }))).toMatchObject({ status: 'FAIL', message: 'topic t has no topic policy, so requests over plain HTTP are not denied' });
    expect(run(topic('t', { policy: '{' }))).toMatchObject({ status: 'ERROR', message: expect.stringContaining('cannot judge the policy of topic t: the topic policy is not valid JSON') });
    expect(run({ ...topic('t'), attributes: failed(denied('sns', 'GetTopicAttributes')) }).status).toBe('ERROR');
  });
});
