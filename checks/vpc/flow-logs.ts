import type { Check, CheckResult } from '../../src/evaluate/types';
import type { FlowLog, Vpc } from '../../src/inventory/ec2';
import type { Read } from '../../src/inventory/read';
import { accountResource, eachRegion, fail, pass, unreadable, withRead, readOf } from '../../src/evaluate/results';

function label(vpc: Vpc): string {
  const details = [vpc.tags.Name, vpc.isDefault ? 'default VPC' : undefined].filter(Boolean);
  return `VPC ${vpc.vpcId}${details.length > 0 ? ` (${details.join(', ')})` : ''}`;
}

function target(log: FlowLog): string {
  const traffic = log.trafficType ? `${log.trafficType} traffic` : 'traffic';
  const where = [log.destinationType, log.destination].filter(Boolean).join(' ');
  return `${traffic}${where ? ` to ${where}` : ''}`;
}

function delivering(log: FlowLog): boolean {
  return log.deliverLogsStatus?.toUpperCase() !== 'FAILED';
}

function failure(log: FlowLog): string {
  return `flow log ${log.flowLogId} is active but failing to deliver records${log.deliverLogsErrorMessage ? ` (${log.deliverLogsErrorMessage})` : ''}`;
}

function judge(vpc: Vpc, region: string, flowLogs: Read<FlowLog[]>): CheckResult {
  const resource = { type: 'AwsEc2Vpc', id: vpc.vpcId, arn: vpc.arn };
  if (!flowLogs.ok) return unreadable(region, resource, flowLogs.error, `the flow logs of ${vpc.vpcId}`);
  const logs = flowLogs.value.filter((f) => f.resourceId === vpc.vpcId);
  const active = logs.filter((f) => f.status.toUpperCase() === 'ACTIVE');
  const good = active.find(delivering);
  if (good) return pass(region, resource, `${label(vpc)} has active flow log ${good.flowLogId} recording ${target(good)}`);
  if (active.length > 0) return fail(region, resource, `${label(vpc)} has no working flow log: ${active.map(failure).join('; ')}`);
  if (logs.length > 0) {
    const states = logs.map((f) => `${f.flowLogId} is ${f.status}`).join(', ');
    return fail(region, resource, `${label(vpc)} has no active flow log (${states})`);
  }
  return fail(region, resource, `${label(vpc)} has no flow log: its network traffic is not recorded`);
}

const check: Check = {
  id: 'vpc.flow-logs',
  title: 'VPC flow logs are enabled for every VPC',
  severity: 'medium',
  hipaa: ['164.312(b)', '164.308(a)(1)(ii)(D)'],
  controls: ['EC2.6'],
  description:
    'VPC flow logs record the network connections to and from every interface in the VPC. They are the audit trail ' +
    'for who reached systems that hold ePHI, feed GuardDuty-style investigation and information system activity ' +
    'review, and cannot be reconstructed afterwards. A VPC passes only with a VPC-level flow log that is ACTIVE and ' +
    'not failing delivery; subnet- or interface-level logs do not cover the whole VPC.',
  remediation: {
    text:
      'VPC console > Your VPCs > (VPC) > Flow logs > Create flow log (filter All, destination CloudWatch Logs or S3), ' +
      'or `aws ec2 create-flow-logs --resource-type VPC --resource-ids <vpc> --traffic-type ALL ' +
      '--log-destination-type s3 --log-destination arn:aws:s3:::<bucket>`. For a log failing delivery, fix the IAM ' +
      'role or bucket/log group policy named in its error.',
    url: 'https://docs.aws.amazon.com/vpc/latest/userguide/working-with-flow-logs.html',
  },
  reads: ['ec2.vpcs', 'ec2.flowLogs'],
  evaluate(inventory) {
    const account = accountResource(inventory);
    return eachRegion(inventory, 'ec2', inventory.ec2, (data, region) =>
      withRead(data.vpcs, region, account, (vpcs) => vpcs.map((vpc) => judge(vpc, region, readOf(data.flowLogs, 'ec2', region, 'DescribeFlowLogs')))),
    );
  },
};

export default check;
