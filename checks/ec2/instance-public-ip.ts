import type { Check, CheckResult } from '../../src/evaluate/types';
import type { AllowTag } from '../../src/config/types';
import { fail, pass } from '../../src/evaluate/results';
import type { Ec2Instance } from '../../src/inventory/types';
import { eachInstance, instanceLabel, instanceResource } from './instances';

/** The first configured allow tag the instance carries (tag keys and values are case-sensitive in EC2). */
function allowTagOf(instance: Ec2Instance, allowed: readonly AllowTag[]): AllowTag | undefined {
  return allowed.find((t) => Object.hasOwn(instance.tags, t.key) && (t.value === undefined || instance.tags[t.key] === t.value));
}

function judge(instance: Ec2Instance, region: string, allowed: readonly AllowTag[]): CheckResult {
  const resource = instanceResource(instance);
  const label = instanceLabel(instance);
  if (instance.publicIps.length === 0) return pass(region, resource, `${label} has no public IPv4 address`);
  const ips = `public IPv4 ${instance.publicIps.length === 1 ? 'address' : 'addresses'} ${instance.publicIps.join(', ')}`;
  const tag = allowTagOf(instance, allowed);
  if (tag) {
    const shown = `${tag.key}=${instance.tags[tag.key] ?? ''}`;
    return pass(region, resource, `${label} has ${ips}, accepted: it carries the allow tag ${shown} (thresholds.publicInstanceAllowTags)`);
  }
  const n = instance.securityGroupIds.length;
  const groups = n === 0 ? '' : `; its security ${n === 1 ? 'group' : 'groups'} ${instance.securityGroupIds.join(', ')} ${n === 1 ? 'decides' : 'decide'} what the internet reaches`;
  return fail(region, resource, `${label} has ${ips}${groups}`);
}

const check: Check = {
  id: 'ec2.instance-public-ip',
  title: 'Running EC2 instances have no public IPv4 address',
  severity: 'medium',
  hipaa: ['164.312(a)(1)', '164.312(e)(1)'],
  controls: ['EC2.9'],
  description:
    'An instance with a public IPv4 address can be reached from the internet wherever a security group rule, now ' +
    'or later, lets traffic in; instances that process ePHI belong in private subnets behind a load balancer, NAT ' +
    'or Systems Manager. Each running or pending instance is judged on every public IPv4 address it holds (the ' +
    'primary one and any Elastic IP on another network interface). Instances deliberately public carry a tag from ' +
    'thresholds.publicInstanceAllowTags and pass, saying so. IPv6 addresses are not judged.',
  remediation: {
    text:
      'Move the instance to a private subnet behind a load balancer (or reach it with Session Manager), release or ' +
      'disassociate its Elastic IP (`aws ec2 disassociate-address`), and turn off auto-assigned public IPs on the subnet ' +
      '(`aws ec2 modify-subnet-attribute --subnet-id <id> --no-map-public-ip-on-launch`). If it must stay public, tag ' +
      'it with a configured allow tag and keep its security groups tight.',
    url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-instance-addressing.html',
  },
  reads: ['ec2.instances'],
  evaluate(inventory, ctx) {
    const allowed = ctx.thresholds.publicInstanceAllowTags;
    return eachInstance(inventory, (instance, region) => judge(instance, region, allowed));
  },
};

export default check;
