import {
  EC2Client,
  GetEbsDefaultKmsKeyIdCommand,
  GetEbsEncryptionByDefaultCommand,
  GetSnapshotBlockPublicAccessStateCommand,
  paginateDescribeFlowLogs,
  paginateDescribeInstances,
  paginateDescribeSecurityGroups,
  paginateDescribeSnapshots,
  paginateDescribeVolumes,
  paginateDescribeVpcs,
  type Instance,
  type IpPermission as SdkIpPermission,
} from '@aws-sdk/client-ec2';
import type { Ec2Instance, Ec2Region, EbsSnapshot, EbsVolume, FlowLog, IpPermission, SecurityGroup, Vpc } from '../inventory/ec2';
import { attempt, collectList, expectFields } from './attempt';
import type { RegionalCollector } from './collector';
import { tagsOf } from './tags';
import type { ReadId } from '../inventory/types';

/** AWS reports this placeholder as the source volume of copied snapshots. */
const NO_VOLUME = 'vol-ffffffff';

export const ec2Collector: RegionalCollector<'ec2'> = {
  scope: 'regional',
  async collect(ctx, region): Promise<Ec2Region> {
    const client = ctx.aws.client('ec2', EC2Client, region);
    const site = { service: 'ec2', region };
    const arn = (resource: string, account: string = ctx.accountId) => `arn:${ctx.partition}:ec2:${region}:${account}:${resource}`;

    /** Runs a read only when a selected check needs it; the field is absent otherwise. */
    const when = <T>(read: ReadId, fn: () => Promise<T>): Promise<T> | undefined => (ctx.wants(read) ? fn() : undefined);

    const ebsEncryptionByDefault = when('ec2.ebsEncryptionByDefault', () => attempt({ ...site, operation: 'GetEbsEncryptionByDefault' }, async () => {
      const out = expectFields(await client.send(new GetEbsEncryptionByDefaultCommand({})), ['EbsEncryptionByDefault']);
      const enabled = out.EbsEncryptionByDefault === true;
      if (!enabled) return { enabled };
      // The default key only matters when the setting is on; it is informative, so its failure is not fatal.
      const kmsKeyId = await client
        .send(new GetEbsDefaultKmsKeyIdCommand({}))
        .then((k) => k.KmsKeyId)
        .catch(() => undefined);
      return { enabled, ...(kmsKeyId ? { kmsKeyId } : {}) };
    }));

    const volumes = when('ec2.volumes', () => attempt({ ...site, operation: 'DescribeVolumes' }, async () =>
      (await collectList(paginateDescribeVolumes({ client, pageSize: 500 }, {}), 'Volumes')).map((v): EbsVolume => {
          const volumeId = v.VolumeId ?? '';
          return {
            volumeId,
            arn: arn(`volume/${volumeId}`),
            encrypted: v.Encrypted === true,
            ...(v.KmsKeyId ? { kmsKeyId: v.KmsKeyId } : {}),
            state: v.State ?? 'unknown',
            attachedInstanceIds: (v.Attachments ?? []).flatMap((a) => (a.InstanceId ? [a.InstanceId] : [])),
            tags: tagsOf(v.Tags),
          };
        }),
    ));

    // Two bulk listings instead of DescribeSnapshotAttribute per snapshot: every owned snapshot, and the owned
    // snapshots restorable by `all` (exactly the public ones). Without the second we cannot judge publicness,
    // so either failing fails the whole read.
    const snapshots = when('ec2.snapshots', () => attempt({ ...site, operation: 'DescribeSnapshots' }, async () => {
      const [owned, publicOnes] = await Promise.all([
        collectList(paginateDescribeSnapshots({ client, pageSize: 1000 }, { OwnerIds: ['self'] }), 'Snapshots'),
        collectList(paginateDescribeSnapshots({ client, pageSize: 1000 }, { OwnerIds: ['self'], RestorableByUserIds: ['all'] }), 'Snapshots'),
      ]);
      const isPublic = new Set(publicOnes.map((p) => p.SnapshotId));
      return owned.map((s): EbsSnapshot => {
        const snapshotId = s.SnapshotId ?? '';
        return {
          snapshotId,
          // EC2 snapshot ARNs have an empty account field.
          arn: arn(`snapshot/${snapshotId}`, ''),
          encrypted: s.Encrypted === true,
          ...(s.KmsKeyId ? { kmsKeyId: s.KmsKeyId } : {}),
          ...(s.VolumeId && s.VolumeId !== NO_VOLUME ? { volumeId: s.VolumeId } : {}),
          public: isPublic.has(snapshotId),
          tags: tagsOf(s.Tags),
        };
      });
    }));

    const snapshotBlockPublicAccess = when('ec2.snapshotBlockPublicAccess', () => attempt({ ...site, operation: 'GetSnapshotBlockPublicAccessState' }, async () =>
      expectFields(await client.send(new GetSnapshotBlockPublicAccessStateCommand({})), ['State']).State,
    ));

    const securityGroups = when('ec2.securityGroups', () => attempt({ ...site, operation: 'DescribeSecurityGroups' }, async () =>
      (await collectList(paginateDescribeSecurityGroups({ client, pageSize: 1000 }, {}), 'SecurityGroups')).map((g): SecurityGroup => {
          const groupId = g.GroupId ?? '';
          return {
            groupId,
            groupName: g.GroupName ?? '',
            arn: arn(`security-group/${groupId}`),
            ...(g.VpcId ? { vpcId: g.VpcId } : {}),
            ingress: (g.IpPermissions ?? []).map(toIpPermission),
            // Unknown, not "none", when the answer does not list them: a default group would pass unseen.
            ...(g.IpPermissionsEgress ? { egress: g.IpPermissionsEgress.map(toIpPermission) } : {}),
            // Every VPC has exactly one group named `default`, which cannot be renamed; no other group can take the name.
            isDefault: g.GroupName === 'default' && g.VpcId !== undefined,
            tags: tagsOf(g.Tags),
          };
        }),
    ));

    const vpcs = when('ec2.vpcs', () => attempt({ ...site, operation: 'DescribeVpcs' }, async () =>
      (await collectList(paginateDescribeVpcs({ client, pageSize: 1000 }, {}), 'Vpcs')).map((v): Vpc => {
          const vpcId = v.VpcId ?? '';
          return {
            vpcId,
            arn: arn(`vpc/${vpcId}`),
            isDefault: v.IsDefault === true,
            ...(v.CidrBlock ? { cidrBlock: v.CidrBlock } : {}),
            tags: tagsOf(v.Tags),
          };
        }),
    ));

    const flowLogs = when('ec2.flowLogs', () => attempt({ ...site, operation: 'DescribeFlowLogs' }, async () =>
      (await collectList(paginateDescribeFlowLogs({ client, pageSize: 1000 }, {}), 'FlowLogs')).map((f): FlowLog => {
          const destination = f.LogDestination ?? f.LogGroupName;
          return {
            flowLogId: f.FlowLogId ?? '',
            resourceId: f.ResourceId ?? '',
            status: f.FlowLogStatus ?? 'UNKNOWN',
            ...(f.DeliverLogsStatus ? { deliverLogsStatus: f.DeliverLogsStatus } : {}),
            ...(f.DeliverLogsErrorMessage ? { deliverLogsErrorMessage: f.DeliverLogsErrorMessage } : {}),
            ...(f.TrafficType ? { trafficType: f.TrafficType } : {}),
            ...(f.LogDestinationType ? { destinationType: f.LogDestinationType } : {}),
            ...(destination ? { destination } : {}),
          };
        }),
    ));

    const instances = when('ec2.instances', () => attempt({ ...site, operation: 'DescribeInstances' }, async () =>
      (await collectList(paginateDescribeInstances({ client, pageSize: 1000 }, {}), 'Reservations'))
        .flatMap((r) => expectFields(r, ['Instances']).Instances)
        .map((i) => toInstance(i, arn)),
    ));

    return {
      ebsEncryptionByDefault: await ebsEncryptionByDefault,
      volumes: await volumes,
      snapshots: await snapshots,
      snapshotBlockPublicAccess: await snapshotBlockPublicAccess,
      securityGroups: await securityGroups,
      vpcs: await vpcs,
      flowLogs: await flowLogs,
      instances: await instances,
    };
  },
};

