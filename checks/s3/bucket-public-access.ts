import type { Check, CheckResult, ResourceRef } from '../../src/evaluate/types';
import { fail, fixesFor, pass, result } from '../../src/evaluate/results';
import type { AclGrant, PublicAccessBlock, Read } from '../../src/inventory/types';
import { policyExposure, type Exposure } from '../../src/judge/policy';
import { eachBucket, effectiveSetting, type EffectiveSetting, type JudgedBucket } from './buckets';

/** One access channel's verdict (ACL or bucket policy) with the sentence that explains it. */
type Verdict = { state: 'public' | 'private' | 'unknown'; text: string };

const PUBLIC_GROUPS: Record<string, string> = {
  'http://acs.amazonaws.com/groups/global/AllUsers': 'AllUsers',
  'http://acs.amazonaws.com/groups/global/AuthenticatedUsers': 'AuthenticatedUsers (any AWS account)',
};

function publicGroup(grant: AclGrant): string | undefined {
  if (grant.granteeType !== 'Group' || !grant.uri) return undefined;
  // Match on the path so http/https spellings both count.
  const key = Object.keys(PUBLIC_GROUPS).find((uri) => grant.uri?.replace(/^https?:/, '') === uri.replace(/^https?:/, ''));
  return key ? PUBLIC_GROUPS[key] : undefined;
}

function describeGrants(grants: AclGrant[]): string {
  const byGroup = new Map<string, string[]>();
  for (const g of grants) {
    const group = publicGroup(g);
    if (!group) continue;
    byGroup.set(group, [...(byGroup.get(group) ?? []), g.permission]);
  }
  return [...byGroup].map(([group, perms]) => `${[...new Set(perms)].join(', ')} to ${group}`).join(' and ');
}

const neutralised = (setting: Extract<EffectiveSetting, { state: 'on' }>, name: string) => `${name} (${setting.level})`;

function aclVerdict(acl: JudgedBucket['acl'], ignore: EffectiveSetting): Verdict {
  const publicGrants = acl.ok ? acl.value.grants.filter((g) => publicGroup(g) !== undefined) : [];
  if (ignore.state === 'on') {
    if (!acl.ok) return { state: 'private', text: `ACLs are ignored by ${neutralised(ignore, 'IgnorePublicAcls')}` };
    if (publicGrants.length === 0) return { state: 'private', text: 'no public ACL grants' };
    return { state: 'private', text: `its public ACL grants (${describeGrants(publicGrants)}) are neutralised by ${neutralised(ignore, 'IgnorePublicAcls')}` };
  }
  if (!acl.ok) return { state: 'unknown', text: `its ACL could not be read (${acl.error.code}: ${acl.error.message})` };
  if (publicGrants.length === 0) return { state: 'private', text: 'no public ACL grants' };
  const what = `its ACL grants ${describeGrants(publicGrants)}`;
  if (ignore.state === 'unknown') return { state: 'unknown', text: `${what}, and ${ignore.reason}` };
  return { state: 'public', text: what };
}

function policyVerdict(bucket: JudgedBucket, restrict: EffectiveSetting): Verdict {
  // Our own reading of the policy.
  const ours: Exposure = bucket.policy.ok
    ? policyExposure(bucket.policy.value, 'bucket policy')
    : { state: 'unknown', text: `its bucket policy could not be read (${bucket.policy.error.code}: ${bucket.policy.error.message})` };
  // S3's own verdict (GetBucketPolicyStatus): a second opinion; where the two disagree, public wins.
  const status: Read<{ isPublic: boolean } | null> = bucket.policyStatus;
  const s3SaysPublic = status.ok && status.value?.isPublic === true;
  const s3SaysPrivate = status.ok && status.value?.isPublic === false;

  let evidence: string | undefined;
  if (ours.state === 'public') {
    evidence = s3SaysPrivate ? `${ours.text} (S3's policy status reports it not public; the stricter reading is kept)` : ours.text;
  } else if (s3SaysPublic) {
    evidence =
      ours.state === 'private'
        ? `S3's policy status (GetBucketPolicyStatus) reports its bucket policy as public, although our analysis found ${ours.text}`
        : `S3's policy status (GetBucketPolicyStatus) reports its bucket policy as public`;
  }

  if (restrict.state === 'on') {
    const limiter = `${neutralised(restrict, 'RestrictPublicBuckets')} limits it to AWS services and the owner account`;
    if (evidence) return { state: 'private', text: `${evidence.replace(/^its bucket policy allows/, 'its bucket policy would allow')}, but ${limiter}` };
    if (ours.state === 'unknown') return { state: 'private', text: `${ours.text}, but ${limiter.replace('limits it', 'limits any public policy')}` };
    return ours;
  }
  if (evidence) {
    if (restrict.state === 'unknown') return { state: 'unknown', text: `${evidence}, and ${restrict.reason}` };
    return { state: 'public', text: evidence };
  }
  return ours;
}

