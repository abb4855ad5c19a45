import { createHash } from 'node:crypto';
import { runInNewContext } from 'node:vm';
import type { Finding, FindingsReport } from '../../src/evaluate/finding';
import { escapeHtml, renderHtml, safeHttpsUrl } from '../../src/report/html';
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
  },
  findings,
};

const html = renderHtml(report);

const unescape = (s: string): string =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
const textOf = (id: string): string | undefined => html.match(new RegExp(`id="${id}">([^<]*)<`))?.[1];

interface Row {
  id: string;
  data: Record<string, string>;
}
const rows: Row[] = [...html.matchAll(/<tr class="finding[^"]*"([^>]*)>/g)].map((m) => {
  const attrs = Object.fromEntries([...m[1]!.matchAll(/ ([\w-]+)="([^"]*)"/g)].map((a) => [a[1]!, unescape(a[2]!)]));
  const data = Object.fromEntries(Object.entries(attrs).filter(([k]) => k.startsWith('data-')).map(([k, v]) => [k.slice(5), v]));
  return { id: attrs.id!.replace(/^f-/, ''), data };
});

describe('renderHtml', () => {
  it('is a complete HTML5 document', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('</html>');
    expect(html).toContain('<table id="findings">');
    expect(html).toContain('<table id="hipaa-scorecard">');
  });

  it('escapes every attacker-controlled value', () => {
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/onerror=alert\(1\)>/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('phi, &quot;x&quot;');
    expect(html).toContain('&#39;default&#39;');
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });

  it('has one tr.finding per finding with its data attributes', () => {
    expect(rows).toHaveLength(findings.length);
    for (const f of findings) {
      const row = rows.find((r) => r.id === f.id);
      expect(row?.data).toMatchObject({
        status: f.status,
        severity: f.severity,
        service: f.checkId.split('.')[0],
        region: f.region,
        hipaa: f.hipaa.join(' '),
        suppressed: f.suppressed ? 'yes' : 'no',
      });
    }
  });

  it('gives the message its own paragraph and folds the remediation into a <details> in the row', () => {
    const bodies = html.split('<tr class="finding').slice(1).map((r) => r.slice(0, r.indexOf('</tr>')));
    expect(bodies).toHaveLength(findings.length);
    for (const row of bodies) {
      expect(row).toMatch(/<p class="f-msg">[^<]+<\/p>/);
      expect(row).toMatch(/<details class="fix"><summary>Remediation<\/summary><p>[^<]+<\/p>/);
    }
    expect(html).toContain('<p class="f-msg">bucket &lt;img src=x onerror=alert(1)&gt; has no &#39;default&#39; encryption</p>');
  });

  it('sorts FAIL, ERROR, PASS and by severity within', () => {
    expect(rows.map((r) => r.id)).toEqual(['f3', 'f5', 'f2', 'f4', 'f1']);
  });

  it('shows the summary numbers of the report', () => {
    expect(textOf('score')).toBe('33.3%');
    expect(textOf('count-pass')).toBe('1');
    expect(textOf('count-fail')).toBe('3');
    expect(textOf('count-error')).toBe('1');
    expect(textOf('count-suppressed')).toBe('1');
    expect(textOf('fail-critical')).toBe('2');
    expect(textOf('count-collection-errors')).toBe('2');
    expect(textOf('shown-count')).toBe('5 of 5 findings shown');
    expect(renderHtml({ ...report, summary: { ...report.summary, score: null } })).toContain('id="score">n/a<');
  });

  it('shows run details, the scorecard in rule order, top failing checks and expired suppressions', () => {
    for (const s of ['111122223333', 'run-1', 'us-east-1, eu-west-1', '2024-05-01 12:01:30 UTC', '>live<', '>42<', 'hipaa-posture-auditor 0.1.0']) {
      expect(html).toContain(s);
    }
    const card = html.slice(html.indexOf('id="hipaa-scorecard"'), html.indexOf('</table>', html.indexOf('id="hipaa-scorecard"')));
    const order = ['164.308(a)(1)(ii)(D)', '164.312(a)(2)(iv)', '164.312(d)'].map((s) => card.indexOf(s));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(card).toContain('style="width:50%"');
    expect(html).toContain('id="top-failing"');
    expect(html).toContain('id="expired-suppressions"');
  });

  it('loads nothing external; only remediation anchors carry URLs', () => {
    const tags = html.match(/<[a-zA-Z][^>]*>/g) ?? [];
    // Attribute names only (every value is double-quoted and escaped, so it holds no raw quote).
    const shapes = tags.map((t) => t.replace(/="[^"]*"/g, '=""'));
    expect(shapes.filter((t) => /\s(src|srcset|action|formaction|poster|background|xmlns)=/i.test(t))).toEqual([]);
    expect(shapes.filter((t) => /^<(link|iframe|object|embed|img|base|form)\b/i.test(t))).toEqual([]);
    const hrefs = tags.flatMap((t) => [...t.matchAll(/\shref="([^"]*)"/g)].map((m) => ({ tag: t, href: m[1]! })));
    expect(hrefs).toHaveLength(3);
    for (const { tag, href } of hrefs) {
      expect(href).toMatch(/^https:\/\//);
      expect(tag.startsWith('<a class="remediation-link" href=')).toBe(true);
    }
    const style = html.match(/<style>([\s\S]*?)<\/style>/)![1]!;
    const script = html.match(/<script>([\s\S]*?)<\/script>/)![1]!;
    for (const code of [style, script]) expect(code).not.toMatch(/:\/\/|@import|url\(|fetch|XMLHttpRequest/i);
  });

  it('does not link non-https remediation URLs', () => {
    expect(html).not.toMatch(/href="(?!https:\/\/)/);
    expect(html).toContain('<span class="small url">javascript:alert(1)</span>');
    expect(html).toContain('<span class="small url">http://insecure.example/mfa</span>');
    expect(safeHttpsUrl('javascript:alert(1)')).toBeNull();
    expect(safeHttpsUrl(' JAVASCRIPT:alert(1)//https://x')).toBeNull();
    expect(safeHttpsUrl('data:text/html,x')).toBeNull();
    expect(safeHttpsUrl('https://docs.aws.amazon.com/a?b=1&c="2"')).toBe('https://docs.aws.amazon.com/a?b=1&c=%222%22');
  });

  it('allows only its own inline script by hash in the CSP', () => {
    const script = html.match(/<script>([\s\S]*?)<\/script>/)![1]!;
    const hash = createHash('sha256').update(script).digest('base64');
    expect(html).toContain(`script-src 'sha256-${hash}'`);
    expect(html).toContain("default-src 'none'");
    expect(html.match(/<script/g)).toHaveLength(1);
  });

  describe('client-side filters', () => {
    type Control = { value: string; textContent: string; hidden: boolean; listener?: () => void; addEventListener(e: string, fn: () => void): void };
    function page() {
      const control = (): Control => ({ value: '', textContent: '', hidden: false, addEventListener(_e, fn) { this.listener = fn; } });
      const controls: Record<string, Control> = {};
      for (const id of ['filter-status', 'filter-severity', 'filter-service', 'filter-region', 'filter-hipaa', 'search', 'shown-count', 'no-match', 'reset-filters']) {
        controls[id] = control();
      }
      const trs = rows.map((r) => ({ id: r.id, dataset: { ...r.data }, hidden: false }));
      // The shortcut buttons, as rendered: data-filter, data-value, data-status.
      const buttons = [...html.matchAll(/<button type="button" class="[^"]*" data-filter="([^"]*)" data-value="([^"]*)" data-status="([^"]*)">/g)].map((m) => {
        const attrs: Record<string, string> = { 'data-filter': unescape(m[1]!), 'data-value': unescape(m[2]!), 'data-status': unescape(m[3]!) };
        return { ...control(), getAttribute: (name: string) => attrs[name] ?? null };
      });
      const document = {
        getElementById: (id: string) => controls[id],
        querySelectorAll: (selector: string) => (selector === '#findings tr.finding' ? trs : selector === 'button[data-filter]' ? buttons : []),
      };
      runInNewContext(html.match(/<script>([\s\S]*?)<\/script>/)![1]!, { document });
      const visible = (): string[] => trs.filter((t) => !t.hidden).map((t) => t.id);
      const set = (id: string, value: string): string[] => {
        controls[id]!.value = value;
        controls[id]!.listener!();
        return visible();
      };
      const click = (filter: string, value: string): string[] => {
        const b = buttons.find((x) => x.getAttribute('data-filter') === filter && x.getAttribute('data-value') === value);
        if (!b) throw new Error(`no button for ${filter}=${value}`);
        b.listener!();
        return visible();
      };
      return { set, click, controls, visible };
    }

    it('filters rows on the data attributes and updates the counter', () => {
      const { set, controls } = page();
      expect(controls['shown-count']!.textContent).toBe('5 of 5 findings shown');
      expect(set('filter-status', 'FAIL')).toEqual(['f3', 'f5', 'f2']);
      expect(set('filter-severity', 'critical')).toEqual(['f3', 'f5']);
      expect(set('filter-service', 'iam')).toEqual(['f3']);
      expect(controls['shown-count']!.textContent).toBe('1 of 5 findings shown');
      expect(set('filter-region', 'us-east-1')).toEqual([]);
      expect(controls['no-match']!.hidden).toBe(false);
    });

    it('matches HIPAA sections, suppression and free text', () => {
      const { set } = page();
      expect(set('filter-hipaa', '164.312(c)(1)')).toEqual(['f5', 'f2', 'f1']);
      expect(set('filter-status', 'suppressed')).toEqual(['f5']);
      set('filter-status', '');
      set('filter-hipaa', '');
      expect(set('search', '  ONERROR ')).toEqual(['f2']);
      expect(set('search', 'iam.root')).toEqual(['f3']);
      expect(set('search', 'sse-kms')).toEqual(['f5', 'f4', 'f1']);
      expect(set('search', 'iam.9')).toEqual(['f3']);
    });

    it('narrows the table from the severity list, the scorecard and the top failing checks, after a reset', () => {
      const { set, click, controls } = page();
      set('filter-region', 'eu-west-1');
      // Critical failures (the region filter set before is cleared).
      expect(click('filter-severity', 'critical')).toEqual(['f3', 'f5']);
      expect(controls['filter-status']!.value).toBe('FAIL');
      expect(controls['filter-region']!.value).toBe('');
      expect(click('filter-hipaa', '164.312(d)')).toEqual(['f3']);
      expect(click('search', 'iam.root-mfa')).toEqual(['f3']);
      expect(click('filter-status', 'ERROR')).toEqual(['f4']);
      controls['reset-filters']!.listener!();
      expect(controls['shown-count']!.textContent).toBe('5 of 5 findings shown');
    });
  });

  describe('trend', () => {
    const point = (runId: string, startedAt: string, score: number | null, fail = 3) => ({ runId, startedAt, score, fail, pass: 5, error: 1 });

    it('explains that the trend needs a second stored run when there is no history', () => {
      expect(html).toContain('id="trend-empty"');
      expect(html).toContain('The trend appears after the second run stored in S3');
      expect(html).not.toContain('<svg id="trend-chart"');
      expect(renderHtml(report, { trendNote: `history denied ${XSS}` })).toContain('history denied &lt;img');
    });

    it('draws the stored runs and this one as an inline SVG, oldest first, with a gap where a run had no score', () => {
      const history = [
        point('old-2', '2024-04-20T12:00:00.000Z', null, 9),
        point('old-1', '2024-04-10T12:00:00.000Z', 20),
        point('old-3', '2024-04-30T12:00:00.000Z', 30),
        point('run-1', '2024-05-01T12:00:00.000Z', 99), // the current run, as stored: the report's own figures win
      ];
      const out = renderHtml(report, { history });
      const svg = out.match(/<svg id="trend-chart"[\s\S]*?<\/svg>/)![0];
      expect(svg).toContain('data-points="4"');
      expect(svg.match(/<rect class="trend-bar"/g)).toHaveLength(4);
      const tips = [...svg.matchAll(/<circle class="trend-point[^"]*"[^>]*><title>([^<]*)<\/title>/g)].map((m) => m[1]);
      expect(tips).toEqual([
        '2024-04-10 12:00 UTC: score 20%, 3 FAIL, 5 PASS, 1 ERROR (run old-1)',
        '2024-04-30 12:00 UTC: score 30%, 3 FAIL, 5 PASS, 1 ERROR (run old-3)',
        '2024-05-01 12:00 UTC: score 33.3%, 3 FAIL, 1 PASS, 1 ERROR (run run-1)',
      ]);
      // The null run breaks the line: one polyline of one point is not drawn, the other has two.
      expect(svg.match(/<polyline/g)).toHaveLength(1);
      expect(out).toMatch(/id="score-delta">&#9650; \+3.3 pts <span class="muted">since 2024-04-30/);
      expect(out).toContain('<table id="recent-runs"');
      expect(out).not.toContain('id="trend-empty"');
    });

    it('escapes run ids from stored summaries', () => {
      const out = renderHtml(report, { history: [point(XSS, '2024-04-10T12:00:00.000Z', 20)] });
      expect(out).not.toContain('<img');
      expect(out).toContain('(run &lt;img src=x onerror=alert(1)&gt;)');
    });
  });
});
