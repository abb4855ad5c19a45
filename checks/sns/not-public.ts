import type { Check } from '../../src/evaluate/types';
import { result } from '../../src/evaluate/results';
import { exposureVerdict, policyExposure } from '../../src/judge/policy';
import { eachTopic } from './topics';

const check: Check = {
  id: 'sns.not-public',
  title: 'SNS topic policies do not allow public access',
  severity: 'critical',
  hipaa: ['164.312(a)(1)'],
  controls: ['SNS.4'],
  description:
    'A topic is public when its policy allows Principal "*" (or {"AWS": "*"}, or everyone but a NotPrincipal) without ' +
    'a condition that pins the caller or source to fixed values: aws:SourceAccount, aws:SourceOwner, aws:SourceArn ' +
    '(an ARN in one account), aws:PrincipalOrgID and the like, with no wildcard or policy variable in them. The ' +
    'default topic policy (everyone, pinned by AWS:SourceOwner to the owner account) is not public. Anyone could ' +
    'otherwise subscribe to the ePHI the topic carries, or publish to its subscribers.',
  remediation: {
    text:
      'SNS console > topic > Access policy: replace Principal "*" with the accounts or service principals that need the ' +
      'topic, or keep it and add a condition on a fixed value, e.g. {"StringEquals":{"aws:SourceAccount":"<ACCOUNT_ID>"}} ' +
      'or {"StringEquals":{"aws:PrincipalOrgID":"<ORG_ID>"}}; apply it with `aws sns set-topic-attributes --topic-arn ' +
      '<ARN> --attribute-name Policy --attribute-value <JSON>`.',
    url: 'https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html',
  },
  reads: ['sns.topics'],
  evaluate(inventory) {
    return eachTopic(inventory, (topic, attributes, resource, region) => {
      const verdict = exposureVerdict(`topic ${topic.name}`, [policyExposure(attributes.policy, 'topic policy')]);
      return [result(verdict.status, region, resource, verdict.message)];
    });
  },
};

export default check;
