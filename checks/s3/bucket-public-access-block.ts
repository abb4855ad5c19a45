import type { Check } from '../../src/evaluate/types';
import { fail, pass, result } from '../../src/evaluate/results';
import { BLOCK_SETTINGS, eachBucket, effectiveSetting } from './buckets';

const check: Check = {
  id: 's3.bucket-public-access-block',
  title: 'S3 buckets have Block Public Access on (bucket or account level)',
  severity: 'medium',
  hipaa: ['164.312(a)(1)'],
  controls: ['S3.8'],
  description:
    'Each of the four Block Public Access settings (BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, ' +
    'RestrictPublicBuckets) must be on for the bucket, either on the bucket itself or for the whole account (S3 ' +
    'applies the most restrictive combination). Without them a single ACL or policy change can expose ePHI.',
  remediation: {
    text:
      'S3 console > bucket > Permissions > Block public access (bucket settings) > Edit > "Block all public access", ' +
      'or `aws s3api put-public-access-block --bucket <BUCKET> --public-access-block-configuration ' +
      'BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true`. Turning it on ' +
      'at account level (`aws s3control put-public-access-block --account-id <ACCOUNT_ID> ...`) covers every bucket.',
    url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/configuring-block-public-access-bucket.html',
  },
  reads: ['s3.accountPublicAccessBlock', 's3.buckets', 's3.bucketPublicAccessBlock'],
  evaluate(inventory) {
    return eachBucket(inventory, (bucket, resource, s3) => {
      const region = bucket.region;
      const account = s3.accountPublicAccessBlock;
      const settings = BLOCK_SETTINGS.map(([key, name]) => ({ name, effective: effectiveSetting(account, bucket.publicAccessBlock, key) }));
      const off = settings.filter((s) => s.effective.state === 'off').map((s) => s.name);
      const unknown = settings.filter((s) => s.effective.state === 'unknown');
      if (off.length > 0) {
        const noBucketConfig = bucket.publicAccessBlock.ok && bucket.publicAccessBlock.value === null ? ' (the bucket has no bucket-level configuration)' : '';
        return [fail(region, resource, `bucket ${bucket.name} has Block Public Access off at both bucket and account level for ${off.join(', ')}${noBucketConfig}`)];
      }
      const first = unknown[0];
      if (first && first.effective.state === 'unknown') {
        return [
          result('ERROR', region, resource, `cannot tell whether bucket ${bucket.name} blocks public access: ${unknown.map((s) => s.name).join(', ')} not on at the level that could be read, and ${first.effective.reason}`),
        ];
      }
      const bucketAll = bucket.publicAccessBlock.ok && BLOCK_SETTINGS.every(([key]) => bucket.publicAccessBlock.ok && bucket.publicAccessBlock.value?.[key] === true);
      const accountAll = account.ok && BLOCK_SETTINGS.every(([key]) => account.ok && account.value?.[key] === true);
      const where = bucketAll && accountAll
        ? 'at both bucket and account level'
        : bucketAll
          ? 'at bucket level'
          : accountAll
            ? 'at account level'
            : `through a mix of levels (${settings.map((s) => `${s.name}: ${s.effective.state === 'on' ? s.effective.level : ''}`).join(', ')})`;
      return [pass(region, resource, `all four Block Public Access settings are on for bucket ${bucket.name} ${where}`)];
    });
  },
};

export default check;
