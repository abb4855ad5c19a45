import check from '../../../checks/s3/bucket-public-access';
import type { CheckResult } from '../../../src/evaluate/types';
import type { PublicAccessBlock, S3Bucket, S3Inventory } from '../../../src/inventory/types';
import { checkContext, denied, failed, inventory, ok } from '../../support/inventory';
import { ALL_OFF, ALL_ON, ALL_USERS, AUTH_USERS, OWNER, bucket, policy, s3 } from '../../support/builders/s3';

function run(b: S3Bucket, account: S3Inventory['accountPublicAccessBlock'] = ok(null)): CheckResult {
  const results = check.evaluate(inventory({ s3: s3([b], account) }), checkContext());
  expect(results).toHaveLength(1);
  return results[0] as CheckResult;
}

const publicRead = { Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' };
const aclAllUsersRead = ok({ ownerId: OWNER, grants: [{ granteeType: 'CanonicalUser', id: OWNER, permission: 'FULL_CONTROL' }, { granteeType: 'Group', uri: ALL_USERS, permission: 'READ' }] });
const only = (patch: Partial<PublicAccessBlock>): PublicAccessBlock => ({ ...ALL_OFF, ...patch });

describe('s3.bucket-public-access', () => {
  it('has the exact metadata', () => {
    expect(check).toMatchObject({ id: 's3.bucket-public-access', severity: 'critical', hipaa: ['164.312(a)(1)', '164.308(a)(3)(i)', '164.308(a)(4)(i)'], controls: ['S3.2', 'S3.3'], reads: ['s3.accountPublicAccessBlock', 's3.buckets', 's3.bucketPublicAccessBlock', 's3.bucketPolicy', 's3.bucketPolicyStatus', 's3.bucketAcl'] });
  });

  it('passes a private bucket and says why', () => {
    const r = run(bucket('phi-claims-prod', { region: 'eu-west-1' }));
    expect(r).toMatchObject({ status: 'PASS', region: 'eu-west-1', resource: { type: 'AwsS3Bucket', id: 'phi-claims-prod', arn: 'arn:aws:s3:::phi-claims-prod' } });
    expect(r.message).toBe('bucket phi-claims-prod is not public: no public ACL grants; no bucket policy');
  });

  describe('ACL channel', () => {
    it('fails an AllUsers READ grant', () => {
      const r = run(bucket('legacy', { acl: aclAllUsersRead }));
      expect(r.status).toBe('FAIL');
      expect(r.message).toBe('bucket legacy is public: its ACL grants READ to AllUsers');
    });

    it('fails AuthenticatedUsers grants and lists every permission', () => {
      const acl = ok({ grants: [{ granteeType: 'Group', uri: AUTH_USERS, permission: 'READ' }, { granteeType: 'Group', uri: AUTH_USERS, permission: 'WRITE' }] });
      expect(run(bucket('b', { acl })).message).toBe('bucket b is public: its ACL grants READ, WRITE to AuthenticatedUsers (any AWS account)');
    });

    it('does not count the LogDelivery group or canonical users as public', () => {
      const acl = ok({ grants: [{ granteeType: 'Group', uri: 'http://acs.amazonaws.com/groups/s3/LogDelivery', permission: 'WRITE' }, { granteeType: 'CanonicalUser', id: 'other', permission: 'READ' }] });
      expect(run(bucket('b', { acl })).status).toBe('PASS');
    });

    it('BlockPublicAcls alone does not neutralise an existing public ACL', () => {
      const r = run(bucket('b', { acl: aclAllUsersRead, publicAccessBlock: ok(only({ blockPublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true })) }));
      expect(r.status).toBe('FAIL');
    });

    it('IgnorePublicAcls at bucket level neutralises it', () => {
      const r = run(bucket('b', { acl: aclAllUsersRead, publicAccessBlock: ok(only({ ignorePublicAcls: true })) }));
      expect(r.status).toBe('PASS');
      expect(r.message).toContain('its public ACL grants (READ to AllUsers) are neutralised by IgnorePublicAcls (bucket-level)');
    });

    it('IgnorePublicAcls at account level neutralises it (the OR of both levels)', () => {
      const r = run(bucket('b', { acl: aclAllUsersRead }), ok(only({ ignorePublicAcls: true })));
      expect(r.status).toBe('PASS');
      expect(r.message).toContain('neutralised by IgnorePublicAcls (account-level)');
    });

    it('a failed ACL read is ERROR unless IgnorePublicAcls makes ACLs irrelevant', () => {
      const aclDenied = failed(denied('s3', 'GetBucketAcl'));
      const r = run(bucket('b', { acl: aclDenied }));
      expect(r.status).toBe('ERROR');
      expect(r.message).toContain('cannot tell whether bucket b is public: its ACL could not be read (AccessDenied');
      expect(run(bucket('b', { acl: aclDenied }), ok(ALL_ON)).status).toBe('PASS');
    });

    it('a public ACL with an unreadable bucket block is ERROR (IgnorePublicAcls might be on)', () => {
      const r = run(bucket('b', { acl: aclAllUsersRead, publicAccessBlock: failed(denied('s3', 'GetPublicAccessBlock')) }));
      expect(r.status).toBe('ERROR');
      expect(r.message).toContain('its ACL grants READ to AllUsers, and the bucket-level Block Public Access settings could not be read');
    });
  });

  describe('policy channel', () => {
    it('fails Principal "*" without conditions and names the actions and statement', () => {
      const r = run(bucket('website-assets', { policy: ok(policy(publicRead)) }));
      expect(r.status).toBe('FAIL');
      expect(r.message).toBe('bucket website-assets is public: its bucket policy allows s3:GetObject to Principal "*" without conditions (statement "PublicRead")');
    });

    it('fails {"AWS": "*"} and AWS lists containing "*", with a single Statement object', () => {
      const single = JSON.stringify({ Statement: { Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::111122223333:root', '*'] }, Action: ['s3:GetObject', 's3:ListBucket'] } });
      const r = run(bucket('b', { policy: ok(single) }));
      expect(r.status).toBe('FAIL');
      expect(r.message).toContain('allows s3:GetObject, s3:ListBucket to Principal {"AWS": "*"} without conditions (statement #1)');
    });

    it('passes a policy granting a specific account or service', () => {
      const p = policy(
        { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 's3:GetObject' },
        { Effect: 'Allow', Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject' },
      );
      const r = run(bucket('b', { policy: ok(p) }));
      expect(r.status).toBe('PASS');
      expect(r.message).toContain('no public bucket policy statements');
    });

    it.each([
      ['StringEquals', 'aws:SourceVpce', 'vpce-0a1b2c3d'],
      ['StringEquals', 'aws:PrincipalOrgID', 'o-abc123'],
      ['ForAnyValue:StringEquals', 'aws:SourceVpc', 'vpc-1'],
      ['ArnEquals', 'aws:SourceArn', 'arn:aws:cloudtrail:us-east-1:111122223333:trail/t'],
      ['StringEquals', 'AWS:SourceAccount', '111122223333'],
      ['IpAddress', 'aws:SourceIp', '203.0.113.0/24'],
      ['IpAddress', 'aws:SourceIp', '10.0.0.0/8'],
      ['StringLike', 'aws:userid', 'AROAEXAMPLEROLEID:*'],
    ])('Principal "*" restricted by %s %s %s is not public', (operator, key, value) => {
      const p = policy({ Sid: 'Scoped', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Condition: { [operator]: { [key]: value } } });
      const r = run(bucket('b', { policy: ok(p) }));
      expect(r.status).toBe('PASS');
      expect(r.message).toContain('its bucket policy statements for Principal "*" are limited by conditions on fixed sources or principals (statement "Scoped")');
    });

    it.each([
      ['StringNotEquals', 'aws:SourceVpce', 'vpce-1'],
      ['StringEqualsIfExists', 'aws:SourceVpce', 'vpce-1'],
      ['ForAllValues:StringEquals', 'aws:PrincipalOrgID', 'o-1'],
      ['StringLike', 'aws:SourceVpce', 'vpce-*'],
      ['StringEquals', 'aws:PrincipalArn', 'arn:aws:iam::${aws:username}:root'],
      ['StringLike', 'aws:Referer', 'https://example.com/*'],
      ['IpAddress', 'aws:SourceIp', '0.0.0.0/0'],
      ['IpAddress', 'aws:SourceIp', '0.0.0.0/1'],
      ['NotIpAddress', 'aws:SourceIp', '10.0.0.0/8'],
      ['IpAddress', 'aws:SourceIp', '2001:db8::/16'],
    ])('Principal "*" with %s %s %s is still public', (operator, key, value) => {
      const p = policy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Condition: { [operator]: { [key]: value } } });
      const r = run(bucket('b', { policy: ok(p) }));
      expect(r.status).toBe('FAIL');
      expect(r.message).toContain(`with conditions that do not restrict the caller (${key})`);
    });

    it('one restricting condition among several is enough (conditions are ANDed)', () => {
      const p = policy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Condition: { StringLike: { 'aws:Referer': '*' }, StringEquals: { 'aws:SourceVpce': ['vpce-1', 'vpce-2'] } } });
      expect(run(bucket('b', { policy: ok(p) })).status).toBe('PASS');
    });

    it('Deny statements for Principal "*" are not public', () => {
      const p = policy({ Effect: 'Deny', Principal: '*', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
      expect(run(bucket('b', { policy: ok(p) })).status).toBe('PASS');
    });

    it('Allow with NotPrincipal is treated as public (conservative)', () => {
      const p = policy({ Sid: 'AllButOne', Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:user/x' }, Action: 's3:GetObject' });
      const r = run(bucket('b', { policy: ok(p) }));
      expect(r.status).toBe('FAIL');
      expect(r.message).toContain('allows s3:GetObject to everyone except its NotPrincipal (statement "AllButOne")');
    });

    it('Allow with NotAction to "*" names what it grants', () => {
      const p = policy({ Effect: 'Allow', Principal: '*', NotAction: 's3:DeleteObject' });
      expect(run(bucket('b', { policy: ok(p) })).message).toContain('allows every action except s3:DeleteObject to Principal "*"');
    });

    it('RestrictPublicBuckets (bucket or account) neutralises a public policy and says so', () => {
      const b = bucket('b', { policy: ok(policy(publicRead)), policyStatus: ok({ isPublic: true }) });
      const viaBucket = run({ ...b, publicAccessBlock: ok(only({ restrictPublicBuckets: true })) });
      expect(viaBucket.status).toBe('PASS');
      expect(viaBucket.message).toContain(
        'its bucket policy would allow s3:GetObject to Principal "*" without conditions (statement "PublicRead"), but RestrictPublicBuckets (bucket-level) limits it to AWS services and the owner account',
      );
      const viaAccount = run(b, ok(only({ restrictPublicBuckets: true })));
      expect(viaAccount.status).toBe('PASS');
      expect(viaAccount.message).toContain('RestrictPublicBuckets (account-level)');
    });

    it('BlockPublicPolicy does not neutralise an existing public policy', () => {
      const r = run(bucket('b', { policy: ok(policy(publicRead)), publicAccessBlock: ok(only({ blockPublicPolicy: true, ignorePublicAcls: true, blockPublicAcls: true })) }));
      expect(r.status).toBe('FAIL');
    });

    it("fails when S3's policy status says public though our analysis does not, naming the source", () => {
      const p = policy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1' } } });
      const r = run(bucket('b', { policy: ok(p), policyStatus: ok({ isPublic: true }) }));
      expect(r.status).toBe('FAIL');
      expect(r.message).toContain("S3's policy status (GetBucketPolicyStatus) reports its bucket policy as public, although our analysis found its bucket policy statements for Principal");
    });

    it("keeps our public verdict when S3's policy status disagrees, and says so", () => {
      const r = run(bucket('b', { policy: ok(policy(publicRead)), policyStatus: ok({ isPublic: false }) }));
      expect(r.status).toBe('FAIL');
      expect(r.message).toContain("(S3's policy status reports it not public; the stricter reading is kept)");
    });

    it('an unreadable policy is ERROR, unless the ACL already proves the bucket public', () => {
      const policyDenied = failed(denied('s3', 'GetBucketPolicy'));
      const r = run(bucket('b', { policy: policyDenied, policyStatus: ok({ isPublic: false }) }));
      expect(r.status).toBe('ERROR');
      expect(r.message).toContain('its bucket policy could not be read (AccessDenied: User is not authorized to perform: s3:GetBucketPolicy)');
      const publicAcl = run(bucket('b', { policy: policyDenied, acl: aclAllUsersRead }));
      expect(publicAcl.status).toBe('FAIL');
      expect(publicAcl.message).toBe('bucket b is public: its ACL grants READ to AllUsers');
    });

    it('an unreadable policy with public policy status is FAIL; with RestrictPublicBuckets it is PASS', () => {
      const b = bucket('b', { policy: failed(denied('s3', 'GetBucketPolicy')), policyStatus: ok({ isPublic: true }) });
      const r = run(b);
      expect(r.status).toBe('FAIL');
      expect(r.message).toBe("bucket b is public: S3's policy status (GetBucketPolicyStatus) reports its bucket policy as public");
      const restricted = run(b, ok(ALL_ON));
      expect(restricted.status).toBe('PASS');
      expect(restricted.message).toContain("S3's policy status (GetBucketPolicyStatus) reports its bucket policy as public, but RestrictPublicBuckets (account-level) limits it");
    });

    it('an unreadable or malformed policy is PASS when RestrictPublicBuckets is on, and says why', () => {
      const unreadable = run(bucket('b', { policy: failed(denied('s3', 'GetBucketPolicy')) }), ok(ALL_ON));
      expect(unreadable.status).toBe('PASS');
      expect(unreadable.message).toContain('its bucket policy could not be read (AccessDenied: User is not authorized to perform: s3:GetBucketPolicy), but RestrictPublicBuckets (account-level) limits any public policy to AWS services and the owner account');
      const malformed = run(bucket('b', { policy: ok('{') }), ok(ALL_ON));
      expect(malformed.status).toBe('PASS');
      expect(malformed.message).toContain('the bucket policy is not valid JSON');
    });

    it('with RestrictPublicBuckets on and nothing public, still explains the policy', () => {
      const p = policy({ Sid: 'Org', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-1' } } });
      expect(run(bucket('b', { policy: ok(p), publicAccessBlock: ok(ALL_ON) })).message).toBe(
        'bucket b is not public: no public ACL grants; its bucket policy statements for Principal "*" are limited by conditions on fixed sources or principals (statement "Org")',
      );
    });

    it('a public policy with unreadable blocks is ERROR (RestrictPublicBuckets might be on)', () => {
      const r = run(bucket('b', { policy: ok(policy(publicRead)) }), failed(denied('s3control', 'GetPublicAccessBlock', 'global')));
      expect(r.status).toBe('ERROR');
      expect(r.message).toContain('and the account-level Block Public Access settings could not be read (AccessDenied');
    });

    it('unreadable blocks do not matter when nothing is public', () => {
      const r = run(bucket('b', { publicAccessBlock: failed(denied('s3', 'GetPublicAccessBlock')) }), failed(denied('s3control', 'GetPublicAccessBlock', 'global')));
      expect(r.status).toBe('PASS');
    });

    it('a failed policy status read alone does not block a verdict, and is mentioned', () => {
      const r = run(bucket('b', { policyStatus: failed(denied('s3', 'GetBucketPolicyStatus')) }));
      expect(r.status).toBe('PASS');
      expect(r.message).toContain("(S3's policy status could not be read: AccessDenied)");
    });

    it('malformed policy JSON is ERROR with the reason', () => {
      const r = run(bucket('b', { policy: ok('{"Statement": [') }));
      expect(r.status).toBe('ERROR');
      expect(r.message).toContain('the bucket policy is not valid JSON');
    });

    it('lists both channels when both are public', () => {
      const r = run(bucket('b', { acl: aclAllUsersRead, policy: ok(policy(publicRead)) }));
      expect(r.message).toBe('bucket b is public: its ACL grants READ to AllUsers; its bucket policy allows s3:GetObject to Principal "*" without conditions (statement "PublicRead")');
    });
  });

  it('keeps the same resource whether it passes or fails', () => {
    const good = run(bucket('b'));
    const bad = run(bucket('b', { acl: aclAllUsersRead }));
    expect(good.resource).toEqual(bad.resource);
  });

  it('ERROR for the account when buckets could not be listed, or s3 was not collected', () => {
    const inv = inventory({ s3: { accountPublicAccessBlock: ok(null), buckets: failed(denied('s3', 'ListBuckets', 'global')) } });
    const [r] = check.evaluate(inv, checkContext());
    expect(r).toMatchObject({ status: 'ERROR', region: 'global', resource: { type: 'AwsAccount' } });
    expect(r?.message).toContain('could not read the S3 bucket list: AccessDenied');
    expect(check.evaluate(inventory(), checkContext())[0]?.status).toBe('ERROR');
  });
});
