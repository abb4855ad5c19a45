import type { Check } from '../../src/evaluate/types';
import { fail, pass, withRead } from '../../src/evaluate/results';
import type { BucketEncryptionRule } from '../../src/inventory/types';
import { eachBucket } from './buckets';

function describe(rule: BucketEncryptionRule): string {
  const bucketKey = rule.bucketKeyEnabled === true ? 'S3 Bucket Key on' : 'S3 Bucket Key off';
  switch (rule.sseAlgorithm) {
    case 'AES256':
      return 'SSE-S3 (AES256, keys managed by S3)';
    case 'aws:kms':
      return `SSE-KMS with ${rule.kmsMasterKeyId ? `key ${rule.kmsMasterKeyId}` : 'the AWS managed key aws/s3'}, ${bucketKey}`;
    case 'aws:kms:dsse':
      return `DSSE-KMS (dual-layer) with ${rule.kmsMasterKeyId ? `key ${rule.kmsMasterKeyId}` : 'the AWS managed key aws/s3'}, ${bucketKey}`;
    default:
      return `${rule.sseAlgorithm}`;
  }
}

const check: Check = {
  id: 's3.bucket-default-encryption',
  title: 'S3 buckets have default encryption configured',
  severity: 'high',
  hipaa: ['164.312(a)(2)(iv)'],
  controls: ['S3.4'],
  description:
    'Default encryption makes S3 encrypt every new object at rest, whichever client wrote it, supporting the ' +
    'encryption and decryption addressable specification for ePHI. Since January 2023 S3 applies SSE-S3 to new buckets; ' +
    'the result names the algorithm so buckets that need customer-managed KMS keys (key policies, CloudTrail ' +
    'evidence of every decrypt) can be told apart.',
  remediation: {
    text:
      'S3 console > bucket > Properties > Default encryption > Edit > choose SSE-KMS with a customer managed key and ' +
      'enable the Bucket Key; or `aws s3api put-bucket-encryption --bucket <BUCKET> --server-side-encryption-configuration ' +
      '\'{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms","KMSMasterKeyID":"<KEY_ARN>"},"BucketKeyEnabled":true}]}\'`. ' +
      'Existing objects keep their encryption until rewritten (e.g. with S3 Batch Operations copy).',
    url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-bucket-encryption.html',
  },
  reads: ['s3.buckets', 's3.bucketEncryption'],
  evaluate(inventory) {
    return eachBucket(inventory, (bucket, resource) =>
      withRead(
        bucket.encryption,
        bucket.region,
        resource,
        (encryption) => {
          const rule = encryption?.rules[0];
          if (!rule) return [fail(bucket.region, resource, `bucket ${bucket.name} has no default encryption configuration`)];
          return [pass(bucket.region, resource, `bucket ${bucket.name} encrypts new objects by default with ${describe(rule)}`)];
        },
        `the default encryption of bucket ${bucket.name}`,
      ),
    );
  },
};

export default check;