function judge(bucket: JudgedBucket, resource: ResourceRef, account: Read<PublicAccessBlock | null>): CheckResult[] {
  const region = bucket.region;
  const ignore = effectiveSetting(account, bucket.publicAccessBlock, 'ignorePublicAcls');
  const restrict = effectiveSetting(account, bucket.publicAccessBlock, 'restrictPublicBuckets');
  const verdicts = [aclVerdict(bucket.acl, ignore), policyVerdict(bucket, restrict)];
  const publicOnes = verdicts.filter((v) => v.state === 'public');
  if (publicOnes.length > 0) {
    return [fail(region, resource, `bucket ${bucket.name} is public: ${publicOnes.map((v) => v.text).join('; ')}`)];
  }
  const unknown = verdicts.filter((v) => v.state === 'unknown');
  if (unknown.length > 0) {
    const failedReads = [bucket.acl, bucket.policy, bucket.publicAccessBlock, account].flatMap((r) => (r.ok ? [] : [r.error]));
    const fix = failedReads.length ? `. ${fixesFor(failedReads)}` : '';
    return [result('ERROR', region, resource, `cannot tell whether bucket ${bucket.name} is public: ${unknown.map((v) => v.text).join('; ')}${fix}`)];
  }
  const statusNote = bucket.policyStatus.ok ? '' : ` (S3's policy status could not be read: ${bucket.policyStatus.error.code})`;
  return [pass(region, resource, `bucket ${bucket.name} is not public: ${verdicts.map((v) => v.text).join('; ')}${statusNote}`)];
}

const check: Check = {
  id: 's3.bucket-public-access',
  title: 'S3 buckets are not publicly accessible',
  severity: 'critical',
  hipaa: ['164.312(a)(1)', '164.308(a)(3)(i)', '164.308(a)(4)(i)'],
  controls: ['S3.2', 'S3.3'],
  description:
    'A bucket is public when its ACL grants access to AllUsers or AuthenticatedUsers, or its bucket policy allows ' +
    'Principal "*" without conditions that pin the caller or source, and the effective Block Public Access settings ' +
    '(account OR bucket level: IgnorePublicAcls for ACLs, RestrictPublicBuckets for policies) do not neutralise it. ' +
    "The verdict follows S3's own definition of public and is cross-checked with GetBucketPolicyStatus. ePHI in a " +
    'public bucket is readable (or writable) by anyone on the internet.',
  remediation: {
    text:
      'Remove the public grants: S3 console > bucket > Permissions > Bucket policy (delete or scope the statements for ' +
      'Principal "*", e.g. with aws:SourceVpce or aws:PrincipalOrgID) and Access control list (remove Everyone / ' +
      'Authenticated users groups; better, set Object Ownership to "Bucket owner enforced" to disable ACLs). Then turn ' +
      'on Block Public Access for the bucket (`aws s3api put-public-access-block --bucket <BUCKET> ' +
      '--public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true`) ' +
      'or for the whole account. Serve public content through CloudFront with origin access control instead.',
    url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html',
  },
  reads: ['s3.accountPublicAccessBlock', 's3.buckets', 's3.bucketPublicAccessBlock', 's3.bucketPolicy', 's3.bucketPolicyStatus', 's3.bucketAcl'],
  evaluate(inventory) {
    return eachBucket(inventory, (bucket, resource, s3) => judge(bucket, resource, s3.accountPublicAccessBlock));
  },
};

export default check;
