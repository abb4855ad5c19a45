import type { Check } from '../../src/evaluate/types';
import { result, withRead } from '../../src/evaluate/results';
import { tlsOnlyVerdict } from '../../src/judge/policy';
import { eachBucket } from './buckets';

const check: Check = {
  id: 's3.bucket-tls-only',
  title: 'S3 bucket policies deny requests that do not use TLS',
  severity: 'medium',
  hipaa: ['164.312(e)(1)', '164.312(e)(2)(ii)'],
  controls: ['S3.5'],
  description:
    'S3 accepts plain HTTP unless the bucket policy denies it. A Deny for Principal "*" on s3:* covering the ' +
    'bucket\'s objects with Condition Bool aws:SecureTransport=false (or NumericLessThan s3:TlsVersion) guarantees ' +
    'that ePHI is only transmitted encrypted, whichever client or misconfigured SDK makes the request. A Deny narrowed ' +
    'by extra conditions, fewer actions or specific principals does not count.',
  remediation: {
    text:
      'Add to the bucket policy (S3 console > bucket > Permissions > Bucket policy): {"Sid":"DenyInsecureTransport",' +
      '"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::<BUCKET>","arn:aws:s3:::<BUCKET>/*"],' +
      '"Condition":{"Bool":{"aws:SecureTransport":"false"}}}.',
    url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html',
  },
  reads: ['s3.buckets', 's3.bucketPolicy'],
  evaluate(inventory) {
    return eachBucket(inventory, (bucket, resource) =>
      withRead(
        bucket.policy,
        bucket.region,
        resource,
        (policy) => {
          const verdict = tlsOnlyVerdict(policy, `bucket ${bucket.name}`, { service: 's3', arn: bucket.arn });
          return [result(verdict.status, bucket.region, resource, verdict.message)];
        },
        `the bucket policy of ${bucket.name}`,
      ),
    );
  },
};

export default check;
