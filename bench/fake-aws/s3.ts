import { ACCOUNT_ID, bucket } from './account';
import { page, range, type Handler } from './call';
import { restXml, s3Error } from './wire';

/* S3 (REST-XML, path-style) and S3 Control. Every per-bucket read a collector makes gets S3's own answer, including
 * S3's "not configured" errors (NoSuchBucketPolicy, ObjectLockConfigurationNotFoundError, ...). */

const BLOCK_ALL = '<BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>true</IgnorePublicAcls><BlockPublicPolicy>true</BlockPublicPolicy><RestrictPublicBuckets>true</RestrictPublicBuckets>';

/** The bucket a request names (path-style), or undefined for ListBuckets and S3 Control. */
export function bucketOf(path: string): string | undefined {
  const first = path.split('/').filter(Boolean)[0];
  return first === undefined || first === 'v20180820' ? undefined : first;
}

export const s3: Handler = (call, account) => {
  const segments = call.path.split('/').filter(Boolean);
  if (segments[0] === 'v20180820') return s3control(call, account);
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
  // Bucket 0 receives the trail's logs: access logging and Object Lock (compliance, 365 days) are on.
  const trailBucket = index === 0;
  if (q.has('publicAccessBlock')) {
    if (!b.blockPublicAccess) return s3Error('NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found');
    return restXml('PublicAccessBlockConfiguration', BLOCK_ALL);
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
    const grants =
      '<Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser"><ID>owner</ID></Grantee><Permission>FULL_CONTROL</Permission></Grant>' +
      (b.publicAcl ? '<Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="Group"><URI>http://acs.amazonaws.com/groups/global/AllUsers</URI></Grantee><Permission>READ</Permission></Grant>' : '');
    return restXml('AccessControlPolicy', `<Owner><ID>owner</ID></Owner><AccessControlList>${grants}</AccessControlList>`);
  }
  if (q.has('encryption')) {
    const key = b.encryption === 'aws:kms' ? `<KMSMasterKeyID>arn:aws:kms:${b.region}:${ACCOUNT_ID}:key/bench</KMSMasterKeyID>` : '';
    return restXml('ServerSideEncryptionConfiguration', `<Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>${b.encryption}</SSEAlgorithm>${key}</ApplyServerSideEncryptionByDefault><BucketKeyEnabled>${b.encryption === 'aws:kms'}</BucketKeyEnabled></Rule>`);
  }
  if (q.has('versioning')) return restXml('VersioningConfiguration', b.versioning ? '<Status>Enabled</Status>' : '');
  if (q.has('location')) return restXml('LocationConstraint', b.region === 'us-east-1' ? '' : b.region);
  if (q.has('logging')) {
    return restXml('BucketLoggingStatus', trailBucket || index % 6 === 0 ? `<LoggingEnabled><TargetBucket>bench-access-logs</TargetBucket><TargetPrefix>${b.name}/</TargetPrefix></LoggingEnabled>` : '');
  }
  if (q.has('object-lock')) {
    if (!trailBucket) return s3Error('ObjectLockConfigurationNotFoundError', 'Object Lock configuration does not exist for this bucket');
    return restXml('ObjectLockConfiguration', '<ObjectLockEnabled>Enabled</ObjectLockEnabled><Rule><DefaultRetention><Mode>COMPLIANCE</Mode><Days>365</Days></DefaultRetention></Rule>');
  }
  if (q.has('replication')) return s3Error('ReplicationConfigurationNotFoundError', 'The replication configuration was not found');
  if (q.has('lifecycle')) return s3Error('NoSuchLifecycleConfiguration', 'The lifecycle configuration does not exist');
  if (q.has('tagging')) return s3Error('NoSuchTagSet', 'The TagSet does not exist');
  if (q.has('ownershipControls')) return restXml('OwnershipControls', '<Rule><ObjectOwnership>BucketOwnerEnforced</ObjectOwnership></Rule>');
  return s3Error('NotImplemented', 'not served by the fake', 501);
};

/** The account's Block Public Access: ACLs blocked, policies not. */
const s3control: Handler = () =>
  restXml('PublicAccessBlockConfiguration', '<BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>true</IgnorePublicAcls><BlockPublicPolicy>false</BlockPublicPolicy><RestrictPublicBuckets>false</RestrictPublicBuckets>');
