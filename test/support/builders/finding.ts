import type { Finding } from '../../../src/evaluate/finding';

/** A finding whose text a renderer must escape. */
export const XSS = '<img src=x onerror=alert(1)>';

/** A complete finding (a passing S3 encryption check) with overridable fields. */
export function finding(over: Partial<Finding> = {}): Finding {
  return {
    id: 'f1',
    checkId: 's3.bucket-encryption',
    title: 'S3 buckets encrypt data at rest',
    status: 'PASS',
    severity: 'high',
    accountId: '111122223333',
    region: 'us-east-1',
    resource: { type: 'AwsS3Bucket', id: 'ok-bucket', arn: 'arn:aws:s3:::ok-bucket' },
    message: 'default encryption is SSE-KMS',
    hipaa: ['164.312(a)(2)(iv)', '164.312(c)(1)'],
    controls: ['S3.4'],
    remediation: { text: 'Enable default encryption.', url: 'https://docs.aws.amazon.com/s3/' },
    ...over,
  };
}