function toIpPermission(p: SdkIpPermission): IpPermission {
  return {
    protocol: p.IpProtocol ?? '-1',
    ...(p.FromPort !== undefined ? { fromPort: p.FromPort } : {}),
    ...(p.ToPort !== undefined ? { toPort: p.ToPort } : {}),
    ipv4Ranges: (p.IpRanges ?? []).flatMap((r) => (r.CidrIp ? [r.CidrIp] : [])),
    ipv6Ranges: (p.Ipv6Ranges ?? []).flatMap((r) => (r.CidrIpv6 ? [r.CidrIpv6] : [])),
    prefixListIds: (p.PrefixListIds ?? []).flatMap((r) => (r.PrefixListId ? [r.PrefixListId] : [])),
    referencedGroupIds: (p.UserIdGroupPairs ?? []).flatMap((r) => (r.GroupId ? [r.GroupId] : [])),
  };
}

function toInstance(i: Instance, arn: (resource: string) => string): Ec2Instance {
  const d = expectFields(i, ['InstanceId', 'State']);
  const state = expectFields(d.State, ['Name']).Name;
  // The primary public IP, plus any other interface's (an Elastic IP on a secondary ENI reaches the instance too).
  const publicIps = new Set<string>();
  if (d.PublicIpAddress) publicIps.add(d.PublicIpAddress);
  for (const eni of d.NetworkInterfaces ?? []) {
    if (eni.Association?.PublicIp) publicIps.add(eni.Association.PublicIp);
    for (const ip of eni.PrivateIpAddresses ?? []) if (ip.Association?.PublicIp) publicIps.add(ip.Association.PublicIp);
  }
  const m = d.MetadataOptions;
  return {
    instanceId: d.InstanceId,
    arn: arn(`instance/${d.InstanceId}`),
    state,
    publicIps: [...publicIps],
    ...(m
      ? {
          metadataOptions: {
            ...(m.HttpTokens ? { httpTokens: m.HttpTokens } : {}),
            ...(m.HttpEndpoint ? { httpEndpoint: m.HttpEndpoint } : {}),
            ...(m.State ? { state: m.State } : {}),
          },
        }
      : {}),
    ...(d.VpcId ? { vpcId: d.VpcId } : {}),
    ...(d.SubnetId ? { subnetId: d.SubnetId } : {}),
    securityGroupIds: (d.SecurityGroups ?? []).flatMap((g) => (g.GroupId ? [g.GroupId] : [])),
    ...(d.IamInstanceProfile?.Arn ? { iamInstanceProfileArn: d.IamInstanceProfile.Arn } : {}),
    tags: tagsOf(d.Tags),
  };
}
