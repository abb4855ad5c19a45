import check from '../../../checks/vpc/default-security-group-closed';
import type { SecurityGroup } from '../../../src/inventory/types';
import { checkContext, denied, failed, inventory, ok, statuses } from '../../support/inventory';
import { defaultSecurityGroup, ec2Region, ipPermission as rule, securityGroup } from '../../support/builders/ec2';

const run = (groups: SecurityGroup[]) => check.evaluate(inventory({ ec2: { 'us-east-1': ec2Region({ securityGroups: ok(groups) }) } }), checkContext());

describe('vpc.default-security-group-closed', () => {
  it('fails a default group with the rules AWS gives it, describing each', () => {
    expect(run([defaultSecurityGroup('sg-def')])).toEqual([
      {
        status: 'FAIL',
        region: 'us-east-1',
        resource: { type: 'AwsEc2SecurityGroup', id: 'sg-def', arn: 'arn:aws:ec2:us-east-1:111122223333:security-group/sg-def' },
        message: 'default security group sg-def of vpc-1 has rules: inbound all traffic from sg-def (itself); outbound all traffic to 0.0.0.0/0',
      },
    ]);
  });

  it('passes a default group with no rule in either direction', () => {
    expect(run([defaultSecurityGroup('sg-def', 'vpc-9', { ingress: [], egress: [] })])[0]).toMatchObject({
      status: 'PASS',
      message: 'default security group sg-def of vpc-9 has no inbound and no outbound rule',
    });
  });

  it('fails a default group with only an outbound rule, or only an inbound one', () => {
    const out = run([defaultSecurityGroup('sg-a', 'vpc-1', { ingress: [], egress: [rule('tcp', 443, 443, [], ['::/0'])] })])[0];
    expect(out).toMatchObject({ status: 'FAIL', message: 'default security group sg-a of vpc-1 has rules: outbound tcp 443 to ::/0' });
    const inbound = run([defaultSecurityGroup('sg-b', 'vpc-1', { ingress: [{ ...rule('udp', 1000, 2000), prefixListIds: ['pl-1'] }], egress: [] })])[0];
    expect(inbound).toMatchObject({ status: 'FAIL', message: 'default security group sg-b of vpc-1 has rules: inbound udp 1000-2000 from pl-1' });
  });

  it('judges only VPC default groups, one result each', () => {
    const results = run([
      defaultSecurityGroup('sg-def1', 'vpc-1', { ingress: [], egress: [] }),
      defaultSecurityGroup('sg-def2', 'vpc-2'),
      securityGroup('sg-app', 'app', [rule('-1', undefined, undefined, ['0.0.0.0/0'])], { egress: [] }),
    ]);
    expect(statuses(results)).toEqual({ 'us-east-1/sg-def1': 'PASS', 'us-east-1/sg-def2': 'FAIL' });
  });

  it('recognises the default group by name in inventories saved before isDefault was recorded', () => {
    const legacy = { ...defaultSecurityGroup('sg-old', 'vpc-1', { ingress: [], egress: [] }) };
    delete legacy.isDefault;
    expect(run([legacy])[0]?.status).toBe('PASS');
  });

  it('reports ERROR for a default group whose outbound rules were not recorded, never PASS', () => {
    const unknown = defaultSecurityGroup('sg-def', 'vpc-1', { ingress: [] });
    delete unknown.egress;
    expect(run([unknown])[0]).toMatchObject({ status: 'ERROR' });
    expect(run([unknown])[0]?.message).toContain('its outbound rules were not recorded');
  });

  it('reports ERROR for a region whose security groups could not be read', () => {
    const results = check.evaluate(inventory({ ec2: { 'us-east-1': ec2Region({ securityGroups: failed(denied('ec2', 'DescribeSecurityGroups')) }) } }), checkContext());
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ status: 'ERROR', resource: { type: 'AwsAccount' } });
    expect(check.evaluate(inventory(), checkContext()).map((r) => r.status)).toEqual(['ERROR']);
  });
});
