import type { Check } from '../../src/evaluate/types';
import { fail, pass } from '../../src/evaluate/results';
import { eachTopic } from './topics';

const check: Check = {
  id: 'sns.encrypted',
  title: 'SNS topics encrypt messages at rest with a KMS key',
  severity: 'low',
  hipaa: ['164.312(a)(2)(iv)'],
  controls: ['SNS.1'],
  description:
    'A topic with server-side encryption keeps the ePHI in its messages encrypted under a KMS key while SNS stores ' +
    'them for delivery, and the key policy decides who may publish encrypted messages. Without a key SNS keeps ' +
    'messages only under its own disk encryption, with no key of yours in the way; hence the low severity. ' +
    'SNS has no SSE without a KMS key.',
  remediation: {
    text:
      'SNS console > topic > Edit > Encryption > Enable encryption, or `aws sns set-topic-attributes --topic-arn <ARN> ' +
      '--attribute-name KmsMasterKeyId --attribute-value <KEY_ARN>` (a customer managed key lets publishing services ' +
      'such as CloudWatch or EventBridge be granted kms:GenerateDataKey* and kms:Decrypt; alias/aws/sns does not).',
    url: 'https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html',
  },
  reads: ['sns.topics'],
  evaluate(inventory) {
    return eachTopic(inventory, (topic, attributes, resource, region) => {
      const key = attributes.kmsMasterKeyId;
      if (key === undefined) {
        return [fail(region, resource, `topic ${topic.name} has no KMS key (KmsMasterKeyId is not set): server-side encryption is off and messages are kept only under SNS's disk encryption`)];
      }
      const which = key === 'alias/aws/sns' ? 'the AWS managed key alias/aws/sns' : `KMS key ${key}`;
      return [pass(region, resource, `topic ${topic.name} encrypts messages at rest with ${which} (KmsMasterKeyId)`)];
    });
  },
};

export default check;
