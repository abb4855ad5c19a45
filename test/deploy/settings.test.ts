// The deployment's parameters (deploy/serverless/settings.js, run by serverless while it resolves serverless.yml).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from './cfn';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const settings = require('../../deploy/serverless/settings.js') as {
  settingsFrom: (params: Record<string, unknown>, ctx: { service: string; stage: string; region: string }) => Record<string, any>;
  NAMES: string[];
};

const yml = readFileSync(join(ROOT, 'serverless.yml'), 'utf8').replace(/!(\w+)/g, '');
const defaults = (parse(yml) as { params: { default: Record<string, unknown> } }).params.default;
const ctx = { service: 'hipaa-posture-auditor', stage: 'prod', region: 'eu-west-1' };
const build = (overrides: Record<string, unknown> = {}) => settings.settingsFrom({ ...defaults, ...overrides }, ctx);

describe('deployment parameters', () => {
  it('declares a default for every parameter settings.js reads, and nothing else', () => {
    expect(Object.keys(defaults).sort()).toEqual([...settings.NAMES].sort());
  });

  it('defaults to single-account mode, daily, creating the bucket and the key, alarming at high', () => {
    const s = build();
    expect(s).toMatchObject({ mode: 'single', schedule: 'rate(1 day)', createBucket: true, createKey: true, failOn: 'high', retentionDays: 2190, objectLock: false });
    expect(s.reportBucket).toEqual({ Ref: 'ReportBucket' });
    expect(s.kmsKeyArn).toEqual({ 'Fn::GetAtt': ['ReportKey', 'Arn'] });
    expect(s.roleName).toBe('hipaa-posture-auditor-prod-eu-west-1');
    expect(s.files).toEqual({ key: 'key.yml', bucket: 'bucket.yml', mode: 'single.yml', functions: 'functions-single.yml', modePolicy: 'policy-single.yml', signing: 'none.yml' });
    expect(s).toMatchObject({ signKeyArn: '', env: { SIGN_KEY_ARN: '' } });
  });

  it('types numbers and booleans given as strings on the command line', () => {
    const s = build({ accountConcurrency: '50', regionsPerInvocation: '3', objectLock: 'true', securityHub: 'false', auditTimeout: '600' });
    expect(s.accountConcurrency).toBe(50);
    expect(s.regionsPerInvocation).toBe(3);
    expect(s.audit.timeout).toBe(600);
    expect(s.env.SECURITY_HUB).toBe('false');
    expect(s.objectLockConfiguration).toEqual({ ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 2190 } } });
  });

  it('takes a signing key by ARN only, and then grants the role kms:Sign on it', () => {
    const arn = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    expect(build({ signKeyArn: arn })).toMatchObject({ signKeyArn: arn, env: { SIGN_KEY_ARN: arn }, files: { signing: 'signing.yml' } });
    expect(() => build({ signKeyArn: 'alias/report-signing' })).toThrow(/parameter signKeyArn="alias\/report-signing" is invalid: expected the ARN of an asymmetric KMS key/);
    expect(() => build({ signKeyArn: 'arn:aws:kms:eu-west-1:111122223333:alias/x' })).toThrow(/signKeyArn/);
  });

  it('alarms on an incomplete audit unless allowIncomplete says otherwise', () => {
    expect(build()).toMatchObject({ allowIncomplete: false, env: { ALLOW_INCOMPLETE: 'false' } });
    expect(build({ allowIncomplete: 'true' })).toMatchObject({ allowIncomplete: true, env: { ALLOW_INCOMPLETE: 'true' } });
    expect(() => build({ allowIncomplete: 'sometimes' })).toThrow(/parameter allowIncomplete="sometimes" is invalid: expected true or false/);
  });

  it('uses an existing bucket and key by name, without creating them', () => {
    const s = build({ reportBucket: 'corp-audit-evidence', reportBucketRegion: 'us-west-2', kmsKeyArn: 'arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' });
    expect(s).toMatchObject({ createBucket: false, createKey: false, reportBucket: 'corp-audit-evidence', reportBucketRegion: 'us-west-2' });
    expect(s.files).toMatchObject({ key: 'none.yml', bucket: 'none.yml' });
  });

  it('makes the Athena tables of athena/*.sql over the report bucket, with the accounts and first day asked for', () => {
    const s = build();
    expect(s.athena).toMatchObject({ database: 'hipaa_posture_auditor_prod', accountProjection: 'enum', findings: { name: 'hipaa_findings' }, summaries: { name: 'hipaa_run_summaries' } });
    expect(s.athena.findings.parameters).toMatchObject({ 'projection.account.values': { Ref: 'AWS::AccountId' }, 'projection.date.range': '2025-01-01,NOW' });
    expect(s.athena.findings.location).toEqual({ 'Fn::Join': ['', ['s3://', { Ref: 'ReportBucket' }, '/hipaa-audit/findings/']] });

    const org = build({ mode: 'organization', externalId: 'ext', reportBucket: 'corp-bucket', reportPrefix: 'audit/hipaa', athenaStartDate: '2026-03-01' });
    expect(org.athena.accountProjection).toBe('injected');
    expect(org.athena.summaries.parameters['projection.account.values']).toBeUndefined();
    expect(org.athena.summaries.parameters['projection.date.range']).toBe('2026-03-01,NOW');
    expect(org.athena.summaries.parameters['storage.location.template']).toEqual({ 'Fn::Join': ['', ['s3://', 'corp-bucket', '/audit/hipaa/summaries/account=${account}/date=${date}/']] });

    const listed = { athenaAccounts: ' 111122223333, 444455556666 ' };
    for (const mode of [{}, { mode: 'organization', externalId: 'ext' }]) {
      const s2 = build({ ...listed, ...mode });
      expect(s2.athena.findings.parameters).toMatchObject({ 'projection.account.type': 'enum', 'projection.account.values': '111122223333,444455556666' });
    }
    // An unquoted YAML date in a stage's params arrives as a Date.
    expect(build({ athenaStartDate: new Date('2026-02-03T00:00:00Z') }).athena.findings.parameters['projection.date.range']).toBe('2026-02-03,NOW');
  });

  it.each([
    [{ mode: 'org' }, /parameter mode="org" is invalid: expected one of single, organization/],
    [{ mode: 'organization' }, /parameter externalId="" is invalid: .*organization mode needs one/],
    [{ retentionDays: '365' }, /parameter retentionDays="365" is invalid: expected an integer from 2190/],
    [{ schedule: 'daily' }, /parameter schedule="daily" is invalid: expected an EventBridge schedule/],
    [{ failOn: 'severe' }, /parameter failOn="severe" is invalid/],
    [{ accountConcurrency: 'many' }, /parameter accountConcurrency="many" is invalid: expected an integer from 1 to 1000/],
    [{ reportBucket: 'Bad_Bucket' }, /parameter reportBucket="Bad_Bucket" is invalid/],
    [{ reportBucket: 'corp-bucket', objectLock: 'true' }, /parameter objectLock="true" is invalid: expected false when reportBucket names an existing bucket/],
    [{ auditConfigKey: 'elsewhere/config.yaml' }, /parameter auditConfigKey="elsewhere\/config.yaml" is invalid: expected a key under hipaa-audit\//],
    [{ logRetentionDays: '100' }, /parameter logRetentionDays="100" is invalid: expected one of 1, 3, 5/],
    [{ athenaAccounts: '1111-2222-3333' }, /parameter athenaAccounts="1111-2222-3333" is invalid: expected a comma-separated list of distinct 12-digit account ids/],
    [{ athenaAccounts: '111122223333,111122223333' }, /parameter athenaAccounts=.* is invalid: expected a comma-separated list of distinct/],
    [{ athenaAccounts: '111122223333,' }, /parameter athenaAccounts=.* is invalid/],
    [{ athenaStartDate: '2026-02-30' }, /parameter athenaStartDate="2026-02-30" is invalid: expected a day YYYY-MM-DD, not in the future/],
    [{ athenaStartDate: '01/02/2026' }, /parameter athenaStartDate=.* is invalid: expected a day YYYY-MM-DD/],
    [{ athenaStartDate: '2999-01-01' }, /parameter athenaStartDate="2999-01-01" is invalid: expected a day YYYY-MM-DD, not in the future/],
    // Lambda no longer creates functions on the deprecated nodejs20.x.
    [{ nodeRuntime: 'nodejs20.x' }, /parameter nodeRuntime="nodejs20.x" is invalid: expected one of nodejs22.x, nodejs24.x/],
  ])('refuses %j naming the parameter and what it accepts', (overrides, message) => {
    expect(() => build(overrides)).toThrow(message);
  });
});
