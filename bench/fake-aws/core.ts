import { ACCOUNT_ID, type SyntheticAccount } from './account';
import { isoDaysAgo, page, range, regionIndex, type Handler } from './call';
import { ec2Answer, json, jsonError, queryAnswer, queryError, restJson } from './wire';

/* STS, EC2, KMS, CloudTrail, Config, GuardDuty and AWS Backup for the synthetic account. */

export const sts: Handler = (call) =>
  call.params.get('Action') === 'GetCallerIdentity'
    ? queryAnswer('GetCallerIdentity', { Arn: `arn:aws:iam::${ACCOUNT_ID}:user/bench`, UserId: 'AIDABENCH', Account: ACCOUNT_ID })
    : queryError('InvalidAction', 'not served by the fake');

/** Instance i of a region is tagged for backup when i is even (the fake's backup selections go by that tag and by `*`). */
const instanceTags = (i: number) => [{ key: 'Name', value: `app-${i}` }, ...(i % 2 === 0 ? [{ key: 'backup', value: 'daily' }] : [])];

export const ec2: Handler = (call, account) => {
  const action = call.params.get('Action') ?? '';
  const r = regionIndex(account, call.region);
  const n = account.perRegion;
  switch (action) {
    case 'DescribeRegions':
      return ec2Answer(action, { regionInfo: account.regions.map((name) => ({ regionName: name, regionEndpoint: `ec2.${name}.amazonaws.com`, optInStatus: 'opt-in-not-required' })) });
    case 'GetEbsEncryptionByDefault':
      return ec2Answer(action, { ebsEncryptionByDefault: r % 2 === 0 });
    case 'GetEbsDefaultKmsKeyId':
      return ec2Answer(action, { kmsKeyId: `arn:aws:kms:${call.region}:${ACCOUNT_ID}:alias/aws/ebs` });
    case 'GetSnapshotBlockPublicAccessState':
      return ec2Answer(action, { state: 'block-all-sharing' });
    case 'DescribeVolumes':
      return ec2Answer(action, { volumeSet: range(n).map((i) => ({ volumeId: `vol-${r}${i}`, encrypted: i % 2 === 0, state: 'in-use', attachmentSet: [{ instanceId: `i-${r}${i}` }], tagSet: [{ key: 'Name', value: `data-${i}` }] })) });
    case 'DescribeSnapshots':
      return ec2Answer(action, { snapshotSet: call.params.has('RestorableByUserId.1') ? [] : range(n).map((i) => ({ snapshotId: `snap-${r}${i}`, volumeId: `vol-${r}${i}`, encrypted: i % 2 === 0, tagSet: [] })) });
    case 'DescribeSecurityGroups':
      return ec2Answer(action, {
        securityGroupInfo: range(n).map((i) => ({
          groupId: `sg-${r}${i}`,
          groupName: i === 0 ? 'default' : `app-${i}`,
          vpcId: `vpc-${r}0`,
          ipPermissions: i === 1 ? [{ ipProtocol: 'tcp', fromPort: 22, toPort: 22, ipRanges: [{ cidrIp: '0.0.0.0/0' }] }] : [],
          ipPermissionsEgress: [{ ipProtocol: '-1', ipRanges: [{ cidrIp: '0.0.0.0/0' }] }],
          tagSet: [],
        })),
      });
    case 'DescribeVpcs':
      return ec2Answer(action, { vpcSet: [0, 1].map((i) => ({ vpcId: `vpc-${r}${i}`, isDefault: i === 1, cidrBlock: `10.${i}.0.0/16`, tagSet: [] })) });
    case 'DescribeFlowLogs':
      return ec2Answer(action, { flowLogSet: [{ flowLogId: `fl-${r}`, resourceId: `vpc-${r}0`, flowLogStatus: 'ACTIVE', deliverLogsStatus: 'SUCCESS', trafficType: 'ALL', logDestinationType: 's3', logDestination: 'arn:aws:s3:::flow-logs' }] });
    case 'DescribeInstances':
      return ec2Answer(action, {
        reservationSet: [
          {
            reservationId: `r-${r}`,
            ownerId: ACCOUNT_ID,
            instancesSet: range(n).map((i) => ({
              instanceId: `i-${r}${i}`,
              instanceState: { code: 16, name: 'running' },
              metadataOptions: { httpTokens: i % 2 ? 'optional' : 'required', httpEndpoint: 'enabled', state: 'applied' },
              vpcId: `vpc-${r}0`,
              subnetId: `subnet-${r}0`,
              groupSet: [{ groupId: `sg-${r}${Math.min(i, n - 1)}`, groupName: `app-${i}` }],
              ...(i === 0 ? { ipAddress: `203.0.113.${r + 1}` } : {}),
              tagSet: instanceTags(i),
            })),
          },
        ],
      });
    default:
      return queryError('InvalidAction', `${action} is not served by the fake`);
  }
};

