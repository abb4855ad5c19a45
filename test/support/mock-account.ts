import {
  BackupClient,
  DescribeRegionSettingsCommand,
  GetBackupPlanCommand,
  GetBackupSelectionCommand,
  GetBackupVaultAccessPolicyCommand,
  ListBackupPlansCommand,
  ListBackupSelectionsCommand,
  ListBackupVaultsCommand,
  ListProtectedResourcesCommand,
} from '@aws-sdk/client-backup';
import { CloudTrailClient, DescribeTrailsCommand, GetEventSelectorsCommand, GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail';
import { ConfigServiceClient, DescribeConfigurationRecordersCommand, DescribeConfigurationRecorderStatusCommand } from '@aws-sdk/client-config-service';
import {
  DescribeFlowLogsCommand,
  DescribeInstancesCommand,
  DescribeRegionsCommand,
  DescribeSecurityGroupsCommand,
  DescribeSnapshotsCommand,
  GetSnapshotBlockPublicAccessStateCommand,
  DescribeVolumesCommand,
  DescribeVpcsCommand,
  EC2Client,
  GetEbsEncryptionByDefaultCommand,
} from '@aws-sdk/client-ec2';
import { GetDetectorCommand, GuardDutyClient, ListDetectorsCommand } from '@aws-sdk/client-guardduty';
import {
  GenerateCredentialReportCommand,
  GetAccountAuthorizationDetailsCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  IAMClient,
  ListVirtualMFADevicesCommand,
} from '@aws-sdk/client-iam';
import { DescribeKeyCommand, GetKeyRotationStatusCommand, KMSClient, ListAliasesCommand, ListKeysCommand } from '@aws-sdk/client-kms';
import {
  DescribeDBClustersCommand,
  DescribeDBClusterSnapshotAttributesCommand,
  DescribeDBClusterSnapshotsCommand,
  DescribeDBInstancesCommand,
  DescribeDBParametersCommand,
  DescribeDBProxiesCommand,
  DescribeDBSnapshotAttributesCommand,
  DescribeDBSnapshotsCommand,
  RDSClient,
} from '@aws-sdk/client-rds';
import { DescribeClusterParametersCommand, DescribeClustersCommand as DescribeRedshiftClustersCommand, RedshiftClient } from '@aws-sdk/client-redshift';
import {
  GetBucketAclCommand,
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketPolicyCommand,
  GetBucketPolicyStatusCommand,
  GetBucketReplicationCommand,
  GetBucketVersioningCommand,
  GetObjectCommand,
  GetObjectLockConfigurationCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import { BatchImportFindingsCommand, DescribeHubCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { BatchGetAccountStatusCommand, Inspector2Client } from '@aws-sdk/client-inspector2';
import { GetMacieSessionCommand, Macie2Client } from '@aws-sdk/client-macie2';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, DescribeLogGroupsCommand, DescribeMetricFiltersCommand } from '@aws-sdk/client-cloudwatch-logs';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { GetQueueAttributesCommand, ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { GetTopicAttributesCommand, ListSubscriptionsByTopicCommand, ListTopicsCommand, SNSClient } from '@aws-sdk/client-sns';
import { LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { ElasticLoadBalancingClient, DescribeLoadBalancersCommand as DescribeClassicLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing';
import { DescribeLoadBalancersCommand, DescribeTargetGroupsCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { CloudFrontClient, ListDistributionsCommand } from '@aws-sdk/client-cloudfront';
import { ACMClient, ListCertificatesCommand } from '@aws-sdk/client-acm';
import { DAXClient, DescribeClustersCommand as DescribeDaxClustersCommand } from '@aws-sdk/client-dax';
import { DescribeContinuousBackupsCommand, DescribeTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DescribeFileSystemsCommand, EFSClient } from '@aws-sdk/client-efs';
import { DescribeCacheClustersCommand, DescribeReplicationGroupsCommand, DescribeServerlessCachesCommand, ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { DescribeDomainsCommand, ListDomainNamesCommand, OpenSearchClient } from '@aws-sdk/client-opensearch';
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { mockClient } from 'aws-sdk-client-mock';
import { ACCOUNT, awsError } from './inventory';

type AnyMock = ReturnType<typeof mockClient>;

/** The region of the client a mocked call was sent with. */
async function regionOf(getClient: () => unknown): Promise<string> {
  const client = getClient() as { config: { region: () => Promise<string> } };
  return client.config.region();
}

const CSV = [
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated',
  `<root_account>,arn:aws:iam::${ACCOUNT}:root,2019-01-01T00:00:00+00:00,not_supported,2026-05-01T00:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
  `alice,arn:aws:iam::${ACCOUNT}:user/alice,2024-01-01T00:00:00+00:00,true,${new Date(Date.now() - 2 * 86_400_000).toISOString()},2024-01-01T00:00:00+00:00,N/A,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
  `bob,arn:aws:iam::${ACCOUNT}:user/bob,2024-01-01T00:00:00+00:00,true,${new Date(Date.now() - 3 * 86_400_000).toISOString()},2024-01-01T00:00:00+00:00,N/A,false,true,${new Date(Date.now() - 400 * 86_400_000).toISOString()},${new Date(Date.now() - 86_400_000).toISOString()},us-east-1,s3,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
].join('\n');

/**
 * A small, realistic account behind aws-sdk-client-mock: two enabled regions, a user without MFA, a public
 * bucket, an open SSH port, a public database, GuardDuty denied in one region, and Security Hub, Inspector and
 * Macie enabled in one region only; the stores of mockStores and the warehouse, queues, topics, snapshots, backup
 * plans and vaults and the key pending deletion of mockDataAtRest.
 * Every unconfigured call answers empty, as an account without such resources would.
 */
export function mockAccount(): Record<string, AnyMock> {
  const mocks = {
    sts: mockClient(STSClient),
    ec2: mockClient(EC2Client),
    iam: mockClient(IAMClient),
    s3: mockClient(S3Client),
    s3control: mockClient(S3ControlClient),
    kms: mockClient(KMSClient),
    rds: mockClient(RDSClient),
    backup: mockClient(BackupClient),
    cloudtrail: mockClient(CloudTrailClient),
    config: mockClient(ConfigServiceClient),
    guardduty: mockClient(GuardDutyClient),
    securityhub: mockClient(SecurityHubClient),
    redshift: mockClient(RedshiftClient),
    sqs: mockClient(SQSClient),
    sns: mockClient(SNSClient),
    lambda: mockClient(LambdaClient),
    inspector: mockClient(Inspector2Client),
    macie: mockClient(Macie2Client),
    elbv2: mockClient(ElasticLoadBalancingV2Client),
    elb: mockClient(ElasticLoadBalancingClient),
    cloudfront: mockClient(CloudFrontClient),
    acm: mockClient(ACMClient),
    logs: mockClient(CloudWatchLogsClient),
    cloudwatch: mockClient(CloudWatchClient),
    elasticache: mockClient(ElastiCacheClient),
    opensearch: mockClient(OpenSearchClient),
    efs: mockClient(EFSClient),
    dynamodb: mockClient(DynamoDBClient),
    dax: mockClient(DAXClient),
    tagging: mockClient(ResourceGroupsTaggingAPIClient),
  };
  for (const m of Object.values(mocks) as AnyMock[]) m.reset().onAnyCommand().resolves({});
  // An account with none of a kind of resource answers with an empty list, not an empty body (which is an
  // incomplete answer, reported as ERROR).
  mocks.ec2.on(DescribeSnapshotsCommand).resolves({ Snapshots: [] });
  mocks.ec2.on(DescribeFlowLogsCommand).resolves({ FlowLogs: [] });
  mocks.ec2.on(GetSnapshotBlockPublicAccessStateCommand).resolves({ State: 'unblocked' });
  mocks.iam.on(ListVirtualMFADevicesCommand).resolves({ VirtualMFADevices: [] });
  mocks.rds.on(DescribeDBClustersCommand).resolves({ DBClusters: [] });
  mocks.rds.on(DescribeDBProxiesCommand).resolves({ DBProxies: [] });
  mocks.lambda.on(ListFunctionsCommand).resolves({ Functions: [] });
  mocks.backup.on(DescribeRegionSettingsCommand).resolves({ ResourceTypeOptInPreference: { Aurora: true, DynamoDB: true, EBS: true, EC2: true, EFS: true, RDS: true } });
  mocks.elbv2.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [] });
  mocks.elbv2.on(DescribeTargetGroupsCommand).resolves({ TargetGroups: [] });
  mocks.elb.on(DescribeClassicLoadBalancersCommand).resolves({ LoadBalancerDescriptions: [] });
  mocks.cloudfront.on(ListDistributionsCommand).resolves({ DistributionList: { Marker: '', MaxItems: 100, IsTruncated: false, Quantity: 0 } });
  mocks.acm.on(ListCertificatesCommand).resolves({ CertificateSummaryList: [] });
  mocks.logs.on(DescribeLogGroupsCommand).resolves({ logGroups: [] });
  mocks.logs.on(DescribeMetricFiltersCommand).resolves({ metricFilters: [] });
  mocks.cloudwatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [] });
  mocks.sns.on(ListSubscriptionsByTopicCommand).resolves({ Subscriptions: [] });
  mocks.s3.on(GetObjectLockConfigurationCommand).rejects(awsError('ObjectLockConfigurationNotFoundError', 'Object Lock configuration does not exist for this bucket', 404));
  mocks.s3.on(GetBucketReplicationCommand).rejects(awsError('ReplicationConfigurationNotFoundError', 'The replication configuration was not found', 404));
  mocks.s3.on(GetBucketLifecycleConfigurationCommand).rejects(awsError('NoSuchLifecycleConfiguration', 'The lifecycle configuration does not exist', 404));

  mocks.sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT, Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/HipaaAuditor/cli`, UserId: 'AROAEXAMPLE:cli' });
  mocks.ec2.on(DescribeRegionsCommand).resolves({
    Regions: [
      { RegionName: 'us-east-1', OptInStatus: 'opt-in-not-required' },
      { RegionName: 'eu-west-1', OptInStatus: 'opt-in-not-required' },
      { RegionName: 'af-south-1', OptInStatus: 'not-opted-in' },
    ],
  });
  mocks.ec2.on(GetEbsEncryptionByDefaultCommand).resolves({ EbsEncryptionByDefault: true });
  mocks.ec2.on(DescribeVolumesCommand).callsFake(async (_input, getClient) =>
    (await regionOf(getClient)) === 'us-east-1'
      ? { Volumes: [{ VolumeId: 'vol-0aaa', Encrypted: false, State: 'in-use', Attachments: [{ InstanceId: 'i-1' }], Tags: [{ Key: 'Name', Value: 'ehr-data' }] }] }
      : { Volumes: [] },
  );
  mocks.ec2.on(DescribeSecurityGroupsCommand).callsFake(async (_input, getClient) =>
    (await regionOf(getClient)) === 'us-east-1'
      ? {
          SecurityGroups: [
            { GroupId: 'sg-0ssh', GroupName: 'bastion', VpcId: 'vpc-0main', IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] },
          ],
        }
      : { SecurityGroups: [] },
  );
  mocks.ec2.on(DescribeVpcsCommand).callsFake(async (_input, getClient) =>
    (await regionOf(getClient)) === 'us-east-1' ? { Vpcs: [{ VpcId: 'vpc-0main', IsDefault: false, CidrBlock: '10.0.0.0/16' }] } : { Vpcs: [] },
  );

  mocks.iam.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
  mocks.iam.on(GetCredentialReportCommand).resolves({ Content: new TextEncoder().encode(CSV), ReportFormat: 'text/csv', GeneratedTime: new Date() });
  mocks.iam.on(GetAccountSummaryCommand).resolves({
    SummaryMap: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0, AccountPasswordPresent: 1, AccountSigningCertificatesPresent: 0 },
  });
  mocks.iam.on(GetAccountPasswordPolicyCommand).rejects(Object.assign(awsError('NoSuchEntityException', 'The Password Policy with domain name x cannot be found.', 404), { Code: 'NoSuchEntity' }));

  mocks.s3.on(ListBucketsCommand).resolves({
    Buckets: [
      { Name: 'phi-records', BucketRegion: 'us-east-1', CreationDate: new Date('2022-01-01') },
      { Name: 'public-site', BucketRegion: 'eu-west-1', CreationDate: new Date('2023-01-01') },
    ],
  });
  mocks.s3.on(GetBucketPolicyCommand, { Bucket: 'phi-records' }).rejects(awsError('NoSuchBucketPolicy', 'The bucket policy does not exist', 404));
  mocks.s3.on(GetBucketPolicyStatusCommand, { Bucket: 'phi-records' }).rejects(awsError('NoSuchBucketPolicy', 'The bucket policy does not exist', 404));
  mocks.s3.on(GetBucketPolicyCommand, { Bucket: 'public-site' }).resolves({
    Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::public-site/*' }] }),
  });
  mocks.s3.on(GetBucketPolicyStatusCommand, { Bucket: 'public-site' }).resolves({ PolicyStatus: { IsPublic: true } });
  mocks.s3.on(GetPublicAccessBlockCommand).rejects(awsError('NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found', 404));
  mocks.s3.on(GetBucketAclCommand).resolves({ Owner: { ID: 'owner' }, Grants: [{ Grantee: { Type: 'CanonicalUser', ID: 'owner' }, Permission: 'FULL_CONTROL' }] });
  mocks.s3.on(GetBucketEncryptionCommand).resolves({ ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] } });
  mocks.s3.on(GetBucketVersioningCommand, { Bucket: 'phi-records' }).resolves({ Status: 'Enabled' });
  // The report bucket starts empty: no history, no latest run, no Security Hub state yet.
  mocks.s3.on(GetObjectCommand).rejects(awsError('NoSuchKey', 'The specified key does not exist.', 404));
  mocks.s3control.on(GetAccountPublicAccessBlockCommand).resolves({
    PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: false, RestrictPublicBuckets: false },
  });

  mocks.kms.on(DescribeKeyCommand).resolves({
    KeyMetadata: { KeyId: 'k-1', Arn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/k-1`, KeyManager: 'CUSTOMER', KeyState: 'Enabled', KeySpec: 'SYMMETRIC_DEFAULT', Origin: 'AWS_KMS' },
  });
  mocks.kms.on(GetKeyRotationStatusCommand).resolves({ KeyRotationEnabled: false });

  mocks.rds.on(DescribeDBInstancesCommand).callsFake(async (_input, getClient) =>
    (await regionOf(getClient)) === 'us-east-1'
      ? {
          DBInstances: [
            {
              DBInstanceIdentifier: 'patient-db',
              DBInstanceArn: `arn:aws:rds:us-east-1:${ACCOUNT}:db:patient-db`,
              Engine: 'postgres',
              DBInstanceStatus: 'available',
              PubliclyAccessible: true,
              StorageEncrypted: true,
              MultiAZ: false,
              BackupRetentionPeriod: 7,
              EngineVersion: '16.3',
              DeletionProtection: false,
              DBParameterGroups: [{ DBParameterGroupName: 'default.postgres16', ParameterApplyStatus: 'in-sync' }],
            },
            {
              DBInstanceIdentifier: 'claims-db',
              DBInstanceArn: `arn:aws:rds:us-east-1:${ACCOUNT}:db:claims-db`,
              Engine: 'postgres',
              DBInstanceStatus: 'available',
              PubliclyAccessible: false,
              StorageEncrypted: true,
              KmsKeyId: `arn:aws:kms:us-east-1:${ACCOUNT}:key/k-1`,
              MultiAZ: true,
              BackupRetentionPeriod: 35,
              EngineVersion: '16.3',
              DeletionProtection: true,
              DBParameterGroups: [{ DBParameterGroupName: 'default.postgres16', ParameterApplyStatus: 'in-sync' }],
              TagList: [{ Key: 'backup', Value: 'daily' }],
            },
          ],
        }
      : { DBInstances: [] },
  );
  mocks.rds.on(DescribeDBParametersCommand).resolves({ Parameters: [{ ParameterName: 'rds.force_ssl', ParameterValue: '1', Source: 'system', ApplyType: 'dynamic' }] });

  const trailArn = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/main`;
  mocks.cloudtrail.on(DescribeTrailsCommand).resolves({
    trailList: [{ Name: 'main', TrailARN: trailArn, HomeRegion: 'us-east-1', IsMultiRegionTrail: true, IsOrganizationTrail: false, LogFileValidationEnabled: true, S3BucketName: 'trail-logs' }],
  });
  mocks.cloudtrail.on(GetTrailStatusCommand).resolves({ IsLogging: true });
  mocks.cloudtrail.on(GetEventSelectorsCommand).resolves({ EventSelectors: [{ IncludeManagementEvents: true, ReadWriteType: 'All' }] });

  mocks.config.on(DescribeConfigurationRecordersCommand).callsFake(async (_input, getClient) =>
    (await regionOf(getClient)) === 'us-east-1'
      ? { ConfigurationRecorders: [{ name: 'default', roleARN: 'arn:aws:iam::1:role/config', recordingGroup: { allSupported: true, includeGlobalResourceTypes: true } }] }
      : { ConfigurationRecorders: [] },
  );
  mocks.config.on(DescribeConfigurationRecorderStatusCommand).resolves({ ConfigurationRecordersStatus: [{ name: 'default', recording: true, lastStatus: 'Success' }] });

  mocks.guardduty.on(ListDetectorsCommand).callsFake(async (_input, getClient) => {
    if ((await regionOf(getClient)) === 'eu-west-1') throw awsError('AccessDeniedException', 'not authorized to perform guardduty:ListDetectors', 403);
    return { DetectorIds: ['det-1'] };
  });
  mocks.guardduty.on(GetDetectorCommand).resolves({ Status: 'ENABLED' });
  // Least privilege: bob holds a policy of his own; a customer policy allows "*" on "*" to a CI role.
  const adminDocument = encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }));
  mocks.iam.on(GetAccountAuthorizationDetailsCommand).resolves({
    IsTruncated: false,
    UserDetailList: [
      { UserName: 'alice', Arn: `arn:aws:iam::${ACCOUNT}:user/alice`, GroupList: ['developers'], UserPolicyList: [], AttachedManagedPolicies: [] },
      {
        UserName: 'bob',
        Arn: `arn:aws:iam::${ACCOUNT}:user/bob`,
        GroupList: [],
        UserPolicyList: [],
        AttachedManagedPolicies: [{ PolicyName: 'AmazonS3FullAccess', PolicyArn: 'arn:aws:iam::aws:policy/AmazonS3FullAccess' }],
      },
    ],
    GroupDetailList: [{ GroupName: 'developers', Arn: `arn:aws:iam::${ACCOUNT}:group/developers`, GroupPolicyList: [], AttachedManagedPolicies: [] }],
    RoleDetailList: [
      {
        RoleName: 'ci',
        Arn: `arn:aws:iam::${ACCOUNT}:role/ci`,
        RolePolicyList: [],
        AttachedManagedPolicies: [{ PolicyName: 'ci-admin', PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/ci-admin` }],
      },
    ],
    Policies: [
      {
        PolicyName: 'ci-admin',
        Arn: `arn:aws:iam::${ACCOUNT}:policy/ci-admin`,
        DefaultVersionId: 'v1',
        AttachmentCount: 1,
        PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: adminDocument }],
      },
    ],
  });
  // One running instance in us-east-1 with a public IP that still answers IMDSv1.
  mocks.ec2.on(DescribeInstancesCommand).callsFake(async (_input, getClient) =>
    (await regionOf(getClient)) === 'us-east-1'
      ? {
          Reservations: [
            {
              Instances: [
                {
                  InstanceId: 'i-1',
                  State: { Name: 'running' },
                  PublicIpAddress: '198.51.100.7',
                  MetadataOptions: { HttpTokens: 'optional', HttpEndpoint: 'enabled', State: 'applied' },
                  SecurityGroups: [{ GroupId: 'sg-0ssh' }],
                },
              ],
            },
          ],
        }
      : { Reservations: [] },
  );

  // Security Hub, Inspector and Macie are on in us-east-1 and were never enabled in eu-west-1.
  mocks.securityhub.on(DescribeHubCommand).callsFake(async (_input, getClient) => {
    if ((await regionOf(getClient)) === 'us-east-1') return { HubArn: `arn:aws:securityhub:us-east-1:${ACCOUNT}:hub/default`, SubscribedAt: '2025-01-01T00:00:00.000Z' };
    throw awsError('InvalidAccessException', `Account ${ACCOUNT} is not subscribed to AWS Security Hub`, 401);
  });
  mocks.inspector.on(BatchGetAccountStatusCommand).callsFake(async (_input, getClient) => {
    const status = (await regionOf(getClient)) === 'us-east-1' ? 'ENABLED' : 'DISABLED';
    const state = { status, errorCode: 'ALREADY_ENABLED', errorMessage: '-' };
    return { accounts: [{ accountId: ACCOUNT, state, resourceState: { ec2: state, ecr: state, lambda: state } }], failedAccounts: [] };
  });
  mocks.macie.on(GetMacieSessionCommand).callsFake(async (_input, getClient) => {
    if ((await regionOf(getClient)) === 'us-east-1') return { status: 'ENABLED', createdAt: new Date('2025-01-01T00:00:00Z') };
    throw awsError('AccessDeniedException', 'Macie is not enabled.', 403);
  });
  mockStores(mocks);
  mockDataAtRest(mocks);
  mocks.securityhub.on(BatchImportFindingsCommand).callsFake(async (input: { Findings?: unknown[] }) => ({
    FailedCount: 0,
    SuccessCount: input.Findings?.length ?? 0,
    FailedFindings: [],
  }));
  return mocks;
}

/**
 * Caches, search domains, file systems and tables: in us-east-1 a Valkey group still in preferred TLS mode, a
 * Memcached cluster, a public OpenSearch domain on TLS 1.0, an unencrypted EFS file system, two DynamoDB tables
 * (AWS owned key without PITR, customer managed key with it) and an unencrypted DAX cluster; eu-west-1 has none,
 * and DAX is not offered there (its endpoint does not resolve).
 */
function mockStores(mocks: {
  elasticache: AnyMock;
  opensearch: AnyMock;
  efs: AnyMock;
  dynamodb: AnyMock;
  dax: AnyMock;
}): void {
  const inHome = async (getClient: () => unknown) => (await regionOf(getClient)) === 'us-east-1';
  const cacheArn = (kind: string, id: string) => `arn:aws:elasticache:us-east-1:${ACCOUNT}:${kind}:${id}`;
  mocks.elasticache.on(DescribeReplicationGroupsCommand).callsFake(async (_input, getClient) => ({
    ReplicationGroups: (await inHome(getClient))
      ? [
          {
            ReplicationGroupId: 'phi-sessions',
            ARN: cacheArn('replicationgroup', 'phi-sessions'),
            Engine: 'valkey',
            Status: 'available',
            TransitEncryptionEnabled: true,
            TransitEncryptionMode: 'preferred',
            AtRestEncryptionEnabled: true,
            StorageEncryptionType: 'sse-elasticache',
            MemberClusters: ['phi-sessions-001'],
          },
        ]
      : [],
  }));
  mocks.elasticache.on(DescribeCacheClustersCommand).callsFake(async (_input, getClient) => ({
    CacheClusters: (await inHome(getClient))
      ? [
          { CacheClusterId: 'phi-sessions-001', ARN: cacheArn('cluster', 'phi-sessions-001'), Engine: 'valkey', CacheClusterStatus: 'available', ReplicationGroupId: 'phi-sessions' },
          { CacheClusterId: 'lookup', ARN: cacheArn('cluster', 'lookup'), Engine: 'memcached', EngineVersion: '1.6.6', CacheClusterStatus: 'available' },
        ]
      : [],
  }));
  mocks.elasticache.on(DescribeServerlessCachesCommand).resolves({ ServerlessCaches: [] });

  mocks.opensearch.on(ListDomainNamesCommand).callsFake(async (_input, getClient) => ({
    DomainNames: (await inHome(getClient)) ? [{ DomainName: 'patient-search', EngineType: 'OpenSearch' }] : [],
  }));
  mocks.opensearch.on(DescribeDomainsCommand).resolves({
    DomainStatusList: [
      {
        DomainName: 'patient-search',
        DomainId: `${ACCOUNT}/patient-search`,
        ARN: `arn:aws:es:us-east-1:${ACCOUNT}:domain/patient-search`,
        ClusterConfig: {},
        EngineVersion: 'OpenSearch_2.11',
        DomainEndpointOptions: { EnforceHTTPS: true, TLSSecurityPolicy: 'Policy-Min-TLS-1-0-2019-07' },
        NodeToNodeEncryptionOptions: { Enabled: true },
        EncryptionAtRestOptions: { Enabled: true, KmsKeyId: `arn:aws:kms:us-east-1:${ACCOUNT}:key/k-1` },
      },
    ],
  });

  mocks.efs.on(DescribeFileSystemsCommand).callsFake(async (_input, getClient) => ({
    FileSystems: (await inHome(getClient))
      ? [
          {
            OwnerId: ACCOUNT,
            CreationToken: 'referrals',
            FileSystemId: 'fs-0referrals',
            FileSystemArn: `arn:aws:elasticfilesystem:us-east-1:${ACCOUNT}:file-system/fs-0referrals`,
            CreationTime: new Date('2024-03-01'),
            LifeCycleState: 'available',
            Name: 'scanned-referrals',
            NumberOfMountTargets: 2,
            SizeInBytes: { Value: 1024 },
            PerformanceMode: 'generalPurpose',
            Encrypted: false,
            Tags: [{ Key: 'Name', Value: 'scanned-referrals' }],
          },
        ]
      : [],
  }));

  mocks.dynamodb.on(ListTablesCommand).callsFake(async (_input, getClient) => ({ TableNames: (await inHome(getClient)) ? ['claims', 'sessions'] : [] }));
  const tableArn = (name: string) => `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/${name}`;
  mocks.dynamodb.on(DescribeTableCommand, { TableName: 'claims' }).resolves({
    Table: { TableName: 'claims', TableArn: tableArn('claims'), TableStatus: 'ACTIVE', SSEDescription: { Status: 'ENABLED', SSEType: 'KMS', KMSMasterKeyArn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/k-1` } },
  });
  mocks.dynamodb.on(DescribeTableCommand, { TableName: 'sessions' }).resolves({ Table: { TableName: 'sessions', TableArn: tableArn('sessions'), TableStatus: 'ACTIVE' } });
  mocks.dynamodb.on(DescribeContinuousBackupsCommand, { TableName: 'claims' }).resolves({
    ContinuousBackupsDescription: { ContinuousBackupsStatus: 'ENABLED', PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: 'ENABLED', RecoveryPeriodInDays: 35 } },
  });
  mocks.dynamodb.on(DescribeContinuousBackupsCommand, { TableName: 'sessions' }).resolves({
    ContinuousBackupsDescription: { ContinuousBackupsStatus: 'ENABLED', PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: 'DISABLED' } },
  });

  mocks.dax.on(DescribeDaxClustersCommand).callsFake(async (_input, getClient) => {
    if (!(await inHome(getClient))) throw Object.assign(new Error('getaddrinfo ENOTFOUND dax.eu-west-1.amazonaws.com'), { code: 'ENOTFOUND' });
    return { Clusters: [{ ClusterName: 'claims-cache', ClusterArn: `arn:aws:dax:us-east-1:${ACCOUNT}:cache/claims-cache`, Status: 'available', ClusterEndpointEncryptionType: 'NONE' }] };
  });
}

/** The customer managed key scheduled for deletion, and what still names it. */
export const DOOMED_KEY = 'k-doomed';
const doomedKeyArn = `arn:aws:kms:us-east-1:${ACCOUNT}:key/${DOOMED_KEY}`;
const k1Arn = `arn:aws:kms:us-east-1:${ACCOUNT}:key/k-1`;

/**
 * Data at rest beyond the stores, all in us-east-1 (eu-west-1 holds none): key k-doomed pending deletion (alias
 * alias/legacy-phi), still used by Redshift cluster warehouse, SQS queue intake (by alias), RDS snapshot
 * patient-db-pre-upgrade and backup vault Default; an unencrypted Redshift cluster, queue, topic and manual
 * snapshot; and two backup plans: phi-daily (tag backup=daily, daily, 35 days) and scratch-weekly (the EFS file
 * system by ARN, 7 days), into a locked vault and an unlocked Default vault without an access policy. Database
 * claims-db (private, deletion-protected, in mockAccount) carries backup=daily; DynamoDB table claims carries it in
 * the tagging API only.
 */
function mockDataAtRest(mocks: {
  kms: AnyMock;
  rds: AnyMock;
  redshift: AnyMock;
  sqs: AnyMock;
  sns: AnyMock;
  backup: AnyMock;
  tagging: AnyMock;
}): void {
  const inHome = async (getClient: () => unknown) => (await regionOf(getClient)) === 'us-east-1';

  mocks.kms.on(ListKeysCommand).callsFake(async (_input, getClient) =>
    (await inHome(getClient))
      ? { Keys: [{ KeyId: 'k-1', KeyArn: k1Arn }, { KeyId: DOOMED_KEY, KeyArn: doomedKeyArn }] }
      : { Keys: [] },
  );
  mocks.kms.on(ListAliasesCommand).callsFake(async (_input, getClient) => ({
    Aliases: (await inHome(getClient)) ? [{ AliasName: 'alias/legacy-phi', AliasArn: `arn:aws:kms:us-east-1:${ACCOUNT}:alias/legacy-phi`, TargetKeyId: DOOMED_KEY }] : [],
  }));
  mocks.kms.on(DescribeKeyCommand, { KeyId: DOOMED_KEY }).resolves({
    KeyMetadata: {
      KeyId: DOOMED_KEY,
      Arn: doomedKeyArn,
      KeyManager: 'CUSTOMER',
      KeyState: 'PendingDeletion',
      DeletionDate: new Date(Date.now() + 9 * 86_400_000),
      PendingDeletionWindowInDays: 30,
      KeySpec: 'SYMMETRIC_DEFAULT',
      Origin: 'AWS_KMS',
    },
  });

  mocks.rds.on(DescribeDBSnapshotsCommand).callsFake(async (_input, getClient) => ({
    DBSnapshots: (await inHome(getClient))
      ? [
          { DBSnapshotIdentifier: 'patient-db-pre-upgrade', DBSnapshotArn: `arn:aws:rds:us-east-1:${ACCOUNT}:snapshot:patient-db-pre-upgrade`, DBInstanceIdentifier: 'patient-db', Encrypted: true, KmsKeyId: doomedKeyArn },
          { DBSnapshotIdentifier: 'patient-db-export', DBSnapshotArn: `arn:aws:rds:us-east-1:${ACCOUNT}:snapshot:patient-db-export`, DBInstanceIdentifier: 'patient-db', Encrypted: false },
        ]
      : [],
  }));
  mocks.rds.on(DescribeDBSnapshotAttributesCommand).callsFake(async (input: { DBSnapshotIdentifier?: string }) => ({
    DBSnapshotAttributesResult: { DBSnapshotIdentifier: input.DBSnapshotIdentifier, DBSnapshotAttributes: [{ AttributeName: 'restore', AttributeValues: [] }] },
  }));
  mocks.rds.on(DescribeDBClusterSnapshotsCommand).callsFake(async (_input, getClient) => ({
    DBClusterSnapshots: (await inHome(getClient))
      ? [{ DBClusterSnapshotIdentifier: 'claims-aurora-final', DBClusterSnapshotArn: `arn:aws:rds:us-east-1:${ACCOUNT}:cluster-snapshot:claims-aurora-final`, DBClusterIdentifier: 'claims-aurora', StorageEncrypted: true, KmsKeyId: k1Arn }]
      : [],
  }));
  mocks.rds.on(DescribeDBClusterSnapshotAttributesCommand).resolves({ DBClusterSnapshotAttributesResult: { DBClusterSnapshotAttributes: [{ AttributeName: 'restore', AttributeValues: [] }] } });

  const redshiftArn = (id: string) => `arn:aws:redshift:us-east-1:${ACCOUNT}:cluster:${id}`;
  mocks.redshift.on(DescribeRedshiftClustersCommand).callsFake(async (_input, getClient) => ({
    Clusters: (await inHome(getClient))
      ? [
          {
            ClusterIdentifier: 'warehouse',
            ClusterNamespaceArn: redshiftArn('warehouse'),
            ClusterStatus: 'available',
            Encrypted: true,
            KmsKeyId: doomedKeyArn,
            ClusterParameterGroups: [{ ParameterGroupName: 'phi-redshift', ParameterApplyStatus: 'in-sync' }],
            Tags: [{ Key: 'data-classification', Value: 'phi' }],
          },
          {
            ClusterIdentifier: 'scratch',
            ClusterStatus: 'available',
            Encrypted: false,
            ClusterParameterGroups: [{ ParameterGroupName: 'default.redshift-1.0', ParameterApplyStatus: 'in-sync' }],
          },
        ]
      : [],
  }));
  mocks.redshift.on(DescribeClusterParametersCommand, { ParameterGroupName: 'phi-redshift' }).resolves({
    Parameters: [{ ParameterName: 'require_ssl', ParameterValue: 'true', Source: 'user', ApplyType: 'static' }],
  });
  mocks.redshift.on(DescribeClusterParametersCommand, { ParameterGroupName: 'default.redshift-1.0' }).resolves({
    Parameters: [{ ParameterName: 'require_ssl', ParameterValue: 'false', Source: 'engine-default', ApplyType: 'static' }],
  });

  const queueUrl = (name: string) => `https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/${name}`;
  const queueArn = (name: string) => `arn:aws:sqs:us-east-1:${ACCOUNT}:${name}`;
  mocks.sqs.on(ListQueuesCommand).callsFake(async (_input, getClient) => ((await inHome(getClient)) ? { QueueUrls: [queueUrl('intake'), queueUrl('scratch')] } : {}));
  const tlsOnly = (arn: string) =>
    JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 'sqs:*', Resource: arn, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] });
  mocks.sqs.on(GetQueueAttributesCommand, { QueueUrl: queueUrl('intake') }).resolves({
    Attributes: { QueueArn: queueArn('intake'), KmsMasterKeyId: 'alias/legacy-phi', Policy: tlsOnly(queueArn('intake')) },
  });
  mocks.sqs.on(GetQueueAttributesCommand, { QueueUrl: queueUrl('scratch') }).resolves({ Attributes: { QueueArn: queueArn('scratch'), SqsManagedSseEnabled: 'false' } });

  const topicArn = (name: string) => `arn:aws:sns:us-east-1:${ACCOUNT}:${name}`;
  mocks.sns.on(ListTopicsCommand).callsFake(async (_input, getClient) => ({
    Topics: (await inHome(getClient)) ? [{ TopicArn: topicArn('patient-notify') }, { TopicArn: topicArn('alerts') }] : [],
  }));
  mocks.sns.on(GetTopicAttributesCommand, { TopicArn: topicArn('patient-notify') }).resolves({ Attributes: { TopicArn: topicArn('patient-notify'), KmsMasterKeyId: 'alias/aws/sns' } });
  mocks.sns.on(GetTopicAttributesCommand, { TopicArn: topicArn('alerts') }).resolves({ Attributes: { TopicArn: topicArn('alerts') } });

  const planArn = (id: string) => `arn:aws:backup:us-east-1:${ACCOUNT}:backup-plan:${id}`;
  mocks.backup.on(ListBackupPlansCommand).callsFake(async (_input, getClient) => ({
    BackupPlansList: (await inHome(getClient))
      ? [
          { BackupPlanId: 'plan-daily', BackupPlanName: 'phi-daily', BackupPlanArn: planArn('plan-daily') },
          { BackupPlanId: 'plan-weekly', BackupPlanName: 'scratch-weekly', BackupPlanArn: planArn('plan-weekly') },
        ]
      : [],
  }));
  mocks.backup.on(ListBackupSelectionsCommand, { BackupPlanId: 'plan-daily' }).resolves({ BackupSelectionsList: [{ SelectionId: 'sel-tagged', SelectionName: 'tagged' }] });
  mocks.backup.on(ListBackupSelectionsCommand, { BackupPlanId: 'plan-weekly' }).resolves({ BackupSelectionsList: [{ SelectionId: 'sel-efs', SelectionName: 'referrals' }] });
  mocks.backup.on(GetBackupSelectionCommand, { BackupPlanId: 'plan-daily', SelectionId: 'sel-tagged' }).resolves({
    BackupSelection: { SelectionName: 'tagged', IamRoleArn: `arn:aws:iam::${ACCOUNT}:role/backup`, ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'daily' }] },
  });
  mocks.backup.on(GetBackupSelectionCommand, { BackupPlanId: 'plan-weekly', SelectionId: 'sel-efs' }).resolves({
    BackupSelection: { SelectionName: 'referrals', IamRoleArn: `arn:aws:iam::${ACCOUNT}:role/backup`, Resources: [`arn:aws:elasticfilesystem:us-east-1:${ACCOUNT}:file-system/fs-0referrals`] },
  });
  mocks.backup.on(GetBackupPlanCommand, { BackupPlanId: 'plan-daily' }).resolves({
    BackupPlan: { BackupPlanName: 'phi-daily', Rules: [{ RuleName: 'daily-35d', TargetBackupVaultName: 'phi-vault', ScheduleExpression: 'cron(0 5 ? * * *)', Lifecycle: { DeleteAfterDays: 35 } }] },
  });
  mocks.backup.on(GetBackupPlanCommand, { BackupPlanId: 'plan-weekly' }).resolves({
    BackupPlan: { BackupPlanName: 'scratch-weekly', Rules: [{ RuleName: 'weekly-7d', TargetBackupVaultName: 'Default', ScheduleExpression: 'cron(0 3 ? * SUN *)', Lifecycle: { DeleteAfterDays: 7 } }] },
  });
  mocks.backup.on(ListProtectedResourcesCommand).callsFake(async (_input, getClient) => ({
    Results: (await inHome(getClient))
      ? [{ ResourceArn: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/claims`, ResourceType: 'DynamoDB', LastBackupTime: new Date('2026-05-31T05:00:00Z') }]
      : [],
  }));
  const vaultArn = (name: string) => `arn:aws:backup:us-east-1:${ACCOUNT}:backup-vault:${name}`;
  mocks.backup.on(ListBackupVaultsCommand).callsFake(async (_input, getClient) => ({
    BackupVaultList: (await inHome(getClient))
      ? [
          { BackupVaultName: 'phi-vault', BackupVaultArn: vaultArn('phi-vault'), EncryptionKeyArn: k1Arn, NumberOfRecoveryPoints: 12, Locked: true, MinRetentionDays: 35, LockDate: new Date('2025-01-01T00:00:00Z') },
          { BackupVaultName: 'Default', BackupVaultArn: vaultArn('Default'), EncryptionKeyArn: doomedKeyArn, NumberOfRecoveryPoints: 3, Locked: false },
        ]
      : [],
  }));
  mocks.backup.on(GetBackupVaultAccessPolicyCommand).rejects(awsError('ResourceNotFoundException', 'Backup vault Default has no access policy', 404));

  // No resource carries an ePHI tag (tests that need ePHI tag some). Only the tagging API tells a tag selection
  // that table claims is backed up: the DynamoDB collector reads no tags.
  mocks.tagging.on(GetResourcesCommand).callsFake(async (_input, getClient) => ({
    PaginationToken: '',
    ResourceTagMappingList: (await inHome(getClient)) ? [{ ResourceARN: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/claims`, Tags: [{ Key: 'backup', Value: 'daily' }] }] : [],
  }));
}
