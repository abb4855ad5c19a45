import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHECKS } from '../../checks';
import { catalogueMarkdown } from '../../src/cli/catalogue';
import { main } from '../../src/cli/main';
import { captureIo } from '../support/io';
import type { FindingsReport } from '../../src/evaluate/finding';
import { validateReport } from '../../src/report/schema';
import { BatchImportFindingsCommand } from '@aws-sdk/client-securityhub';
import { CopyObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { GetResourcesCommand } from '@aws-sdk/client-resource-groups-tagging-api';
import { awsError } from '../support/inventory';
import { mockAccount } from '../support/mock-account';

const io = captureIo;

const tmp = () => mkdtempSync(join(tmpdir(), 'cli-'));
const readReport = (dir: string): FindingsReport => JSON.parse(readFileSync(join(dir, 'findings.json'), 'utf8'));
const demo = join(__dirname, '..', '..', 'samples', 'demo-inventory.json');

describe('hipaa-audit, live over mocked AWS', () => {
  let mocks: ReturnType<typeof mockAccount>;
  beforeEach(() => {
    mocks = mockAccount();
  });

  it('audits every enabled region, writes a schema-valid report and the evidence, and counts API calls', async () => {
    const dir = join(tmp(), 'run');
    const t = io();
    const code = await main(['--region', 'us-east-1', '--output-dir', dir], t);
    expect(t.err()).toContain('auditing account 111122223333 as arn:aws:sts::111122223333:assumed-role/HipaaAuditor/cli in 2 region(s): eu-west-1, us-east-1');
    expect(code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['findings.csv', 'findings.json', 'framework.json', 'inventory.json', 'manifest.json', 'open-failures.json', 'report.html', 'summary.json']);

    const report = readReport(dir);
    expect(validateReport(report)).toEqual([]);
    expect(report.run).toMatchObject({ accountId: '111122223333', partition: 'aws', regions: ['eu-west-1', 'us-east-1'], source: 'live' });
    expect(report.run.checks).toHaveLength(CHECKS.length);
    const find = (checkId: string, resourceId: string, region?: string) =>
      report.findings.find((f) => f.checkId === checkId && f.resource.id === resourceId && (region === undefined || f.region === region));

    expect(find('iam.user-console-mfa', 'bob')).toMatchObject({ status: 'FAIL', severity: 'high', region: 'global', hipaa: ['164.312(d)', '164.312(a)(1)'], controls: ['IAM.5'] });
    expect(find('iam.user-console-mfa', 'alice')?.status).toBe('PASS');
    expect(find('iam.password-policy', '111122223333')?.status).toBe('FAIL');
    expect(find('s3.bucket-public-access', 'public-site')).toMatchObject({ status: 'FAIL', region: 'eu-west-1' });
    expect(find('s3.bucket-public-access', 'phi-records')).toMatchObject({ status: 'PASS', region: 'us-east-1' });
    expect(find('s3.account-public-access-block', '111122223333')?.status).toBe('FAIL');
    expect(find('ec2.security-group-open-admin-ports', 'sg-0ssh')?.status).toBe('FAIL');
    expect(find('rds.instance-public', 'patient-db')?.status).toBe('FAIL');
    expect(find('kms.key-rotation', 'k-1')?.status).toBe('FAIL');
    expect(find('cloudtrail.multi-region', '111122223333')?.status).toBe('PASS');
    expect(find('guardduty.enabled', '111122223333', 'us-east-1')?.status).toBe('PASS');
    const denied = find('guardduty.enabled', '111122223333', 'eu-west-1');
    expect(denied?.status).toBe('ERROR');
    expect(denied?.message).toContain('AccessDeniedException');
    expect(find('config.recorder', '111122223333', 'eu-west-1')?.status).toBe('FAIL');
    expect(find('iam.no-full-admin-policies', 'ci-admin')?.status).toBe('FAIL');
    expect(find('iam.users-no-direct-policies', 'bob')?.status).toBe('FAIL');
    expect(find('ec2.imdsv2-required', 'i-1', 'us-east-1')?.status).toBe('FAIL');
    expect(find('ec2.instance-public-ip', 'i-1', 'us-east-1')?.status).toBe('FAIL');

    // One credential report and one authorization-details page answer every user: no per-user IAM call.
    expect(mocks.iam?.calls().length).toBeLessThanOrEqual(6);
    expect(report.run.apiCalls.total).toBe(Object.values(report.run.apiCalls.byService).reduce((a, b) => a + b, 0));
    expect(report.run.apiCalls.byService).toMatchObject({ iam: expect.any(Number), s3: expect.any(Number), guardduty: 3 });
    expect(report.summary.collectionErrors).toBe(1); // guardduty:ListDetectors in eu-west-1

    const summary = t.out();
    expect(summary).toContain('HIPAA posture of account 111122223333 (2 regions');
    expect(summary).toMatch(/164\.312\(d\) Person or entity authentication\s+\d+\.\d%/);
    expect(summary).toContain(`${report.run.apiCalls.total} API calls`);
  });

  it('replaying the saved inventory reproduces the live findings exactly, with no AWS call', async () => {
    const live = join(tmp(), 'live');
    expect(await main(['--region', 'us-east-1', '--output-dir', live], io())).toBe(0);
    for (const m of Object.values(mocks)) m.reset();
    const replay = join(tmp(), 'replay');
    expect(await main(['--inventory', join(live, 'inventory.json'), '--output-dir', replay], io())).toBe(0);
    for (const m of Object.values(mocks)) expect(m.calls()).toHaveLength(0);
    const strip = (r: FindingsReport) => r.findings.map(({ id, status, message, resource, region }) => ({ id, status, message, resource, region }));
    expect(strip(readReport(replay))).toEqual(strip(readReport(live)));
    expect(readReport(replay).run.source).toBe('inventory');
    expect(readReport(replay).summary).toEqual(readReport(live).summary);
  });

  it('collects only what a scoped run needs', async () => {
    const dir = join(tmp(), 'scoped');
    expect(await main(['--region', 'us-east-1', '--regions', 'us-east-1', '--checks', 's3.', '--output-dir', dir], io())).toBe(0);
    const report = readReport(dir);
    expect(new Set(report.findings.map((f) => f.checkId.split('.')[0]))).toEqual(new Set(['s3']));
    expect(mocks.iam?.calls()).toHaveLength(0);
    expect(mocks.rds?.calls()).toHaveLength(0);
    // tagging: the one GetResources call that tells which buckets hold ePHI.
    expect(Object.keys(report.run.apiCalls.byService).sort()).toEqual(['ec2', 's3', 's3control', 'sts', 'tagging']);
  });

  it('--scope ephi keeps the findings on ePHI resources and the account-level ones, raised where they fail', async () => {
    // phi-records is tagged ePHI; public-site (eu-west-1) is not.
    mocks.tagging!.on(GetResourcesCommand).callsFake(async (_input, getClient) => {
      const region = await (getClient() as { config: { region: () => Promise<string> } }).config.region();
      return { PaginationToken: '', ResourceTagMappingList: region === 'us-east-1' ? [{ ResourceARN: 'arn:aws:s3:::phi-records', Tags: [{ Key: 'data-classification', Value: 'PHI' }] }] : [] };
    });
    const dir = join(tmp(), 'ephi');
    const t = io();
    expect(await main(['--region', 'us-east-1', '--checks', 's3.', '--scope', 'ephi', '--output-dir', dir], t)).toBe(0);
    const report = readReport(dir);
    expect(validateReport(report)).toEqual([]);
    expect(report.run.scope).toBe('ephi');
    expect(new Set(report.findings.map((f) => f.resource.id))).toEqual(new Set(['phi-records', '111122223333']));
    expect(report.findings.filter((f) => f.resource.id === 'phi-records').every((f) => f.classification === 'ephi')).toBe(true);
    // No replication: a FAIL of an ePHI-only check keeps its severity.
    expect(report.findings.find((f) => f.checkId === 's3.ephi-bucket-replication')).toMatchObject({ status: 'FAIL', severity: 'medium' });
    expect(report.summary.byClassification?.ephi.resources).toBe(1);
    expect(t.err()).toMatch(/--scope ephi: \d+ finding\(s\) on resources that hold no ePHI were left out/);
    expect(t.out()).toContain('scope: ePHI resources');
    // Without --scope, the same run classifies every finding and raises the ePHI failures.
    const all = join(tmp(), 'all');
    expect(await main(['--region', 'us-east-1', '--checks', 's3.bucket-versioning,s3.bucket-public-access-block', '--output-dir', all], io())).toBe(0);
    const full = readReport(all);
    expect(full.findings.find((f) => f.resource.id === 'public-site' && f.checkId === 's3.bucket-versioning')).toMatchObject({ classification: 'not-ephi', severity: 'medium' });
    expect(full.findings.find((f) => f.resource.id === 'phi-records' && f.checkId === 's3.bucket-public-access-block')).toMatchObject({ status: 'FAIL', severity: 'high', baseSeverity: 'medium' });
  });

  it('--verbose lists every collection step and the API calls by service; --concurrency is checked', async () => {
    const t = io();
    expect(await main(['--region', 'us-east-1', '--regions', 'us-east-1', '--checks', 'guardduty.', '--verbose', '--concurrency', '2', '--output-dir', join(tmp(), 'v')], t)).toBe(0);
    expect(t.err()).toMatch(/collected guardduty \(us-east-1\) {2}[12]\/2/);
    expect(t.err()).toMatch(/collected tagging \(us-east-1\) {2}[12]\/2/);
    expect(t.err()).toContain('API calls by service: {"ec2":1,"guardduty":2,"sts":1,"tagging":1}');
    const bad = io();
    expect(await main(['--concurrency', '0'], bad)).toBe(1);
    expect(bad.err()).toContain('expected a whole number from 1 to 64');
  });

  it('exits 2 when a failure at or above --fail-on remains, and 0 when suppressed below it', async () => {
    const t = io();
    expect(await main(['--region', 'us-east-1', '--fail-on', 'critical', '--output-dir', join(tmp(), 'r')], t)).toBe(2);
    expect(t.err()).toMatch(/\d+ unsuppressed failure\(s\) at or above critical: exit code 2/);
  });
});

describe('hipaa-audit, bad input', () => {
  beforeEach(() => mockAccount());

  async function run(args: string[]): Promise<{ code: number; err: string; out: string }> {
    const t = io();
    const code = await main(args, t);
    return { code, err: t.err(), out: t.out() };
  }

  it('an unknown profile: exit 1 with the fix, nothing written', async () => {
    const dir = join(tmp(), 'never');
    const r = await run(['--profile', 'no-such-profile', '--output-dir', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^error: unknown AWS profile 'no-such-profile'.*Fix: create it with 'aws configure --profile no-such-profile'/);
    // The output folder is probed (created) before any AWS call; nothing is written in it.
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a bad region name, and a region that does not exist', async () => {
    expect(await run(['--region', 'mars-1'])).toMatchObject({ code: 1, err: expect.stringContaining("--region: 'mars-1' is not an AWS region name") });
    expect(await run(['--region', 'us-east-1', '--regions', 'us-east-1,xx-east-7'])).toMatchObject({
      code: 1,
      err: expect.stringContaining("--regions: region 'xx-east-7' does not exist in partition aws"),
    });
  });

  it('a malformed config file names the field', async () => {
    const cfg = join(tmp(), 'cfg.yaml');
    writeFileSync(cfg, 'thresholds:\n  accessKeyMaxAgeDays: -3\n');
    const r = await run(['--config', cfg, '--inventory', demo]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`error: config file ${cfg}: /thresholds/accessKeyMaxAgeDays: must be >= 1`);
  });

  it('an unknown check id', async () => {
    const r = await run(['--inventory', demo, '--checks', 'iam.root-mfa,s3.bucket-encryption']);
    expect(r).toMatchObject({ code: 1, err: expect.stringContaining("--checks: unknown check 's3.bucket-encryption'") });
  });

  it('an expired suppression stops applying and is reported', async () => {
    const cfg = join(tmp(), 'cfg.yaml');
    writeFileSync(cfg, ['suppressions:', '  - checkId: iam.password-policy', '    resource: "*"', '    reason: waiting for SSO rollout', '    expires: 2020-01-01'].join('\n'));
    const dir = join(tmp(), 'out');
    const r = await run(['--config', cfg, '--inventory', demo, '--output-dir', dir]);
    expect(r.code).toBe(0);
    expect(r.err).toContain('warning: suppression of iam.password-policy for * expired on 2020-01-01: it no longer applies');
    const report = readReport(dir);
    expect(report.summary.expiredSuppressions).toEqual([{ checkId: 'iam.password-policy', resource: '*', reason: 'waiting for SSO rollout', expires: '2020-01-01' }]);
    expect(report.findings.find((f) => f.checkId === 'iam.password-policy')).toMatchObject({ status: 'FAIL' });
    expect(report.findings.find((f) => f.checkId === 'iam.password-policy')?.suppressed).toBeUndefined();
    expect(r.out).toContain('1 suppression(s) expired and no longer apply');
  });

  it('unknown options, bad formats and a missing inventory file', async () => {
    expect((await run(['--frobnicate'])).code).toBe(1);
    expect(await run(['--format', 'pdf'])).toMatchObject({ code: 1, err: expect.stringContaining('expected a comma-separated list of json, csv, html') });
    expect(await run(['--inventory', '/nonexistent/inventory.json'])).toMatchObject({ code: 1, err: expect.stringContaining('cannot read inventory /nonexistent/inventory.json') });
    expect(await run(['--inventory', demo, '--profile', 'x'])).toMatchObject({ code: 1, err: expect.stringContaining('--profile, --role-arn and --endpoint-url only serve to publish it') });
    expect(await run(['--inventory', demo, '--output-prefix', 'hipaa'])).toMatchObject({ code: 1, err: expect.stringContaining('--output-prefix and --output-kms-key need --output-bucket') });
  });

  it('--help and --version exit 0', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('--fail-on <severity>');
    expect((await run(['--version'])).out.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('the demo and the catalogue', () => {
  it('the demo inventory audits into a report with PASS, FAIL and ERROR findings', async () => {
    const dir = join(tmp(), 'demo');
    expect(await main(['--inventory', demo, '--output-dir', dir, '--quiet'], io())).toBe(0);
    const report = readReport(dir);
    expect(validateReport(report)).toEqual([]);
    expect(report.run.regions).toEqual(['us-east-1', 'eu-west-1']);
    for (const status of ['PASS', 'FAIL', 'ERROR'] as const) expect(report.summary.byStatus[status]).toBeGreaterThan(0);
    // Every check of the catalogue has something to say about the demo account.
    expect(new Set(report.findings.map((f) => f.checkId))).toEqual(new Set(CHECKS.map((c) => c.id)));
  });

  it('the README carries the catalogue exactly as the checks declare it', () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    expect(readme).toContain(catalogueMarkdown(CHECKS));
  });

  it('--list-checks prints every check', async () => {
    const t = io();
    expect(await main(['--list-checks'], t)).toBe(0);
    for (const c of CHECKS) expect(t.out()).toContain(c.id);
  });
});

describe('hipaa-audit publishing', () => {
  let mocks: ReturnType<typeof mockAccount>;
  beforeEach(() => {
    mocks = mockAccount();
  });

  it('--security-hub sends every finding to the region of its resource and keeps the lifecycle state locally', async () => {
    const root = tmp();
    const state = join(root, 'state.json');
    const t = io();
    const code = await main(['--region', 'us-east-1', '--output-dir', join(root, 'run'), '--security-hub', '--state-file', state], t);
    expect(t.err()).not.toContain('error');
    expect(code).toBe(0);
    const report = readReport(join(root, 'run'));
    const sent = (mocks.securityhub?.commandCalls(BatchImportFindingsCommand) ?? []).flatMap((c) => c.args[0].input.Findings ?? []);
    expect(sent.map((f) => f.Id).sort()).toEqual(report.findings.map((f) => f.id).sort());
    const bucket = sent.find((f) => f.Resources?.[0]?.Id === 'arn:aws:s3:::public-site');
    expect(bucket).toMatchObject({ Compliance: { Status: 'FAILED' }, Resources: [{ Region: 'eu-west-1' }], AwsAccountId: '111122223333' });
    // The state remembers every finding sent, so the next run updates instead of creating.
    expect(Object.keys(JSON.parse(readFileSync(state, 'utf8')).state.findings).sort()).toEqual(report.findings.map((f) => f.id).sort());
    expect(t.out()).toMatch(/Security Hub: \d+ new, 0 updated/);

    // The second run updates rather than creates.
    const again = io();
    expect(await main(['--region', 'us-east-1', '--output-dir', join(root, 'run2'), '--security-hub', '--state-file', state], again)).toBe(0);
    expect(again.out()).toMatch(/Security Hub: 0 new, \d+ updated/);
  });

  it('--security-hub-failed-only sends only FAILED findings, and implies --security-hub', async () => {
    const root = tmp();
    expect(await main(['--region', 'us-east-1', '--output-dir', join(root, 'run'), '--security-hub-failed-only', '--state-file', join(root, 's.json')], io())).toBe(0);
    const report = readReport(join(root, 'run'));
    const sent = (mocks.securityhub?.commandCalls(BatchImportFindingsCommand) ?? []).flatMap((c) => c.args[0].input.Findings ?? []);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.map((f) => f.Id).sort()).toEqual(report.findings.filter((f) => f.status === 'FAIL').map((f) => f.id).sort());
  });

  it('exits 3 when a region has Security Hub disabled, after publishing the others', async () => {
    mocks.securityhub?.on(BatchImportFindingsCommand).callsFake(async (input: { Findings?: Array<{ Resources?: Array<{ Region?: string }> }> }) => {
      if (input.Findings?.[0]?.Resources?.[0]?.Region === 'eu-west-1') {
        throw Object.assign(new Error('Account 111122223333 is not subscribed to AWS Security Hub'), { name: 'InvalidAccessException', $metadata: {} });
      }
      return { FailedCount: 0, SuccessCount: input.Findings?.length ?? 0, FailedFindings: [] };
    });
    const root = tmp();
    const t = io();
    expect(await main(['--region', 'us-east-1', '--output-dir', join(root, 'run'), '--security-hub', '--state-file', join(root, 's.json')], t)).toBe(3);
    expect(t.out()).toContain('eu-west-1: not-enabled');
    expect(t.err()).toContain('publishing was partial');
    expect(existsSync(join(root, 'run', 'findings.json'))).toBe(true);
  });

  it.each([
    ['the evidence', (k: string) => k.endsWith('/inventory.json.gz'), 'evidence'],
    ['the Athena rows', (k: string) => k.startsWith('summaries/account='), 'athena'],
    ['the latest/ pointer', (k: string) => k === 'latest/111122223333/summary.json', 'latest'],
  ])('an S3 failure at %s exits 3, keeps latest/ on the previous run, names the key and the fix, and still publishes to Security Hub', async (_, failing, step) => {
    const state = join(tmp(), 'state.json');
    mocks.s3!.on(PutObjectCommand).callsFake(async (input: { Key: string }) => {
      if (failing(input.Key)) throw awsError('AccessDenied', 'Access Denied', 403);
      return {};
    });
    const t = io();
    const dir = join(tmp(), 'run');
    const code = await main(['--region', 'us-east-1', '--output-dir', dir, '--output-bucket', 'hipaa-reports', '--security-hub', '--state-file', state], t);
    expect(code).toBe(3);
    expect(t.out()).toContain(`failed at the ${step} step (latest/ still shows the previous complete run): cannot write s3://hipaa-reports/`);
    expect(t.out()).toContain('Fix: allow s3:PutObject on hipaa-reports/*');
    expect(t.err()).toContain('publishing was partial');
    expect(existsSync(join(dir, 'findings.json'))).toBe(true);
    expect(mocks.securityhub!.commandCalls(BatchImportFindingsCommand).length).toBeGreaterThan(0);
    const keys = (mocks.s3?.commandCalls(PutObjectCommand) ?? []).map((c) => c.args[0].input.Key as string);
    // Nothing after the failed step: no pointer moved, no org index rewritten.
    if (step !== 'latest') expect(keys.some((k) => k.startsWith('latest/'))).toBe(false);
    expect(keys).not.toContain('latest/index.html');
  });

  it('a manifest that cannot be written leaves latest/ on the previous complete run, exits 3 and still publishes to Security Hub', async () => {
    const previous = { run_id: 'previous', run_started_at: '2020-01-01T00:00:00.000Z', account_id: '111122223333', score: 90, pass: 9, fail: 1, error: 0, fail_critical: 0, fail_high: 1, fail_medium: 0, fail_low: 0, fail_informational: 0 };
    mocks.s3!.on(GetObjectCommand, { Key: 'latest/111122223333/summary.json' }).resolves({ Body: { transformToString: async () => `${JSON.stringify(previous)}\n` } as never });
    mocks.s3!.on(PutObjectCommand).callsFake(async (input: { Key: string }) => {
      if (input.Key.endsWith('/manifest.json')) throw awsError('AccessDenied', 'Access Denied', 403);
      return {};
    });
    const t = io();
    const dir = join(tmp(), 'run');
    const code = await main(['--region', 'us-east-1', '--output-dir', dir, '--output-bucket', 'hipaa-reports', '--security-hub', '--state-file', join(tmp(), 'state.json')], t);
    expect(code).toBe(3);
    expect(t.out()).toMatch(/failed at the manifest step \(latest\/ still shows the previous complete run\): cannot write s3:\/\/hipaa-reports\/runs\/111122223333\/[^/]+\/manifest\.json: AccessDenied: Access Denied\. Fix: allow s3:PutObject on hipaa-reports\/\*/);
    expect(t.err()).toContain('publishing was partial (see above): exit code 3.');
    // The evidence and the Athena rows are stored; nothing under latest/ moved: pointer, report copy and index.
    const keys = mocks.s3!.commandCalls(PutObjectCommand).map((c) => c.args[0].input.Key as string);
    expect(keys.some((k) => k.startsWith('summaries/account=111122223333/'))).toBe(true);
    expect(keys.filter((k) => k.startsWith('latest/'))).toEqual([]);
    expect(mocks.s3!.commandCalls(CopyObjectCommand)).toHaveLength(0);
    expect(mocks.securityhub!.commandCalls(BatchImportFindingsCommand).length).toBeGreaterThan(0);
    expect(existsSync(join(dir, 'findings.json'))).toBe(true);
  });

  it('an org index that cannot be refreshed after the switch exits 3, names the index and still publishes to Security Hub', async () => {
    mocks.s3!.on(PutObjectCommand).callsFake(async (input: { Key: string }) => {
      if (input.Key === 'latest/index.html') throw awsError('AccessDenied', 'Access Denied', 403);
      return {};
    });
    const t = io();
    const code = await main(['--region', 'us-east-1', '--output-dir', join(tmp(), 'run'), '--output-bucket', 'hipaa-reports', '--security-hub', '--state-file', join(tmp(), 'state.json')], t);
    expect(code).toBe(3);
    expect(t.out()).toContain('failed to refresh the org index (the next run refreshes it): cannot write s3://hipaa-reports/latest/index.html: AccessDenied: Access Denied. Fix: allow s3:PutObject on hipaa-reports/*');
    expect(t.err()).toContain('publishing was partial (see above): exit code 3.');
    // The run is complete and latest/ switched to it as one: the pointer and its report copy; only the index is stale.
    const keys = mocks.s3!.commandCalls(PutObjectCommand).map((c) => c.args[0].input.Key as string);
    expect(keys).toContain('latest/111122223333/summary.json');
    expect(mocks.s3!.commandCalls(CopyObjectCommand).map((c) => c.args[0].input.Key)).toEqual(['latest/111122223333/report.html']);
    expect(mocks.securityhub!.commandCalls(BatchImportFindingsCommand).length).toBeGreaterThan(0);
  });

  it('--output-bucket writes the run to S3 with its Security Hub state beside it', async () => {
    const t = io();
    const code = await main(['--region', 'us-east-1', '--output-dir', join(tmp(), 'run'), '--output-bucket', 'hipaa-reports', '--output-prefix', 'audits', '--security-hub'], t);
    expect(t.err()).not.toMatch(/error|warning/);
    expect(code).toBe(0);
    const keys = (mocks.s3?.commandCalls(PutObjectCommand) ?? []).map((c) => c.args[0].input.Key);
    expect(keys).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^audits\/findings\/account=111122223333\/date=\d{4}-\d{2}-\d{2}\/run=.+\.jsonl\.gz$/),
        'audits/latest/111122223333/summary.json',
        'audits/latest/index.html',
        'audits/state/111122223333/security-hub.json',
      ]),
    );
    expect(t.out()).toContain('S3: 11 objects written to s3://hipaa-reports/audits/');
    expect(t.out()).toContain('latest report: s3://hipaa-reports/audits/latest/111122223333/report.html');
    expect(t.out()).toMatch(/Security Hub: \d+ new/);
  });
});

