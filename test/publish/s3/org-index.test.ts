import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { writeOrgIndex, type S3Target } from '../../../src/publish/s3';
import type { RunSummaryRecord } from '../../../src/publish/s3/records';
import { renderOrgIndex } from '../../../src/report/dashboard/org-index';
import { aws, awsError, body, gets, put, puts, sha256, text, bytes } from './helpers';

const s3 = mockClient(S3Client);
const target: S3Target = { bucket: 'audit-reports', prefix: 'org/hipaa', region: 'us-east-2', kmsKeyId: 'alias/audit' };
const XSS = '<img src=x onerror=alert(1)>';
const NOW = () => new Date('2026-06-03T12:00:00.000Z');

function record(accountId: string, score: number | null, startedAt: string, fails: [number, number, number, number, number]): string {
  const [c, h, m, l, i] = fails;
  const r: Partial<RunSummaryRecord> = {
    run_id: `run-${accountId}`, run_started_at: startedAt, account_id: accountId, score, pass: 20, fail: c + h + m + l + i, error: 2, suppressed: 0,
    regions: ['us-east-1'], fail_critical: c, fail_high: h, fail_medium: m, fail_low: l, fail_informational: i,
  };
  return JSON.stringify(r);
}

/** The <tr> of an account in the index. */
function rowOf(html: string, accountId: string): string {
  const start = html.indexOf(`data-account="${accountId}"`);
  expect(start).toBeGreaterThan(0);
  return html.slice(start, html.indexOf('</tr>', start));
}

beforeEach(() => {
  s3.reset();
  s3.on(GetObjectCommand).rejects(awsError('NoSuchKey', 404));
  s3.on(PutObjectCommand).resolves({});
});

