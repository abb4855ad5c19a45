import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSession, resolveRegions } from '../../src/aws/session';
import { UsageError } from '../../src/errors';
import { awsError } from '../support/inventory';

const sts = mockClient(STSClient);
const ec2 = mockClient(EC2Client);
const dir = mkdtempSync(join(tmpdir(), 'aws-'));
let n = 0;

/** A fresh shared config file per test (the SDK caches files by path). */
function sharedConfig(body: string): void {
  n += 1;
  const config = join(dir, `config-${n}`);
  writeFileSync(config, body);
  process.env.AWS_CONFIG_FILE = config;
  process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, `credentials-${n}`);
}

beforeEach(() => {
  sts.reset();
  ec2.reset();
  sharedConfig('');
});

const regions = [
  { RegionName: 'us-east-1', OptInStatus: 'opt-in-not-required' },
  { RegionName: 'eu-west-1', OptInStatus: 'opt-in-not-required' },
  { RegionName: 'af-south-1', OptInStatus: 'not-opted-in' },
  { RegionName: 'ap-east-1', OptInStatus: 'opted-in' },
];

describe('openSession', () => {
  it('names an unknown profile, the profiles it knows and the fix', async () => {
    sharedConfig('[profile prod]\nregion = eu-west-1\n[default]\nregion = us-east-1\n');
    await expect(openSession({ profile: 'prd' })).rejects.toThrow(
      "unknown AWS profile 'prd': it is in neither ~/.aws/config nor ~/.aws/credentials (known profiles: default, prod). Fix: create it with 'aws configure --profile prd' or 'aws configure sso', or pass another --profile.",
    );
    expect(sts.calls()).toHaveLength(0);
  });

  it('rejects a malformed region before calling AWS', async () => {
    await expect(openSession({ region: 'useast1' })).rejects.toThrow("--region: 'useast1' is not an AWS region name");
  });

  it('reads account and partition from GetCallerIdentity, with the profile region as home region', async () => {
    sharedConfig('[profile gov]\nregion = us-gov-west-1\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = x\n');
    sts.on(GetCallerIdentityCommand).resolves({ Account: '222233334444', Arn: 'arn:aws-us-gov:sts::222233334444:assumed-role/Audit/me' });
    const session = await openSession({ profile: 'gov' });
    expect(session).toMatchObject({ accountId: '222233334444', partition: 'aws-us-gov', homeRegion: 'us-gov-west-1' });
    expect(session.aws.apiCalls.byOperation()).toEqual({ 'sts:GetCallerIdentity': 1 });
    session.aws.destroy();
  });

  it('turns a credential failure into a UsageError with a fix', async () => {
    sts.on(GetCallerIdentityCommand).rejects(awsError('ExpiredToken', 'The security token included in the request is expired'));
    await expect(openSession({ region: 'us-east-1' })).rejects.toBeInstanceOf(UsageError);
  });

  describe('words an authentication failure by its cause', () => {
    const failure = async (error: Error, options: Parameters<typeof openSession>[0] = { region: 'us-east-1' }): Promise<string> => {
      sts.on(GetCallerIdentityCommand).rejects(error);
      return openSession(options).then(() => 'opened', (e: Error) => e.message);
    };

    it('a wrong or deleted access key: the key, never aws sso login', async () => {
      for (const error of [
        awsError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403),
        awsError('SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.', 403),
      ]) {
        const message = await failure(error);
        expect(message).toMatch(new RegExp(`^could not authenticate to AWS with the default credential chain: ${error.name}: .*Fix: the access key is wrong or was deleted or deactivated: check the key id and secret of the default credential chain`));
        expect(message).not.toContain('sso');
      }
    });

    it('expired temporary credentials: refresh them; aws sso login only for an SSO profile or when the error says SSO', async () => {
      const expired = awsError('ExpiredToken', 'The security token included in the request is expired', 403);
      expect(await failure(expired)).toContain('Fix: the temporary credentials have expired: get new ones');
      expect(await failure(expired)).not.toContain('sso login');
      sharedConfig(
        '[profile keys]\nregion = us-east-1\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = x\n' +
          '[profile corp]\nregion = us-east-1\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Audit\n' +
          '[sso-session corp]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\n',
      );
      expect(await failure(expired, { profile: 'keys' })).toContain('Fix: the temporary credentials have expired');
      // The mocked client never resolves the SSO credentials: only the wording is under test.
      expect(await failure(expired, { profile: 'corp' })).toMatch(/Fix: run 'aws sso login --profile corp'\.$/);
      expect(await failure(awsError('CredentialsProviderError', 'The SSO session associated with this profile has expired or is otherwise invalid.'))).toContain("Fix: run 'aws sso login'.");
    });

    it('a clock far off, throttling and an unreadable answer each say so', async () => {
      expect(await failure(awsError('RequestExpired', 'Request has expired.', 400))).toContain("Fix: this machine's clock is off");
      expect(await failure(awsError('Throttling', 'Rate exceeded', 400))).toBe('AWS STS throttled sts:GetCallerIdentity (Throttling: Rate exceeded): transient. Fix: rerun in a minute.');
      const garbled = Object.assign(new Error('@aws-sdk XML parse error: unexpected end of input.\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.'), { $metadata: { httpStatusCode: 200 } });
      expect(await failure(garbled)).toBe(
        'AWS STS answered sts:GetCallerIdentity with an unreadable body (DeserializationError: unreadable answer (HTTP 200): @aws-sdk XML parse error: unexpected end of input.). ' +
          'Fix: transient: rerun; if it persists, a proxy or the endpoint is altering answers (check --endpoint-url and any proxy in between).',
      );
    });

    it('a refused AssumeRole names the role, its trust policy and --external-id', async () => {
      sts.on(AssumeRoleCommand).rejects(awsError('AccessDenied', 'User is not authorized to perform: sts:AssumeRole', 403));
      const message = await openSession({ region: 'us-east-1', roleArn: 'arn:aws:iam::222233334444:role/Audit' }).then(() => 'opened', (e: Error) => e.message);
      expect(message).toBe(
        'could not authenticate to AWS with the default credential chain then role arn:aws:iam::222233334444:role/Audit: AccessDenied: User is not authorized to perform: sts:AssumeRole. Fix: check the role trust policy and --external-id.',
      );
      expect(sts.commandCalls(GetCallerIdentityCommand)).toHaveLength(0);
    });
  });

  it('assumes --role-arn through the session, counted among its calls', async () => {
    sts.on(AssumeRoleCommand).resolves({ Credentials: { AccessKeyId: 'ASIAROLE', SecretAccessKey: 's', SessionToken: 't', Expiration: new Date(Date.now() + 3_600_000) } });
    sts.on(GetCallerIdentityCommand).resolves({ Account: '222233334444', Arn: 'arn:aws:sts::222233334444:assumed-role/Audit/hipaa-posture-auditor' });
    const session = await openSession({ region: 'us-east-1', roleArn: 'arn:aws:iam::222233334444:role/Audit' });
    expect(session.aws.apiCalls.byOperation()).toEqual({ 'sts:AssumeRole': 1, 'sts:GetCallerIdentity': 1 });
    session.aws.destroy();
  });

  it('rejects a --role-arn that is not a role ARN', async () => {
    await expect(openSession({ region: 'us-east-1', roleArn: 'arn:aws:iam::1:user/bob' })).rejects.toThrow(/is not an IAM role ARN/);
  });
});

