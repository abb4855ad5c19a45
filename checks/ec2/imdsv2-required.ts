import type { Check, CheckResult } from '../../src/evaluate/types';
import { fail, pass, result } from '../../src/evaluate/results';
import type { Ec2Instance } from '../../src/inventory/types';
import { eachInstance, instanceLabel, instanceResource } from './instances';

function judge(instance: Ec2Instance, region: string): CheckResult {
  const resource = instanceResource(instance);
  const label = instanceLabel(instance);
  const m = instance.metadataOptions;
  const pending = m?.state === 'pending' ? ' (a change to its metadata options is still being applied)' : '';
  if (m?.httpEndpoint === 'disabled') return pass(region, resource, `${label} has its instance metadata endpoint turned off (HttpEndpoint disabled)${pending}`);
  if (m?.httpTokens === 'required') return pass(region, resource, `${label} requires IMDSv2 session tokens (HttpTokens required)${pending}`);
  if (m?.httpTokens === 'optional') {
    return fail(region, resource, `${label} answers IMDSv1 requests without a session token (HttpTokens optional), so an SSRF flaw can read its role credentials${pending}`);
  }
  const seen = m?.httpTokens === undefined ? 'no HttpTokens' : `HttpTokens ${m.httpTokens}`;
  return result('ERROR', region, resource, `cannot tell whether ${label} requires IMDSv2: DescribeInstances reported ${seen} for it`);
}

const check: Check = {
  id: 'ec2.imdsv2-required',
  title: 'Running EC2 instances require IMDSv2',
  severity: 'high',
  hipaa: ['164.312(a)(1)'],
  controls: ['EC2.8'],
  description:
    'With IMDSv1 the instance metadata service hands out the instance role\'s credentials to any plain GET request, ' +
    'so a server-side request forgery flaw in an application becomes the role\'s access to ePHI (the Capital One ' +
    'breach). IMDSv2 requires a session token obtained with a PUT. Each running or pending instance is judged on its ' +
    'own metadata options (HttpTokens required passes, as does a metadata endpoint turned off); account-level IMDS ' +
    'defaults only apply at launch. Stopped instances are judged when they run again.',
  remediation: {
    text:
      'Check that the instance\'s software uses IMDSv2 (current SDKs and the CLI do; the CloudWatch metric ' +
      'MetadataNoToken counts IMDSv1 calls), then `aws ec2 modify-instance-metadata-options --instance-id <id> ' +
      '--http-tokens required --http-endpoint enabled`; for new instances, set the account default with `aws ec2 ' +
      'modify-instance-metadata-defaults --http-tokens required` and require it in launch templates.',
    url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-existing-instances.html',
  },
  reads: ['ec2.instances'],
  evaluate(inventory) {
    return eachInstance(inventory, judge);
  },
};

export default check;
