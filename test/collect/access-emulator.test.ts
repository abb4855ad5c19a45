import { AttachRolePolicyCommand, CreatePolicyCommand, CreatePolicyVersionCommand, CreateRoleCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { AwsContext } from '../../src/aws/context';
import { ec2Collector } from '../../src/collect/ec2';
import { iamCollector } from '../../src/collect/iam';
import type { CollectContext } from '../../src/collect/context';
import type { ReadId } from '../../src/inventory/types';
import { startEmulator, type Emulator } from '../support/emulator';

/* The authorization details and instance reads over real HTTP (the SDK's XML parsing, IAM's URL-encoded documents), against moto. */

jest.setTimeout(60_000);
const credentials = { accessKeyId: 'AKIATEST', secretAccessKey: 'test' };
let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => emulator?.stop());
beforeEach(async () => emulator.reset());

function context(reads: ReadId[]): CollectContext {
  const aws = new AwsContext({ credentials: async () => credentials, endpointUrl: emulator.url });
  return { aws, accountId: '123456789012', partition: 'aws', homeRegion: 'us-east-1', regions: ['us-east-1'], wants: (r) => reads.includes(r) };
}

it('reads users, roles and the default version of customer policies, URL-decoding every document', async () => {
  const iam = new IAMClient({ endpoint: emulator.url, region: 'us-east-1', credentials });
  const narrow = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::phi/100%*' }] });
  const admin = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
  const policy = await iam.send(new CreatePolicyCommand({ PolicyName: 'ci-admin', PolicyDocument: narrow }));
  await iam.send(new CreatePolicyVersionCommand({ PolicyArn: policy.Policy!.Arn!, PolicyDocument: admin, SetAsDefault: true }));
  await iam.send(new CreateRoleCommand({ RoleName: 'ci', AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [] }) }));
  await iam.send(new AttachRolePolicyCommand({ RoleName: 'ci', PolicyArn: policy.Policy!.Arn! }));
  await iam.send(new CreateUserCommand({ UserName: 'bob' }));
  await iam.send(new PutUserPolicyCommand({ UserName: 'bob', PolicyName: 'read', PolicyDocument: narrow }));

  const data = await iamCollector.collect(context(['iam.authorizationDetails']));
  expect(data.authorizationDetails?.ok).toBe(true);
  const details = data.authorizationDetails?.ok ? data.authorizationDetails.value : undefined;
  expect(details?.users).toEqual([expect.objectContaining({ name: 'bob', inlinePolicies: [{ name: 'read', document: narrow }], attachedPolicies: [] })]);
  expect(details?.roles).toEqual([expect.objectContaining({ name: 'ci', attachedPolicies: [{ name: 'ci-admin', arn: policy.Policy!.Arn! }] })]);
  expect(details?.policies).toEqual([expect.objectContaining({ name: 'ci-admin', defaultVersionId: 'v2', document: admin, attachmentCount: 1 })]);
});

it('reads instances with their public IP and IMDS options, and the default group\'s outbound rules', async () => {
  const ec2 = new EC2Client({ endpoint: emulator.url, region: 'us-east-1', credentials });
  const run = await ec2.send(new RunInstancesCommand({ ImageId: 'ami-12c6146b', MinCount: 1, MaxCount: 1, MetadataOptions: { HttpTokens: 'optional' } }));
  const data = await ec2Collector.collect(context(['ec2.instances', 'ec2.securityGroups']), 'us-east-1');
  const instances = data.instances?.ok ? data.instances.value : [];
  expect(instances).toEqual([
    expect.objectContaining({ instanceId: run.Instances![0]!.InstanceId, state: 'running', metadataOptions: expect.objectContaining({ httpTokens: 'optional' }) }),
  ]);
  expect(instances[0]?.publicIps).toHaveLength(1);
  const groups = data.securityGroups?.ok ? data.securityGroups.value : [];
  expect(groups.filter((g) => g.isDefault)).toEqual([expect.objectContaining({ groupName: 'default', egress: [expect.objectContaining({ protocol: '-1', ipv4Ranges: ['0.0.0.0/0'] })] })]);
});
