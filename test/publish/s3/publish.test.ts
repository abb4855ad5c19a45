import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { CopyObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import type { FindingsReport } from '../../../src/evaluate/finding';
import { formatS3Outcome, publishToS3, type S3Target } from '../../../src/publish/s3';
import { normalisePrefix } from '../../../src/publish/s3/keys';
import type { RunSummaryRecord } from '../../../src/publish/s3/records';
import { scopeOfRun } from '../../../src/report/scope';
import { UsageError } from '../../../src/errors';
import { summarize } from '../../../src/evaluate/summary';
import { inventory } from '../../support/inventory';
import { sampleReport } from '../../support/report';
import { aws, awsError, body, bytes, gets, put, puts, text } from './helpers';

const s3 = mockClient(S3Client);
const ACCOUNT = '111122223333';
const target: S3Target = { bucket: 'audit-reports', prefix: 'hipaa', region: 'eu-west-1' };

function run(): { report: FindingsReport; inventory: ReturnType<typeof inventory> } {
  const report = sampleReport();
  // One suppressed failure, so every column carries a value somewhere.
  report.findings.push({ ...report.findings[0]!, id: 'sup-1', resource: { type: 'AwsS3Bucket', id: 'scratch', arn: 'arn:aws:s3:::scratch' }, suppressed: { reason: 'holds no ePHI', expires: '2027-01-01' } });
  report.summary = summarize(report.findings, []);
  return { report, inventory: inventory({ services: ['s3'] }) };
}

const EVIDENCE_KEYS = [
  'hipaa/runs/111122223333/run-1/findings.json',
  'hipaa/runs/111122223333/run-1/inventory.json.gz',
  'hipaa/runs/111122223333/run-1/report.html',
  'hipaa/runs/111122223333/run-1/summary.json',
  'hipaa/runs/111122223333/run-1/framework.json',
  'hipaa/runs/111122223333/run-1/open-failures.json',
];
const ATHENA_KEYS = ['hipaa/findings/account=111122223333/date=2026-06-01/run=run-1.jsonl.gz', 'hipaa/summaries/account=111122223333/date=2026-06-01/run=run-1.json'];
const RUN_KEYS = [...EVIDENCE_KEYS, ...ATHENA_KEYS];
const MANIFEST_KEY = 'hipaa/runs/111122223333/run-1/manifest.json';
const POINTER = 'hipaa/latest/111122223333/summary.json';
const LATEST_REPORT = 'hipaa/latest/111122223333/report.html';
const hex = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

function summary(runId: string, startedAt: string, score: number, accountId = ACCOUNT, scope = scopeOfRun(run().report.run)): string {
  const r: Partial<RunSummaryRecord> = {
    run_id: runId, run_started_at: startedAt, account_id: accountId, score, pass: 10, fail: 5, error: 1,
    fail_critical: 1, fail_high: 1, fail_medium: 3, fail_low: 0, fail_informational: 0, scope,
  };
  return `${JSON.stringify(r)}\n`;
}

beforeEach(() => {
  s3.reset();
  s3.on(ListObjectsV2Command).resolves({ Contents: [], IsTruncated: false });
  s3.on(GetObjectCommand).rejects(awsError('NoSuchKey', 404));
  s3.on(PutObjectCommand).resolves({});
  s3.on(CopyObjectCommand).resolves({});
});

const copies = () => s3.commandCalls(CopyObjectCommand).map((c) => c.args[0].input);

describe('publishToS3', () => {
  it('writes the evidence, then the Athena data, then the one latest/ pointer, then the report copy, at the documented keys', async () => {
    const outcome = await publishToS3(aws(), run(), target);
    const written = puts(s3).map((p) => p.Key);
    expect(written.slice(0, 6).sort()).toEqual([...EVIDENCE_KEYS].sort());
    expect(written.slice(6, 8).sort()).toEqual([...ATHENA_KEYS].sort());
    // The manifest after everything it lists, then the pointer.
    expect(written.slice(8)).toEqual([MANIFEST_KEY, POINTER]);
    // The latest report is a server-side copy of the run's report, made after the pointer switched.
    expect(copies()).toEqual([
      expect.objectContaining({ Bucket: 'audit-reports', Key: LATEST_REPORT, CopySource: 'audit-reports/hipaa/runs/111122223333/run-1/report.html', CacheControl: 'no-cache', MetadataDirective: 'REPLACE' }),
    ]);
    expect(outcome.keys.slice(0, 6).sort()).toEqual([...EVIDENCE_KEYS].sort());
    expect(outcome.keys.slice(6, 8).sort()).toEqual([...ATHENA_KEYS].sort());
    expect(outcome.keys.slice(8)).toEqual([MANIFEST_KEY, POINTER, LATEST_REPORT]);
    expect(outcome).toMatchObject({
      latestReportKey: LATEST_REPORT,
      summaryKey: 'hipaa/summaries/account=111122223333/date=2026-06-01/run=run-1.json',
      latestSwitched: true,
      manifestKey: MANIFEST_KEY,
    });
    expect(outcome.failed).toBeUndefined();
    // Each object written is listed with the size and SHA-256 of the bytes S3 stored.
    for (const p of puts(s3)) expect(outcome.written).toContainEqual({ key: p.Key, bytes: bytes(p).length, sha256: hex(bytes(p)) });
    // The history is read before anything is written.
    expect(s3.commandCalls(ListObjectsV2Command)[0]?.args[0].input).toEqual({ Bucket: 'audit-reports', Prefix: 'hipaa/summaries/account=111122223333/' });
  });

  it('encrypts with SSE-S3 by default, checksums with SHA-256, sets content types and never an ACL', async () => {
    await publishToS3(aws(), run(), target);
    const types: Record<string, string> = {
      'findings.json': 'application/json; charset=utf-8',
      'inventory.json.gz': 'application/gzip',
      'report.html': 'text/html; charset=utf-8',
      'run-1.jsonl.gz': 'application/gzip',
      'run=run-1.json': 'application/json; charset=utf-8',
      'summary.json': 'application/json; charset=utf-8',
      'framework.json': 'application/json; charset=utf-8',
      'open-failures.json': 'application/json; charset=utf-8',
      'manifest.json': 'application/json; charset=utf-8',
    };
    for (const p of puts(s3)) {
      expect(p.Bucket).toBe('audit-reports');
      expect(p.ServerSideEncryption).toBe('AES256');
      expect(p.SSEKMSKeyId).toBeUndefined();
      expect(p.BucketKeyEnabled).toBeUndefined();
      expect(p.ChecksumAlgorithm).toBe('SHA256');
      expect(p.ContentEncoding).toBeUndefined();
      const suffix = Object.keys(types).find((s) => p.Key!.endsWith(s));
      expect(p.ContentType).toBe(types[suffix!]);
      expect(Object.keys(p).filter((k) => /^(ACL|Grant)/.test(k))).toEqual([]);
      expect(p.CacheControl).toBe(p.Key!.includes('/latest/') ? 'no-cache' : undefined);
    }
  });

  it('uses SSE-KMS with a bucket key when a key is configured', async () => {
    const key = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    await publishToS3(aws(), run(), { ...target, kmsKeyId: key });
    expect(puts(s3)).toHaveLength(10);
    for (const p of [...puts(s3), ...copies()]) {
      expect(p).toMatchObject({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: key, BucketKeyEnabled: true, ChecksumAlgorithm: 'SHA256' });
    }
  });

  it('stores one finding a gzipped JSON line with every column, and the summary as one line', async () => {
    const r = run();
    await publishToS3(aws(), r, target);
    const lines = gunzipSync(bytes(put(s3, ATHENA_KEYS[0]!))).toString('utf8').split('\n');
    expect(lines.pop()).toBe('');
    const rows = lines.map((l) => JSON.parse(l));
    expect(rows).toHaveLength(r.report.findings.length);
    const failing = rows.find((x) => x.resource_id === 'phi');
    expect(failing).toEqual({
      schema_version: '1.0',
      run_id: 'run-1',
      run_started_at: '2026-06-01T12:00:00.000Z',
      run_finished_at: '2026-06-01T12:00:00.000Z',
      run_source: 'inventory',
      tool_version: 'test',
      account_id: ACCOUNT,
      aws_partition: 'aws',
      region: 'us-east-1',
      finding_id: r.report.findings.find((f) => f.resource.id === 'phi')!.id,
      check_id: 's3.bucket-versioning',
      service: 's3',
      title: 'S3 buckets keep object versions',
      status: 'FAIL',
      severity: 'medium',
      resource_type: 'AwsS3Bucket',
      resource_id: 'phi',
      resource_arn: 'arn:aws:s3:::phi',
      message: 'bucket phi has versioning disabled',
      hipaa: '164.312(c)(1)',
      controls: 'S3.14',
      suppressed: false,
      suppression_reason: null,
      suppression_expires: null,
      remediation: 'Enable versioning.',
      remediation_url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html',
      evidence_collected_at: '2026-06-01T12:00:00.000Z',
      // The sample inventory holds no tags: whether the bucket holds ePHI is not known.
      classification: 'unknown',
      base_severity: null,
      suppression_approved_by: null,
      suppression_ticket: null,
    });
    expect(rows.find((x) => x.finding_id === 'sup-1')).toMatchObject({ suppressed: true, suppression_reason: 'holds no ePHI', suppression_expires: '2027-01-01' });
    // Every row has the same columns, all scalar (QuickSight reads no arrays).
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(Object.keys(failing));
      expect(Object.values(row).every((v) => v === null || typeof v !== 'object')).toBe(true);
    }

    const summaryText = text(put(s3, ATHENA_KEYS[1]!));
    expect(summaryText.trim().split('\n')).toHaveLength(1);
    const rec = JSON.parse(summaryText) as RunSummaryRecord;
    expect(rec).toMatchObject({
      run_id: 'run-1', account_id: ACCOUNT, score: r.report.summary.score, pass: 1, fail: 2, fail_open: 1, suppressed: 1,
      fail_medium: 2, report_key: 'runs/111122223333/run-1/report.html', findings_key: 'runs/111122223333/run-1/findings.json',
    });
    expect(rec.hipaa[0]).toMatchObject({ section: '164.312(c)(1)', pass: 1 });
    expect(rec.unread).toEqual([]);
    expect(text(put(s3, POINTER))).toBe(summaryText);
    expect(text(put(s3, EVIDENCE_KEYS[3]!))).toBe(summaryText);

    expect(JSON.parse(text(put(s3, RUN_KEYS[0]!)))).toEqual(r.report);
    expect(JSON.parse(gunzipSync(bytes(put(s3, RUN_KEYS[1]!))).toString('utf8'))).toEqual(r.inventory);
    const html = text(put(s3, RUN_KEYS[2]!));
    expect(html).toContain('<table id="findings">');
    expect(copies()[0]?.CopySource).toBe(`audit-reports/${RUN_KEYS[2]}`);
  });

  it('carries what could not be read, with the permission and the fix, in every stored summary', async () => {
    const r = run();
    const denied = { service: 'kms', region: 'eu-west-1', operation: 'ListKeys', code: 'AccessDeniedException', message: 'not authorized' };
    const slow = { service: 'rds', region: 'us-east-1', operation: 'DescribeDBInstances', code: 'Throttling', message: 'Rate exceeded' };
    r.report.summary = summarize(r.report.findings, [], [denied, denied, slow]);
    await publishToS3(aws(), r, target);
    const expected = [
      { service: 'kms', operation: 'ListKeys', code: 'AccessDeniedException', regions: ['eu-west-1'], reads: 2, permission: 'kms:ListKeys', fix: expect.stringMatching(/^allow kms:ListKeys for the auditing identity/) },
      { service: 'rds', operation: 'DescribeDBInstances', code: 'Throttling', regions: ['us-east-1'], reads: 1, permission: null, fix: expect.stringMatching(/^transient/) },
    ];
    for (const key of [ATHENA_KEYS[1]!, EVIDENCE_KEYS[3]!, POINTER]) expect({ key, unread: (JSON.parse(text(put(s3, key))) as RunSummaryRecord).unread }).toEqual({ key, unread: expected });
  });

  it('reads the trend from the account summaries: paginated listing, then the newest 30 other runs', async () => {
    const day = (i: number): string => `2026-05-${String(i).padStart(2, '0')}`;
    const key = (i: number, run = `r${i}`): string => `hipaa/summaries/account=${ACCOUNT}/date=${day(i)}/run=${run}.json`;
    // 31 earlier days on two pages (S3 lists in key order), plus the current run's own summary (a re-publish).
    const page1 = Array.from({ length: 16 }, (_, i) => ({ Key: key(i + 1), LastModified: new Date(`${day(i + 1)}T09:00:00Z`) }));
    const page2 = Array.from({ length: 15 }, (_, i) => ({ Key: key(i + 17), LastModified: new Date(`${day(i + 17)}T09:00:00Z`) }));
    page2.push({ Key: `hipaa/summaries/account=${ACCOUNT}/date=2026-06-01/run=run-1.json`, LastModified: new Date('2026-06-01T12:00:00Z') });
    s3.on(ListObjectsV2Command, { Prefix: `hipaa/summaries/account=${ACCOUNT}/` }).resolves({ Contents: page1, IsTruncated: true, NextContinuationToken: 'page-2' });
    s3.on(ListObjectsV2Command, { Prefix: `hipaa/summaries/account=${ACCOUNT}/`, ContinuationToken: 'page-2' }).resolves({ Contents: page2, IsTruncated: false });
    for (let i = 1; i <= 31; i++) s3.on(GetObjectCommand, { Key: key(i) }).resolves({ Body: body(summary(`r${i}`, `${day(i)}T09:00:00.000Z`, 40 + i)) });

    const outcome = await publishToS3(aws(), run(), target);
    const lists = s3.commandCalls(ListObjectsV2Command).map((c) => c.args[0].input.ContinuationToken);
    expect(lists).toEqual([undefined, 'page-2']);
    const read = gets(s3).filter((k) => k.includes('/summaries/'));
    expect(read.sort()).toEqual(Array.from({ length: 30 }, (_, i) => key(i + 2)).sort()); // day 1 is the 31st oldest
    expect(outcome.warnings).toBeUndefined();
    const html = text(put(s3, RUN_KEYS[2]!));
    expect(html).toContain('data-points="31"');
    expect(html).toContain(`last 31 runs of the same checks and regions runs stored in s3://audit-reports/hipaa/summaries/account=${ACCOUNT}/, by evidence date`);
    expect(html).toContain('score 71%'); // r31's tooltip
  });

  it('still publishes when the history cannot be listed, and says why there is no trend', async () => {
    s3.on(ListObjectsV2Command).rejects(awsError('AccessDenied', 403));
    const outcome = await publishToS3(aws(), run(), target);
    expect(outcome.keys).toHaveLength(11);
    expect(outcome.warnings).toEqual([expect.stringContaining('cannot list s3://audit-reports/hipaa/summaries/account=111122223333/ (AccessDenied; needs s3:ListBucket)')]);
    expect(text(put(s3, RUN_KEYS[2]!))).toContain('The trend is not available: cannot list');
  });

  it('leaves out unreadable or foreign summaries from the trend', async () => {
    const k = (run: string) => `hipaa/summaries/account=${ACCOUNT}/date=2026-05-20/run=${run}.json`;
    s3.on(ListObjectsV2Command).resolves({ Contents: ['a', 'b', 'c'].map((r) => ({ Key: k(r) })), IsTruncated: false });
    s3.on(GetObjectCommand, { Key: k('a') }).resolves({ Body: body(summary('a', '2026-05-20T01:00:00.000Z', 50)) });
    s3.on(GetObjectCommand, { Key: k('b') }).resolves({ Body: body('{"not":"a summary"}') });
    s3.on(GetObjectCommand, { Key: k('c') }).resolves({ Body: body(summary('c', '2026-05-20T02:00:00.000Z', 50, '999999999999')) });
    const outcome = await publishToS3(aws(), run(), target);
    expect(outcome.warnings).toEqual(['trend: 1 stored summary could not be read and is left out']);
    expect(text(put(s3, RUN_KEYS[2]!))).toContain('data-points="2"');
  });

  it('compares only runs of the same checks and regions, and marks the others', async () => {
    const k = (run: string) => `hipaa/summaries/account=${ACCOUNT}/date=2026-05-20/run=${run}.json`;
    s3.on(ListObjectsV2Command).resolves({ Contents: ['same', 'other'].map((r) => ({ Key: k(r) })), IsTruncated: false });
    s3.on(GetObjectCommand, { Key: k('same') }).resolves({ Body: body(summary('same', '2026-05-20T01:00:00.000Z', 50)) });
    s3.on(GetObjectCommand, { Key: k('other') }).resolves({ Body: body(summary('other', '2026-05-21T01:00:00.000Z', 90, ACCOUNT, 'another-scope')) });
    await publishToS3(aws(), run(), target);
    const html = text(put(s3, RUN_KEYS[2]!));
    expect(html).toContain('data-points="2"');
    expect(html).not.toContain('(run other)');
    expect(html).toContain('Scope changed: 1 earlier run of this account audited other checks or regions and is not compared.');
  });

  it('never moves latest/ back to an older run', async () => {
    s3.on(GetObjectCommand, { Key: POINTER }).resolves({ Body: body(summary('newer', '2026-06-02T00:00:00.000Z', 90)) });
    const outcome = await publishToS3(aws(), run(), target);
    expect(puts(s3).map((p) => p.Key).sort()).toEqual([...RUN_KEYS, MANIFEST_KEY].sort());
    expect(copies()).toEqual([]);
    expect(outcome.keys.sort()).toEqual([...RUN_KEYS, MANIFEST_KEY].sort());
    expect(outcome.latestSwitched).toBe(false);
    expect(outcome.warnings).toEqual([expect.stringContaining('latest/ kept: it already shows a newer run (2026-06-02T00:00:00.000Z)')]);
  });

  it('stops at the first step that fails: evidence missing means no Athena row and no latest/, named with the fix', async () => {
    s3.on(PutObjectCommand, { Key: EVIDENCE_KEYS[1] }).rejects(awsError('AccessDenied', 403));
    const outcome = await publishToS3(aws(), run(), { ...target, kmsKeyId: 'alias/audit' });
    expect(outcome.failed).toEqual({
      step: 'evidence',
      key: EVIDENCE_KEYS[1],
      message:
        'cannot write s3://audit-reports/hipaa/runs/111122223333/run-1/inventory.json.gz: AccessDenied: AccessDenied message. ' +
        'Fix: allow s3:PutObject on audit-reports/hipaa/* and kms:GenerateDataKey on alias/audit (identity and bucket policy).',
    });
    expect(outcome.latestSwitched).toBe(false);
    const written = puts(s3).map((p) => p.Key!);
    expect(written.filter((k) => k.includes('/findings/account=') || k.includes('/summaries/') || k.includes('/latest/'))).toEqual([]);
    expect(copies()).toEqual([]);
  });

  it('keeps latest/ on the previous complete run when the Athena rows or the pointer cannot be written', async () => {
    s3.on(PutObjectCommand, { Key: ATHENA_KEYS[1] }).rejects(awsError('InternalError', 500));
    const athena = await publishToS3(aws(), run(), target);
    expect(athena).toMatchObject({ failed: { step: 'athena', key: ATHENA_KEYS[1] }, latestSwitched: false });
    expect(puts(s3).some((p) => p.Key === POINTER)).toBe(false);

    s3.reset();
    s3.on(ListObjectsV2Command).resolves({ Contents: [], IsTruncated: false });
    s3.on(GetObjectCommand).rejects(awsError('NoSuchKey', 404));
    s3.on(PutObjectCommand).resolves({});
    s3.on(PutObjectCommand, { Key: POINTER }).rejects(awsError('AccessDenied', 403));
    const pointer = await publishToS3(aws(), run(), target);
    expect(pointer).toMatchObject({ failed: { step: 'latest', key: POINTER }, latestSwitched: false });
    // The report copy follows the pointer: with the pointer on the old run, the copy is not touched either.
    expect(copies()).toEqual([]);
  });

  it('keeps latest/ on the previous complete run when the manifest cannot be written (the step after the Athena rows)', async () => {
    s3.on(GetObjectCommand, { Key: POINTER }).resolves({ Body: body(summary('previous', '2026-05-01T00:00:00.000Z', 80)) });
    s3.on(PutObjectCommand, { Key: MANIFEST_KEY }).rejects(awsError('AccessDenied', 403));
    const outcome = await publishToS3(aws(), run(), target);
    expect(outcome).toMatchObject({ failed: { step: 'manifest', key: MANIFEST_KEY, message: expect.stringContaining('Fix: allow s3:PutObject') }, latestSwitched: false });
    expect(puts(s3).map((p) => p.Key).sort()).toEqual([...RUN_KEYS, MANIFEST_KEY].sort());
    expect(copies()).toEqual([]);
    expect(formatS3Outcome(outcome, target)).toContain('failed at the manifest step (latest/ still shows the previous complete run)');
  });

  it('reports a failed report copy after the pointer switched, with latest/ naming the new run', async () => {
    s3.on(CopyObjectCommand).rejects(awsError('AccessDenied', 403));
    const outcome = await publishToS3(aws(), run(), target);
    expect(outcome).toMatchObject({ failed: { step: 'latest-copy', key: LATEST_REPORT, message: expect.stringContaining('Fix: allow s3:PutObject') }, latestSwitched: true });
    expect(formatS3Outcome(outcome, target)).toContain('failed at the latest-copy step (latest/ names this run but its report copy is stale until the next run)');
  });

  it('reports a missing bucket and a KMS problem as such', async () => {
    s3.on(PutObjectCommand).rejects(awsError('NoSuchBucket', 404));
    expect((await publishToS3(aws(), run(), target)).failed?.message).toContain('Fix: create bucket audit-reports or check --output-bucket.');
    s3.on(PutObjectCommand).rejects(awsError('KMS.DisabledException'));
    expect((await publishToS3(aws(), run(), { ...target, kmsKeyId: 'alias/audit' })).failed?.message).toContain('Fix: let the caller use KMS key alias/audit');
  });

  it('normalises the prefix; an empty prefix writes at the bucket root', async () => {
    expect(normalisePrefix('/a//b/')).toBe('a/b');
    expect(normalisePrefix('')).toBe('');
    expect(() => normalisePrefix('a/../b')).toThrow(UsageError);
    await publishToS3(aws(), run(), { ...target, prefix: '/team//hipaa/' });
    expect(puts(s3).every((p) => p.Key!.startsWith('team/hipaa/'))).toBe(true);
    s3.resetHistory();
    const outcome = await publishToS3(aws(), run(), { ...target, prefix: '' });
    expect(outcome.latestReportKey).toBe('latest/111122223333/report.html');
    expect(puts(s3).map((p) => p.Key)).toContain('findings/account=111122223333/date=2026-06-01/run=run-1.jsonl.gz');
    const rec = JSON.parse(text(put(s3, 'summaries/account=111122223333/date=2026-06-01/run=run-1.json')));
    expect(rec.report_key).toBe('runs/111122223333/run-1/report.html');
  });

  it('refuses account or run ids that are not safe key segments', async () => {
    const r = run();
    r.report.run.id = '../../latest/x';
    await expect(publishToS3(aws(), r, target)).rejects.toThrow("run id '../../latest/x' is not a safe S3 key segment");
    expect(puts(s3)).toEqual([]);
  });
});

describe('formatS3Outcome', () => {
  it('says where the run went and how it was encrypted', () => {
    const outcome = { keys: ['a', 'b'], written: [], latestReportKey: 'hipaa/latest/111122223333/report.html', summaryKey: 's', latestSwitched: true, warnings: ['latest/ kept'] };
    expect(formatS3Outcome(outcome, { ...target, prefix: '/hipaa/' })).toBe(
      [
        '  S3: 2 objects written to s3://audit-reports/hipaa/ (SSE-S3, eu-west-1)',
        '    latest report: s3://audit-reports/hipaa/latest/111122223333/report.html',
        '    warning: latest/ kept',
      ].join('\n'),
    );
    expect(formatS3Outcome(outcome, { ...target, prefix: '', kmsKeyId: 'alias/k' })).toContain('to s3://audit-reports/ (SSE-KMS alias/k, eu-west-1)');
  });
});
