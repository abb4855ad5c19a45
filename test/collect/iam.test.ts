import {
  GenerateCredentialReportCommand,
  GetAccountAuthorizationDetailsCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  IAMClient,
  ListVirtualMFADevicesCommand,
} from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { createIamCollector, iamCollector, parseCredentialReport } from '../../src/collect/iam';
import { awsError, collectContext } from '../support/inventory';

const iam = mockClient(IAMClient);
beforeEach(() => iam.reset());

const HEADER =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,' +
  'access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,' +
  'access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,' +
  'cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';
const ROOT_ROW =
  '<root_account>,arn:aws:iam::111122223333:root,2019-01-01T00:00:00+00:00,not_supported,2026-05-30T08:00:00+00:00,not_supported,not_supported,true,' +
  'false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A';
const ALICE_ROW =
  'alice,arn:aws:iam::111122223333:user/alice,2024-02-01T10:00:00+00:00,true,no_information,2024-02-01T10:05:00+00:00,N/A,false,' +
  'true,2024-02-01T10:06:00+00:00,2026-05-31T07:00:00+00:00,us-east-1,s3,false,2023-01-01T00:00:00+00:00,N/A,N/A,N/A,false,N/A,false,N/A';
const SVC_ROW =
  'svc-etl,arn:aws:iam::111122223333:user/svc/svc-etl,2025-01-01T00:00:00+00:00,false,N/A,N/A,N/A,false,' +
  'true,2025-01-01T00:00:00+00:00,N/A,N/A,N/A,true,2026-01-01T00:00:00+00:00,2026-05-01T00:00:00+00:00,eu-west-1,sqs,false,N/A,false,N/A';
const CSV = [HEADER, ROOT_ROW, ALICE_ROW, SVC_ROW, ''].join('\n');
const GENERATED = new Date('2026-06-01T11:59:00.000Z');

function reportResponse(csv = CSV) {
  return { Content: new TextEncoder().encode(csv), ReportFormat: 'text/csv' as const, GeneratedTime: GENERATED };
}

/** Mocks every IAM read with a healthy answer; tests override what they need. */
function healthyAccount() {
  iam.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
  iam.on(GetCredentialReportCommand).resolves(reportResponse());
  iam.on(GetAccountSummaryCommand).resolves({
    SummaryMap: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0, AccountPasswordPresent: 1, AccountSigningCertificatesPresent: 0, Users: 2 },
  });
  iam.on(GetAccountPasswordPolicyCommand).resolves({
    PasswordPolicy: {
      MinimumPasswordLength: 14,
      RequireSymbols: true,
      RequireNumbers: true,
      RequireUppercaseCharacters: true,
      RequireLowercaseCharacters: true,
      AllowUsersToChangePassword: true,
      ExpirePasswords: true,
      MaxPasswordAge: 90,
      PasswordReusePrevention: 24,
      HardExpiry: false,
    },
  });
  iam.on(ListVirtualMFADevicesCommand).resolves({ VirtualMFADevices: [] });
  iam.on(GetAccountAuthorizationDetailsCommand).resolves({ UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [], IsTruncated: false });
}

/** A collector whose waits return at once and are recorded. */
function instantCollector(options: Parameters<typeof createIamCollector>[0] = {}) {
  const waits: number[] = [];
  const collector = createIamCollector({ sleep: async (ms) => void waits.push(ms), ...options });
  return { collector, waits };
}

