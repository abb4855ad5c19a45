import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetBucketVersioningCommand, S3Client, paginateListObjectsV2 } from '@aws-sdk/client-s3';
import { GetAccountSummaryCommand, IAMClient } from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsContext } from '../../src/aws/context';
import { errorCode, isAccessDenied, toApiError } from '../../src/aws/errors';
import { causeOf, fixFor } from '../../src/aws/remedy';
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

  it('releases its clients once collection is done: they are destroyed, and later calls get fresh ones that still count', async () => {
    s3.on(GetBucketVersioningCommand).resolves({ Status: 'Enabled' });
    const aws = new AwsContext();
    const first = aws.client('s3', S3Client, 'us-east-1');
    await first.send(new GetBucketVersioningCommand({ Bucket: 'a' }));
    const destroyed = jest.spyOn(first, 'destroy');
    aws.releaseClients();
    expect(destroyed).toHaveBeenCalledTimes(1);
    const second = aws.client('s3', S3Client, 'us-east-1');
    expect(second).not.toBe(first);
    await second.send(new GetBucketVersioningCommand({ Bucket: 'b' }));
    expect(aws.apiCalls.total).toBe(2);
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

  /** An error shaped as the SDK throws it (its own words, as seen from a local server in test/collect/faults.test.ts). */
  const sdkError = (message: string, fields: Record<string, unknown>) => Object.assign(new Error(message), fields);
  const note = '\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.';

  it('words the per-attempt timeouts as "timed out after N s", with a "transient: rerun" fix', () => {
    const request = sdkError('@smithy/node-http-handler - [ERROR] a request has exceeded the configured 20000 ms requestTimeout.', { name: 'TimeoutError', code: 'ETIMEDOUT', $metadata: { attempts: 4 } });
    const read = toApiError(request, 'kms', 'eu-west-1', 'ListKeys');
    expect(read).toMatchObject({ code: 'ETIMEDOUT', message: 'timed out after 20 s: AWS sent no answer within the request timeout, on each of 4 attempts' });
    expect(causeOf(read)).toBe('timeout');
    expect(fixFor(read)).toMatch(/^transient: rerun the audit/);
    const connect = sdkError('@smithy/node-http-handler - the request socket did not establish a connection with the server within the configured timeout of 5000 ms.', { name: 'TimeoutError', $metadata: { attempts: 1 } });
    expect(toApiError(connect, 'kms', 'eu-west-1', 'ListKeys')).toMatchObject({ code: 'TimeoutError', message: 'timed out after 5 s: no connection to the endpoint within the connection timeout' });
  });

  it('codes an answer the SDK could not parse as DeserializationError (a 5xx as a server error), without the SDK\'s note', () => {
    const xml = sdkError(`@aws-sdk XML parse error: unexpected end of input.${note}`, { $metadata: { httpStatusCode: 200 } });
    expect(toApiError(xml, 'iam', 'global', 'GetAccountSummary')).toMatchObject({ code: 'DeserializationError', message: 'unreadable answer (HTTP 200): @aws-sdk XML parse error: unexpected end of input.' });
    const json = sdkError(`Unexpected end of JSON input${note}`, { name: 'SyntaxError', $metadata: { httpStatusCode: 200 } });
    expect(toApiError(json, 'kms', 'us-east-1', 'ListKeys')).toMatchObject({ code: 'DeserializationError', message: 'unreadable answer (HTTP 200): SyntaxError: Unexpected end of JSON input' });
    const cut = sdkError('aborted', { code: 'ECONNRESET', $metadata: { attempts: 1 } });
    expect(toApiError(cut, 's3', 'global', 'ListBuckets')).toMatchObject({ code: 'DeserializationError', message: 'unreadable answer: ECONNRESET: aborted (the connection closed mid-answer)' });
    const gateway = sdkError(`@aws-sdk XML parse error: unexpected content.${note}`, { $metadata: { httpStatusCode: 503 } });
    expect(causeOf(toApiError(gateway, 'rds', 'us-east-1', 'DescribeDBInstances'))).toBe('server');
    // Errors recorded in inventories saved before: the SDK's words in the message.
    expect(causeOf({ code: 'UnknownError', message: `@aws-sdk XML parse error: unexpected end of input.${note}` })).toBe('incomplete');
    // A reset before any answer stays a network problem.
    expect(causeOf(toApiError(sdkError('socket hang up', { code: 'ECONNRESET' }), 's3', 'global', 'ListBuckets'))).toBe('network');
  });
});

