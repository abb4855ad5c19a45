import type { Check } from '../../src/evaluate/types';
import { fail, pass, withRead } from '../../src/evaluate/results';
import { eachBucket } from './buckets';

const check: Check = {
  id: 's3.bucket-versioning',
  title: 'S3 buckets have versioning enabled',
  severity: 'medium',
  hipaa: ['164.312(c)(1)', '164.308(a)(7)(ii)(A)'],
  controls: ['S3.14'],
  description:
    'Versioning keeps every prior version of an object, so ePHI overwritten or deleted by mistake, by a faulty ' +
    'application or by ransomware can be recovered: it protects integrity and supports the data backup plan.',
  remediation: {
    text:
      'S3 console > bucket > Properties > Bucket Versioning > Edit > Enable; or `aws s3api put-bucket-versioning ' +
      '--bucket <BUCKET> --versioning-configuration Status=Enabled`. Add a lifecycle rule to expire noncurrent ' +
      'versions after your retention period, and consider MFA delete or S3 Object Lock for critical buckets.',
    url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/manage-versioning-examples.html',
  },
  reads: ['s3.buckets', 's3.bucketVersioning'],
  evaluate(inventory) {
    return eachBucket(inventory, (bucket, resource) =>
      withRead(
        bucket.versioning,
        bucket.region,
        resource,
        (v) => {
          if (v.status === 'Enabled') {
            return [pass(bucket.region, resource, `bucket ${bucket.name} has versioning enabled (MFA delete ${v.mfaDelete ? 'on' : 'off'})`)];
          }
          if (v.status === 'Suspended') {
            return [fail(bucket.region, resource, `bucket ${bucket.name} has versioning suspended: versioning was enabled and then suspended, so new overwrites and deletes are not kept`)];
          }
          return [fail(bucket.region, resource, `bucket ${bucket.name} has versioning disabled (never enabled)`)];
        },
        `the versioning status of bucket ${bucket.name}`,
      ),
    );
  },
};

export default check;
