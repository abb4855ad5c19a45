import { ACCOUNT_ID, bucket, credentialReport, type SyntheticAccount } from './account';
import { ec2Answer, esc, json, jsonError, queryAnswer, queryError, restXml, s3Error, type Answer } from './wire';

/** One request as the fake endpoint sees it. */
export interface Call {
  service: string;
  region: string;
  method: string;
  path: string;
  query: URLSearchParams;
  /** Query-protocol parameters (form body), or the JSON body's fields. */
  params: URLSearchParams;
  body: Record<string, unknown>;
  /** X-Amz-Target's operation, for JSON protocols. */
  target: string;
}

export type Handler = (call: Call, account: SyntheticAccount) => Answer;

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const regionIndex = (account: SyntheticAccount, region: string) => Math.max(0, account.regions.indexOf(region));
const PAGE = 1000;

/** Splits `items` at the opaque token (an index) and returns the page and the next token. */
function page<T>(items: T[], token: string | null | undefined, size = PAGE): { items: T[]; next?: string } {
  const start = token ? Number(token) : 0;
  const end = start + size;
  return { items: items.slice(start, end), ...(end < items.length ? { next: String(end) } : {}) };
}

// ---------------------------------------------------------------------------------------------------------------
// Query protocol services

const sts: Handler = (call) =>
  call.params.get('Action') === 'GetCallerIdentity'
    ? queryAnswer('GetCallerIdentity', { Arn: `arn:aws:iam::${ACCOUNT_ID}:user/bench`, UserId: 'AIDABENCH', Account: ACCOUNT_ID })
    : queryError('InvalidAction', 'not served by the fake');

const iam: Handler = (call, account) => {
  const action = call.params.get('Action');
  switch (action) {
    case 'GenerateCredentialReport':
      return queryAnswer(action, { State: 'COMPLETE' });
    case 'GetCredentialReport':
      return queryAnswer(action, { Content: Buffer.from(credentialReport(account, new Date())).toString('base64'), ReportFormat: 'text/csv', GeneratedTime: new Date().toISOString() });
    case 'GetAccountPasswordPolicy':
      return queryAnswer(action, { PasswordPolicy: { MinimumPasswordLength: 14, RequireSymbols: true, RequireNumbers: true, RequireUppercaseCharacters: true, RequireLowercaseCharacters: true, AllowUsersToChangePassword: true, ExpirePasswords: true, MaxPasswordAge: 90, PasswordReusePrevention: 24 } });
    case 'ListVirtualMFADevices': {
      const devices = range(Math.ceil(account.users / 3)).map((i) => ({ SerialNumber: `arn:aws:iam::${ACCOUNT_ID}:mfa/bench-user-${String(i * 3).padStart(5, '0')}`, User: { Arn: `arn:aws:iam::${ACCOUNT_ID}:user/bench-user-${String(i * 3).padStart(5, '0')}`, UserName: 'u', UserId: 'AIDA', Path: '/', CreateDate: new Date(0).toISOString() } }));
      const p = page(devices, call.params.get('Marker'), Number(call.params.get('MaxItems') ?? 100));
      return queryAnswer(action, { VirtualMFADevices: p.items, IsTruncated: p.next !== undefined, ...(p.next ? { Marker: p.next } : {}) });
    }
    default:
      return queryError('InvalidAction', `${action} is not served by the fake`);
  }
};

/** GetAccountSummary's SummaryMap is an XML map of <entry><key/><value/></entry>. */
function summaryAnswer(account: SyntheticAccount): Answer {
  const entries = [['AccountMFAEnabled', 1], ['AccountAccessKeysPresent', 0], ['AccountPasswordPresent', 1], ['AccountSigningCertificatesPresent', 0], ['Users', account.users]]
    .map(([k, v]) => `<entry><key>${k}</key><value>${v}</value></entry>`)
    .join('');
  return { status: 200, type: 'text/xml', body: `<GetAccountSummaryResponse><GetAccountSummaryResult><SummaryMap>${entries}</SummaryMap></GetAccountSummaryResult><ResponseMetadata><RequestId>b</RequestId></ResponseMetadata></GetAccountSummaryResponse>` };
}