export const kms: Handler = (call, account) => {
  const r = regionIndex(account, call.region);
  const ids = range(account.perRegion).map((i) => `key-${r}-${i}`);
  const arn = (id: string) => `arn:aws:kms:${call.region}:${ACCOUNT_ID}:key/${id}`;
  switch (call.target) {
    case 'ListKeys': {
      const p = page(ids, call.body.Marker as string | undefined, Number(call.body.Limit ?? 100));
      return json({ Keys: p.items.map((id) => ({ KeyId: id, KeyArn: arn(id) })), Truncated: p.next !== undefined, ...(p.next ? { NextMarker: p.next } : {}) });
    }
    case 'ListAliases':
      return json({ Aliases: [{ AliasName: 'alias/aws/ebs', TargetKeyId: ids[0], AliasArn: `arn:aws:kms:${call.region}:${ACCOUNT_ID}:alias/aws/ebs` }], Truncated: false });
    case 'DescribeKey': {
      const id = String(call.body.KeyId);
      return json({ KeyMetadata: { KeyId: id, Arn: arn(id), AWSAccountId: ACCOUNT_ID, KeyManager: 'CUSTOMER', KeyState: 'Enabled', KeySpec: 'SYMMETRIC_DEFAULT', Origin: 'AWS_KMS', KeyUsage: 'ENCRYPT_DECRYPT', Enabled: true, CreationDate: 1_700_000_000 } });
    }
    case 'GetKeyRotationStatus':
      return json({ KeyRotationEnabled: String(call.body.KeyId).endsWith('1') });
    default:
      return jsonError('UnknownOperationException', `${call.target} is not served by the fake`);
  }
};

/** The account's trail: multi-region, delivering to bucket 0 and to a CloudWatch Logs group in the first region. */
export function trail(account: SyntheticAccount) {
  const home = account.regions[0] ?? 'us-east-1';
  return {
    name: 'org-audit',
    home,
    arn: `arn:aws:cloudtrail:${home}:${ACCOUNT_ID}:trail/org-audit`,
    logGroup: 'aws-cloudtrail-logs-org-audit',
    logGroupArn: `arn:aws:logs:${home}:${ACCOUNT_ID}:log-group:aws-cloudtrail-logs-org-audit:*`,
  };
}

export const cloudtrail: Handler = (call, account) => {
  const t = trail(account);
  switch (call.target) {
    case 'DescribeTrails':
      return json({
        trailList: [
          {
            Name: t.name,
            TrailARN: t.arn,
            HomeRegion: t.home,
            IsMultiRegionTrail: true,
            IsOrganizationTrail: false,
            IncludeGlobalServiceEvents: true,
            LogFileValidationEnabled: true,
            S3BucketName: 'bench-bucket-000000',
            KmsKeyId: `arn:aws:kms:${t.home}:${ACCOUNT_ID}:key/trail`,
            CloudWatchLogsLogGroupArn: t.logGroupArn,
            CloudWatchLogsRoleArn: `arn:aws:iam::${ACCOUNT_ID}:role/cloudtrail-to-logs`,
            HasCustomEventSelectors: true,
            HasInsightSelectors: false,
          },
        ],
      });
    case 'GetTrailStatus':
      return json({ IsLogging: true, LatestDeliveryTime: Date.now() / 1000, LatestCloudWatchLogsDeliveryTime: Date.now() / 1000 });
    case 'GetEventSelectors':
      return json({ TrailARN: t.arn, EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }], ExcludeManagementEventSources: [] }] });
    default:
      return jsonError('UnknownOperationException', `${call.target} is not served by the fake`);
  }
};

export const config: Handler = (call) => {
  switch (call.target) {
    case 'DescribeConfigurationRecorders':
      return json({ ConfigurationRecorders: [{ name: 'default', roleARN: `arn:aws:iam::${ACCOUNT_ID}:role/config`, recordingGroup: { allSupported: true, includeGlobalResourceTypes: true } }] });
    case 'DescribeConfigurationRecorderStatus':
      return json({ ConfigurationRecordersStatus: [{ name: 'default', recording: true, lastStatus: 'SUCCESS' }] });
    default:
      return jsonError('UnknownOperationException', `${call.target} is not served by the fake`);
  }
};

// REST-JSON: GuardDuty and Backup route by path.
export const guardduty: Handler = (call, account) => {
  const r = regionIndex(account, call.region);
  if (call.path === '/detector') return restJson('ListDetectors', { detectorIds: [`det${r}`] });
  if (call.path.startsWith('/detector/')) {
    return restJson('GetDetector', { status: 'ENABLED', createdAt: isoDaysAgo(400), serviceRole: `arn:aws:iam::${ACCOUNT_ID}:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty` });
  }
  return jsonError('UnknownOperationException', `${call.method} ${call.path} is not served by the fake`);
};

