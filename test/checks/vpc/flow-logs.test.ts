import check from '../../../checks/vpc/flow-logs';
import type { FlowLog, Vpc } from '../../../src/inventory/ec2';
import { checkContext, denied, failed, inventory, ok, statuses } from '../../support/inventory';
import { ec2Region, flowLog, vpc } from '../../support/builders/ec2';

function run(vpcs: Vpc[], logs: FlowLog[]) {
  return check.evaluate(inventory({ ec2: { 'us-east-1': ec2Region({ vpcs: ok(vpcs), flowLogs: ok(logs) }) } }), checkContext());
}

describe('vpc.flow-logs', () => {
  it('passes a VPC with an active flow log and fails one without any', () => {
    const results = run([vpc('vpc-1', { tags: { Name: 'phi-prod' } }), vpc('vpc-2', { isDefault: true })], [flowLog('fl-1', 'vpc-1')]);
    expect(statuses(results)).toEqual({ 'us-east-1/vpc-1': 'PASS', 'us-east-1/vpc-2': 'FAIL' });
    expect(results[0]?.message).toBe('VPC vpc-1 (phi-prod) has active flow log fl-1 recording ALL traffic to s3 arn:aws:s3:::flow-logs');
    expect(results[1]?.message).toBe('VPC vpc-2 (default VPC) has no flow log: its network traffic is not recorded');
    expect(results[1]?.resource).toEqual({ type: 'AwsEc2Vpc', id: 'vpc-2', arn: 'arn:aws:ec2:us-east-1:111122223333:vpc/vpc-2' });
  });

  it('does not count flow logs on subnets or interfaces, or on another VPC', () => {
    const results = run([vpc('vpc-1')], [flowLog('fl-s', 'subnet-1'), flowLog('fl-e', 'eni-1'), flowLog('fl-o', 'vpc-9')]);
    expect(results[0]?.status).toBe('FAIL');
  });

  it('fails a VPC whose only flow log is not active, naming its status', () => {
    const [only] = run([vpc('vpc-1')], [flowLog('fl-1', 'vpc-1', { status: 'INACTIVE' })]);
    expect(only?.status).toBe('FAIL');
    expect(only?.message).toBe('VPC vpc-1 has no active flow log (fl-1 is INACTIVE)');
  });

  it('fails an active flow log whose delivery is failing, with the reason', () => {
    const [only] = run([vpc('vpc-1')], [flowLog('fl-1', 'vpc-1', { deliverLogsStatus: 'FAILED', deliverLogsErrorMessage: 'Access error' })]);
    expect(only?.status).toBe('FAIL');
    expect(only?.message).toBe('VPC vpc-1 has no working flow log: flow log fl-1 is active but failing to deliver records (Access error)');
  });

  it('passes when one of several flow logs works, naming the working one', () => {
    const [only] = run(
      [vpc('vpc-1')],
      [
        flowLog('fl-1', 'vpc-1', { deliverLogsStatus: 'FAILED' }),
        flowLog('fl-2', 'vpc-1', { trafficType: 'REJECT', destinationType: 'cloud-watch-logs', destination: 'vpc-flow' }),
      ],
    );
    expect(only?.status).toBe('PASS');
    expect(only?.message).toBe('VPC vpc-1 has active flow log fl-2 recording REJECT traffic to cloud-watch-logs vpc-flow');
  });

  it('reports ERROR for each VPC when flow logs could not be read', () => {
    const inv = inventory({
      ec2: { 'us-east-1': ec2Region({ vpcs: ok([vpc('vpc-1'), vpc('vpc-2')]), flowLogs: failed(denied('ec2', 'DescribeFlowLogs')) }) },
    });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ 'us-east-1/vpc-1': 'ERROR', 'us-east-1/vpc-2': 'ERROR' });
    expect(results[0]?.message).toBe('could not read the flow logs of vpc-1: AccessDenied: User is not authorized to perform: ec2:DescribeFlowLogs. Fix: allow ec2:DescribeFlowLogs for the auditing identity (the AWS managed SecurityAudit policy includes it; where SecurityAudit is attached, a permissions boundary, SCP or resource policy denies it).');
    expect(results[0]?.resource.type).toBe('AwsEc2Vpc');
  });

  it('reports one ERROR for the account when VPCs could not be listed', () => {
    const inv = inventory({ ec2: { 'us-east-1': ec2Region({ vpcs: failed(denied('ec2', 'DescribeVpcs')), flowLogs: ok([]) }) } });
    const results = check.evaluate(inv, checkContext());
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ status: 'ERROR', resource: { type: 'AwsAccount' } });
    expect(results[0]?.message).toContain('DescribeVpcs: AccessDenied');
  });

  it('reports ERROR for a region the inventory does not hold', () => {
    const inv = inventory({ regions: ['us-east-1', 'eu-west-1'], ec2: { 'us-east-1': ec2Region() } });
    expect(statuses(check.evaluate(inv, checkContext()))).toEqual({ 'eu-west-1/111122223333': 'ERROR' });
  });
});
