import check from '../../../checks/s3/bucket-tls-only';
import type { CheckResult } from '../../../src/evaluate/types';
import type { S3Bucket } from '../../../src/inventory/types';
import { checkContext, denied, failed, inventory, ok } from '../../support/inventory';
import { bucket, policy, s3 } from '../../support/builders/s3';

function run(b: S3Bucket): CheckResult {
  const results = check.evaluate(inventory({ s3: s3([b]) }), checkContext());
  expect(results).toHaveLength(1);
  return results[0] as CheckResult;
}
const withPolicy = (...statements: object[]) => bucket('logs', { policy: ok(policy(...statements)) });
const denyHttp = {
  Sid: 'DenyInsecureTransport',
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: ['arn:aws:s3:::logs', 'arn:aws:s3:::logs/*'],
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
};

describe('s3.bucket-tls-only', () => {
  it('has the exact metadata', () => {
    expect(check).toMatchObject({ id: 's3.bucket-tls-only', severity: 'medium', hipaa: ['164.312(e)(1)', '164.312(e)(2)(ii)'], controls: ['S3.5'], reads: ['s3.buckets', 's3.bucketPolicy'] });
  });

  it('passes the canonical deny and names the statement', () => {
    const r = run(withPolicy(denyHttp));
    expect(r).toMatchObject({ status: 'PASS', resource: { type: 'AwsS3Bucket', id: 'logs', arn: 'arn:aws:s3:::logs' } });
    expect(r.message).toBe('bucket logs policy denies every S3 action to any principal over plain HTTP (aws:SecureTransport=false, statement "DenyInsecureTransport")');
  });

  it.each([
    ['{"AWS": "*"}, "*" action, boolean false, BoolIfExists', { Effect: 'Deny', Principal: { AWS: '*' }, Action: '*', Resource: 'arn:aws:s3:::logs/*', Condition: { BoolIfExists: { 'aws:SecureTransport': false } } }],
    ['AWS list with "*", action list, resource "*"', { Effect: 'Deny', Principal: { AWS: ['*'] }, Action: ['s3:GetObject', 's3:*'], Resource: '*', Condition: { Bool: { 'aws:SecureTransport': ['false'] } } }],
    ['wildcard resource pattern', { Effect: 'Deny', Principal: '*', Action: 'S3:*', Resource: 'arn:aws:s3:::log*', Condition: { Bool: { 'aws:securetransport': 'FALSE' } } }],
  ])('accepts variants: %s', (_, statement) => {
    expect(run(withPolicy(statement)).status).toBe('PASS');
  });

  it('says when the deny covers only the objects', () => {
    const r = run(withPolicy({ ...denyHttp, Resource: 'arn:aws:s3:::logs/*' }));
    expect(r.status).toBe('PASS');
    expect(r.message).toContain('(objects only, not bucket-level operations)');
  });

  it('accepts a s3:TlsVersion minimum and says which version', () => {
    const r = run(withPolicy({ Sid: 'MinTls', Effect: 'Deny', Principal: { AWS: '*' }, Action: ['s3:*'], Resource: ['arn:aws:s3:::logs/*', 'arn:aws:s3:::logs'], Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }));
    expect(r.status).toBe('PASS');
    expect(r.message).toContain('minimum TLS version 1.2');
  });

  it('prefers the SecureTransport statement when both are present', () => {
    const tls = { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::logs/*', Condition: { NumericLessThan: { 's3:TlsVersion': '1.2' } } };
    expect(run(withPolicy(tls, denyHttp)).message).toContain('aws:SecureTransport=false');
  });

  it('fails a bucket without a policy', () => {
    const r = run(bucket('logs'));
    expect(r.status).toBe('FAIL');
    expect(r.message).toBe('bucket logs has no bucket policy, so requests over plain HTTP are not denied');
  });

  it('fails a policy with no TLS deny', () => {
    const r = run(withPolicy({ Effect: 'Allow', Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::logs/*' }));
    expect(r.status).toBe('FAIL');
    expect(r.message).toBe('bucket logs does not enforce TLS: the bucket policy has no Deny on aws:SecureTransport=false');
  });

  it.each([
    ['an Allow on SecureTransport=false is not a deny', { ...denyHttp, Effect: 'Allow' }, 'the bucket policy has no Deny on aws:SecureTransport=false'],
    ['SecureTransport=true is the opposite', { ...denyHttp, Condition: { Bool: { 'aws:SecureTransport': 'true' } } }, 'the bucket policy has no Deny on aws:SecureTransport=false'],
    ['specific principal', { ...denyHttp, Principal: { AWS: 'arn:aws:iam::111122223333:role/app' } }, 'applies to specific principals, not Principal "*"'],
    ['NotPrincipal', { ...denyHttp, Principal: undefined, NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' } }, 'applies to specific principals'],
    ['only some actions', { ...denyHttp, Action: ['s3:GetObject', 's3:PutObject'] }, 'covers only s3:GetObject, s3:PutObject, not s3:*'],
    ['only the bucket ARN', { ...denyHttp, Resource: 'arn:aws:s3:::logs' }, "does not cover the bucket's objects (Resource arn:aws:s3:::logs)"],
    ['a prefix only', { ...denyHttp, Resource: 'arn:aws:s3:::logs/private/*' }, "does not cover the bucket's objects"],
    ['another bucket', { ...denyHttp, Resource: 'arn:aws:s3:::other/*' }, "does not cover the bucket's objects"],
    ['narrowed by another condition', { ...denyHttp, Condition: { Bool: { 'aws:SecureTransport': 'false' }, StringEquals: { 'aws:SourceVpce': 'vpce-1' } } }, 'is narrowed by other conditions (StringEquals aws:SourceVpce)'],
    ['the HTTP-allowing TLS-version pattern', { ...denyHttp, Condition: { Bool: { 'aws:SecureTransport': 'true' }, NumericLessThan: { 's3:TlsVersion': '1.2' } } }, 'the Deny on s3:TlsVersion (statement "DenyInsecureTransport") is narrowed by other conditions (Bool aws:SecureTransport)'],
  ])('fails: %s', (_, statement, expected) => {
    const r = run(withPolicy(statement));
    expect(r.status).toBe('FAIL');
    expect(r.message).toContain(expected);
  });

  it('ERROR on a malformed policy or a failed policy read', () => {
    const malformed = run(bucket('logs', { policy: ok('not json') }));
    expect(malformed.status).toBe('ERROR');
    expect(malformed.message).toContain('cannot judge the policy of bucket logs: the bucket policy is not valid JSON');
    const noStatement = run(bucket('logs', { policy: ok('{"Version":"2012-10-17"}') }));
    expect(noStatement).toMatchObject({ status: 'ERROR', message: 'cannot judge the policy of bucket logs: the bucket policy has no Statement element' });
    const deniedRead = run(bucket('logs', { policy: failed(denied('s3', 'GetBucketPolicy')) }));
    expect(deniedRead.status).toBe('ERROR');
    expect(deniedRead.message).toContain('could not read the bucket policy of logs: AccessDenied');
  });
});