describe('the local trend', () => {
  /** A saved inventory as if collected at `at` (a replay is placed in the trend by its collection time). */
  function inventoryAt(at: string, accountId?: string): string {
    const file = join(tmp(), 'inventory.json');
    const inv = JSON.parse(readFileSync(demo, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify({ ...inv, collectedAt: at, ...(accountId ? { accountId } : {}) }));
    return file;
  }

  it('the second run of the same account and scope draws a trend from its small summary; the first explains when it will appear', async () => {
    const parent = tmp();
    expect(await main(['--inventory', inventoryAt('2026-11-13T09:00:00.000Z'), '--output-dir', join(parent, 'first'), '--quiet'], io())).toBe(0);
    // Only summary.json is read from earlier runs: without findings.json the trend is the same.
    rmSync(join(parent, 'first', 'findings.json'));
    expect(await main(['--inventory', demo, '--output-dir', join(parent, 'second'), '--quiet'], io())).toBe(0);
    const note = 'The trend appears from the second run of this account, checks and regions';
    expect(readFileSync(join(parent, 'first', 'report.html'), 'utf8')).toContain(note);
    const second = readFileSync(join(parent, 'second', 'report.html'), 'utf8');
    expect(second).not.toContain(note);
    expect(second).toContain('data-points="2"');
    expect(second).toContain(`last 2 runs of the same checks and regions runs in ${parent}/, by evidence date`);
    expect(second).not.toContain('stored in S3');
    expect(second).toContain(JSON.parse(readFileSync(join(parent, 'first', 'summary.json'), 'utf8')).run_id.slice(0, 8));
  });

  it('leaves out runs of other accounts and other scopes, and marks the change of scope', async () => {
    const parent = tmp();
    expect(await main(['--inventory', inventoryAt('2026-11-10T09:00:00.000Z'), '--output-dir', join(parent, 'all-checks'), '--quiet'], io())).toBe(0);
    expect(await main(['--inventory', inventoryAt('2026-11-11T09:00:00.000Z'), '--checks', 's3.', '--output-dir', join(parent, 's3-only'), '--quiet'], io())).toBe(0);
    expect(await main(['--inventory', inventoryAt('2026-11-12T09:00:00.000Z'), '--regions', 'us-east-1', '--output-dir', join(parent, 'one-region'), '--quiet'], io())).toBe(0);
    expect(await main(['--inventory', inventoryAt('2026-11-13T09:00:00.000Z', '999988887777'), '--output-dir', join(parent, 'other-account'), '--quiet'], io())).toBe(0);
    expect(await main(['--inventory', demo, '--output-dir', join(parent, 'now'), '--quiet'], io())).toBe(0);
    const html = readFileSync(join(parent, 'now', 'report.html'), 'utf8');
    const first = JSON.parse(readFileSync(join(parent, 'all-checks', 'summary.json'), 'utf8')).run_id as string;
    expect(html).toContain('data-points="2"');
    expect(html).toContain(`(run ${first})`);
    for (const other of ['s3-only', 'one-region', 'other-account']) {
      expect(html).not.toContain(`(run ${JSON.parse(readFileSync(join(parent, other, 'summary.json'), 'utf8')).run_id})`);
    }
    expect(html).toContain('Scope changed: 2 earlier runs of this account audited other checks or regions and are not compared.');
  });
});

describe('evidence collected apart from the evaluation', () => {
  it('a replay carries the inventory collection time into findings.json, CSV, HTML, summary.json and the terminal', async () => {
    const dir = join(tmp(), 'replay');
    const t = io();
    expect(await main(['--inventory', demo, '--output-dir', dir], t)).toBe(0);
    const collectedAt = (JSON.parse(readFileSync(demo, 'utf8')) as { collectedAt: string }).collectedAt;
    const report = readReport(dir);
    expect(report.run.collectedAt).toBe(collectedAt);
    expect(Date.parse(report.run.startedAt)).toBeGreaterThan(Date.parse(collectedAt));
    expect(validateReport(report)).toEqual([]);
    const csv = readFileSync(join(dir, 'findings.csv'), 'utf8').split('\r\n');
    expect(csv[0]).toContain(',evidenceCollectedAt,auditCoverage');
    expect(csv[1]).toContain(`,${collectedAt},${report.summary.coverage.percent}`);
    const day = collectedAt.slice(0, 10);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain(`Evidence collected <b>${day} `);
    expect(JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'))).toMatchObject({ evidence_collected_at: collectedAt, run_id: report.run.id });
    expect(t.out()).toContain(`evidence collected ${day} `);
  });
});

describe('coverage and the --fail-on gate', () => {
  let mocks: ReturnType<typeof mockAccount>;
  beforeEach(() => {
    mocks = mockAccount();
  });

  /** Every call denied but STS and DescribeRegions: what a role that can read nothing gets. */
  function denyEverything(): void {
    for (const [name, m] of Object.entries(mocks)) {
      if (name === 'sts') continue;
      m.reset();
      m.onAnyCommand().rejects(awsError('AccessDenied', 'User is not authorized to perform this action', 403));
    }
    mocks.ec2!.on(DescribeRegionsCommand).resolves({ Regions: [{ RegionName: 'us-east-1', OptInStatus: 'opt-in-not-required' }, { RegionName: 'eu-west-1', OptInStatus: 'opt-in-not-required' }] });
  }

  it('a denied-everything account exits 4 under --fail-on, even with --allow-incomplete, and says what to grant', async () => {
    denyEverything();
    const t = io();
    const dir = join(tmp(), 'denied');
    expect(await main(['--region', 'us-east-1', '--fail-on', 'low', '--output-dir', dir], t)).toBe(4);
    const report = readReport(dir);
    expect(report.summary.byStatus).toMatchObject({ PASS: 0, FAIL: 0 });
    expect(report.summary.coverage).toMatchObject({ judged: 0, complete: false });
    expect(report.summary.coverage.notJudged).toBeGreaterThan(0);
    expect(report.summary.coverage.gaps.length).toBeGreaterThan(0);
    expect(report.summary.coverage.gaps.every((g) => g.fix.startsWith('allow '))).toBe(true);
    expect(t.err()).toContain('incomplete audit under --fail-on low: the audit judged nothing');
    expect(t.err()).toContain('exit code 4');
    // The terminal opens with it, naming the permission.
    const out = t.out();
    expect(out.indexOf('INCOMPLETE AUDIT: nothing could be judged')).toBeLessThan(out.indexOf('score '));
    expect(out).toMatch(/cloudtrail DescribeTrails \(AccessDenied\) in eu-west-1, us-east-1, 2 reads\n\s+Fix: allow cloudtrail:DescribeTrails for the auditing identity/);
    expect(report.summary.coverage.gaps).toContainEqual(expect.objectContaining({ service: 's3', operation: 'ListBuckets', fix: expect.stringContaining('allow s3:ListAllMyBuckets') }));
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('Nothing could be judged');

    expect(await main(['--region', 'us-east-1', '--fail-on', 'low', '--allow-incomplete', '--output-dir', join(tmp(), 'again')], io())).toBe(4);
    // Without a gate the run itself succeeds: the report says what it could not read.
    expect(await main(['--region', 'us-east-1', '--output-dir', join(tmp(), 'nogate')], io())).toBe(0);
  });

  it('a partly read account exits 4 under --fail-on unless --allow-incomplete or --min-coverage accepts it', async () => {
    // The mock account denies GuardDuty in eu-west-1; GuardDuty's check alone: one PASS, one ERROR (50%).
    const args = ['--region', 'us-east-1', '--checks', 'guardduty.', '--fail-on', 'critical'];
    const t = io();
    const first = join(tmp(), 'a');
    expect(await main([...args, '--output-dir', first], t)).toBe(4);
    expect(t.err()).toContain('incomplete audit under --fail-on critical: 1 finding(s) could not be judged (coverage 50%) (or accept it with --allow-incomplete or --min-coverage <percent>): exit code 4');
    expect(t.out()).toContain('INCOMPLETE AUDIT: 1 of 2 findings could not be judged (coverage 50.0%)');
    expect(t.out()).toContain('guardduty ListDetectors (AccessDeniedException) in eu-west-1');
    expect(t.out()).toContain('coverage  50.0% (1 judged, 1 not judged)');
    // summary.json says what could not be read and how to fix it, not only the percentage.
    expect(JSON.parse(readFileSync(join(first, 'summary.json'), 'utf8'))).toMatchObject({
      coverage: 50,
      unread: [{ service: 'guardduty', operation: 'ListDetectors', code: 'AccessDeniedException', regions: ['eu-west-1'], reads: 1, permission: 'guardduty:ListDetectors', fix: expect.stringMatching(/^allow guardduty:ListDetectors /) }],
    });
    expect(await main([...args, '--allow-incomplete', '--output-dir', join(tmp(), 'b')], io())).toBe(0);
    expect(await main([...args, '--min-coverage', '50', '--output-dir', join(tmp(), 'c')], io())).toBe(0);
    const below = io();
    expect(await main([...args, '--min-coverage', '75%', '--output-dir', join(tmp(), 'd')], below)).toBe(4);
    expect(below.err()).toContain('below --min-coverage 75%');
    // Failures at or above --fail-on come first: 2 before 4.
    expect(await main(['--region', 'us-east-1', '--fail-on', 'critical', '--output-dir', join(tmp(), 'e')], io())).toBe(2);
    // The options qualify a gate.
    const bare = io();
    expect(await main(['--region', 'us-east-1', '--allow-incomplete', '--output-dir', join(tmp(), 'f')], bare)).toBe(1);
    expect(bare.err()).toContain('--allow-incomplete and --min-coverage qualify the --fail-on gate');
    expect((await main(['--fail-on', 'low', '--min-coverage', '101'], io()))).toBe(1);
  });
});

describe('the unread list of a replay names only what the run needed', () => {
  const config = join(__dirname, '..', '..', 'samples', 'demo-config.yaml');
  // The demo inventory holds four failed reads: ec2 DescribeFlowLogs and rds DescribeDBSnapshotAttributes in
  // eu-west-1, kms DescribeKey and s3 GetBucketPolicy in us-east-1.

  it('a run whose checks found nothing to judge says so, lists no unrelated denial, and still exits 4 under --fail-on', async () => {
    const t = io();
    const dir = join(tmp(), 'redshift');
    expect(await main(['--inventory', demo, '--config', config, '--checks', 'redshift.', '--regions', 'eu-west-1', '--fail-on', 'low', '--output-dir', dir], t)).toBe(4);
    const out = t.out();
    expect(out).toContain('NOTHING JUDGED: the selected checks found no resource to judge in the audited regions (0 findings).');
    expect(out).not.toMatch(/0 finding\(s\) are ERROR|What could not be read|read\(s\) failed while collecting/);
    expect(out).not.toMatch(/kms|GetBucketPolicy|DescribeFlowLogs|DescribeDBSnapshotAttributes/);
    expect(t.err()).toBe('incomplete audit under --fail-on low: the audit judged nothing (the selected checks found no resource to judge in the audited regions): exit code 4.\n');
    const report = readReport(dir);
    expect(report.summary.coverage).toMatchObject({ judged: 0, notJudged: 0, complete: false, gaps: [] });
    expect(report.summary.collectionErrors).toBe(0);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('Nothing was judged: the selected checks found no resource to judge in the audited regions.');
  });

  it('keeps the errors of the selected reads in the audited regions, and only those', async () => {
    // ec2.imdsv2-required reads ec2.instances: the DescribeFlowLogs denial in the same service and region is not its gap.
    const imds = io();
    expect(await main(['--inventory', demo, '--config', config, '--checks', 'ec2.imdsv2-required', '--regions', 'eu-west-1', '--output-dir', join(tmp(), 'imds')], imds)).toBe(0);
    expect(imds.out()).not.toContain('DescribeFlowLogs');
    const flow = io();
    const dir = join(tmp(), 'flow');
    expect(await main(['--inventory', demo, '--config', config, '--checks', 'vpc.flow-logs,kms.', '--output-dir', dir], flow)).toBe(0);
    const gaps = readReport(dir).summary.coverage.gaps.map((g) => `${g.service} ${g.operation} ${g.regions.join(',')}`);
    expect(gaps.sort()).toEqual(['ec2 DescribeFlowLogs eu-west-1', 'kms DescribeKey us-east-1']);
    // The same checks in us-east-1 only: the eu-west-1 denial is another region's.
    const east = join(tmp(), 'east');
    expect(await main(['--inventory', demo, '--config', config, '--checks', 'vpc.flow-logs,kms.', '--regions', 'us-east-1', '--output-dir', east], io())).toBe(0);
    expect(readReport(east).summary.coverage.gaps.map((g) => `${g.service} ${g.operation}`)).toEqual(['kms DescribeKey']);
  });
});

describe('output options, checked before any work', () => {
  let mocks: ReturnType<typeof mockAccount>;
  beforeEach(() => {
    mocks = mockAccount();
  });

  it('a format named twice is written once, and the whole report lands', async () => {
    const dir = join(tmp(), 'dupe');
    const t = io();
    expect(await main(['--inventory', demo, '--format', 'csv,json,csv', '--output-dir', dir], t)).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['findings.csv', 'findings.json', 'framework.json', 'inventory.json', 'manifest.json', 'open-failures.json', 'summary.json']);
    expect(t.out().match(/findings\.csv/g)).toHaveLength(1);
  });

  it('an unwritable output folder: one line with the fix, exit 1, before any AWS call', async () => {
    const file = join(tmp(), 'a-file');
    writeFileSync(file, 'x');
    const t = io();
    expect(await main(['--region', 'us-east-1', '--output-dir', join(file, 'x')], t)).toBe(1);
    expect(t.err()).toBe(`error: cannot write the report to ${join(file, 'x')}: ${file} is a file, not a folder. Fix: choose a folder this user can write with --output-dir, or make ${join(file, 'x')} writable.\n`);
    for (const m of Object.values(mocks)) expect(m.calls()).toHaveLength(0);
    const replay = io();
    expect(await main(['--inventory', demo, '--output-dir', file], replay)).toBe(1);
    expect(replay.err()).toMatch(/^error: cannot write the report to .*a-file is a file, not a folder\. Fix: /);
    expect(replay.err()).not.toContain('stopped unexpectedly');
  });

  // /proc takes no folder and no file, whoever runs the test: root passed access() there, and Node's recursive
  // mkdir spun forever on /proc/nope/x.
  (process.platform === 'linux' ? it : it.skip)('a folder nothing can be written in fails the probe before any AWS call, even as root', async () => {
    for (const target of ['/proc/nope/x', '/proc']) {
      const t = io();
      expect(await main(['--region', 'us-east-1', '--output-dir', target], t)).toBe(1);
      expect(t.err()).toMatch(new RegExp(`^error: cannot write the report to ${target}: (cannot|this user may not) (create|write in) /proc(/nope)? \\(E[A-Z]+\\)\\. Fix: choose a folder this user can write with --output-dir`));
    }
    for (const m of Object.values(mocks)) expect(m.calls()).toHaveLength(0);
  });
});