describe('iam collector', () => {
  it('reads all five parts of the account in about six calls, whatever the number of users', async () => {
    healthyAccount();
    const ctx = collectContext();
    const data = await iamCollector.collect(ctx);
    expect(data.credentialReport!.ok && data.credentialReport!.value.users.map((u) => u.user)).toEqual(['<root_account>', 'alice', 'svc-etl']);
    expect(data.credentialReport!.ok && data.credentialReport!.value.generatedAt).toBe('2026-06-01T11:59:00.000Z');
    expect(data.accountSummary).toEqual({
      ok: true,
      value: { mfaEnabled: true, accessKeysPresent: false, passwordPresent: true, signingCertificatesPresent: false },
    });
    expect(data.passwordPolicy).toEqual({
      ok: true,
      value: {
        minimumPasswordLength: 14,
        requireSymbols: true,
        requireNumbers: true,
        requireUppercaseCharacters: true,
        requireLowercaseCharacters: true,
        allowUsersToChangePassword: true,
        maxPasswordAge: 90,
        passwordReusePrevention: 24,
        hardExpiry: false,
      },
    });
    expect(data.virtualMfaDevices).toEqual({ ok: true, value: [] });
    expect(data.authorizationDetails).toEqual({ ok: true, value: { users: [], groups: [], roles: [], policies: [] } });
    expect(ctx.aws.apiCalls.byOperation()).toEqual({
      'iam:GenerateCredentialReport': 1,
      'iam:GetAccountAuthorizationDetails': 1,
      'iam:GetAccountPasswordPolicy': 1,
      'iam:GetAccountSummary': 1,
      'iam:GetCredentialReport': 1,
      'iam:ListVirtualMFADevices': 1,
    });
    // Plain JSON: survives a round trip unchanged.
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
  });

  it('polls GenerateCredentialReport with growing delays until COMPLETE, without really waiting', async () => {
    healthyAccount();
    iam
      .on(GenerateCredentialReportCommand)
      .resolvesOnce({ State: 'STARTED' })
      .resolvesOnce({ State: 'INPROGRESS' })
      .resolvesOnce({ State: 'INPROGRESS' })
      .resolves({ State: 'COMPLETE' });
    const { collector, waits } = instantCollector();
    const ctx = collectContext();
    const data = await collector.collect(ctx);
    expect(data.credentialReport!.ok).toBe(true);
    expect(waits).toEqual([500, 1000, 2000]);
    expect(ctx.aws.apiCalls.byOperation()['iam:GenerateCredentialReport']).toBe(4);
    expect(ctx.aws.apiCalls.byOperation()['iam:GetCredentialReport']).toBe(1);
  });

  it('gives up after the total wait budget and records the timeout, other reads intact', async () => {
    healthyAccount();
    iam.on(GenerateCredentialReportCommand).resolves({ State: 'INPROGRESS' });
    const { collector, waits } = instantCollector();
    const data = await collector.collect(collectContext());
    expect(data.credentialReport).toEqual({
      ok: false,
      error: {
        service: 'iam',
        region: 'global',
        operation: 'GenerateCredentialReport',
        code: 'CredentialReportTimeout',
        message: 'the credential report was not ready after 60 s',
      },
    });
    expect(waits.reduce((a, b) => a + b, 0)).toBe(60_000);
    expect(Math.max(...waits)).toBe(8_000);
    expect(data.accountSummary!.ok).toBe(true);
  });

  it('waits and retries GetCredentialReport while the report is still in progress', async () => {
    healthyAccount();
    iam
      .on(GetCredentialReportCommand)
      .rejectsOnce(awsError('CredentialReportNotReadyException', 'Report is in progress', 404))
      .resolves(reportResponse());
    const { collector, waits } = instantCollector();
    const data = await collector.collect(collectContext());
    expect(data.credentialReport!.ok).toBe(true);
    expect(waits).toEqual([500]);
  });

  it.each([
    ['ReportNotPresent', 410],
    ['CredentialReportNotPresentException', 410],
    ['ReportExpired', 410],
    ['CredentialReportExpiredException', 410],
  ])('regenerates the report when GetCredentialReport answers %s', async (code, status) => {
    healthyAccount();
    iam
      .on(GenerateCredentialReportCommand)
      .resolvesOnce({ State: 'COMPLETE' })
      .resolvesOnce({ State: 'STARTED' })
      .resolves({ State: 'COMPLETE' });
    iam.on(GetCredentialReportCommand).rejectsOnce(awsError(code, 'no usable report', status)).resolves(reportResponse());
    const { collector } = instantCollector();
    const ctx = collectContext();
    const data = await collector.collect(ctx);
    expect(data.credentialReport!.ok).toBe(true);
    expect(ctx.aws.apiCalls.byOperation()['iam:GenerateCredentialReport']).toBe(3);
    expect(ctx.aws.apiCalls.byOperation()['iam:GetCredentialReport']).toBe(2);
  });

  it('stops regenerating a report that keeps vanishing and records the last error', async () => {
    healthyAccount();
    iam.on(GetCredentialReportCommand).rejects(awsError('ReportNotPresent', 'Report not present', 410));
    const { collector } = instantCollector({ maxRegenerations: 2 });
    const ctx = collectContext();
    const data = await collector.collect(ctx);
    expect(data.credentialReport).toMatchObject({ ok: false, error: { operation: 'GetCredentialReport', code: 'ReportNotPresent' } });
    expect(ctx.aws.apiCalls.byOperation()['iam:GetCredentialReport']).toBe(3);
  });

  it('records AccessDenied on GetAccountSummary while the credential report and the rest are still collected', async () => {
    healthyAccount();
    iam.on(GetAccountSummaryCommand).rejects(awsError('AccessDenied', 'not authorized to perform iam:GetAccountSummary', 403));
    const data = await instantCollector().collector.collect(collectContext());
    expect(data.accountSummary).toEqual({
      ok: false,
      error: {
        service: 'iam',
        region: 'global',
        operation: 'GetAccountSummary',
        code: 'AccessDenied',
        message: 'not authorized to perform iam:GetAccountSummary',
      },
    });
    expect(data.credentialReport!.ok && data.credentialReport!.value.users).toHaveLength(3);
    expect(data.passwordPolicy!.ok).toBe(true);
    expect(data.virtualMfaDevices!.ok).toBe(true);
  });

  it('records AccessDenied on GenerateCredentialReport against that operation', async () => {
    healthyAccount();
    iam.on(GenerateCredentialReportCommand).rejects(awsError('AccessDenied', 'denied', 403));
    const data = await instantCollector().collector.collect(collectContext());
    expect(data.credentialReport).toMatchObject({ ok: false, error: { operation: 'GenerateCredentialReport', code: 'AccessDenied' } });
    expect(data.accountSummary!.ok).toBe(true);
  });

  it('reads a missing password policy (NoSuchEntity) as null, but keeps other policy errors', async () => {
    healthyAccount();
    iam.on(GetAccountPasswordPolicyCommand).rejects(awsError('NoSuchEntityException', 'The Password Policy with domain name 111122223333 cannot be found.', 404));
    expect((await iamCollector.collect(collectContext())).passwordPolicy).toEqual({ ok: true, value: null });

    iam.on(GetAccountPasswordPolicyCommand).rejects(Object.assign(awsError('NoSuchEntityException', 'missing', 404), { Code: 'NoSuchEntity' }));
    expect((await iamCollector.collect(collectContext())).passwordPolicy).toEqual({ ok: true, value: null });

    iam.on(GetAccountPasswordPolicyCommand).rejects(awsError('AccessDenied', 'denied', 403));
    expect((await iamCollector.collect(collectContext())).passwordPolicy).toMatchObject({
      ok: false,
      error: { operation: 'GetAccountPasswordPolicy', code: 'AccessDenied' },
    });
  });

  it('reads a policy without expiry or reuse prevention as nulls', async () => {
    healthyAccount();
    iam.on(GetAccountPasswordPolicyCommand).resolves({
      PasswordPolicy: { MinimumPasswordLength: 8, ExpirePasswords: false, AllowUsersToChangePassword: true },
    });
    const data = await iamCollector.collect(collectContext());
    expect(data.passwordPolicy).toEqual({
      ok: true,
      value: {
        minimumPasswordLength: 8,
        requireSymbols: false,
        requireNumbers: false,
        requireUppercaseCharacters: false,
        requireLowercaseCharacters: false,
        allowUsersToChangePassword: true,
        maxPasswordAge: null,
        passwordReusePrevention: null,
        hardExpiry: false,
      },
    });
  });

  it('reads an account summary without AccountPasswordPresent as unknown (null)', async () => {
    healthyAccount();
    iam.on(GetAccountSummaryCommand).resolves({ SummaryMap: { AccountMFAEnabled: 0, AccountAccessKeysPresent: 1 } });
    const data = await iamCollector.collect(collectContext());
    expect(data.accountSummary).toEqual({
      ok: true,
      value: { mfaEnabled: false, accessKeysPresent: true, passwordPresent: null, signingCertificatesPresent: false },
    });
  });

  it('follows ListVirtualMFADevices pages, asking for assigned and unassigned devices', async () => {
    healthyAccount();
    iam
      .on(ListVirtualMFADevicesCommand)
      .resolvesOnce({
        VirtualMFADevices: [
          {
            SerialNumber: 'arn:aws:iam::111122223333:mfa/root-account-mfa-device',
            User: { Arn: 'arn:aws:iam::111122223333:root', UserName: '', UserId: '111122223333', Path: '/', CreateDate: new Date() },
          },
        ],
        IsTruncated: true,
        Marker: 'm1',
      })
      .resolvesOnce({ VirtualMFADevices: [{ SerialNumber: 'arn:aws:iam::111122223333:mfa/spare' }], IsTruncated: false });
    const ctx = collectContext();
    const data = await iamCollector.collect(ctx);
    expect(data.virtualMfaDevices).toEqual({
      ok: true,
      value: [
        { serialNumber: 'arn:aws:iam::111122223333:mfa/root-account-mfa-device', userArn: 'arn:aws:iam::111122223333:root' },
        { serialNumber: 'arn:aws:iam::111122223333:mfa/spare' },
      ],
    });
    const calls = iam.commandCalls(ListVirtualMFADevicesCommand);
    expect(calls).toHaveLength(2);
    expect(calls[0]?.args[0].input).toMatchObject({ AssignmentStatus: 'Any' });
    expect(calls[1]?.args[0].input).toMatchObject({ AssignmentStatus: 'Any', Marker: 'm1' });
  });

  it('calls IAM in the home region', async () => {
    healthyAccount();
    const ctx = collectContext(['eu-west-1', 'us-east-1']);
    await iamCollector.collect(ctx);
    const region = await iam.commandCalls(GetAccountSummaryCommand)[0]?.thisValue.config.region();
    expect(region).toBe('eu-west-1');
  });
});