/**
 * One plan a region: daily, 35 days, into a locked vault. Its first selection takes every opted-in resource but
 * volumes (backed up with their instances) and, in odd regions, EFS file systems; its second, instances tagged
 * backup=daily.
 */
export const backup: Handler = (call, account) => {
  const r = regionIndex(account, call.region);
  const path = call.path.replace(/\/$/, '');
  const planId = `plan-${r}`;
  const vaultArn = (name: string) => `arn:aws:backup:${call.region}:${ACCOUNT_ID}:backup-vault:${name}`;
  if (path === '/backup/plans') {
    return restJson('ListBackupPlans', { BackupPlansList: [{ BackupPlanId: planId, BackupPlanName: 'daily', BackupPlanArn: `arn:aws:backup:${call.region}:${ACCOUNT_ID}:backup-plan:${planId}`, VersionId: 'v1' }] });
  }
  if (/^\/backup\/plans\/[^/]+$/.test(path)) {
    return restJson('GetBackupPlan', {
      BackupPlanId: planId,
      VersionId: 'v1',
      BackupPlan: { BackupPlanName: 'daily', Rules: [{ RuleName: 'daily-35d', RuleId: 'rule-1', TargetBackupVaultName: 'phi-vault', ScheduleExpression: 'cron(0 5 ? * * *)', Lifecycle: { DeleteAfterDays: 35 } }] },
    });
  }
  if (/^\/backup\/plans\/[^/]+\/selections$/.test(path)) {
    return restJson('ListBackupSelections', { BackupSelectionsList: [{ SelectionId: 'sel-1', SelectionName: 'everything', BackupPlanId: planId }, { SelectionId: 'sel-2', SelectionName: 'tagged-instances', BackupPlanId: planId }] });
  }
  if (/^\/backup\/plans\/[^/]+\/selections\/[^/]+$/.test(path)) {
    const tagged = path.endsWith('sel-2');
    return restJson('GetBackupSelection', {
      SelectionId: tagged ? 'sel-2' : 'sel-1',
      BackupPlanId: planId,
      BackupSelection: tagged
        ? { SelectionName: 'tagged-instances', IamRoleArn: `arn:aws:iam::${ACCOUNT_ID}:role/backup`, Resources: ['arn:aws:ec2:*:*:instance/*'], Conditions: { StringEquals: [{ ConditionKey: 'aws:ResourceTag/backup', ConditionValue: 'daily' }] } }
        : { SelectionName: 'everything', IamRoleArn: `arn:aws:iam::${ACCOUNT_ID}:role/backup`, Resources: ['*'], NotResources: ['arn:aws:ec2:*:*:volume/*', ...(r % 2 === 1 ? ['arn:aws:elasticfilesystem:*:*:file-system/*'] : [])] },
    });
  }
  if (path === '/resources') {
    return restJson('ListProtectedResources', { Results: range(account.perRegion).map((i) => ({ ResourceArn: `arn:aws:ec2:${call.region}:${ACCOUNT_ID}:instance/i-${r}${i}`, ResourceType: 'EC2', LastBackupTime: Date.now() / 1000 - 3600 })) });
  }
  if (path === '/backup-vaults') {
    return restJson('ListBackupVaults', {
      BackupVaultList: [
        { BackupVaultName: 'phi-vault', BackupVaultArn: vaultArn('phi-vault'), VaultType: 'BACKUP_VAULT', VaultState: 'AVAILABLE', NumberOfRecoveryPoints: 40, Locked: true, MinRetentionDays: 35, LockDate: Date.now() / 1000 - 86_400 * 30 },
        { BackupVaultName: 'Default', BackupVaultArn: vaultArn('Default'), VaultType: 'BACKUP_VAULT', VaultState: 'AVAILABLE', NumberOfRecoveryPoints: 3, Locked: false },
      ],
    });
  }
  if (/^\/backup-vaults\/[^/]+\/access-policy$/.test(path)) {
    // The Default vault has no access policy: the answer AWS gives then.
    return jsonError('ResourceNotFoundException', 'Backup vault Default has no access policy', 404, 'GetBackupVaultAccessPolicy');
  }
  if (path === '/account-settings') {
    return restJson('DescribeRegionSettings', {
      ResourceTypeOptInPreference: { Aurora: true, CloudFormation: true, DocumentDB: true, DynamoDB: true, EBS: true, EC2: true, EFS: true, FSx: true, Neptune: true, RDS: true, Redshift: true, S3: r % 2 === 0, 'Storage Gateway': true, Timestream: false, VirtualMachine: false },
      ResourceTypeManagementPreference: { DynamoDB: true, EFS: true },
    });
  }
  return jsonError('UnknownOperationException', `${call.method} ${call.path} is not served by the fake`);
};