const iamHandler: Handler = (call, account) => (call.params.get('Action') === 'GetAccountSummary' ? summaryAnswer(account) : iam(call, account));

const ec2: Handler = (call, account) => {
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
        reservationSet: [{ reservationId: `r-${r}`, ownerId: ACCOUNT_ID, instancesSet: range(n).map((i) => ({ instanceId: `i-${r}${i}`, instanceState: { code: 16, name: 'running' }, metadataOptions: { httpTokens: i % 2 ? 'optional' : 'required', httpEndpoint: 'enabled', state: 'applied' }, tagSet: [] })) }],
      });
    default:
      return queryError('InvalidAction', `${action} is not served by the fake`);
  }
};

const rds: Handler = (call, account) => rdsLists(call, account, call.params.get('Action') ?? '', regionIndex(account, call.region));

function rdsLists(call: Call, account: SyntheticAccount, action: string, r: number): Answer {
  const list = (tag: string, items: Array<Record<string, unknown>>): Answer => {
    const body = items.map((i) => `<${tag}>${Object.entries(i).map(([k, v]) => `<${k}>${esc(String(v))}</${k}>`).join('')}</${tag}>`).join('');
    return { status: 200, type: 'text/xml', body: `<${action}Response><${action}Result><${tag}s>${body}</${tag}s></${action}Result><ResponseMetadata><RequestId>b</RequestId></ResponseMetadata></${action}Response>` };
  };
  const n = Math.max(1, Math.floor(account.perRegion / 2));
  const arn = (kind: string, id: string) => `arn:aws:rds:${call.region}:${ACCOUNT_ID}:${kind}:${id}`;
  switch (action) {
    case 'DescribeDBInstances':
      return list('DBInstance', range(n).map((i) => ({ DBInstanceIdentifier: `db-${r}-${i}`, DBInstanceArn: arn('db', `db-${r}-${i}`), Engine: 'postgres', EngineVersion: '16.3', DBInstanceStatus: 'available', PubliclyAccessible: i === 0, StorageEncrypted: i % 2 === 0, MultiAZ: i % 2 === 0, BackupRetentionPeriod: 7, DeletionProtection: true })));
    case 'DescribeDBClusters':
      return list('DBCluster', []);
    case 'DescribeDBSnapshots':
      return list('DBSnapshot', range(n).map((i) => ({ DBSnapshotIdentifier: `snap-${r}-${i}`, DBInstanceIdentifier: `db-${r}-${i}`, Encrypted: i % 2 === 0, SnapshotType: 'manual' })));
    case 'DescribeDBClusterSnapshots':
      return list('DBClusterSnapshot', []);
    case 'DescribeDBSnapshotAttributes':
      return { status: 200, type: 'text/xml', body: `<${action}Response><${action}Result><DBSnapshotAttributesResult><DBSnapshotIdentifier>${esc(call.params.get('DBSnapshotIdentifier') ?? '')}</DBSnapshotIdentifier><DBSnapshotAttributes><DBSnapshotAttribute><AttributeName>restore</AttributeName><AttributeValues></AttributeValues></DBSnapshotAttribute></DBSnapshotAttributes></DBSnapshotAttributesResult></${action}Result></${action}Response>` };
    default:
      return queryError('InvalidAction', `${action} is not served by the fake`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// S3 (REST-XML, path-style) and S3 Control

const s3: Handler = (call, account) => {
  const segments = call.path.split('/').filter(Boolean);
  if (call.service === 's3' && segments[0] === 'v20180820') return s3control(call, account);
  if (segments.length === 0) {
    const all = range(account.buckets).map((i) => bucket(account, i));
    const p = page(all, call.query.get('continuation-token'), Number(call.query.get('max-buckets') ?? 10000));
    const items = p.items.map((b) => `<Bucket><Name>${b.name}</Name><CreationDate>2024-01-01T00:00:00.000Z</CreationDate><BucketRegion>${b.region}</BucketRegion></Bucket>`).join('');
    return restXml('ListAllMyBucketsResult', `<Owner><ID>owner</ID></Owner><Buckets>${items}</Buckets>${p.next ? `<ContinuationToken>${p.next}</ContinuationToken>` : ''}`);
  }
  const index = Number(/(\d+)$/.exec(segments[0] ?? '')?.[1] ?? -1);
  if (!(index >= 0 && index < account.buckets)) return s3Error('NoSuchBucket', 'The specified bucket does not exist');
  const b = bucket(account, index);
  const q = call.query;
  if (q.has('publicAccessBlock')) {
    if (!b.blockPublicAccess) return s3Error('NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found');
    return restXml('PublicAccessBlockConfiguration', '<BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>true</IgnorePublicAcls><BlockPublicPolicy>true</BlockPublicPolicy><RestrictPublicBuckets>true</RestrictPublicBuckets>');
  }
  if (q.has('policyStatus')) {
    if (!b.policy) return s3Error('NoSuchBucketPolicy', 'The bucket policy does not exist');
    return restXml('PolicyStatus', `<IsPublic>${b.policy.includes('"Allow"') ? 'true' : 'false'}</IsPublic>`);
  }
  if (q.has('policy')) {
    if (!b.policy) return s3Error('NoSuchBucketPolicy', 'The bucket policy does not exist');
    return { status: 200, type: 'application/json', body: b.policy };
  }
  if (q.has('acl')) {
    const grants = `<Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser"><ID>owner</ID></Grantee><Permission>FULL_CONTROL</Permission></Grant>` +
      (b.publicAcl ? '<Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="Group"><URI>http://acs.amazonaws.com/groups/global/AllUsers</URI></Grantee><Permission>READ</Permission></Grant>' : '');
    return restXml('AccessControlPolicy', `<Owner><ID>owner</ID></Owner><AccessControlList>${grants}</AccessControlList>`);
  }
  if (q.has('encryption')) {
    const key = b.encryption === 'aws:kms' ? `<KMSMasterKeyID>arn:aws:kms:${b.region}:${ACCOUNT_ID}:key/bench</KMSMasterKeyID>` : '';
    return restXml('ServerSideEncryptionConfiguration', `<Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>${b.encryption}</SSEAlgorithm>${key}</ApplyServerSideEncryptionByDefault><BucketKeyEnabled>${b.encryption === 'aws:kms'}</BucketKeyEnabled></Rule>`);
  }
  if (q.has('versioning')) return restXml('VersioningConfiguration', b.versioning ? '<Status>Enabled</Status>' : '');
  if (q.has('location')) return restXml('LocationConstraint', b.region === 'us-east-1' ? '' : b.region);
  if (q.has('logging')) return restXml('BucketLoggingStatus', '');
  if (q.has('object-lock')) return s3Error('ObjectLockConfigurationNotFoundError', 'Object Lock configuration does not exist for this bucket');
  return s3Error('NotImplemented', 'not served by the fake', 501);
};

const s3control: Handler = () =>
  restXml('PublicAccessBlockConfiguration', '<BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>true</IgnorePublicAcls><BlockPublicPolicy>false</BlockPublicPolicy><RestrictPublicBuckets>false</RestrictPublicBuckets>');

// ---------------------------------------------------------------------------------------------------------------
// JSON protocols

const kms: Handler = (call, account) => {
  const r = regionIndex(account, call.region);
  const ids = range(account.perRegion).map((i) => `key-${r}-${i}`);
  const arn = (id: string) => `arn:aws:kms:${call.region}:${ACCOUNT_ID}:key/${id}`;
  switch (call.target) {
    case 'ListKeys': {
      const p = page(ids, call.body.Marker as string | undefined, 100);
      return json({ Keys: p.items.map((id) => ({ KeyId: id, KeyArn: arn(id) })), Truncated: p.next !== undefined, ...(p.next ? { NextMarker: p.next } : {}) });
    }
    case 'ListAliases':
      return json({ Aliases: [{ AliasName: 'alias/aws/ebs', TargetKeyId: ids[0], AliasArn: `arn:aws:kms:${call.region}:${ACCOUNT_ID}:alias/aws/ebs` }], Truncated: false });
    case 'DescribeKey': {
      const id = String(call.body.KeyId);
      return json({ KeyMetadata: { KeyId: id, Arn: arn(id), KeyManager: 'CUSTOMER', KeyState: 'Enabled', KeySpec: 'SYMMETRIC_DEFAULT', Origin: 'AWS_KMS', KeyUsage: 'ENCRYPT_DECRYPT', Enabled: true } });
    }
    case 'GetKeyRotationStatus':
      return json({ KeyRotationEnabled: String(call.body.KeyId).endsWith('1') });
    default:
      return jsonError('UnknownOperationException', `${call.target} is not served by the fake`);
  }
};

const cloudtrail: Handler = (call) => {
  const arn = `arn:aws:cloudtrail:us-east-1:${ACCOUNT_ID}:trail/org-audit`;
  switch (call.target) {
    case 'DescribeTrails':
      return json({ trailList: [{ Name: 'org-audit', TrailARN: arn, HomeRegion: 'us-east-1', IsMultiRegionTrail: true, IsOrganizationTrail: false, LogFileValidationEnabled: true, S3BucketName: 'bench-bucket-000000', KmsKeyId: `arn:aws:kms:us-east-1:${ACCOUNT_ID}:key/trail` }] });
    case 'GetTrailStatus':
      return json({ IsLogging: true, LatestDeliveryTime: Date.now() / 1000 });
    case 'GetEventSelectors':
      return json({ TrailARN: arn, EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [] }] });
    default:
      return jsonError('UnknownOperationException', `${call.target} is not served by the fake`);
  }
};

const config: Handler = (call) => {
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
const guardduty: Handler = (call, account) => {
  const r = regionIndex(account, call.region);
  if (call.path === '/detector') return json({ detectorIds: [`det${r}`] });
  if (call.path.startsWith('/detector/')) return json({ status: 'ENABLED', serviceRole: 'arn:aws:iam::123456789012:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty' });
  return jsonError('UnknownOperationException', `${call.method} ${call.path} is not served by the fake`);
};

const backup: Handler = (call, account) => {
  const r = regionIndex(account, call.region);
  if (call.path === '/backup/plans/' || call.path === '/backup/plans') return json({ BackupPlansList: [{ BackupPlanId: `plan-${r}`, BackupPlanName: 'daily', BackupPlanArn: `arn:aws:backup:${call.region}:${ACCOUNT_ID}:backup-plan:plan-${r}` }] });
  if (/^\/backup\/plans\/[^/]+\/selections\/$/.test(call.path)) return json({ BackupSelectionsList: [{ SelectionId: 'sel-1', SelectionName: 'everything' }] });
  if (/^\/backup\/plans\/[^/]+\/selections\/[^/]+$/.test(call.path)) return json({ BackupSelection: { SelectionName: 'everything', IamRoleArn: 'arn:aws:iam::123456789012:role/backup', Resources: ['*'] }, SelectionId: 'sel-1' });
  if (call.path === '/resources/' || call.path === '/resources') return json({ Results: [] });
  return jsonError('UnknownOperationException', `${call.method} ${call.path} is not served by the fake`);
};

export const SERVICES: Record<string, Handler> = { sts, iam: iamHandler, ec2, rds, s3, kms, cloudtrail, config, guardduty, backup };
