import type { Check, CheckResult } from '../../src/evaluate/types';
import type { IpPermission, SecurityGroup } from '../../src/inventory/ec2';
import { accountResource, eachRegion, fail, pass, result, withRead } from '../../src/evaluate/results';

/** Inventories saved before `isDefault` was recorded: a VPC's default group is the one named `default`. */
const isVpcDefault = (g: SecurityGroup): boolean => g.isDefault ?? (g.groupName === 'default' && g.vpcId !== undefined);

/** `all traffic`, `tcp 443`, `udp 1000-2000`, `icmp`. */
function traffic(rule: IpPermission): string {
  if (rule.protocol === '-1' || rule.protocol.toLowerCase() === 'all') return 'all traffic';
  const from = rule.fromPort;
  const to = rule.toPort;
  if (from === undefined || from < 0) return rule.protocol;
  return `${rule.protocol} ${from === to || to === undefined ? from : `${from}-${to}`}`;
}

/** One rule as `all traffic from sg-1 (itself), 0.0.0.0/0`. */
function describeRule(rule: IpPermission, group: SecurityGroup, direction: 'from' | 'to'): string {
  const peers = [
    ...rule.ipv4Ranges,
    ...rule.ipv6Ranges,
    ...rule.prefixListIds,
    ...rule.referencedGroupIds.map((id) => (id === group.groupId ? `${id} (itself)` : id)),
  ];
  return `${traffic(rule)} ${direction} ${peers.length > 0 ? peers.join(', ') : 'no listed peer'}`;
}

function judge(group: SecurityGroup, region: string): CheckResult {
  const resource = { type: 'AwsEc2SecurityGroup', id: group.groupId, arn: group.arn };
  const label = `default security group ${group.groupId} of ${group.vpcId ?? 'its VPC'}`;
  if (group.egress === undefined) {
    return result('ERROR', region, resource, `cannot judge ${label}: its outbound rules were not recorded (DescribeSecurityGroups listed none, or the inventory predates them); rerun the audit`);
  }
  const open = [
    ...group.ingress.map((r) => `inbound ${describeRule(r, group, 'from')}`),
    ...group.egress.map((r) => `outbound ${describeRule(r, group, 'to')}`),
  ];
  if (open.length > 0) return fail(region, resource, `${label} has rules: ${open.join('; ')}`);
  return pass(region, resource, `${label} has no inbound and no outbound rule`);
}

const check: Check = {
  id: 'vpc.default-security-group-closed',
  title: 'VPC default security groups allow no inbound or outbound traffic',
  severity: 'medium',
  hipaa: ['164.312(a)(1)'],
  controls: ['EC2.2'],
  description:
    'Every VPC has a default security group that cannot be deleted; an instance, database or endpoint launched ' +
    'without a group of its own lands in it. Its initial rules let every member reach every other member on every ' +
    'port and reach anywhere outbound, so one compromised resource reaches the others and can send ePHI out. With no ' +
    'rules at all, anything placed in it by mistake is isolated and noticed. One result per VPC default group.',
  remediation: {
    text:
      'Move whatever uses the group to purpose-built groups (VPC console > Security groups > the default group > ' +
      'check its network interfaces), then delete its rules: `aws ec2 revoke-security-group-ingress --group-id <sg> ' +
      '--ip-permissions \'[{"IpProtocol":"-1","UserIdGroupPairs":[{"GroupId":"<sg>"}]}]\'` and `aws ec2 ' +
      'revoke-security-group-egress --group-id <sg> --ip-permissions \'[{"IpProtocol":"-1","IpRanges":[{"CidrIp":"0.0.0.0/0"}]}]\'` ' +
      '(and ::/0 where present).',
    url: 'https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html',
  },
  reads: ['ec2.securityGroups'],
  evaluate(inventory) {
    const account = accountResource(inventory);
    return eachRegion(inventory, 'ec2', inventory.ec2, (data, region) =>
      withRead(data.securityGroups, region, account, (groups) => groups.filter(isVpcDefault).map((g) => judge(g, region))),
    );
  },
};

export default check;