describe('parseCredentialReport', () => {
  const [root, alice, svc] = parseCredentialReport(CSV);

  it('reads the root row: N/A and not_supported become null', () => {
    expect(root).toEqual({
      user: '<root_account>',
      arn: 'arn:aws:iam::111122223333:root',
      isRoot: true,
      userCreationTime: '2019-01-01T00:00:00.000Z',
      passwordEnabled: null,
      passwordLastUsed: '2026-05-30T08:00:00.000Z',
      passwordLastChanged: null,
      mfaActive: true,
      accessKeys: [
        { active: false, lastRotated: null, lastUsed: null },
        { active: false, lastRotated: null, lastUsed: null },
      ],
    });
  });

  it('reads a user row: no_information becomes null, booleans and dates are typed', () => {
    expect(alice).toEqual({
      user: 'alice',
      arn: 'arn:aws:iam::111122223333:user/alice',
      isRoot: false,
      userCreationTime: '2024-02-01T10:00:00.000Z',
      passwordEnabled: true,
      passwordLastUsed: null,
      passwordLastChanged: '2024-02-01T10:05:00.000Z',
      mfaActive: false,
      accessKeys: [
        { active: true, lastRotated: '2024-02-01T10:06:00.000Z', lastUsed: '2026-05-31T07:00:00.000Z' },
        { active: false, lastRotated: '2023-01-01T00:00:00.000Z', lastUsed: null },
      ],
    });
    expect(svc).toMatchObject({
      passwordEnabled: false,
      passwordLastChanged: null,
      accessKeys: [
        { active: true, lastRotated: '2025-01-01T00:00:00.000Z', lastUsed: null },
        { active: true, lastRotated: '2026-01-01T00:00:00.000Z', lastUsed: '2026-05-01T00:00:00.000Z' },
      ],
    });
  });

  it('goes by header names, tolerates CRLF and returns nothing for an empty report', () => {
    const reordered = 'arn,mfa_active,user,password_enabled\r\narn:aws:iam::1:user/x,true,x,false\r\n';
    expect(parseCredentialReport(reordered)[0]).toMatchObject({ user: 'x', arn: 'arn:aws:iam::1:user/x', mfaActive: true, passwordEnabled: false });
    expect(parseCredentialReport('')).toEqual([]);
  });

  it('keeps commas that IAM allows in user names and paths, quoted or not', () => {
    const header = 'user,arn,password_enabled,mfa_active';
    const unquoted = `${header}\nsmith,j,arn:aws:iam::1:user/team,a/smith,j,true,false\n`;
    expect(parseCredentialReport(unquoted)[0]).toMatchObject({
      user: 'smith,j',
      arn: 'arn:aws:iam::1:user/team,a/smith,j',
      passwordEnabled: true,
      mfaActive: false,
    });
    const quoted = `${header}\n"smith,j","arn:aws:iam::1:user/smith,j",false,true\n`;
    expect(parseCredentialReport(quoted)[0]).toMatchObject({ user: 'smith,j', arn: 'arn:aws:iam::1:user/smith,j', passwordEnabled: false, mfaActive: true });
  });
});
