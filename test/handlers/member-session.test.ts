import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsContext } from '../../src/aws/context';
import type { Session } from '../../src/aws/session';
import { assumedRoleProvider } from '../../src/aws/assume-role';
import { openMemberSession } from '../../src/lambda/org';
import { awsError } from '../support/inventory';

const sts = mockClient(STSClient);
beforeEach(() => sts.reset());

const T0 = Date.parse('2026-06-01T12:00:00Z');
const creds = (key: string, expiresAt: number) => ({
  Credentials: { AccessKeyId: key, SecretAccessKey: 's', SessionToken: 't', Expiration: new Date(expiresAt) },
  AssumedRoleUser: { Arn: `arn:aws:sts::444455556666:assumed-role/HipaaAuditor/${key}`, AssumedRoleId: 'AROA:x' },
});
const params = { RoleArn: 'arn:aws:iam::444455556666:role/HipaaAuditor', RoleSessionName: 's', ExternalId: 'e', DurationSeconds: 3600 };
const client = () => new AwsContext({ credentials: async () => ({ accessKeyId: 'AKIA', secretAccessKey: 'x' }) }).client('sts', STSClient, 'us-east-1');

describe('assumedRoleProvider', () => {
  it('assumes once, shares concurrent first calls, and assumes again 5 minutes before expiry', async () => {
    sts.on(AssumeRoleCommand).resolvesOnce(creds('ASIA1', T0 + 3_600_000)).resolvesOnce(creds('ASIA2', T0 + 7_200_000));
    let now = T0;
    const role = assumedRoleProvider(client(), params, () => now);
    const [a, b] = await Promise.all([role.credentials(), role.credentials()]);
    expect([a.accessKeyId, b.accessKeyId]).toEqual(['ASIA1', 'ASIA1']);
    now = T0 + 3_600_000 - 6 * 60_000;
    expect((await role.credentials()).accessKeyId).toBe('ASIA1');
    now = T0 + 3_600_000 - 4 * 60_000;
    expect((await role.credentials()).accessKeyId).toBe('ASIA2');
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(2);
    expect(role.assumedArn()).toBe('arn:aws:sts::444455556666:assumed-role/HipaaAuditor/ASIA2');
  });

  it('does not keep a failure: the next call tries again', async () => {
    sts.on(AssumeRoleCommand).rejectsOnce(awsError('Throttling', 'Rate exceeded')).resolves(creds('ASIA3', T0 + 3_600_000));
    const role = assumedRoleProvider(client(), params, () => T0);
    await expect(role.credentials()).rejects.toThrow('Rate exceeded');
    expect((await role.credentials()).accessKeyId).toBe('ASIA3');
  });
});

describe('openMemberSession', () => {
  const base: Session = { aws: new AwsContext(), accountId: '111122223333', partition: 'aws-us-gov', callerArn: 'arn:aws-us-gov:sts::111122223333:assumed-role/auditor/fn', homeRegion: 'us-gov-west-1' };

  it('assumes the role in the partition of the auditor, and leaves throttling to the retries', async () => {
    sts.on(AssumeRoleCommand).rejects(awsError('Throttling', 'Rate exceeded'));
    const attempt = openMemberSession(base, { accountId: '444455556666', roleName: 'HipaaAuditor', externalId: 'e', sessionName: 'hipaa-audit-run 1/x', now: () => T0 });
    await expect(attempt).rejects.toMatchObject({ name: 'Throttling' });
    expect(sts.commandCalls(AssumeRoleCommand)[0]!.args[0].input).toMatchObject({ RoleArn: 'arn:aws-us-gov:iam::444455556666:role/HipaaAuditor', RoleSessionName: 'hipaa-audit-run-1-x' });
  });

  it('is the auditor\'s own session for its own account', async () => {
    expect(await openMemberSession(base, { accountId: '111122223333', roleName: 'HipaaAuditor', externalId: 'e', sessionName: 's' })).toBe(base);
    expect(sts.calls()).toHaveLength(0);
  });
});