describe('the run deadline', () => {
  it('ends a call that never answers as timed out, sends nothing after it, and leaves later calls free', async () => {
    s3.on(GetBucketVersioningCommand, { Bucket: 'hung' }).callsFake(() => new Promise(() => undefined));
    s3.on(GetBucketVersioningCommand, { Bucket: 'fine' }).resolves({ Status: 'Enabled' });
    const aws = new AwsContext({ concurrency: 1 });
    const outcomes = await aws.withDeadline(Date.now() + 50, async () => {
      const client = aws.client('s3', S3Client, 'us-east-1');
      // With one call in flight at a time, the second waits behind the hung one and is never sent.
      return Promise.allSettled([client.send(new GetBucketVersioningCommand({ Bucket: 'hung' })), client.send(new GetBucketVersioningCommand({ Bucket: 'fine' }))]);
    });
    for (const o of outcomes) expect(o).toMatchObject({ status: 'rejected', reason: { name: 'DeadlineExceeded', message: "timed out: the run's deadline (0 s) passed before AWS answered" } });
    expect(aws.apiCalls.byOperation()).toEqual({ 's3:GetBucketVersioning': 1 });
    expect(aws.expired).toBe(false);
    await expect(aws.client('s3', S3Client, 'us-east-1').send(new GetBucketVersioningCommand({ Bucket: 'fine' }))).resolves.toMatchObject({ Status: 'Enabled' });
  });

  it('counts the attempts a call took, retries included', async () => {
    s3.on(GetBucketVersioningCommand).resolves({ Status: 'Enabled', $metadata: { attempts: 3 } });
    const aws = new AwsContext();
    await aws.client('s3', S3Client, 'us-east-1').send(new GetBucketVersioningCommand({ Bucket: 'a' }));
    expect(aws.apiCalls.snapshot()).toEqual({ total: 1, attempts: 3, retries: 2, byService: { s3: 1 } });
  });

  it('sets per-attempt timeouts and a bounded number of attempts on every client', async () => {
    const aws = new AwsContext();
    const client = aws.client('s3', S3Client, 'us-east-1');
    expect(await client.config.maxAttempts()).toBe(4);
    const handler = client.config.requestHandler as unknown as { configProvider: Promise<Record<string, unknown>> };
    expect(await handler.configProvider).toMatchObject({ connectionTimeout: 5000, requestTimeout: 20000, throwOnRequestTimeout: true });
  });
});

describe('the run deadline over real HTTP', () => {
  it('drops the request when the deadline passes and makes no further attempt (nothing keeps the process alive)', async () => {
    let requests = 0;
    let closed = 0;
    // Never answers; counts requests and the connections the client drops.
    const server = createServer((req) => {
      requests += 1;
      req.socket.on('close', () => (closed += 1));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const aws = new AwsContext({
      endpointUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      credentials: async () => ({ accessKeyId: 'AKIATEST', secretAccessKey: 'test' }),
      requestTimeoutMs: 30_000,
      maxAttempts: 3,
    });
    try {
      const outcome = await aws.withDeadline(Date.now() + 300, () =>
        aws.client('iam', IAMClient, 'us-east-1').send(new GetAccountSummaryCommand({})).then(() => 'answered', (e: Error) => e.name),
      );
      expect(outcome).toBe('DeadlineExceeded');
      await new Promise((r) => setTimeout(r, 500));
      // Without the abort the attempt would stay open for its 30 s request timeout, then be retried.
      expect({ requests, closed }).toEqual({ requests: 1, closed: 1 });
    } finally {
      aws.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
