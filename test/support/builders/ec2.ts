import type { EbsSnapshot, EbsVolume, Ec2Instance, Ec2Region, FlowLog, IpPermission, SecurityGroup, Vpc } from '../../../src/inventory/types';
import { ACCOUNT, ok } from '../inventory';

/* Typed EC2 and VPC inventory for check tests: complete objects with defaults, overridable field by field. */

/** An EC2 region where every read succeeded with nothing in it; override the parts a test needs. */
export function ec2Region(parts: Partial<Ec2Region> = {}): Ec2Region {
  return {
    ebsEncryptionByDefault: ok({ enabled: true }),
    volumes: ok([]),
    snapshots: ok([]),
    snapshotBlockPublicAccess: ok('unblocked'),
    securityGroups: ok([]),
    vpcs: ok([]),
    flowLogs: ok([]),
    instances: ok([]),
    ...parts,
  };
}

export const volumeArn = (id: string): string => `arn:aws:ec2:us-east-1:${ACCOUNT}:volume/${id}`;

/** An encrypted, in-use, unattached and untagged EBS volume in us-east-1. */
export function ebsVolume(id: string, over: Partial<EbsVolume> = {}): EbsVolume {
  return { volumeId: id, arn: volumeArn(id), encrypted: true, state: 'in-use', attachedInstanceIds: [], tags: {}, ...over };
}

/** An encrypted, private and untagged EBS snapshot in us-east-1. */
export function ebsSnapshot(id: string, over: Partial<EbsSnapshot> = {}): EbsSnapshot {
  return { snapshotId: id, arn: `arn:aws:ec2:us-east-1::snapshot/${id}`, encrypted: true, public: false, tags: {}, ...over };
}

/** An ingress rule: protocol, port range (absent for all ports) and the IPv4 / IPv6 CIDRs it allows. */
export function ipPermission(protocol: string, from: number | undefined, to: number | undefined, v4: string[] = [], v6: string[] = []): IpPermission {
  return {
    protocol,
    ...(from !== undefined ? { fromPort: from } : {}),
    ...(to !== undefined ? { toPort: to } : {}),
    ipv4Ranges: v4,
    ipv6Ranges: v6,
    prefixListIds: [],
    referencedGroupIds: [],
  };
}

/** An untagged security group in vpc-1 with the given ingress rules. */
export function securityGroup(id: string, name: string, ingress: IpPermission[], over: Partial<SecurityGroup> = {}): SecurityGroup {
  return { groupId: id, groupName: name, arn: `arn:aws:ec2:us-east-1:${ACCOUNT}:security-group/${id}`, vpcId: 'vpc-1', ingress, tags: {}, ...over };
}

/** A non-default, untagged VPC in us-east-1. */
export function vpc(id: string, over: Partial<Vpc> = {}): Vpc {
  return { vpcId: id, arn: `arn:aws:ec2:us-east-1:${ACCOUNT}:vpc/${id}`, isDefault: false, tags: {}, ...over };
}

/** An active flow log on `resourceId`, delivering ALL traffic to S3 successfully. */
export function flowLog(id: string, resourceId: string, over: Partial<FlowLog> = {}): FlowLog {
  return {
    flowLogId: id,
    resourceId,
    status: 'ACTIVE',
    deliverLogsStatus: 'SUCCESS',
    trafficType: 'ALL',
    destinationType: 's3',
    destination: 'arn:aws:s3:::flow-logs',
    ...over,
  };
}

/** A running, untagged instance in us-east-1 without public IP that requires IMDSv2. */
export function instance(id: string, over: Partial<Ec2Instance> = {}): Ec2Instance {
  return {
    instanceId: id,
    arn: `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/${id}`,
    state: 'running',
    publicIps: [],
    metadataOptions: { httpTokens: 'required', httpEndpoint: 'enabled', state: 'applied' },
    vpcId: 'vpc-1',
    subnetId: 'subnet-1',
    securityGroupIds: ['sg-1'],
    tags: {},
    ...over,
  };
}

/** The default security group of `vpcId` with the rules AWS gives it: all traffic in from itself, all traffic out. */
export function defaultSecurityGroup(id: string, vpcId = 'vpc-1', over: Partial<SecurityGroup> = {}): SecurityGroup {
  return securityGroup(id, 'default', [{ ...ipPermission('-1', undefined, undefined), referencedGroupIds: [id] }], {
    vpcId,
    isDefault: true,
    egress: [ipPermission('-1', undefined, undefined, ['0.0.0.0/0'])],
    ...over,
  });
}
