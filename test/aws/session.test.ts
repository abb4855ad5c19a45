import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
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
    const attempt = openSession({ region: 'us-east-1' });
    await expect(attempt).rejects.toBeInstanceOf(UsageError);
    await expect(openSession({ region: 'us-east-1' })).rejects.toThrow(/could not authenticate to AWS with the default credential chain: ExpiredToken: .*Fix: run 'aws sso login'/);
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
