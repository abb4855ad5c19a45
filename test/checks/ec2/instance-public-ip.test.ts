import check from '../../../checks/ec2/instance-public-ip';
import { DEFAULT_THRESHOLDS, type AllowTag } from '../../../src/config/types';
import type { Ec2Instance } from '../../../src/inventory/types';
import { checkContext, denied, failed, inventory, ok, statuses } from '../../support/inventory';
import { ec2Region, instance } from '../../support/builders/ec2';

const run = (instances: Ec2Instance[], allow: AllowTag[] = []) =>
  check.evaluate(
    inventory({ ec2: { 'us-east-1': ec2Region({ instances: ok(instances) }) } }),
    checkContext({ thresholds: { ...DEFAULT_THRESHOLDS, publicInstanceAllowTags: allow } }),
  );
const one = (over: Partial<Ec2Instance>, allow: AllowTag[] = []) => {
  const results = run([instance('i-1', over)], allow);
  expect(results).toHaveLength(1);
  return results[0]!;
};

describe('ec2.instance-public-ip', () => {
  it('passes an instance without a public IPv4 address', () => {
    expect(one({})).toEqual({
      status: 'PASS',
      region: 'us-east-1',
      resource: { type: 'AwsEc2Instance', id: 'i-1', arn: 'arn:aws:ec2:us-east-1:111122223333:instance/i-1' },
      message: 'instance i-1 has no public IPv4 address',
    });
  });

  it('fails an instance with public addresses, naming each and its security groups', () => {
    expect(one({ publicIps: ['198.51.100.7', '203.0.113.9'], securityGroupIds: ['sg-web', 'sg-ssh'], tags: { Name: 'portal' } })).toMatchObject({
      status: 'FAIL',
      message: 'instance i-1 (portal) has public IPv4 addresses 198.51.100.7, 203.0.113.9; its security groups sg-web, sg-ssh decide what the internet reaches',
    });
    expect(one({ publicIps: ['198.51.100.7'], securityGroupIds: ['sg-web'] }).message).toBe(
      'instance i-1 has public IPv4 address 198.51.100.7; its security group sg-web decides what the internet reaches',
    );
    expect(one({ publicIps: ['198.51.100.7'], securityGroupIds: [] }).message).toBe('instance i-1 has public IPv4 address 198.51.100.7');
  });

  it('passes a public instance that carries a configured allow tag, saying so', () => {
    const allow = [{ key: 'exposure', value: 'internet-facing' }];
    expect(one({ publicIps: ['198.51.100.7'], tags: { exposure: 'internet-facing' } }, allow)).toMatchObject({
      status: 'PASS',
      message: 'instance i-1 has public IPv4 address 198.51.100.7, accepted: it carries the allow tag exposure=internet-facing (thresholds.publicInstanceAllowTags)',
    });
  });

  it('matches allow tags exactly: key and value are case-sensitive, a tag without value accepts any value', () => {
    const pub = { publicIps: ['198.51.100.7'] };
    expect(one({ ...pub, tags: { exposure: 'Internet-Facing' } }, [{ key: 'exposure', value: 'internet-facing' }]).status).toBe('FAIL');
    expect(one({ ...pub, tags: { Exposure: 'internet-facing' } }, [{ key: 'exposure', value: 'internet-facing' }]).status).toBe('FAIL');
    expect(one({ ...pub, tags: { bastion: '' } }, [{ key: 'bastion' }]).status).toBe('PASS');
    // Inherited object properties are not tags.
    expect(one({ ...pub, tags: {} }, [{ key: 'constructor' }]).status).toBe('FAIL');
  });

  it('judges pending and running instances only', () => {
    const pub = { publicIps: ['198.51.100.7'] };
    const results = run(['pending', 'running', 'stopping', 'stopped', 'terminated'].map((state) => instance(`i-${state}`, { state, ...pub })));
    expect(statuses(results)).toEqual({ 'us-east-1/i-pending': 'FAIL', 'us-east-1/i-running': 'FAIL' });
  });

  it('reports ERROR for a region whose instances could not be read', () => {
    const results = check.evaluate(inventory({ ec2: { 'us-east-1': ec2Region({ instances: failed(denied('ec2', 'DescribeInstances')) }) } }), checkContext());
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ status: 'ERROR', resource: { type: 'AwsAccount' } });
    expect(results[0]?.message).toContain('allow ec2:DescribeInstances');
    expect(check.evaluate(inventory(), checkContext()).map((r) => r.status)).toEqual(['ERROR']);
  });
});
