import check from '../../../checks/ec2/imdsv2-required';
import type { Ec2Instance } from '../../../src/inventory/types';
import { checkContext, denied, failed, inventory, ok, statuses } from '../../support/inventory';
import { ec2Region, instance } from '../../support/builders/ec2';

const run = (instances: Ec2Instance[]) => check.evaluate(inventory({ ec2: { 'us-east-1': ec2Region({ instances: ok(instances) }) } }), checkContext());
const one = (over: Partial<Ec2Instance>) => {
  const results = run([instance('i-1', over)]);
  expect(results).toHaveLength(1);
  return results[0]!;
};

describe('ec2.imdsv2-required', () => {
  it('passes an instance that requires session tokens', () => {
    expect(one({ tags: { Name: 'ehr-app' } })).toEqual({
      status: 'PASS',
      region: 'us-east-1',
      resource: { type: 'AwsEc2Instance', id: 'i-1', arn: 'arn:aws:ec2:us-east-1:111122223333:instance/i-1' },
      message: 'instance i-1 (ehr-app) requires IMDSv2 session tokens (HttpTokens required)',
    });
  });

  it('fails an instance that still answers IMDSv1', () => {
    expect(one({ metadataOptions: { httpTokens: 'optional', httpEndpoint: 'enabled', state: 'applied' } })).toMatchObject({
      status: 'FAIL',
      message: 'instance i-1 answers IMDSv1 requests without a session token (HttpTokens optional), so an SSRF flaw can read its role credentials',
    });
  });

  it('passes an instance whose metadata endpoint is off, whatever its token setting', () => {
    expect(one({ metadataOptions: { httpTokens: 'optional', httpEndpoint: 'disabled' } })).toMatchObject({
      status: 'PASS',
      message: 'instance i-1 has its instance metadata endpoint turned off (HttpEndpoint disabled)',
    });
  });

  it('judges the options as reported while a change is being applied, and says so', () => {
    expect(one({ metadataOptions: { httpTokens: 'required', httpEndpoint: 'enabled', state: 'pending' } }).message).toBe(
      'instance i-1 requires IMDSv2 session tokens (HttpTokens required) (a change to its metadata options is still being applied)',
    );
  });

  it('reports ERROR, not a verdict, when DescribeInstances gave no token setting', () => {
    expect(one({ metadataOptions: undefined })).toMatchObject({ status: 'ERROR', message: 'cannot tell whether instance i-1 requires IMDSv2: DescribeInstances reported no HttpTokens for it' });
    expect(one({ metadataOptions: { httpTokens: 'sometimes' } }).status).toBe('ERROR');
  });

  it('judges pending and running instances only', () => {
    const optional = { metadataOptions: { httpTokens: 'optional', httpEndpoint: 'enabled' } };
    const results = run(
      ['pending', 'running', 'stopping', 'stopped', 'shutting-down', 'terminated'].map((state) => instance(`i-${state}`, { state, ...optional })),
    );
    expect(statuses(results)).toEqual({ 'us-east-1/i-pending': 'FAIL', 'us-east-1/i-running': 'FAIL' });
  });

  it('reports ERROR for a region whose instances could not be read, and judges the others', () => {
    const inv = inventory({
      regions: ['us-east-1', 'eu-west-1'],
      ec2: {
        'us-east-1': ec2Region({ instances: ok([instance('i-1')]) }),
        'eu-west-1': ec2Region({ instances: failed(denied('ec2', 'DescribeInstances', 'eu-west-1')) }),
      },
    });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ 'us-east-1/i-1': 'PASS', 'eu-west-1/111122223333': 'ERROR' });
    expect(results.find((r) => r.status === 'ERROR')?.message).toContain('could not read the EC2 instances in eu-west-1: AccessDenied');
    const absent = check.evaluate(inventory({ ec2: { 'us-east-1': ec2Region({ instances: undefined }) } }), checkContext());
    expect(absent.map((r) => r.status)).toEqual(['ERROR']);
  });
});