describe('resolveRegions', () => {
  async function session() {
    sts.on(GetCallerIdentityCommand).resolves({ Account: '111122223333', Arn: 'arn:aws:iam::111122223333:user/a' });
    return openSession({ region: 'us-east-1' });
  }

  it('audits every enabled region by default, opted-in ones included', async () => {
    ec2.on(DescribeRegionsCommand).resolves({ Regions: regions });
    expect(await resolveRegions(await session(), undefined)).toEqual({ regions: ['ap-east-1', 'eu-west-1', 'us-east-1'] });
    expect(ec2.commandCalls(DescribeRegionsCommand)[0]?.args[0].input).toEqual({ AllRegions: true });
  });

  it('rejects an unknown region and a region the account has not opted into', async () => {
    ec2.on(DescribeRegionsCommand).resolves({ Regions: regions });
    const s = await session();
    await expect(resolveRegions(s, ['eu-west-9'])).rejects.toThrow("--regions: region 'eu-west-9' does not exist in partition aws");
    await expect(resolveRegions(s, ['af-south-1'])).rejects.toThrow("--regions: region 'af-south-1' is not enabled for account 111122223333 (opt-in region)");
    await expect(resolveRegions(s, ['bad region'])).rejects.toThrow("--regions: 'bad region' is not an AWS region name");
    expect(await resolveRegions(s, ['eu-west-1', 'eu-west-1'])).toEqual({ regions: ['eu-west-1'] });
  });

  it('falls back to the home region, with a warning, when DescribeRegions is denied', async () => {
    ec2.on(DescribeRegionsCommand).rejects(awsError('UnauthorizedOperation'));
    const choice = await resolveRegions(await session(), 'all');
    expect(choice.regions).toEqual(['us-east-1']);
    expect(choice.warning).toMatch(/could not list regions \(ec2:DescribeRegions: UnauthorizedOperation\)/);
  });
});
