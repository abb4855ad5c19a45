import check from '../../../checks/sns/encrypted';
import { checkContext, denied, failed, inventory, statuses } from '../../support/inventory';
import { snsRegion, topic } from '../../support/builders/sns';

describe('sns.encrypted', () => {
  it('has the exact metadata', () => {
    expect(check).toMatchObject({ id: 'sns.encrypted', severity: 'low', hipaa: ['164.312(a)(2)(iv)'], controls: ['SNS.1'], reads: ['sns.topics'] });
  });

  it('passes topics with a KMS key, naming it, and fails a topic without', () => {
    const inv = inventory({
      sns: {
        'us-east-1': snsRegion([
          topic('lab-results', { kmsMasterKeyId: 'arn:aws:kms:us-east-1:111122223333:key/k1' }),
          topic('alerts', { kmsMasterKeyId: 'alias/aws/sns' }),
          topic('plain'),
        ]),
      },
    });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ 'us-east-1/lab-results': 'PASS', 'us-east-1/alerts': 'PASS', 'us-east-1/plain': 'FAIL' });
    expect(results.map((r) => r.message)).toEqual([
      'topic lab-results encrypts messages at rest with KMS key arn:aws:kms:us-east-1:111122223333:key/k1 (KmsMasterKeyId)',
      'topic alerts encrypts messages at rest with the AWS managed key alias/aws/sns (KmsMasterKeyId)',
      "topic plain has no KMS key (KmsMasterKeyId is not set): server-side encryption is off and messages are kept only under SNS's disk encryption",
    ]);
    expect(results[2]?.resource).toEqual({ type: 'AwsSnsTopic', id: 'plain', arn: 'arn:aws:sns:us-east-1:111122223333:plain' });
  });

  it('ERROR for unreadable attributes and for a region without SNS data', () => {
    const inv = inventory({ regions: ['us-east-1', 'eu-west-1'], sns: { 'us-east-1': snsRegion([{ ...topic('t'), attributes: failed(denied('sns', 'GetTopicAttributes')) }]) } });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ 'us-east-1/t': 'ERROR', 'eu-west-1/111122223333': 'ERROR' });
    expect(results[1]?.message).toContain('sns in eu-west-1');
  });
});
