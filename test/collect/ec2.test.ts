import {
  DescribeFlowLogsCommand,
  DescribeInstancesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSnapshotsCommand,
  DescribeVolumesCommand,
  DescribeVpcsCommand,
  EC2Client,
  GetEbsDefaultKmsKeyIdCommand,
  GetEbsEncryptionByDefaultCommand,
  GetSnapshotBlockPublicAccessStateCommand,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { ec2Collector } from '../../src/collect/ec2';
import { awsError, collectContext } from '../support/inventory';

const ec2 = mockClient(EC2Client);
beforeEach(() => ec2.reset());

/** A region where every call answers with nothing, for tests that look at one part. */
function quietRegion(): void {
  ec2.on(GetEbsEncryptionByDefaultCommand).resolves({ EbsEncryptionByDefault: false });
  ec2.on(GetSnapshotBlockPublicAccessStateCommand).resolves({ State: 'unblocked' });
  ec2.on(DescribeVolumesCommand).resolves({ Volumes: [] });
  ec2.on(DescribeSnapshotsCommand).resolves({ Snapshots: [] });
  ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [] });
  ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [] });
  ec2.on(DescribeFlowLogsCommand).resolves({ FlowLogs: [] });
  ec2.on(DescribeInstancesCommand).resolves({ Reservations: [] });
}

