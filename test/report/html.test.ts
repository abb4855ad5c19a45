import { createHash } from 'node:crypto';
import type { Finding, FindingsReport } from '../../src/evaluate/finding';
import type { FindingsData } from '../../src/report/dashboard/findings-data';
import { escapeHtml, renderHtml, safeHttpsUrl } from '../../src/report/html';
import { summarize } from '../../src/evaluate/summary';
import { finding, XSS } from '../support/builders/finding';


const findings: Finding[] = [
  finding(),
  finding({
    id: 'f2',
    status: 'FAIL',
    severity: 'medium',
    region: 'eu-west-1',
    resource: { type: 'AwsS3Bucket', id: `phi, "x"\n${XSS}`, arn: `arn:aws:s3:::${XSS}` },
    message: `bucket ${XSS} has no 'default' encryption`,
    remediation: { text: `Fix ${XSS}`, url: 'javascript:alert(1)' },
  }),
  finding({
    id: 'f3',
    checkId: 'iam.root-mfa',
    title: 'Root user has MFA',
    status: 'FAIL',
    severity: 'critical',
    region: 'global',
    resource: { type: 'AwsIamUser', id: '=cmd|/C calc!A0', arn: 'arn:aws:iam::111122223333:root' },
    message: 'root has no MFA device',
    hipaa: ['164.312(d)'],
    controls: ['IAM.9'],
    remediation: { text: 'Enable MFA.', url: 'http://insecure.example/mfa' },
  }),
  finding({ id: 'f4', checkId: 'guardduty.enabled', status: 'ERROR', severity: 'low', hipaa: ['164.308(a)(1)(ii)(D)'], controls: [] }),
  finding({
    id: 'f5',
    status: 'FAIL',
    severity: 'critical',
    suppressed: { reason: `accepted ${XSS}`, expires: '2030-01-01' },
  }),
];

const report: FindingsReport = {
  schemaVersion: '1.0',
  tool: { name: 'hipaa-posture-auditor', version: '0.1.0' },
  run: {
    id: 'run-1',
    startedAt: '2024-05-01T12:00:00.000Z',
    finishedAt: '2024-05-01T12:01:30.000Z',
    collectedAt: '2024-04-28T08:00:00.000Z',
    accountId: '111122223333',
    partition: 'aws',
    homeRegion: 'us-east-1',
    regions: ['us-east-1', 'eu-west-1'],
    checks: ['s3.bucket-encryption', 'iam.root-mfa', 'guardduty.enabled'],
    source: 'live',
    apiCalls: { total: 42, attempts: 42, retries: 0, byService: { s3: 40, iam: 2 } },
  },
  summary: {
    total: 5,
    byStatus: { PASS: 1, FAIL: 3, ERROR: 1 },
    bySeverity: {
      critical: { PASS: 0, FAIL: 2, ERROR: 0 },
      high: { PASS: 1, FAIL: 0, ERROR: 0 },
      medium: { PASS: 0, FAIL: 1, ERROR: 0 },
      low: { PASS: 0, FAIL: 0, ERROR: 1 },
      informational: { PASS: 0, FAIL: 0, ERROR: 0 },
    },
    suppressed: 1,
    score: 33.3,
    hipaa: [
      { section: '164.312(d)', name: 'Person or entity authentication', pass: 0, fail: 1, error: 0, suppressed: 0, passRate: 0, failingResources: 1 },
      { section: '164.312(a)(2)(iv)', name: 'Encryption and decryption', pass: 1, fail: 1, error: 0, suppressed: 1, passRate: 50, failingResources: 1 },
      { section: '164.308(a)(1)(ii)(D)', name: 'Information system activity review', pass: 0, fail: 0, error: 1, suppressed: 0, passRate: null, failingResources: 0 },
    ],
    topFailingChecks: [{ checkId: 'iam.root-mfa', title: 'Root user has MFA', severity: 'critical', failed: 1 }],
    expiredSuppressions: [{ checkId: 's3.bucket-encryption', resource: XSS, reason: 'old', expires: '2020-01-01' }],
    collectionErrors: 2,
    coverage: {
      judged: 4,
      notJudged: 1,
      percent: 80,
      complete: false,
      gaps: [{ service: 'guardduty', operation: 'ListDetectors', code: 'AccessDeniedException', regions: ['eu-west-1'], count: 2, fix: `allow guardduty:ListDetectors ${XSS}` }],
    },
  },
  findings,
};

