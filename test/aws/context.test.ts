import { GetBucketVersioningCommand, S3Client, paginateListObjectsV2 } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsContext } from '../../src/aws/context';
import { errorCode, isAccessDenied, toApiError } from '../../src/aws/errors';
import { awsError } from '../support/inventory';

const s3 = mockClient(S3Client);
beforeEach(() => s3.reset());

describe('AwsContext', () => {
  it('caches one client per service and region, configured for adaptive retry and the endpoint override', async () => {
    const aws = new AwsContext({ endpointUrl: 'http://localhost:4566' });
    const a = aws.client('s3', S3Client, 'us-east-1');
    expect(aws.client('s3', S3Client, 'us-east-1')).toBe(a);
    expect(aws.client('s3', S3Client, 'eu-west-1')).not.toBe(a);
    expect(await a.config.region()).toBe('us-east-1');
    expect(await a.config.retryStrategy()).toMatchObject({ mode: 'adaptive' });
    expect(a.config.forcePathStyle).toBe(true);
    const endpoint = await a.config.endpoint?.();
    expect(endpoint?.hostname).toBe('localhost');
    aws.destroy();
  });

  it('counts every call, paginator pages included, by service and operation', async () => {
    s3.on(GetBucketVersioningCommand).resolves({ Status: 'Enabled' });
    s3.on(paginateListObjectsV2 as never).resolves({});
    const aws = new AwsContext();
    const client = aws.client('s3', S3Client, 'us-east-1');
    await client.send(new GetBucketVersioningCommand({ Bucket: 'a' }));
    await client.send(new GetBucketVersioningCommand({ Bucket: 'b' }));
    expect(aws.apiCalls.total).toBe(2);
    expect(aws.apiCalls.byService()).toEqual({ s3: 2 });
    expect(aws.apiCalls.byOperation()).toEqual({ 's3:GetBucketVersioning': 2 });
  });

  it('caps calls in flight per service and region', async () => {
    let inFlight = 0;
    let peak = 0;
    s3.on(GetBucketVersioningCommand).callsFake(async () => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setImmediate(r));
      inFlight -= 1;
      return { Status: 'Enabled' };
    });
    const aws = new AwsContext({ concurrency: 3 });
    const client = aws.client('s3', S3Client, 'us-east-1');
    await Promise.all(Array.from({ length: 12 }, (_, i) => client.send(new GetBucketVersioningCommand({ Bucket: `b${i}` }))));
    expect(peak).toBe(3);
    expect(aws.apiCalls.total).toBe(12);
  });
});

describe('error helpers', () => {
  it('extracts the SDK error code and recognises denials', () => {
    expect(errorCode(awsError('AccessDeniedException'))).toBe('AccessDeniedException');
    expect(errorCode(Object.assign(new Error('x'), { Code: 'NoSuchBucketPolicy' }))).toBe('NoSuchBucketPolicy');
    expect(errorCode(new Error('plain'))).toBe('UnknownError');
    expect(isAccessDenied(awsError('UnauthorizedOperation'))).toBe(true);
    expect(isAccessDenied(awsError('ThrottlingException'))).toBe(false);
    expect(toApiError(awsError('AccessDenied', 'no'), 'iam', 'global', 'GetAccountSummary')).toEqual({
      service: 'iam', region: 'global', operation: 'GetAccountSummary', code: 'AccessDenied', message: 'no',
    });
  });
});
