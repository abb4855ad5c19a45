import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { resolveCredentials } from '../../src/aws/credentials';
import { errorMessage } from '../../src/aws/errors';
import { DEFAULT_MAX_ATTEMPTS, DEFAULT_TIMEOUTS } from '../../src/aws/limits';

const sts = mockClient(STSClient);
beforeEach(() => {
  sts.reset();
  process.env.AWS_ACCESS_KEY_ID = 'AKIABASE';
  process.env.AWS_SECRET_ACCESS_KEY = 'base';
});
afterAll(() => {
  delete process.env.AWS_ACCESS_KEY_ID;
  delete process.env.AWS_SECRET_ACCESS_KEY;
});

describe('role assumption', () => {
  it('assumes the role once, with the external id, and shares the credentials', async () => {
    sts.on(AssumeRoleCommand).resolves({
      Credentials: { AccessKeyId: 'ASIAROLE', SecretAccessKey: 's', SessionToken: 't', Expiration: new Date(Date.now() + 3_600_000) },
    });
    const { credentials: provider } = resolveCredentials({ region: 'us-east-1', roleArn: 'arn:aws:iam::222233334444:role/HipaaAuditor', externalId: 'ext-123' });
    const first = await provider();
    const second = await provider();
    expect(first.accessKeyId).toBe('ASIAROLE');
    expect(second).toBe(first);
    const calls = sts.commandCalls(AssumeRoleCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args[0].input).toMatchObject({ RoleArn: 'arn:aws:iam::222233334444:role/HipaaAuditor', ExternalId: 'ext-123', RoleSessionName: 'hipaa-posture-auditor' });
  });

  it('assumes again when the credentials are about to expire', async () => {
    sts.on(AssumeRoleCommand).resolves({
      Credentials: { AccessKeyId: 'ASIASHORT', SecretAccessKey: 's', SessionToken: 't', Expiration: new Date(Date.now() + 60_000) },
    });
    const { credentials: provider } = resolveCredentials({ region: 'us-east-1', roleArn: 'arn:aws:iam::222233334444:role/HipaaAuditor' });
    await provider();
    await provider();
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(2);
    expect(sts.commandCalls(AssumeRoleCommand)[0]?.args[0].input.ExternalId).toBeUndefined();
  });
});

describe('the STS client that assumes the role', () => {
  it('has the timeouts and the bounded attempts of every other client', async () => {
    const { sts } = resolveCredentials({ region: 'us-east-1', roleArn: 'arn:aws:iam::222233334444:role/HipaaAuditor' });
    expect(await sts!.config.maxAttempts()).toBe(DEFAULT_MAX_ATTEMPTS);
    const handler = sts!.config.requestHandler as unknown as { configProvider: Promise<Record<string, unknown>> };
    expect(await handler.configProvider).toMatchObject({ connectionTimeout: DEFAULT_TIMEOUTS.connectionMs, requestTimeout: DEFAULT_TIMEOUTS.requestMs, throwOnRequestTimeout: true });
    sts!.destroy();
  });

  it('gives up on an AssumeRole that never answers, after its attempts, with "timed out after N s"', async () => {
    // Real HTTP: the mock must not answer for it.
    sts.restore();
    let requests = 0;
    const server = createServer(() => {
      requests += 1; // and never answers
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const endpointUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const resolved = resolveCredentials({ region: 'us-east-1', roleArn: 'arn:aws:iam::222233334444:role/HipaaAuditor', endpointUrl, limits: { requestTimeoutMs: 200, maxAttempts: 2 } });
    try {
      const error = await resolved.credentials().then(() => null, (e: unknown) => e);
      expect(errorMessage(error)).toBe('timed out after 0.2 s: AWS sent no answer within the request timeout, on each of 2 attempts');
      expect(requests).toBe(2);
    } finally {
      resolved.sts!.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }, 20_000);
});