const html = renderHtml(report);

const textOf = (id: string, doc = html): string | undefined => doc.match(new RegExp(`id="${id}">([^<]*)<`))?.[1];
const dataOf = (doc: string): FindingsData => JSON.parse(doc.match(/<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/)![1]!) as FindingsData;
const printOf = (doc: string): string => doc.slice(doc.indexOf('<section id="print-copy"'), doc.indexOf('</section>', doc.lastIndexOf('<h2>Failing findings')) + 10);

describe('renderHtml', () => {
  it('keeps a finding its check rates apart in the check’s one group, at its own severity, and counts it there', () => {
    const fs = [
      finding({ id: 'p', checkId: 'iam.no-full-admin-policies', title: 'No full admin', status: 'FAIL', severity: 'high' }),
      finding({ id: 'n', checkId: 'iam.no-full-admin-policies', title: 'No full admin', status: 'PASS', severity: 'informational', baseSeverity: 'high' }),
    ];
    const doc = renderHtml({ ...report, findings: fs, summary: { ...summarize(fs, []), coverage: report.summary.coverage } });
    const data = dataOf(doc);
    expect(data.c.map((c) => [c[0], c[2]])).toEqual([['iam.no-full-admin-policies', 'high']]);
    expect(data.f.map((f) => f[10])).toEqual([null, 'informational']);
    expect(textOf('fail-high', doc)).toBe('1');
    expect(textOf('fail-informational', doc)).toBe('0');
    // The page labels it with the check's severity, not as raised for ePHI.
    expect(doc).toContain("node('div','own-sev','check: '+c[2])");
  });

  it('says "no earlier run" only when neither the trend nor the change since the previous run has one', () => {
    expect(html).toContain('No earlier run to compare with');
    const change = { previous: { runId: 'r0', startedAt: '2026-01-01T00:00:00.000Z' }, newFailures: 1, fixed: 2, gone: 0, unresolved: 0 };
    const withChange = renderHtml(report, { change });
    expect(withChange).not.toContain('No earlier run to compare with');
    expect(withChange).toContain('id="change-since"');
  });

  it('is a complete HTML5 document with the scorecard and an empty table the script fills', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('</html>');
    expect(html).toContain('<table id="findings">');
    expect(html).toContain('<tbody id="findings-body"></tbody>');
    expect(html).toContain('<table id="hipaa-scorecard">');
  });

  it('escapes every attacker-controlled value, in the page and in the data block', () => {
    const page = html.replace(/<script type="application\/json"[\s\S]*?<\/script>/, '');
    expect(html).not.toContain('<img');
    expect(page).not.toMatch(/onerror=alert\(1\)>/);
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('\\u003cimg src=x onerror=alert(1)>');
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
    // A name that tries to close the data block stays inside it.
    const closing = renderHtml({ ...report, findings: [finding({ id: 'z', resource: { type: 'AwsS3Bucket', id: '</script><script>alert(1)</script>', arn: 'arn:aws:s3:::x' } })] });
    expect(closing.match(/<\/script>/g)).toHaveLength(2);
    expect(dataOf(closing).f[0]![4]).toBe('</script><script>alert(1)</script>');
  });

  it('embeds each check once and each finding as a short array, grouped by check in display order', () => {
    const data = dataOf(html);
    expect(data.f).toHaveLength(findings.length);
    // Checks with open failures first (worst severity first), then by id; within a check FAIL, ERROR, PASS, open first.
    const order = data.f.map((f) => `${data.c[f[0]]![0]}:${['FAIL', 'ERROR', 'PASS'][f[1]]}:${f[4].slice(0, 8)}`);
    expect(order).toEqual(['iam.root-mfa:FAIL:=cmd|/C ', 's3.bucket-encryption:FAIL:phi, "x"', 's3.bucket-encryption:FAIL:ok-bucke', 'guardduty.enabled:ERROR:ok-bucke', 's3.bucket-encryption:PASS:ok-bucke']);
    // f1, f2 and f5 share s3.bucket-encryption but differ in severity: a group each, with its own metadata; the
    // group whose only failure is suppressed comes after those with open failures.
    expect(data.c.map((c) => `${c[0]}/${c[2]}`)).toEqual(['iam.root-mfa/critical', 's3.bucket-encryption/medium', 's3.bucket-encryption/critical', 'guardduty.enabled/low', 's3.bucket-encryption/high']);
    const f2 = data.f.find((f) => f[4].startsWith('phi'))!;
    expect(data.r[f2[2]]).toBe('eu-west-1');
    expect(data.t[f2[3]]).toBe('AwsS3Bucket');
    expect(f2.slice(4, 7)).toEqual([`phi, "x"\n${XSS}`, `arn:aws:s3:::${XSS}`, `bucket ${XSS} has no 'default' encryption`]);
    const f5 = data.f.find((f) => f[7] !== null)!;
    // Then classification and raised severity: none here (classification off).
    expect(f5.slice(7)).toEqual([`accepted ${XSS}`, '2030-01-01', null, null]);
    // Only https URLs are given as links; the rest are text.
    expect(data.c.find((c) => c[0] === 'iam.root-mfa')!.slice(6)).toEqual(['', 'http://insecure.example/mfa']);
    expect(data.c.find((c) => c[2] === 'high')!.slice(5, 7)).toEqual(['Enable default encryption.', 'https://docs.aws.amazon.com/s3/']);
  });

  it('shows the summary numbers of the report, with the coverage beside the score', () => {
    expect(textOf('score')).toBe('33.3%');
    expect(textOf('coverage')).toBe('80%');
    expect(textOf('count-pass')).toBe('1');
    expect(textOf('count-fail')).toBe('3');
    expect(textOf('count-error')).toBe('1');
    expect(textOf('count-suppressed')).toBe('1');
    expect(textOf('fail-critical')).toBe('2');
    expect(textOf('count-collection-errors')).toBe('2');
    expect(textOf('shown-count')).toBe('5 of 5 findings shown');
    expect(renderHtml({ ...report, summary: { ...report.summary, score: null } })).toContain('id="score">n/a<');
  });

  it('opens an incomplete report with what could not be read and its fix; a complete one has no notice', () => {
    const notice = html.slice(html.indexOf('<section class="alert" id="incomplete-audit">'), html.indexOf('</section>', html.indexOf('id="incomplete-audit"')));
    expect(html.indexOf('id="incomplete-audit"')).toBeLessThan(html.indexOf('id="h-score"'));
    expect(notice).toContain('1 of 5 findings could not be judged (coverage 80%)');
    expect(notice).toContain('<b>guardduty</b> <code>ListDetectors</code>');
    expect(notice).toContain('allow guardduty:ListDetectors &lt;img');
    const complete = renderHtml({ ...report, summary: { ...report.summary, coverage: { judged: 5, notJudged: 0, percent: 100, complete: true, gaps: [] } } });
    expect(complete).not.toContain('Incomplete audit');
    const none = renderHtml({ ...report, summary: { ...report.summary, coverage: { judged: 0, notJudged: 5, percent: 0, complete: false, gaps: [] } } });
    expect(none).toContain('Nothing could be judged: all 5 finding(s) are ERROR');
  });

  it('says when the evidence was collected, apart from when it was evaluated', () => {
    expect(html).toContain('Evidence collected <b>2024-04-28 08:00:00 UTC</b>');
    for (const s of ['111122223333', 'run-1', 'us-east-1, eu-west-1', '<dt>Evaluated</dt><dd>2024-05-01 12:00:00 UTC', '2024-05-01 12:01:30 UTC', '>live<', '>42<', 'hipaa-posture-auditor 0.1.0']) {
      expect(html).toContain(s);
    }
  });

  it('shows the scorecard in rule order, top failing checks and expired suppressions', () => {
    const card = html.slice(html.indexOf('id="hipaa-scorecard"'), html.indexOf('</table>', html.indexOf('id="hipaa-scorecard"')));
    const order = ['164.308(a)(1)(ii)(D)', '164.312(a)(2)(iv)', '164.312(d)'].map((s) => card.indexOf(s));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(card).toContain('style="width:50%"');
    expect(html).toContain('id="top-failing"');
    expect(html).toContain('id="expired-suppressions"');
  });

  it('prints an auditor copy: summary with coverage and evidence date, scorecard, every open failure with its fix once per check', () => {
    const copy = printOf(html);
    expect(html).toMatch(/@media print\{[^}]*main[^}]*\{display:none!important\}/);
    expect(html).toContain('.print-only{display:none}');
    expect(copy).toContain('evidence collected <b>2024-04-28 08:00:00 UTC</b>');
    expect(copy).toContain('<th>Coverage</th><td><b>80%</b>: 4 judged, 1 not judged (incomplete audit)</td>');
    expect(copy).toContain('Incomplete audit');
    expect(copy).toContain('<th class="num">Failing resources</th>');
    expect(copy).toContain('Failing findings (2 open, by check)');
    // The open failures (f3, f2) with their remediation once each; not the suppressed one, not PASS or ERROR.
    expect(copy).toContain('<b>Remediation:</b> Enable MFA.');
    expect(copy).toContain(`<b>Remediation:</b> Fix &lt;img src=x onerror=alert(1)&gt; <span class="url">javascript:alert(1)</span>`);
    expect(copy.split('<b>Remediation:</b>')).toHaveLength(3);
    expect(copy).toContain('<b>=cmd|/C calc!A0</b>');
    expect(copy).toContain('<b>phi, &quot;x&quot;\n&lt;img src=x onerror=alert(1)&gt;</b>');
    expect(copy).not.toContain('ok-bucket</b>');
    expect(copy).toContain('Suppressed failures (1)');
    expect(copy).toContain('accepted &lt;img src=x onerror=alert(1)&gt;');
  });

  it('loads nothing external and links nothing in the static page', () => {
    const tags = html.match(/<[a-zA-Z][^>]*>/g) ?? [];
    // Attribute names only (every value is double-quoted and escaped, so it holds no raw quote).
    const shapes = tags.map((t) => t.replace(/="[^"]*"/g, '=""'));
    expect(shapes.filter((t) => /\s(src|srcset|action|formaction|poster|background|xmlns|href)=/i.test(t))).toEqual([]);
    expect(shapes.filter((t) => /^<(link|iframe|object|embed|img|base|form)\b/i.test(t))).toEqual([]);
    const style = html.match(/<style>([\s\S]*?)<\/style>/)![1]!;
    const script = html.match(/<script>([\s\S]*?)<\/script>/)![1]!;
    for (const code of [style, script]) expect(code).not.toMatch(/:\/\/[a-z]|@import|url\(|fetch|XMLHttpRequest|innerHTML|insertAdjacentHTML|document\.write/i);
  });

  it('does not link non-https remediation URLs', () => {
    expect(safeHttpsUrl('javascript:alert(1)')).toBeNull();
    expect(safeHttpsUrl(' JAVASCRIPT:alert(1)//https://x')).toBeNull();
    expect(safeHttpsUrl('data:text/html,x')).toBeNull();
    expect(safeHttpsUrl('https://docs.aws.amazon.com/a?b=1&c="2"')).toBe('https://docs.aws.amazon.com/a?b=1&c=%222%22');
  });

  it('allows only its own inline script by hash in the CSP; the data block is not a script that runs', () => {
    const script = html.match(/<script>([\s\S]*?)<\/script>/)![1]!;
    const hash = createHash('sha256').update(script).digest('base64');
    expect(html).toContain(`script-src 'sha256-${hash}'`);
    expect(html).toContain("default-src 'none'");
    expect(html.match(/<script/g)).toEqual(['<script', '<script']);
    expect(html).toContain('<script type="application/json" id="report-data">');
  });

  it('mutes the severity chip of PASS and ERROR rows (the client adds `muted` unless FAIL)', () => {
    expect(html).toContain(".chip.muted{");
    // The row's own severity: the check's, or the one raised for ePHI (f[10]).
    expect(html).toContain("chip('sev',f[10]||c[2],st!=='FAIL')");
  });

  describe('trend', () => {
    const point = (runId: string, startedAt: string, score: number | null, fail = 3, collectedAt?: string) => ({ runId, startedAt, ...(collectedAt ? { collectedAt } : {}), score, fail, pass: 5, error: 1 });

    it('explains that the trend needs a second run when there is no history', () => {
      expect(html).toContain('id="trend-empty"');
      expect(html).toContain('The trend appears after the second run stored in S3');
      expect(html).not.toContain('<svg id="trend-chart"');
      expect(renderHtml(report, { trendNote: `history denied ${XSS}` })).toContain('history denied &lt;img');
    });

    it('draws the stored runs and this one, placed by evidence date, with a gap where a run had no score', () => {
      const history = [
        point('old-2', '2024-04-20T12:00:00.000Z', null, 9),
        point('old-1', '2024-04-30T12:00:00.000Z', 20, 3, '2024-04-10T12:00:00.000Z'),
        point('old-3', '2024-04-27T12:00:00.000Z', 30),
        point('run-1', '2024-05-01T12:00:00.000Z', 99), // the current run, as stored: the report's own figures win
      ];
      const out = renderHtml(report, { history, trendSource: 'runs in reports/111122223333/' });
      const svg = out.match(/<svg id="trend-chart"[\s\S]*?<\/svg>/)![0];
      expect(svg).toContain('data-points="4"');
      expect(svg.match(/<rect class="trend-bar"/g)).toHaveLength(4);
      const tips = [...svg.matchAll(/<circle class="trend-point[^"]*"[^>]*><title>([^<]*)<\/title>/g)].map((m) => m[1]);
      expect(tips).toEqual([
        '2024-04-10 12:00 UTC: score 20%, 3 FAIL, 5 PASS, 1 ERROR (run old-1)',
        '2024-04-27 12:00 UTC: score 30%, 3 FAIL, 5 PASS, 1 ERROR (run old-3)',
        '2024-04-28 08:00 UTC: score 33.3%, 3 FAIL, 1 PASS, 1 ERROR (run run-1)',
      ]);
      expect(svg.match(/<polyline/g)).toHaveLength(1);
      expect(out).toMatch(/id="score-delta">&#9650; \+3.3 pts <span class="muted">since 2024-04-27/);
      expect(out).toContain('<table id="recent-runs"');
      expect(textOf('trend-source', out)).toBe('last 4 runs of the same checks and regions runs in reports/111122223333/, by evidence date');
      expect(out).not.toContain('id="trend-empty"');
      expect(out).not.toContain('stored in S3');
    });

    it('shows one point for replays of the same evidence, and marks a change of scope', () => {
      const out = renderHtml(report, {
        history: [point('earlier-replay', '2024-04-29T00:00:00.000Z', 10, 3, report.run.collectedAt), point('old', '2024-04-01T00:00:00.000Z', 20)],
        otherScopes: 3,
      });
      expect(out).toContain('data-points="2"');
      expect(out).not.toContain('earlier-replay');
      expect(textOf('scope-note', out)).toBe('Scope changed: 3 earlier runs of this account audited other checks or regions and are not compared.');
    });

    it('escapes run ids from stored summaries', () => {
      const out = renderHtml(report, { history: [point(XSS, '2024-04-10T12:00:00.000Z', 20)] });
      expect(out).not.toContain('<img');
      expect(out).toContain('(run &lt;img src=x onerror=alert(1)&gt;)');
    });
  });
});
