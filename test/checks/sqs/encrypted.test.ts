import check from '../../../checks/sqs/encrypted';
import { checkContext, denied, failed, inventory, statuses } from '../../support/inventory';
import { queue, sqsRegion } from '../../support/builders/sqs';

describe('sqs.encrypted', () => {
  it('has the exact metadata', () => {
    expect(check).toMatchObject({ id: 'sqs.encrypted', severity: 'medium', hipaa: ['164.312(a)(2)(iv)'], controls: ['SQS.1'], reads: ['sqs.queues'] });
  });

  it('passes SSE-SQS and SSE-KMS, and fails a queue with neither, saying what was seen', () => {
    const inv = inventory({
      sqs: {
        'us-east-1': sqsRegion([
          queue('sse-sqs'),
          queue('sse-kms', { sqsManagedSseEnabled: false, kmsMasterKeyId: 'arn:aws:kms:us-east-1:111122223333:key/k1' }),
          queue('aws-managed', { sqsManagedSseEnabled: false, kmsMasterKeyId: 'alias/aws/sqs' }),
          queue('plain', { sqsManagedSseEnabled: false }),
          queue('legacy', { sqsManagedSseEnabled: undefined }),
        ]),
      },
    });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ 'us-east-1/sse-sqs': 'PASS', 'us-east-1/sse-kms': 'PASS', 'us-east-1/aws-managed': 'PASS', 'us-east-1/plain': 'FAIL', 'us-east-1/legacy': 'FAIL' });
    expect(results.map((r) => r.message)).toEqual([
      'queue sse-sqs encrypts messages at rest with SSE-SQS, keys owned by SQS (SqsManagedSseEnabled=true)',
      'queue sse-kms encrypts messages at rest with SSE-KMS using KMS key arn:aws:kms:us-east-1:111122223333:key/k1 (KmsMasterKeyId)',
      'queue aws-managed encrypts messages at rest with SSE-KMS using the AWS managed key alias/aws/sqs (KmsMasterKeyId)',
      'queue plain does not encrypt messages at rest: no KmsMasterKeyId is set and SqsManagedSseEnabled is false',
      'queue legacy does not encrypt messages at rest: no KmsMasterKeyId is set and SqsManagedSseEnabled was not returned (queues that never had SSE-SQS on report none)',
    ]);
    expect(results[0]?.resource).toEqual({ type: 'AwsSqsQueue', id: 'sse-sqs', arn: 'arn:aws:sqs:us-east-1:111122223333:sse-sqs' });
  });

  it('ERROR for a queue whose attributes could not be read, and for a region whose queues could not be listed', () => {
    const inv = inventory({
      regions: ['us-east-1', 'eu-west-1'],
      sqs: {
        'us-east-1': sqsRegion([{ ...queue('q'), attributes: failed(denied('sqs', 'GetQueueAttributes')) }]),
        'eu-west-1': { queues: failed(denied('sqs', 'ListQueues', 'eu-west-1')) },
      },
    });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ 'us-east-1/q': 'ERROR', 'eu-west-1/111122223333': 'ERROR' });
    expect(results[0]?.message).toContain('sqs:GetQueueAttributes');
  });

  it('no queues, no results', () => {
    expect(check.evaluate(inventory({ sqs: { 'us-east-1': sqsRegion([]) } }), checkContext())).toEqual([]);
  });
});
