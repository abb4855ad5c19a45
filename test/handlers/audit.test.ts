import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { createAuditHandler } from '../../src/handlers/audit';
import type { FindingsReport } from '../../src/evaluate/finding';
import { mockAccount } from '../support/mock-account';
import { KEY_ARN, MANAGEMENT, memoryS3, recorder, REPORT_BUCKET, securityHub, singleEnv } from './support';

const scheduled = {
  version: '0',
  id: '53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa',
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: MANAGEMENT,
  time: '2026-06-01T06:00:00Z',
  region: 'us-east-1',
  resources: [`arn:aws:events:us-east-1:${MANAGEMENT}:rule/hipaa-posture-auditor-prod-AuditEventsRuleSchedule1`],
  detail: {},
};

describe('the single-account audit handler', () => {
  let mocks: ReturnType<typeof mockAccount>;
  let s3: ReturnType<typeof memoryS3>;
  let hub: ReturnType<typeof securityHub>;
  beforeEach(() => {
    mocks = mockAccount();
    s3 = memoryS3(mocks.s3!);
    hub = securityHub();
  });

  it('audits its own account on schedule: collect, report to S3 under the prefix, findings to Security Hub, metrics', async () => {
    const r = recorder(singleEnv());
    const result = await createAuditHandler(r.deps)(scheduled);

    // Collected with the function's own session, in its region, over every enabled region.
    expect(mocks.sts!.commandCalls(GetCallerIdentityCommand)).toHaveLength(1);
    expect(result.summary).toMatchObject({ accountId: MANAGEMENT, regions: 2 });

    // S3: everything under the prefix of the report bucket, the report KMS-encrypted with the deployment's key.
    const keys = s3.keys(REPORT_BUCKET);
    expect(keys.length).toBeGreaterThan(3);
    expect(keys.every((k) => k.startsWith('hipaa-audit/'))).toBe(true);
    expect([...s3.objects.keys()].every((k) => k.startsWith(`${REPORT_BUCKET}/`))).toBe(true);
    expect(keys).toContain(result.published.s3.latestReportKey);
    expect(keys).toContain(result.published.s3.summaryKey);
    const findingsKey = keys.find((k) => k.endsWith('findings.json'));
    const report = s3.json<FindingsReport>(REPORT_BUCKET, findingsKey!);
    expect(report.run.accountId).toBe(MANAGEMENT);
    expect(report.findings.find((f) => f.checkId === 's3.bucket-public-access' && f.resource.id === 'public-site')?.status).toBe('FAIL');
    expect(s3.get(REPORT_BUCKET, findingsKey!).input).toMatchObject({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: KEY_ARN });
    // The bucket's single bookmark lists this account.
    expect(s3.get(REPORT_BUCKET, 'hipaa-audit/latest/index.html').body.toString()).toContain(MANAGEMENT);

    // Security Hub: every finding imported into this account's default product, in the finding's region.
    const sent = hub.batches.flatMap((b) => b.findings.map((f) => ({ ...f, batchRegion: b.region })));
    expect(sent).toHaveLength(report.findings.length);
    for (const f of sent) {
      expect(f.AwsAccountId).toBe(MANAGEMENT);
      expect(f.ProductArn).toBe(`arn:aws:securityhub:${f.batchRegion}:${MANAGEMENT}:product/${MANAGEMENT}/default`);
    }
    expect(new Set(sent.map((f) => f.batchRegion))).toEqual(new Set(['us-east-1', 'eu-west-1']));
    expect(result.published.securityHub).toMatchObject({ enabled: true, created: report.findings.length, failed: 0, partial: false });
    // Its state is kept beside the reports, where the next run finds it.
    expect(Object.keys(s3.json<{ findings: Record<string, unknown> }>(REPORT_BUCKET, `hipaa-audit/state/${MANAGEMENT}/security-hub.json`).findings)).toHaveLength(report.findings.length);

    // Metrics: the alarm's metric counts unsuppressed FAILs at or above FAIL_ON=high.
    const highOrWorse = report.findings.filter((f) => f.status === 'FAIL' && !f.suppressed && (f.severity === 'high' || f.severity === 'critical')).length;
    expect(highOrWorse).toBeGreaterThan(0);
    expect(result.failuresAtOrAboveThreshold).toBe(highOrWorse);
    expect(r.metric('FailuresAtOrAboveThreshold')).toBe(highOrWorse);
    expect(r.metric('Findings', { Severity: 'critical', Status: 'FAIL' })).toBe(report.summary.bySeverity.critical.FAIL);
    expect(r.metric('AccountsAudited')).toBe(1);
    // GuardDuty is denied in eu-west-1: the audit is incomplete, and the alarm's second metric says so.
    expect(report.summary.coverage.complete).toBe(false);
    expect(r.metric('Coverage')).toBe(report.summary.coverage.percent);
    expect(r.metric('IncompleteAudit')).toBe(1);
    expect(result.summary).toMatchObject({ coverage: report.summary.coverage.percent, complete: false });
    expect(r.metric('ApiCalls')).toBe(report.run.apiCalls.total);
    expect(r.metric('SecurityHubFindingsSent')).toBe(report.findings.length);
    expect(r.metric('AuditDuration')).toBeGreaterThan(0);
    expect(r.flushed()).toBe(1);

    // Logs: counts and keys, never the findings' content.
    const logged = JSON.stringify(r.logs);
    expect(logged).toContain('audit complete');
    for (const f of report.findings.filter((x) => x.status === 'FAIL')) expect(logged).not.toContain(f.message);
  });

  it('runs one audit now with the regions and checks of a manual invocation', async () => {
    const r = recorder(singleEnv({ SECURITY_HUB: 'false' }));
    const result = await createAuditHandler(r.deps)({ regions: ['us-east-1'], checks: ['s3.'] });
    const findingsKey = s3.keys(REPORT_BUCKET).find((k) => k.endsWith('findings.json'))!;
    const report = s3.json<FindingsReport>(REPORT_BUCKET, findingsKey);
    expect(report.run.regions).toEqual(['us-east-1']);
    expect(new Set(report.findings.map((f) => f.checkId.split('.')[0]))).toEqual(new Set(['s3']));
    expect(mocks.iam!.calls()).toHaveLength(0);
    expect(hub.batches).toHaveLength(0);
    expect(result.published.securityHub).toEqual({ enabled: false });
  });

  it.each([
    [{ regions: 'us-east-1' }, "audit: invalid event: regions: must be a non-empty array of strings, got \"us-east-1\". Expected an EventBridge Scheduled Event, {} or {\"regions\": [\"us-east-1\", ...] | \"all\", \"checks\": [\"s3.\", \"iam.root-mfa\", ...], \"scope\": \"all\" | \"ephi\"}."],
    [{ region: ['us-east-1'] }, 'audit: invalid event: region: unknown field (allowed: regions, checks, scope)'],
    [{ scope: 'phi' }, 'audit: invalid event: scope: must be one of all, ephi, got "phi"'],
    [{ regions: ['US-EAST-1'] }, 'audit: invalid event: regions[0]: "US-EAST-1" is not an AWS region name like us-east-1'],
    [{ source: 'aws.s3', 'detail-type': 'Object Created' }, 'audit: invalid event: source/detail-type: an EventBridge event must be source "aws.events" with detail-type "Scheduled Event"'],
    ['run', 'audit: invalid event: (event): must be an object, got "run"'],
  ])('rejects the malformed event %j, naming the field and the expected shape, before any AWS call', async (event, message) => {
    const r = recorder(singleEnv());
    const attempt = createAuditHandler(r.deps)(event);
    await expect(attempt).rejects.toMatchObject({ name: 'InvalidEvent' });
    await expect(createAuditHandler(r.deps)(event)).rejects.toThrow(message);
    expect(mocks.sts!.calls()).toHaveLength(0);
    expect(r.logs.find((l) => l.level === 'error')).toMatchObject({ message: 'audit failed', data: { errorType: 'InvalidEvent' } });
    expect(r.flushed()).toBe(2);
  });

  it('reports only ePHI and account-level findings with scope ephi, from the event or from AUDIT_SCOPE', async () => {
    const fromEvent = recorder(singleEnv({ SECURITY_HUB: 'false' }));
    await createAuditHandler(fromEvent.deps)({ regions: ['us-east-1'], checks: ['s3.'], scope: 'ephi' });
    const key = s3.keys(REPORT_BUCKET).find((k) => k.endsWith('findings.json'))!;
    const report = s3.json<FindingsReport>(REPORT_BUCKET, key);
    expect(report.run.scope).toBe('ephi');
    // The mock account tags nothing: only the account-level S3 finding is left.
    expect(report.findings.map((f) => f.resource.type)).toEqual(['AwsAccount']);
    await expect(createAuditHandler(recorder(singleEnv({ AUDIT_SCOPE: 'phi' })).deps)(scheduled)).rejects.toThrow(
      "environment variable AUDIT_SCOPE is 'phi': expected one of all, ephi.",
    );
  });

  it('fails with the variable to fix when the deployment left one unset', async () => {
    const env = singleEnv();
    delete (env as Record<string, string | undefined>).REPORT_BUCKET;
    await expect(createAuditHandler(recorder(env).deps)(scheduled)).rejects.toThrow(
      'environment variable REPORT_BUCKET is unset: expected an S3 bucket name. Fix: set the matching parameter in serverless.yml and deploy again (docs/deploy.md).',
    );
    await expect(createAuditHandler(recorder(singleEnv({ FAIL_ON: 'severe' })).deps)(scheduled)).rejects.toMatchObject({ name: 'ConfigurationError' });
  });

  it('allowIncomplete keeps IncompleteAudit at 0 for a partly read account; no threshold, no IncompleteAudit', async () => {
    const allowed = recorder(singleEnv({ ALLOW_INCOMPLETE: 'true', SECURITY_HUB: 'false' }));
    await createAuditHandler(allowed.deps)(scheduled);
    expect(allowed.metric('IncompleteAudit')).toBe(0);
    const none = recorder(singleEnv({ FAIL_ON: 'none', SECURITY_HUB: 'false' }));
    await createAuditHandler(none.deps)(scheduled);
    expect(none.metric('IncompleteAudit')).toBeUndefined();
    expect(none.metric('Coverage')).toBeGreaterThan(0);
  });

  it('applies the thresholds and suppressions of the config file in the report bucket', async () => {
    s3.put(
      REPORT_BUCKET,
      'hipaa-audit/config.yaml',
      'suppressions:\n  - checkId: s3.bucket-public-access\n    resource: "arn:aws:s3:::public-site"\n    reason: "static website, no ePHI"\n',
    );
    const r = recorder(singleEnv({ AUDIT_CONFIG_KEY: 'hipaa-audit/config.yaml', SECURITY_HUB: 'false' }));
    await createAuditHandler(r.deps)({ regions: ['eu-west-1'], checks: ['s3.bucket-public-access'] });
    const report = s3.json<FindingsReport>(REPORT_BUCKET, s3.keys(REPORT_BUCKET).find((k) => k.endsWith('findings.json'))!);
    expect(report.findings.find((f) => f.resource.id === 'public-site')).toMatchObject({ status: 'FAIL', suppressed: { reason: 'static website, no ePHI' } });
    expect(r.metric('FailuresAtOrAboveThreshold')).toBe(0);
    expect(r.metric('IncompleteAudit')).toBe(0); // every read it needed was made

    const missing = recorder(singleEnv({ AUDIT_CONFIG_KEY: 'hipaa-audit/nope.yaml' }));
    await expect(createAuditHandler(missing.deps)({})).rejects.toThrow(
      `the audit config s3://${REPORT_BUCKET}/hipaa-audit/nope.yaml does not exist. Fix: upload it, or deploy with auditConfigKey empty.`,
    );
  });
});
