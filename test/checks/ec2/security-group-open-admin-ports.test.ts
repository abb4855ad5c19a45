import check from '../../../checks/ec2/security-group-open-admin-ports';
import { DEFAULT_THRESHOLDS } from '../../../src/config/types';
import type { IpPermission } from '../../../src/inventory/ec2';
import { checkContext, denied, failed, inventory, ok, statuses } from '../../support/inventory';
import { ec2Region, ipPermission as rule, securityGroup as group } from '../../support/builders/ec2';

const WORLD = ['0.0.0.0/0'];

/** Evaluates one group with the default (or given) admin ports. */
function one(ingress: IpPermission[], adminPorts = DEFAULT_THRESHOLDS.adminPorts) {
  const inv = inventory({ ec2: { 'us-east-1': ec2Region({ securityGroups: ok([group('sg-1', 'web', ingress)]) }) } });
  const results = check.evaluate(inv, checkContext({ thresholds: { ...DEFAULT_THRESHOLDS, adminPorts } }));
  expect(results).toHaveLength(1);
  return results[0]!;
}

describe('ec2.security-group-open-admin-ports', () => {
  it('fails SSH and RDP open to 0.0.0.0/0, listing ports and CIDR', () => {
    const r = one([rule('tcp', 22, 22, WORLD), rule('tcp', 3389, 3389, WORLD)]);
    expect(r.status).toBe('FAIL');
    expect(r.message).toBe('security group sg-1 (web) allows 0.0.0.0/0 to 22 (tcp), 3389 (tcp)');
    expect(r.resource).toEqual({ type: 'AwsEc2SecurityGroup', id: 'sg-1', arn: 'arn:aws:ec2:us-east-1:111122223333:security-group/sg-1' });
  });

  it('fails PostgreSQL open to ::/0', () => {
    const r = one([rule('tcp', 5432, 5432, [], ['::/0'])]);
    expect(r.status).toBe('FAIL');
    expect(r.message).toBe('security group sg-1 (web) allows ::/0 to 5432 (tcp)');
  });

  it('names both CIDRs when IPv4 and IPv6 are open', () => {
    const r = one([rule('tcp', 22, 22, WORLD, ['::/0'])]);
    expect(r.message).toBe('security group sg-1 (web) allows 0.0.0.0/0 to 22 (tcp) and ::/0 to 22 (tcp)');
  });

  it('fails a range that covers an admin port (20-25 covers 20, 21, 22, 23)', () => {
    const r = one([rule('tcp', 20, 25, WORLD)]);
    expect(r.status).toBe('FAIL');
    expect(r.message).toBe('security group sg-1 (web) allows 0.0.0.0/0 to 20 (tcp), 21 (tcp), 22 (tcp), 23 (tcp)');
  });

  it('treats range edges as inclusive and passes a range just beside the port', () => {
    expect(one([rule('tcp', 22, 22, WORLD)], [22]).status).toBe('FAIL');
    expect(one([rule('tcp', 10, 22, WORLD)], [22]).status).toBe('FAIL');
    expect(one([rule('tcp', 22, 30, WORLD)], [22]).status).toBe('FAIL');
    expect(one([rule('tcp', 23, 30, WORLD), rule('tcp', 0, 21, WORLD)], [22]).status).toBe('PASS');
  });

  it('fails tcp 0-65535 and a tcp rule without ports as every admin port', () => {
    const full = one([rule('tcp', 0, 65535, WORLD)], [22, 3306]);
    expect(full.message).toBe('security group sg-1 (web) allows 0.0.0.0/0 to 22 (tcp), 3306 (tcp)');
    expect(one([rule('tcp', undefined, undefined, WORLD)], [22]).status).toBe('FAIL');
  });

  it('fails protocol -1 (all traffic) from the internet', () => {
    const r = one([rule('-1', undefined, undefined, WORLD)]);
    expect(r.status).toBe('FAIL');
    expect(r.message).toBe('security group sg-1 (web) allows 0.0.0.0/0 to all ports and protocols');
  });

  it('fails udp on an admin port and merges tcp and udp on the same port', () => {
    expect(one([rule('udp', 1434, 1434, WORLD)]).message).toBe('security group sg-1 (web) allows 0.0.0.0/0 to 1434 (udp)');
    expect(one([rule('tcp', 1433, 1434, WORLD), rule('udp', 1434, 1434, WORLD)]).message).toBe(
      'security group sg-1 (web) allows 0.0.0.0/0 to 1433 (tcp), 1434 (tcp/udp)',
    );
  });

  it('reads protocol numbers 6 and 17 as tcp and udp', () => {
    expect(one([rule('6', 22, 22, WORLD)]).message).toBe('security group sg-1 (web) allows 0.0.0.0/0 to 22 (tcp)');
    expect(one([rule('17', 20, 20, WORLD)]).message).toBe('security group sg-1 (web) allows 0.0.0.0/0 to 20 (udp)');
  });

  it('never matches ICMP (whose type/code fields look like ports) or other protocols', () => {
    // ICMP type 3 code 22 would look like a port range covering 20-22 if read naively.
    const r = one([rule('icmp', 3, 22, WORLD), rule('icmpv6', -1, -1, [], ['::/0']), rule('50', undefined, undefined, WORLD)]);
    expect(r.status).toBe('PASS');
    expect(r.message).toContain('opens no admin or database port to the internet');
  });

  it('does not judge CIDRs other than 0.0.0.0/0 and ::/0', () => {
    const r = one([rule('tcp', 22, 22, ['10.0.0.0/8', '203.0.113.0/24'], ['2001:db8::/32']), rule('-1', undefined, undefined, ['0.0.0.0/1'])]);
    expect(r.status).toBe('PASS');
    expect(r.message).toBe('security group sg-1 (web) opens no admin or database port to the internet (no ingress from 0.0.0.0/0 or ::/0)');
  });

  it('passes a web group open to the world on 443 only, saying what is open', () => {
    const r = one([rule('tcp', 443, 443, WORLD, ['::/0']), rule('tcp', 80, 80, WORLD)]);
    expect(r.status).toBe('PASS');
    expect(r.message).toBe('security group sg-1 (web) opens no admin or database port to the internet; it allows the internet only to 443 (tcp), 80 (tcp)');
  });

  it('uses adminPorts from the thresholds', () => {
    const rules = [rule('tcp', 8080, 8080, WORLD), rule('tcp', 22, 22, WORLD)];
    expect(one(rules, [8080]).message).toBe('security group sg-1 (web) allows 0.0.0.0/0 to 8080 (tcp)');
    expect(one([rule('tcp', 22, 22, WORLD)], [8080]).status).toBe('PASS');
  });

  it('gives one result per group, with a stable resource for pass and fail', () => {
    const inv = inventory({
      ec2: {
        'us-east-1': ec2Region({
          securityGroups: ok([group('sg-1', 'web', [rule('tcp', 22, 22, WORLD)]), group('sg-2', 'db', [rule('tcp', 5432, 5432, ['10.0.0.0/16'])])]),
        }),
      },
    });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ 'us-east-1/sg-1': 'FAIL', 'us-east-1/sg-2': 'PASS' });
    expect(results[1]?.resource).toEqual({ type: 'AwsEc2SecurityGroup', id: 'sg-2', arn: 'arn:aws:ec2:us-east-1:111122223333:security-group/sg-2' });
  });

  it('reports ERROR when security groups could not be listed', () => {
    const inv = inventory({ ec2: { 'us-east-1': ec2Region({ securityGroups: failed(denied('ec2', 'DescribeSecurityGroups')) }) } });
    const [only] = check.evaluate(inv, checkContext());
    expect(only?.status).toBe('ERROR');
    expect(only?.message).toContain('DescribeSecurityGroups: AccessDenied');
  });
});
