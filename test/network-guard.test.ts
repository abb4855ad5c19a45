import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';

describe('the test network guard', () => {
  it('stops an unmocked AWS call before it leaves the machine, naming the host', async () => {
    const sts = new STSClient({ region: 'us-east-1', maxAttempts: 1, credentials: { accessKeyId: 'AKIATEST', secretAccessKey: 'x' } });
    await expect(sts.send(new GetCallerIdentityCommand({}))).rejects.toThrow('a test tried to reach sts.us-east-1.amazonaws.com');
    sts.destroy();
  });
});