describe('writeOrgIndex', () => {
  beforeEach(() => {
    const p = 'org/hipaa/latest/';
    s3.on(ListObjectsV2Command, { Prefix: p }).resolves({
      Contents: [{ Key: `${p}111111111111/report.html` }, { Key: `${p}111111111111/summary.json` }, { Key: `${p}index.html` }, { Key: `${p}junk/summary.json` }],
      IsTruncated: true,
      NextContinuationToken: 'tok-2',
    });
    s3.on(ListObjectsV2Command, { Prefix: p, ContinuationToken: 'tok-2' }).resolves({
      Contents: [{ Key: `${p}222222222222/report.html` }, { Key: `${p}222222222222/summary.json` }, { Key: `${p}444444444444/summary.json` }],
      IsTruncated: false,
    });
    s3.on(GetObjectCommand, { Key: `${p}111111111111/summary.json` }).resolves({ Body: body(record('111111111111', 92.5, '2026-06-03T06:00:00.000Z', [0, 1, 2, 0, 0])) });
    s3.on(GetObjectCommand, { Key: `${p}222222222222/summary.json` }).resolves({ Body: body(record('222222222222', 41, '2026-05-20T06:00:00.000Z', [3, 4, 5, 1, 0])) });
    s3.on(GetObjectCommand, { Key: `${p}444444444444/summary.json` }).resolves({ Body: body('not json') });
  });

  it('lists every account from a paginated listing and writes latest/index.html privately and encrypted', async () => {
    const key = await writeOrgIndex(aws(), target, [], { now: NOW });
    expect(key).toBe('org/hipaa/latest/index.html');
    expect(s3.commandCalls(ListObjectsV2Command).map((c) => c.args[0].input)).toEqual([
      { Bucket: 'audit-reports', Prefix: 'org/hipaa/latest/' },
      { Bucket: 'audit-reports', Prefix: 'org/hipaa/latest/', ContinuationToken: 'tok-2' },
    ]);
    expect(gets(s3).sort()).toEqual(['111111111111', '222222222222', '444444444444'].map((a) => `org/hipaa/latest/${a}/summary.json`));
    expect(puts(s3)).toHaveLength(1);
    const p = put(s3, key);
    expect(p).toMatchObject({
      ContentType: 'text/html; charset=utf-8', CacheControl: 'no-cache', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: 'alias/audit',
      BucketKeyEnabled: true, ChecksumAlgorithm: 'SHA256', ChecksumSHA256: sha256(bytes(p)),
    });
    expect(p.ACL).toBeUndefined();

    const html = text(p);
    const a1 = rowOf(html, '111111111111');
    expect(a1).toContain('href="111111111111/report.html"');
    expect(a1).toContain('92.5%');
    expect(a1).toContain('2026-06-03 06:00:00 UTC');
    expect(a1).toContain('6 h ago');
    expect(a1).toContain('reported');
    const a2 = rowOf(html, '222222222222');
    expect(a2.match(/class="cnt (critical|high|medium|low)">(\d+)</g)).toEqual(['class="cnt critical">3<', 'class="cnt high">4<', 'class="cnt medium">5<', 'class="cnt low">1<']);
    expect(a2).toContain('14 days ago');
    // A summary that cannot be read shows the account as failed rather than dropping it.
    expect(rowOf(html, '444444444444')).toContain('latest summary at latest/444444444444/summary.json could not be read');
    // Worst first: failed, then lowest score.
    const order = ['444444444444', '222222222222', '111111111111'].map((a) => html.indexOf(`data-account="${a}"`));
    expect([...order].sort((x, y) => x - y)).toEqual(order);
    expect(html).toMatch(/id="org-accounts">3</);
    expect(html).toMatch(/id="org-average">66.8%</);
    expect(html).toMatch(/id="org-critical">3</);
  });

  it('shows accounts whose audit failed with the reason, escaped, with or without an earlier run', async () => {
    await writeOrgIndex(
      aws(),
      target,
      [
        { accountId: '222222222222', accountName: 'claims-prod', reason: 'AccessDenied assuming HipaaAuditor' },
        { accountId: '333333333333', accountName: `dev ${XSS}`, reason: `timeout in ${XSS}` },
      ],
      { now: NOW },
    );
    const html = text(put(s3, 'org/hipaa/latest/index.html'));
    const a2 = rowOf(html, '222222222222');
    expect(a2).toContain('audit failed');
    expect(a2).toContain('AccessDenied assuming HipaaAuditor');
    expect(a2).toContain('claims-prod');
    expect(a2).toContain('Figures from the last stored run.');
    expect(a2).toContain('href="222222222222/report.html"');
    const a3 = rowOf(html, '333333333333');
    expect(a3).toContain('audit failed');
    expect(a3).toContain('timeout in &lt;img src=x onerror=alert(1)&gt;');
    expect(a3).not.toContain('href=');
    expect(a3).toContain('no run stored');
    expect(html).not.toContain('<img');
    expect(html).toMatch(/id="org-failed">3</);
  });

  it('fails clearly when the index cannot be written', async () => {
    s3.on(PutObjectCommand).rejects(awsError('AccessDenied', 403));
    await expect(writeOrgIndex(aws(), target, [], { now: NOW })).rejects.toThrow(
      'cannot write s3://audit-reports/org/hipaa/latest/index.html: AccessDenied',
    );
  });
});

describe('renderOrgIndex', () => {
  it('is self-contained: no script, nothing fetched, only relative report links', () => {
    const html = renderOrgIndex({
      accounts: [{
        accountId: '111111111111', runId: 'r', startedAt: '2026-06-03T06:00:00.000Z', score: null, pass: 0, fail: 0, error: 0, suppressed: 0, regions: 1,
        failBySeverity: { critical: 0, high: 0, medium: 0, low: 0, informational: 0 }, reportHref: '111111111111/report.html',
      }],
      failures: [],
      generatedAt: NOW().toISOString(),
      tool: { name: 'hipaa-posture-auditor', version: 'test' },
    });
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\ssrc=|url\(|@import/i);
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    expect(hrefs).toEqual(['111111111111/report.html', '111111111111/report.html']);
    expect(html).toMatch(/id="org-average">n\/a</);
  });

  it('says when no account has a run yet', () => {
    const html = renderOrgIndex({ accounts: [], failures: [], generatedAt: NOW().toISOString(), tool: { name: 't', version: '1' } });
    expect(html).toContain('No account has stored a run yet.');
  });
});