describe('ec2 collector', () => {
  it('reads EBS encryption by default and its key only when it is on', async () => {
    quietRegion();
    ec2.on(GetEbsEncryptionByDefaultCommand).resolves({ EbsEncryptionByDefault: true });
    ec2.on(GetEbsDefaultKmsKeyIdCommand).resolves({ KmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/k1' });
    const on = await ec2Collector.collect(collectContext(), 'us-east-1');
    expect(on.ebsEncryptionByDefault).toEqual({ ok: true, value: { enabled: true, kmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/k1' } });

    ec2.reset();
    quietRegion();
    const ctx = collectContext();
    const off = await ec2Collector.collect(ctx, 'us-east-1');
    expect(off.ebsEncryptionByDefault).toEqual({ ok: true, value: { enabled: false } });
    expect(ctx.aws.apiCalls.byOperation()['ec2:GetEbsDefaultKmsKeyId']).toBeUndefined();
  });

  it('keeps the setting when only the default key cannot be read', async () => {
    quietRegion();
    ec2.on(GetEbsEncryptionByDefaultCommand).resolves({ EbsEncryptionByDefault: true });
    ec2.on(GetEbsDefaultKmsKeyIdCommand).rejects(awsError('UnauthorizedOperation', 'denied', 403));
    const data = await ec2Collector.collect(collectContext(), 'us-east-1');
    expect(data.ebsEncryptionByDefault).toEqual({ ok: true, value: { enabled: true } });
  });

  it('follows DescribeVolumes pages (500 a page) and maps attachments, key and tags', async () => {
    quietRegion();
    ec2
      .on(DescribeVolumesCommand)
      .resolvesOnce({
        Volumes: [
          {
            VolumeId: 'vol-1',
            Encrypted: true,
            KmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/k1',
            State: 'in-use',
            Attachments: [{ InstanceId: 'i-1' }],
            Tags: [{ Key: 'Name', Value: 'phi-db-data' }],
          },
        ],
        NextToken: 'p2',
      })
      .resolvesOnce({ Volumes: [{ VolumeId: 'vol-2', Encrypted: false, State: 'available' }] });
    const ctx = collectContext();
    const data = await ec2Collector.collect(ctx, 'us-east-1');
    expect(data.volumes).toEqual({
      ok: true,
      value: [
        {
          volumeId: 'vol-1',
          arn: 'arn:aws:ec2:us-east-1:111122223333:volume/vol-1',
          encrypted: true,
          kmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/k1',
          state: 'in-use',
          attachedInstanceIds: ['i-1'],
          tags: { Name: 'phi-db-data' },
        },
        { volumeId: 'vol-2', arn: 'arn:aws:ec2:us-east-1:111122223333:volume/vol-2', encrypted: false, state: 'available', attachedInstanceIds: [], tags: {} },
      ],
    });
    expect(ctx.aws.apiCalls.byOperation()['ec2:DescribeVolumes']).toBe(2);
    expect(ec2.commandCalls(DescribeVolumesCommand)[0]?.args[0].input.MaxResults).toBe(500);
  });

  it('marks public snapshots from one bulk RestorableByUserIds=all listing, both listings paginated', async () => {
    quietRegion();
    ec2
      .on(DescribeSnapshotsCommand, { OwnerIds: ['self'], RestorableByUserIds: undefined })
      .resolvesOnce({
        Snapshots: [
          { SnapshotId: 'snap-1', VolumeId: 'vol-1', Encrypted: true, KmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/k-1', Tags: [{ Key: 'Name', Value: 'nightly' }] },
          { SnapshotId: 'snap-2', VolumeId: 'vol-2', Encrypted: false },
        ],
        NextToken: 'o2',
      })
      .resolvesOnce({ Snapshots: [{ SnapshotId: 'snap-3', VolumeId: 'vol-ffffffff', Encrypted: false }] });
    ec2
      .on(DescribeSnapshotsCommand, { OwnerIds: ['self'], RestorableByUserIds: ['all'] })
      .resolvesOnce({ Snapshots: [{ SnapshotId: 'snap-2' }], NextToken: 'q2' })
      .resolvesOnce({ Snapshots: [{ SnapshotId: 'snap-3' }] });
    const ctx = collectContext();
    const data = await ec2Collector.collect(ctx, 'us-east-1');
    expect(data.snapshots).toEqual({
      ok: true,
      value: [
        {
          snapshotId: 'snap-1',
          arn: 'arn:aws:ec2:us-east-1::snapshot/snap-1',
          encrypted: true,
          kmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/k-1',
          volumeId: 'vol-1',
          public: false,
          tags: { Name: 'nightly' },
        },
        { snapshotId: 'snap-2', arn: 'arn:aws:ec2:us-east-1::snapshot/snap-2', encrypted: false, volumeId: 'vol-2', public: true, tags: {} },
        // A copied snapshot: the vol-ffffffff placeholder is not a volume.
        { snapshotId: 'snap-3', arn: 'arn:aws:ec2:us-east-1::snapshot/snap-3', encrypted: false, public: true, tags: {} },
      ],
    });
    const inputs = ec2.commandCalls(DescribeSnapshotsCommand).map((c) => c.args[0].input);
    expect(inputs).toHaveLength(4);
    expect(inputs.filter((i) => i.RestorableByUserIds?.[0] === 'all' && i.RestorableByUserIds.length === 1)).toHaveLength(2);
    expect(inputs.every((i) => i.OwnerIds?.length === 1 && i.OwnerIds[0] === 'self')).toBe(true);
    // No per-snapshot attribute calls.
    expect(Object.keys(ctx.aws.apiCalls.byOperation())).not.toContain('ec2:DescribeSnapshotAttribute');
  });

  it('fails the whole snapshots read when the public listing fails, since publicness is then unknown', async () => {
    quietRegion();
    ec2.on(DescribeSnapshotsCommand, { RestorableByUserIds: ['all'] }).rejects(awsError('RequestLimitExceeded', 'slow down', 503));
    const data = await ec2Collector.collect(collectContext(), 'us-east-1');
    expect(data.snapshots).toEqual({
      ok: false,
      error: { service: 'ec2', region: 'us-east-1', operation: 'DescribeSnapshots', code: 'RequestLimitExceeded', message: 'slow down' },
    });
    expect(data.volumes!.ok).toBe(true);
  });

  it('reads the block public access state for snapshots', async () => {
    quietRegion();
    ec2.on(GetSnapshotBlockPublicAccessStateCommand).resolves({ State: 'block-all-sharing' });
    const data = await ec2Collector.collect(collectContext(), 'us-east-1');
    expect(data.snapshotBlockPublicAccess).toEqual({ ok: true, value: 'block-all-sharing' });
  });

  it('follows DescribeSecurityGroups pages and maps every kind of ingress source', async () => {
    quietRegion();
    ec2
      .on(DescribeSecurityGroupsCommand)
      .resolvesOnce({
        SecurityGroups: [
          {
            GroupId: 'sg-1',
            GroupName: 'web',
            VpcId: 'vpc-1',
            Tags: [{ Key: 'team', Value: 'portal' }],
            IpPermissions: [
              { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [{ CidrIpv6: '::/0' }] },
              { IpProtocol: '-1', PrefixListIds: [{ PrefixListId: 'pl-1' }], UserIdGroupPairs: [{ GroupId: 'sg-2', UserId: '111122223333' }] },
            ],
          },
        ],
        NextToken: 'g2',
      })
      .resolvesOnce({ SecurityGroups: [{ GroupId: 'sg-2', GroupName: 'db', IpPermissions: [] }] });
    const ctx = collectContext();
    const data = await ec2Collector.collect(ctx, 'us-east-1');
    expect(data.securityGroups).toEqual({
      ok: true,
      value: [
        {
          groupId: 'sg-1',
          groupName: 'web',
          arn: 'arn:aws:ec2:us-east-1:111122223333:security-group/sg-1',
          vpcId: 'vpc-1',
          ingress: [
            { protocol: 'tcp', fromPort: 22, toPort: 22, ipv4Ranges: ['0.0.0.0/0'], ipv6Ranges: ['::/0'], prefixListIds: [], referencedGroupIds: [] },
            { protocol: '-1', ipv4Ranges: [], ipv6Ranges: [], prefixListIds: ['pl-1'], referencedGroupIds: ['sg-2'] },
          ],
          isDefault: false,
          tags: { team: 'portal' },
        },
        { groupId: 'sg-2', groupName: 'db', arn: 'arn:aws:ec2:us-east-1:111122223333:security-group/sg-2', ingress: [], isDefault: false, tags: {} },
      ],
    });
    expect(ctx.aws.apiCalls.byOperation()['ec2:DescribeSecurityGroups']).toBe(2);
  });

  it('follows DescribeVpcs and DescribeFlowLogs pages', async () => {
    quietRegion();
    ec2
      .on(DescribeVpcsCommand)
      .resolvesOnce({ Vpcs: [{ VpcId: 'vpc-1', IsDefault: true, CidrBlock: '172.31.0.0/16' }], NextToken: 'v2' })
      .resolvesOnce({ Vpcs: [{ VpcId: 'vpc-2', IsDefault: false, Tags: [{ Key: 'Name', Value: 'phi-prod' }] }] });
    ec2
      .on(DescribeFlowLogsCommand)
      .resolvesOnce({
        FlowLogs: [
          {
            FlowLogId: 'fl-1',
            ResourceId: 'vpc-1',
            FlowLogStatus: 'ACTIVE',
            DeliverLogsStatus: 'SUCCESS',
            TrafficType: 'ALL',
            LogDestinationType: 's3',
            LogDestination: 'arn:aws:s3:::flow-logs',
          },
        ],
        NextToken: 'f2',
      })
      .resolvesOnce({
        FlowLogs: [
          {
            FlowLogId: 'fl-2',
            ResourceId: 'vpc-2',
            FlowLogStatus: 'ACTIVE',
            DeliverLogsStatus: 'FAILED',
            DeliverLogsErrorMessage: 'Access error',
            TrafficType: 'REJECT',
            LogDestinationType: 'cloud-watch-logs',
            LogGroupName: 'vpc-flow',
          },
        ],
      });
    const ctx = collectContext();
    const data = await ec2Collector.collect(ctx, 'us-east-1');
    expect(data.vpcs).toEqual({
      ok: true,
      value: [
        { vpcId: 'vpc-1', arn: 'arn:aws:ec2:us-east-1:111122223333:vpc/vpc-1', isDefault: true, cidrBlock: '172.31.0.0/16', tags: {} },
        { vpcId: 'vpc-2', arn: 'arn:aws:ec2:us-east-1:111122223333:vpc/vpc-2', isDefault: false, tags: { Name: 'phi-prod' } },
      ],
    });
    expect(data.flowLogs).toEqual({
      ok: true,
      value: [
        { flowLogId: 'fl-1', resourceId: 'vpc-1', status: 'ACTIVE', deliverLogsStatus: 'SUCCESS', trafficType: 'ALL', destinationType: 's3', destination: 'arn:aws:s3:::flow-logs' },
        {
          flowLogId: 'fl-2',
          resourceId: 'vpc-2',
          status: 'ACTIVE',
          deliverLogsStatus: 'FAILED',
          deliverLogsErrorMessage: 'Access error',
          trafficType: 'REJECT',
          destinationType: 'cloud-watch-logs',
          destination: 'vpc-flow',
        },
      ],
    });
    expect(ctx.aws.apiCalls.byOperation()).toMatchObject({ 'ec2:DescribeVpcs': 2, 'ec2:DescribeFlowLogs': 2 });
  });

  it('records AccessDenied on DescribeFlowLogs while VPCs and the rest are still collected', async () => {
    quietRegion();
    ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: 'vpc-1', IsDefault: false }] });
    ec2.on(DescribeFlowLogsCommand).rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403));
    const data = await ec2Collector.collect(collectContext(), 'eu-west-1');
    expect(data.flowLogs).toEqual({
      ok: false,
      error: {
        service: 'ec2',
        region: 'eu-west-1',
        operation: 'DescribeFlowLogs',
        code: 'UnauthorizedOperation',
        message: 'You are not authorized to perform this operation.',
      },
    });
    expect(data.vpcs).toEqual({ ok: true, value: [{ vpcId: 'vpc-1', arn: 'arn:aws:ec2:eu-west-1:111122223333:vpc/vpc-1', isDefault: false, tags: {} }] });
    expect(data.securityGroups!.ok && data.volumes!.ok && data.snapshots!.ok && data.ebsEncryptionByDefault!.ok).toBe(true);
  });

  it('records AuthFailure for every read of a region that is not enabled, without throwing', async () => {
    ec2.onAnyCommand().rejects(awsError('AuthFailure', 'AWS was not able to validate the provided access credentials', 401));
    const data = await ec2Collector.collect(collectContext(), 'ap-east-1');
    const parts = Object.entries(data);
    expect(parts).toHaveLength(8);
    for (const [, read] of parts) {
      expect(read).toMatchObject({ ok: false, error: { service: 'ec2', region: 'ap-east-1', code: 'AuthFailure' } });
    }
    expect(data.vpcs).toMatchObject({ ok: false, error: { operation: 'DescribeVpcs' } });
  });

  it('output is plain JSON (no Date objects, no undefined values)', async () => {
    quietRegion();
    ec2.on(DescribeVolumesCommand).resolves({ Volumes: [{ VolumeId: 'vol-1', CreateTime: new Date(), State: 'in-use' }] });
    const data = await ec2Collector.collect(collectContext(), 'us-east-1');
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
    expect(JSON.stringify(data)).not.toContain('undefined');
  });
});
