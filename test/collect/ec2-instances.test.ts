import { DescribeInstancesCommand, DescribeSecurityGroupsCommand, type DescribeInstancesResult, EC2Client } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { ec2Collector } from '../../src/collect/ec2';
import { awsError, collectContext } from '../support/inventory';
import { inOrder } from '../support/pages';

const ec2 = mockClient(EC2Client);
beforeEach(() => ec2.reset());

const arn = (id: string) => `arn:aws:ec2:us-east-1:111122223333:instance/${id}`;

describe('ec2 collector: instances', () => {
  it('follows DescribeInstances pages (1000 a page) across reservations and maps state, public IPs, IMDS options, tags and profile', async () => {
    const pages = inOrder<DescribeInstancesResult>([
      {
        NextToken: 't1',
        Reservations: [
          {
            Instances: [
              {
                InstanceId: 'i-web',
                State: { Name: 'running', Code: 16 },
                PublicIpAddress: '198.51.100.7',
                VpcId: 'vpc-1',
                SubnetId: 'subnet-1',
                SecurityGroups: [{ GroupId: 'sg-web', GroupName: 'web' }],
                IamInstanceProfile: { Arn: 'arn:aws:iam::111122223333:instance-profile/web', Id: 'AIPA1' },
                MetadataOptions: { State: 'applied', HttpTokens: 'optional', HttpEndpoint: 'enabled', HttpPutResponseHopLimit: 1 },
                NetworkInterfaces: [
                  { Association: { PublicIp: '198.51.100.7' }, PrivateIpAddresses: [{ Association: { PublicIp: '198.51.100.7' } }] },
                  // An Elastic IP on a secondary interface and on a secondary private address.
                  { Association: { PublicIp: '203.0.113.9' }, PrivateIpAddresses: [{ PrivateIpAddress: '10.0.0.9' }, { Association: { PublicIp: '203.0.113.10' } }] },
                ],
                Tags: [{ Key: 'Name', Value: 'patient-portal-web' }],
              },
              { InstanceId: 'i-old', State: { Name: 'stopped', Code: 80 } },
            ],
          },
        ],
      },
      {
        Reservations: [
          {
            Instances: [
              {
                InstanceId: 'i-db',
                State: { Name: 'pending', Code: 0 },
                MetadataOptions: { State: 'pending', HttpTokens: 'required', HttpEndpoint: 'disabled' },
                SecurityGroups: [],
              },
            ],
          },
          { Instances: [] },
        ],
      },
    ], { sent: 'NextToken', given: 'NextToken' });
    ec2.on(DescribeInstancesCommand).callsFake(pages.fake);
    const ctx = collectContext(['us-east-1'], ['ec2.instances']);
    const data = await ec2Collector.collect(ctx, 'us-east-1');

    expect(pages.inputs).toEqual([{ MaxResults: 1000 }, { MaxResults: 1000, NextToken: 't1' }]);
    expect(data.instances).toEqual({
      ok: true,
      value: [
        {
          instanceId: 'i-web',
          arn: arn('i-web'),
          state: 'running',
          publicIps: ['198.51.100.7', '203.0.113.9', '203.0.113.10'],
          metadataOptions: { httpTokens: 'optional', httpEndpoint: 'enabled', state: 'applied' },
          vpcId: 'vpc-1',
          subnetId: 'subnet-1',
          securityGroupIds: ['sg-web'],
          iamInstanceProfileArn: 'arn:aws:iam::111122223333:instance-profile/web',
          tags: { Name: 'patient-portal-web' },
        },
        { instanceId: 'i-old', arn: arn('i-old'), state: 'stopped', publicIps: [], securityGroupIds: [], tags: {} },
        {
          instanceId: 'i-db',
          arn: arn('i-db'),
          state: 'pending',
          publicIps: [],
          metadataOptions: { httpTokens: 'required', httpEndpoint: 'disabled', state: 'pending' },
          securityGroupIds: [],
          tags: {},
        },
      ],
    });
    // Only the wanted read, and one call per page whatever the number of instances.
    expect(ctx.aws.apiCalls.byOperation()).toEqual({ 'ec2:DescribeInstances': 2 });
    expect(data.securityGroups).toBeUndefined();
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
  });

  it('is not read when no selected check wants it', async () => {
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [] });
    const ctx = collectContext(['us-east-1'], ['ec2.securityGroups']);
    const data = await ec2Collector.collect(ctx, 'us-east-1');
    expect(data.instances).toBeUndefined();
    expect(ec2.commandCalls(DescribeInstancesCommand)).toHaveLength(0);
    expect(ctx.aws.apiCalls.byOperation()).toEqual({ 'ec2:DescribeSecurityGroups': 1 });
  });

  it('records UnauthorizedOperation as a failed read of DescribeInstances', async () => {
    ec2.on(DescribeInstancesCommand).rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403));
    const data = await ec2Collector.collect(collectContext(['us-east-1'], ['ec2.instances']), 'us-east-1');
    expect(data.instances).toEqual({
      ok: false,
      error: { service: 'ec2', region: 'us-east-1', operation: 'DescribeInstances', code: 'UnauthorizedOperation', message: 'You are not authorized to perform this operation.' },
    });
  });

  it.each([
    ['an empty answer', {}, /lacks Reservations/],
    ['a reservation without its instance list', { Reservations: [{ ReservationId: 'r-1' }] }, /lacks Instances/],
    ['an instance without its state', { Reservations: [{ Instances: [{ InstanceId: 'i-1' }] }] }, /lacks State/],
    ['a state without its name', { Reservations: [{ Instances: [{ InstanceId: 'i-1', State: { Code: 16 } }] }] }, /lacks Name/],
  ])('reports %s as IncompleteAnswer, never as a region without instances', async (_what, answer, message) => {
    ec2.on(DescribeInstancesCommand).resolves(answer);
    const data = await ec2Collector.collect(collectContext(['us-east-1'], ['ec2.instances']), 'us-east-1');
    expect(data.instances).toMatchObject({ ok: false, error: { operation: 'DescribeInstances', code: 'IncompleteAnswer' } });
    expect(data.instances?.ok === false && data.instances.error.message).toMatch(message);
  });
});

describe('ec2 collector: security group egress and the VPC default group', () => {
  it('maps outbound rules, flags the default group of a VPC, and leaves egress unknown when the answer lists none', async () => {
    ec2.on(DescribeSecurityGroupsCommand).resolves({
      SecurityGroups: [
        {
          GroupId: 'sg-def',
          GroupName: 'default',
          VpcId: 'vpc-1',
          IpPermissions: [{ IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: 'sg-def' }] }],
          IpPermissionsEgress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
        },
        { GroupId: 'sg-closed', GroupName: 'app', VpcId: 'vpc-1', IpPermissions: [], IpPermissionsEgress: [] },
        { GroupId: 'sg-unknown', GroupName: 'legacy', VpcId: 'vpc-1', IpPermissions: [] },
      ],
    });
    const data = await ec2Collector.collect(collectContext(['us-east-1'], ['ec2.securityGroups']), 'us-east-1');
    const groups = data.securityGroups?.ok ? data.securityGroups.value : [];
    expect(groups.map((g) => [g.groupId, g.isDefault, g.egress])).toEqual([
      ['sg-def', true, [{ protocol: '-1', ipv4Ranges: ['0.0.0.0/0'], ipv6Ranges: [], prefixListIds: [], referencedGroupIds: [] }]],
      ['sg-closed', false, []],
      ['sg-unknown', false, undefined],
    ]);
    expect(groups[2]).not.toHaveProperty('egress');
  });
});
