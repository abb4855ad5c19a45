/**
 * The dashboards in a real browser: headless Chromium (Debian package `chromium`) driven by playwright-core, over
 * the demo account plus a bucket whose name is an HTML injection. Missing Chromium fails the suite (it does not
 * skip): apt-get install chromium.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import type { FindingsReport } from '../../src/evaluate/finding';
import { SEVERITIES } from '../../src/evaluate/types';
import { orgEntry } from '../../src/publish/s3/org-index';
import { summaryRecord } from '../../src/publish/s3/records';
import { renderOrgIndex } from '../../src/report/dashboard/org-index';
import { renderHtml } from '../../src/report/html';
import { demoHistory, demoRun, launchChromium, XSS } from './demo';

jest.setTimeout(60_000);

let browser: Browser | undefined;
let report: FindingsReport;
let dir: string;

interface Watched {
  page: Page;
  errors: string[];
  dialogs: string[];
  requests: string[];
}

async function open(file: string): Promise<Watched> {
  const page = await browser!.newPage({ viewport: { width: 1440, height: 900 } });
  const w: Watched = { page, errors: [], dialogs: [], requests: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') w.errors.push(m.text());
  });
  page.on('pageerror', (e) => w.errors.push(e.message));
  page.on('dialog', (d) => {
    w.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('request', (r) => w.requests.push(r.url()));
  await page.goto(pathToFileURL(join(dir, file)).href);
  return w;
}

let main: Watched;

beforeAll(async () => {
  browser = await launchChromium();
  report = (await demoRun(true)).report;
  dir = mkdtempSync(join(tmpdir(), 'dashboard-'));
  writeFileSync(join(dir, 'report.html'), renderHtml(report));
  writeFileSync(join(dir, 'trend.html'), renderHtml(report, { history: demoHistory(report.run.startedAt) }));
  const entry = orgEntry(summaryRecord(report, { report: 'r', findingsJson: 'f' }));
  writeFileSync(
    join(dir, 'index.html'),
    renderOrgIndex({
      accounts: [entry],
      failures: [{ accountId: '210987654321', accountName: `sandbox ${XSS}`, reason: `AccessDenied: ${XSS}` }],
      generatedAt: report.run.finishedAt,
      tool: report.tool,
    }),
  );
  main = await open('report.html');
});

afterAll(async () => {
  await browser?.close();
});

const visibleRows = (page: Page): Promise<number> => page.locator('#findings tr.finding:visible').count();
const count = (pred: (f: FindingsReport['findings'][number]) => boolean): number => report.findings.filter(pred).length;

async function resetFilters(page: Page): Promise<void> {
  await page.click('#reset-filters');
  expect(await visibleRows(page)).toBe(report.findings.length);
}

describe('report.html in Chromium', () => {
  it('renders with no console error, no dialog and no request but the file itself', async () => {
    expect(await main.page.title()).toBe(`HIPAA posture report - ${report.run.accountId}`);
    expect(main.errors).toEqual([]);
    expect(main.dialogs).toEqual([]);
    expect(main.requests).toEqual([pathToFileURL(join(dir, 'report.html')).href]);
  });

  it("shows the summary's numbers", async () => {
    const s = report.summary;
    const text = (sel: string) => main.page.locator(sel).innerText();
    expect(await text('#score')).toBe(`${s.score}%`);
    expect(await text('#count-fail')).toBe(String(s.byStatus.FAIL));
    expect(await text('#count-error')).toBe(String(s.byStatus.ERROR));
    expect(await text('#count-pass')).toBe(String(s.byStatus.PASS));
    expect(await text('#count-suppressed')).toBe(String(s.suppressed));
    expect(await text('#count-collection-errors')).toBe(String(s.collectionErrors));
    expect(await text('#count-total')).toBe(String(s.total));
    for (const sev of SEVERITIES) expect(await text(`#fail-${sev}`)).toBe(String(s.bySeverity[sev].FAIL));
    expect(await main.page.locator('#hipaa-scorecard tbody tr:not(.group)').count()).toBe(s.hipaa.length);
    expect(await main.page.locator('#top-failing tr').count()).toBe(s.topFailingChecks.length);
    expect(await main.page.locator('#findings tr.finding').count()).toBe(report.findings.length);
    expect(await text('#shown-count')).toBe(`${report.findings.length} of ${report.findings.length} findings shown`);
    expect(await text('#trend-empty')).toContain('The trend appears after the second run stored in S3');
  });

  it('filters the findings by status, severity, service, region, HIPAA section and search', async () => {
    const { page } = main;
    await page.selectOption('#filter-status', 'FAIL');
    expect(await visibleRows(page)).toBe(count((f) => f.status === 'FAIL'));
    await page.selectOption('#filter-severity', 'high');
    expect(await visibleRows(page)).toBe(count((f) => f.status === 'FAIL' && f.severity === 'high'));
    expect(await page.locator('#shown-count').innerText()).toBe(`${count((f) => f.status === 'FAIL' && f.severity === 'high')} of ${report.findings.length} findings shown`);
    await resetFilters(page);

    await page.selectOption('#filter-service', 's3');
    expect(await visibleRows(page)).toBe(count((f) => f.checkId.startsWith('s3.')));
    await page.selectOption('#filter-region', 'eu-west-1');
    const s3EuWest1 = count((f) => f.checkId.startsWith('s3.') && f.region === 'eu-west-1');
    expect(s3EuWest1).toBeGreaterThan(0);
    expect(await visibleRows(page)).toBe(s3EuWest1);
    await resetFilters(page);

    await page.selectOption('#filter-hipaa', '164.312(b)');
    expect(await visibleRows(page)).toBe(count((f) => f.hipaa.includes('164.312(b)')));
    await resetFilters(page);

    await page.fill('#search', 'PATIENT-PORTAL');
    const portal = count((f) => [f.resource.id, f.resource.arn, f.message].join(' ').toLowerCase().includes('patient-portal'));
    expect(portal).toBeGreaterThan(0);
    expect(await visibleRows(page)).toBe(portal);
    await page.fill('#search', 'no such thing anywhere');
    expect(await visibleRows(page)).toBe(0);
    expect(await page.locator('#no-match').isVisible()).toBe(true);
    await resetFilters(page);
  });

  it('narrows the table from the severity list and the scorecard', async () => {
    const { page } = main;
    await page.click('#fail-critical');
    expect(await visibleRows(page)).toBe(count((f) => f.status === 'FAIL' && f.severity === 'critical'));
    expect(await page.locator('#filter-severity').inputValue()).toBe('critical');
    await page.locator('#hipaa-scorecard button[data-value="164.312(d)"]').click();
    expect(await visibleRows(page)).toBe(count((f) => f.status === 'FAIL' && f.hipaa.includes('164.312(d)')));
    await resetFilters(page);
  });

  it('shows the hostile bucket name as text: no element, no script, no dialog', async () => {
    const { page } = main;
    await page.fill('#search', 'onerror=alert');
    const hostile = count((f) => f.resource.id === XSS);
    expect(hostile).toBeGreaterThan(0);
    expect(await visibleRows(page)).toBe(hostile);
    const ids = await page.locator('#findings tr.finding:visible .res-id').allTextContents();
    expect(ids).toEqual(Array(hostile).fill(XSS));
    expect(await page.locator('#findings tr.finding:visible .f-msg').first().textContent()).toContain(XSS);
    expect(await page.locator('img').count()).toBe(0);
    expect(main.dialogs).toEqual([]);
    expect(main.errors).toEqual([]);
    await resetFilters(page);
  });

  it('keeps the message readable and the remediation folded until asked for', async () => {
    const { page } = main;
    const first = page.locator('#findings tr.finding').first();
    const width = await first.locator('.f-msg').evaluate((el) => el.getBoundingClientRect().width);
    expect(width).toBeGreaterThan(450);
    const fix = first.locator('details.fix');
    expect(await fix.locator('p').isVisible()).toBe(false);
    await fix.locator('summary').click();
    expect(await fix.locator('p').isVisible()).toBe(true);
    expect(await fix.locator('a.remediation-link').getAttribute('href')).toMatch(/^https:\/\//);
  });
});

describe('trend and org index in Chromium', () => {
  it('draws the trend as inline SVG from the stored runs', async () => {
    const w = await open('trend.html');
    expect(await w.page.locator('svg#trend-chart').isVisible()).toBe(true);
    expect(await w.page.locator('svg#trend-chart circle.trend-point').count()).toBe(31);
    expect(await w.page.locator('#recent-runs tbody tr').count()).toBe(5);
    expect(w.errors).toEqual([]);
    await w.page.close();
  });

  it('lists the accounts with relative links and shows a failed account with its reason, as text', async () => {
    const w = await open('index.html');
    const rows = w.page.locator('#accounts tr.account');
    expect(await rows.count()).toBe(2);
    const failed = w.page.locator('tr.account[data-account="210987654321"]');
    expect(await failed.locator('.reason').textContent()).toBe(`AccessDenied: ${XSS}`);
    expect(await failed.locator('.acct-name').textContent()).toBe(`sandbox ${XSS}`);
    const ok = w.page.locator(`tr.account[data-account="${report.run.accountId}"]`);
    expect(await ok.locator('a.acct').getAttribute('href')).toBe(`${report.run.accountId}/report.html`);
    expect(await ok.innerText()).toContain(`${report.summary.score}%`);
    expect(await w.page.locator('img, script').count()).toBe(0);
    expect(w.errors).toEqual([]);
    expect(w.dialogs).toEqual([]);
    await w.page.close();
  });
});
