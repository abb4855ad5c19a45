import type { ReadId } from './types';

/**
 * The API operations behind each read, as collectors record their errors (`<client name>:<Operation>`): what ties
 * a failed call back to the reads, and so to the checks, it kept from being judged. A list operation that nested
 * reads depend on belongs to the parent read only: checks that need the nested read declare the parent too.
 * test/inventory/read-operations.test.ts keeps it in step with the operations the collectors name.
 */
export const READ_OPERATIONS: Readonly<Record<ReadId, readonly string[]>> = {
  'iam.credentialReport': ['iam:GenerateCredentialReport', 'iam:GetCredentialReport'],
  'iam.accountSummary': ['iam:GetAccountSummary'],
  'iam.passwordPolicy': ['iam:GetAccountPasswordPolicy'],
  'iam.virtualMfaDevices': ['iam:ListVirtualMFADevices'],
  'iam.authorizationDetails': ['iam:GetAccountAuthorizationDetails'],
  's3.accountPublicAccessBlock': ['s3control:GetPublicAccessBlock'],
  's3.buckets': ['s3:ListBuckets', 's3:GetBucketLocation'],
  's3.bucketPublicAccessBlock': ['s3:GetPublicAccessBlock'],
  's3.bucketPolicy': ['s3:GetBucketPolicy'],
  's3.bucketPolicyStatus': ['s3:GetBucketPolicyStatus'],
  's3.bucketAcl': ['s3:GetBucketAcl'],
  's3.bucketEncryption': ['s3:GetBucketEncryption'],
  's3.bucketVersioning': ['s3:GetBucketVersioning'],
  's3.bucketLogging': ['s3:GetBucketLogging'],
  's3.bucketObjectLock': ['s3:GetObjectLockConfiguration'],
  's3.bucketReplication': ['s3:GetBucketReplication'],
  's3.bucketLifecycle': ['s3:GetBucketLifecycleConfiguration'],
  'kms.keys': ['kms:ListKeys', 'kms:ListAliases', 'kms:DescribeKey'],
  'kms.keyRotation': ['kms:GetKeyRotationStatus'],
  'ec2.ebsEncryptionByDefault': ['ec2:GetEbsEncryptionByDefault'],
  'ec2.volumes': ['ec2:DescribeVolumes'],
  'ec2.snapshots': ['ec2:DescribeSnapshots'],
  'ec2.snapshotBlockPublicAccess': ['ec2:GetSnapshotBlockPublicAccessState'],
  'ec2.securityGroups': ['ec2:DescribeSecurityGroups'],
  'ec2.vpcs': ['ec2:DescribeVpcs'],
  'ec2.flowLogs': ['ec2:DescribeFlowLogs'],
  'ec2.instances': ['ec2:DescribeInstances'],
  // The TLS parameters are read for the instances and clusters listed, so their lists count for it too.
  'rds.instances': ['rds:DescribeDBInstances'],
  'rds.clusters': ['rds:DescribeDBClusters'],
  'rds.snapshots': ['rds:DescribeDBSnapshots', 'rds:DescribeDBClusterSnapshots'],
  'rds.snapshotAttributes': ['rds:DescribeDBSnapshotAttributes', 'rds:DescribeDBClusterSnapshotAttributes', 'rds:DescribeDBSnapshots', 'rds:DescribeDBClusterSnapshots'],
  'rds.tlsParameters': ['rds:DescribeDBParameters', 'rds:DescribeDBClusterParameters', 'rds:DescribeDBInstances', 'rds:DescribeDBClusters'],
  'rds.proxies': ['rds:DescribeDBProxies'],
  'backup.plans': ['backup:ListBackupPlans', 'backup:ListBackupSelections', 'backup:GetBackupSelection'],
  'backup.protectedResources': ['backup:ListProtectedResources'],
  'backup.vaults': ['backup:ListBackupVaults', 'backup:GetBackupVaultAccessPolicy'],
  'backup.planRules': ['backup:GetBackupPlan'],
  'backup.regionSettings': ['backup:DescribeRegionSettings'],
  'cloudtrail.trails': ['cloudtrail:DescribeTrails'],
  'cloudtrail.trailStatus': ['cloudtrail:GetTrailStatus'],
  'cloudtrail.eventSelectors': ['cloudtrail:GetEventSelectors'],
  'config.recorders': ['config:DescribeConfigurationRecorders', 'config:DescribeConfigurationRecorderStatus'],
  'guardduty.detectors': ['guardduty:ListDetectors'],
  'redshift.clusters': ['redshift:DescribeClusters'],
  'redshift.parameters': ['redshift:DescribeClusterParameters'],
  'sqs.queues': ['sqs:ListQueues', 'sqs:GetQueueAttributes'],
  'sns.topics': ['sns:ListTopics', 'sns:GetTopicAttributes'],
  'lambda.functions': ['lambda:ListFunctions'],
  'lambda.policies': ['lambda:GetPolicy'],
  'lambda.urls': ['lambda:ListFunctionUrlConfigs'],
  'securityhub.hub': ['securityhub:DescribeHub'],
  'inspector.account': ['inspector:BatchGetAccountStatus'],
  'macie.session': ['macie:GetMacieSession'],
  'elb.loadBalancers': ['elbv2:DescribeLoadBalancers'],
  'elb.listeners': ['elbv2:DescribeListeners'],
  'elb.httpRules': ['elbv2:DescribeRules'],
  'elb.httpsRules': ['elbv2:DescribeRules'],
  'elb.targetGroups': ['elbv2:DescribeTargetGroups'],
  'elb.attributes': ['elbv2:DescribeLoadBalancerAttributes'],
  'elb.classicLoadBalancers': ['elb:DescribeLoadBalancers'],
  'elb.classicPolicies': ['elb:DescribeLoadBalancerPolicies'],
  'elb.classicAttributes': ['elb:DescribeLoadBalancerAttributes'],
  'cloudfront.distributions': ['cloudfront:ListDistributions'],
  'acm.certificates': ['acm:ListCertificates', 'acm:DescribeCertificate'],
  'logs.logGroups': ['logs:DescribeLogGroups'],
  'logs.metricFilters': ['logs:DescribeMetricFilters'],
  'cloudwatch.alarms': ['cloudwatch:DescribeAlarms'],
  'cloudwatch.alarmTopics': ['cloudwatch:DescribeAlarms', 'sns:ListSubscriptionsByTopic'],
  'elasticache.replicationGroups': ['elasticache:DescribeReplicationGroups'],
  'elasticache.cacheClusters': ['elasticache:DescribeCacheClusters'],
  'elasticache.serverlessCaches': ['elasticache:DescribeServerlessCaches'],
  'opensearch.domains': ['opensearch:ListDomainNames', 'opensearch:DescribeDomains'],
  'efs.fileSystems': ['efs:DescribeFileSystems'],
  'dynamodb.tables': ['dynamodb:ListTables', 'dynamodb:DescribeTable'],
  'dynamodb.pitr': ['dynamodb:ListTables', 'dynamodb:DescribeContinuousBackups'],
  'dax.clusters': ['dax:DescribeClusters'],
  'tagging.resources': ['tagging:GetResources'],
};

/** The reads each operation serves. */
export const READS_OF_OPERATION: ReadonlyMap<string, readonly ReadId[]> = (() => {
  const map = new Map<string, ReadId[]>();
  for (const [read, operations] of Object.entries(READ_OPERATIONS) as Array<[ReadId, readonly string[]]>) {
    for (const op of operations) map.set(op, [...(map.get(op) ?? []), read]);
  }
  return map;
})();

/** The inventory service a client name's errors belong to, where the two differ. */
export const SERVICE_OF_CLIENT: Readonly<Record<string, string>> = { s3control: 's3', elbv2: 'elb' };
