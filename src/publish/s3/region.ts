import { GetBucketLocationCommand, S3Client } from '@aws-sdk/client-s3';
import type { AwsContext } from '../../aws/context';
import { errorCode, errorMessage, isAccessDenied } from '../../aws/errors';
import { UsageError } from '../../errors';

const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** Legacy LocationConstraint values GetBucketLocation still returns. */
const LEGACY: Record<string, string> = { '': 'us-east-1', EU: 'eu-west-1' };

/**
 * The bucket's region, from one GetBucketLocation call made in the home region (an empty constraint is
 * us-east-1, `EU` is eu-west-1). Objects are then written through a client of that region.
 */
export async function findBucketRegion(aws: AwsContext, bucket: string, homeRegion: string): Promise<string> {
  if (!BUCKET_NAME.test(bucket) || bucket.includes('..')) {
    throw new UsageError(`--output-bucket: '${bucket}' is not an S3 bucket name. Fix: pass the bucket name only (no s3:// and no slash), 3-63 lowercase letters, digits, dots or hyphens.`);
  }
  try {
    const out = await aws.client('s3', S3Client, homeRegion).send(new GetBucketLocationCommand({ Bucket: bucket }));
    const constraint = (out.LocationConstraint as string | undefined | null) ?? '';
    return LEGACY[constraint] ?? constraint;
  } catch (error) {
    const code = errorCode(error);
    if (code === 'NoSuchBucket') {
      throw new UsageError(`--output-bucket: bucket '${bucket}' does not exist. Fix: create it (private, versioned, encrypted) or check the name.`);
    }
    if (isAccessDenied(error)) {
      throw new UsageError(
        `--output-bucket: access to bucket '${bucket}' is denied (s3:GetBucketLocation: ${code}). Fix: allow s3:GetBucketLocation on the bucket for this identity, in its policy and the bucket policy; check the bucket is the one you meant.`,
      );
    }
    throw new UsageError(`--output-bucket: cannot find the region of bucket '${bucket}': ${code}: ${errorMessage(error)}`);
  }
}
