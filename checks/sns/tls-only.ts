import type { Check } from '../../src/evaluate/types';
import { result } from '../../src/evaluate/results';
import { tlsOnlyVerdict } from '../../src/judge/policy';
import { eachTopic } from './topics';

const check: Check = {
  id: 'sns.tls-only',
  title: 'SNS topic policies deny requests that do not use TLS',
  severity: 'medium',
  hipaa: ['164.312(e)(1)'],
  controls: [],
  description:
    'SNS accepts Publish requests over plain HTTP unless the topic policy denies them. A Deny for Principal "*" ' +
    'with Condition Bool aws:SecureTransport=false, covering the topic and sns:* (or at least sns:Publish, the ' +
    'action that carries message bodies, as SNS\'s own example denies), guarantees that ePHI published to the ' +
    'topic only travels encrypted. A Deny narrowed by extra conditions, fewer actions, specific principals or other ' +
    'resources does not count. Delivery to subscribers is a separate matter: use HTTPS, not HTTP, endpoints.',
  remediation: {
    text:
      'Add to the topic policy (SNS console > topic > Access policy, or `aws sns set-topic-attributes --topic-arn <ARN> ' +
      '--attribute-name Policy --attribute-value <JSON>`): {"Sid":"DenyInsecureTransport","Effect":"Deny","Principal":"*",' +
      '"Action":"sns:Publish","Resource":"<TOPIC_ARN>","Condition":{"Bool":{"aws:SecureTransport":"false"}}}.',
    url: 'https://docs.aws.amazon.com/sns/latest/dg/sns-security-best-practices.html',
  },
  reads: ['sns.topics'],
  evaluate(inventory) {
    return eachTopic(inventory, (topic, attributes, resource, region) => {
      const verdict = tlsOnlyVerdict(attributes.policy, `topic ${topic.name}`, { service: 'sns', arn: topic.arn });
      return [result(verdict.status, region, resource, verdict.message)];
    });
  },
};

export default check;
