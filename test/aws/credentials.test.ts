import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { resolveCredentials } from '../../src/aws/credentials';

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
    const provider = resolveCredentials({ region: 'us-east-1', roleArn: 'arn:aws:iam::222233334444:role/HipaaAuditor', externalId: 'ext-123' });
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
    const provider = resolveCredentials({ region: 'us-east-1', roleArn: 'arn:aws:iam::222233334444:role/HipaaAuditor' });
    await provider();
    await provider();
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(2);
    expect(sts.commandCalls(AssumeRoleCommand)[0]?.args[0].input.ExternalId).toBeUndefined();
  });
});
