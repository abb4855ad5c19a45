import { GetBucketLocationCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { UsageError } from '../../../src/errors';
import { findBucketRegion } from '../../../src/publish/s3';
import { aws, awsError } from './helpers';

const s3 = mockClient(S3Client);
beforeEach(() => s3.reset());

describe('findBucketRegion', () => {
  it.each([
    [undefined, 'us-east-1'],
    ['', 'us-east-1'],
    [null, 'us-east-1'],
    ['EU', 'eu-west-1'],
    ['eu-central-1', 'eu-central-1'],
    ['ap-southeast-2', 'ap-southeast-2'],
  ])('LocationConstraint %p is %s', async (constraint, region) => {
    s3.on(GetBucketLocationCommand).resolves({ LocationConstraint: constraint as never });
    const ctx = aws();
    await expect(findBucketRegion(ctx, 'audit-reports', 'us-west-2')).resolves.toBe(region);
    expect(s3.commandCalls(GetBucketLocationCommand).map((c) => c.args[0].input)).toEqual([{ Bucket: 'audit-reports' }]);
    // Asked once, through the home region's client.
    expect(await (s3.commandCalls(GetBucketLocationCommand)[0]!.thisValue as S3Client).config.region()).toBe('us-west-2');
  });

  it('says when the bucket does not exist', async () => {
    s3.on(GetBucketLocationCommand).rejects(awsError('NoSuchBucket', 404));
    const error = await findBucketRegion(aws(), 'audit-reports', 'us-east-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe("--output-bucket: bucket 'audit-reports' does not exist. Fix: create it (private, versioned, encrypted) or check the name.");
  });

  it('says when access is denied, naming the permission', async () => {
    s3.on(GetBucketLocationCommand).rejects(awsError('AccessDenied', 403));
    await expect(findBucketRegion(aws(), 'audit-reports', 'us-east-1')).rejects.toThrow(
      "--output-bucket: access to bucket 'audit-reports' is denied (s3:GetBucketLocation: AccessDenied). Fix: allow s3:GetBucketLocation",
    );
  });

  it('refuses what is not a bucket name without calling AWS', async () => {
    for (const bad of ['s3://audit-reports', 'audit/reports', 'AB', 'Audit-Reports']) {
      await expect(findBucketRegion(aws(), bad, 'us-east-1')).rejects.toThrow('is not an S3 bucket name');
    }
    expect(s3.calls()).toHaveLength(0);
  });
});
