import type { Check, CheckResult } from '../../src/evaluate/types';
import type { IpPermission, SecurityGroup } from '../../src/inventory/ec2';
import { accountResource, eachRegion, fail, pass, withRead } from '../../src/evaluate/results';

/** Only these two ranges mean "anyone on the internet"; narrower CIDRs are not judged by this check. */
const INTERNET = ['0.0.0.0/0', '::/0'] as const;

type Protocol = 'tcp' | 'udp' | 'all' | 'none';

/**
 * What a rule's protocol means for ports. `-1` is every protocol and port. ICMP has no ports, and other
 * protocol numbers (GRE, ESP, ...) carry no TCP/UDP service, so neither can reach an admin port.
 */
function protocolOf(protocol: string): Protocol {
  switch (protocol.toLowerCase()) {
    case '-1':
    case 'all':
      return 'all';
    case 'tcp':
    case '6':
      return 'tcp';
    case 'udp':
    case '17':
      return 'udp';
    default:
      return 'none';
  }
}

/** Inclusive port range of a tcp/udp rule; a missing (or -1) bound means the whole range. */
function portRange(rule: IpPermission): [number, number] {
  const from = rule.fromPort === undefined || rule.fromPort < 0 ? 0 : rule.fromPort;
  const to = rule.toPort === undefined || rule.toPort < 0 ? 65535 : rule.toPort;
  return [from, to];
}

function cidrsOf(rule: IpPermission): string[] {
  return [...rule.ipv4Ranges, ...rule.ipv6Ranges].filter((c) => (INTERNET as readonly string[]).includes(c));
}

interface Exposure {
  /** Every port and protocol (rule protocol -1). */
  all: boolean;
  /** admin port -> protocols open on it */
  ports: Map<number, Set<string>>;
  /** Internet-open tcp/udp ranges that touch no admin port, for the PASS message. */
  other: Set<string>;
}

function exposures(group: SecurityGroup, adminPorts: readonly number[]): Map<string, Exposure> {
  const byCidr = new Map<string, Exposure>();
  for (const rule of group.ingress) {
    const protocol = protocolOf(rule.protocol);
    for (const cidr of cidrsOf(rule)) {
      const e = byCidr.get(cidr) ?? { all: false, ports: new Map(), other: new Set() };
      byCidr.set(cidr, e);
      if (protocol === 'all') {
        e.all = true;
      } else if (protocol === 'tcp' || protocol === 'udp') {
        const [from, to] = portRange(rule);
        const hit = adminPorts.filter((p) => p >= from && p <= to);
        for (const port of hit) {
          const set = e.ports.get(port) ?? new Set<string>();
          set.add(protocol);
          e.ports.set(port, set);
        }
        if (hit.length === 0) e.other.add(`${from === to ? from : `${from}-${to}`} (${protocol})`);
      } else {
        e.other.add(rule.protocol);
      }
    }
  }
  return byCidr;
}

function describeOpen(cidr: string, e: Exposure): string {
  if (e.all) return `${cidr} to all ports and protocols`;
  const ports = [...e.ports.entries()]
    .sort(([a], [b]) => a - b)
    .map(([port, protocols]) => `${port} (${['tcp', 'udp'].filter((p) => protocols.has(p)).join('/')})`);
  return `${cidr} to ${ports.join(', ')}`;
}

function judge(group: SecurityGroup, region: string, adminPorts: readonly number[]): CheckResult {
  const resource = { type: 'AwsEc2SecurityGroup', id: group.groupId, arn: group.arn };
  const label = `security group ${group.groupId}${group.groupName ? ` (${group.groupName})` : ''}`;
  const byCidr = exposures(group, adminPorts);
  const open = INTERNET.flatMap((cidr) => {
    const e = byCidr.get(cidr);
    return e && (e.all || e.ports.size > 0) ? [describeOpen(cidr, e)] : [];
  });
  if (open.length > 0) return fail(region, resource, `${label} allows ${open.join(' and ')}`);
  const other = [...new Set([...byCidr.values()].flatMap((e) => [...e.other]))];
  if (other.length > 0) {
    return pass(
      region,
      resource,
      `${label} opens no admin or database port to the internet; it allows the internet only to ${other.join(', ')}`,
    );
  }
  return pass(region, resource, `${label} opens no admin or database port to the internet (no ingress from 0.0.0.0/0 or ::/0)`);
}

const check: Check = {
  id: 'ec2.security-group-open-admin-ports',
  title: 'Security groups do not open admin or database ports to the internet',
  severity: 'high',
  hipaa: ['164.312(e)(1)', '164.312(a)(1)'],
  controls: ['EC2.19'],
  description:
    'An ingress rule from 0.0.0.0/0 or ::/0 to SSH, RDP, SMB, or a database port (PostgreSQL, MySQL, SQL Server, ' +
    'Oracle, Redis, MongoDB, Elasticsearch...) exposes the service that guards ePHI to password guessing and exploits ' +
    'from the whole internet. Rules for all traffic (protocol -1) and port ranges that include such a port count; ' +
    'ICMP, other CIDRs, prefix lists and security group references are not judged here. The ports come from the ' +
    'adminPorts threshold.',
  remediation: {
    text:
      'Remove the rule (EC2 console > Security Groups > (group) > Inbound rules > Edit, or `aws ec2 ' +
      'revoke-security-group-ingress --group-id <sg> --ip-permissions IpProtocol=tcp,FromPort=22,ToPort=22,' +
      'IpRanges=[{CidrIp=0.0.0.0/0}]`) and allow only the addresses that need access (a VPN or office CIDR, a ' +
      'bastion security group), or replace SSH/RDP with Systems Manager Session Manager.',
    url: 'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
  },
  reads: ['ec2.securityGroups'],
  evaluate(inventory, context) {
    const account = accountResource(inventory);
    const adminPorts = context.thresholds.adminPorts;
    return eachRegion(inventory, 'ec2', inventory.ec2, (data, region) =>
      withRead(data.securityGroups, region, account, (groups) => groups.map((g) => judge(g, region, adminPorts))),
    );
  },
};

export default check;
