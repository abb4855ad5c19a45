import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSession } from '../../src/aws/session';

// No client is mocked here: credentials resolve for real, and fail before any request leaves the machine.
describe('an SSO profile without a login', () => {
  const saved = { ...process.env };
  afterAll(() => {
    process.env = saved;
  });

  it('fails with the aws sso login fix', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sso-'));
    writeFileSync(
      join(dir, 'config'),
      [
        '[profile phi-prod]',
        'sso_session = corp',
        'sso_account_id = 111122223333',
        'sso_role_name = SecurityAudit',
        'region = us-east-1',
        '[sso-session corp]',
        'sso_start_url = https://example.awsapps.com/start',
        'sso_region = us-east-1',
        'sso_registration_scopes = sso:account:access',
      ].join('\n'),
    );
    process.env.AWS_CONFIG_FILE = join(dir, 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
    process.env.HOME = dir; // the SSO token cache (~/.aws/sso/cache) is empty here
    await expect(openSession({ profile: 'phi-prod' })).rejects.toThrow(/could not authenticate to AWS with profile 'phi-prod'.*Fix: run 'aws sso login --profile phi-prod'/);
  });
});
