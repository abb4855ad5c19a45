/**
 * The dashboards in a real browser: headless Chromium (Debian package `chromium`, or CHROMIUM_PATH, or a Chrome on
 * PATH; see chromium.ts) driven by playwright-core, over the demo account plus a bucket whose name is an HTML
 * injection. Every browser test lives in this file: without a browser it fails once, with the fix.
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
import { describeInBrowser } from './chromium';
import { demoHistory, demoRun, largeReport, launchChromium, XSS } from './demo';

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

describeInBrowser('the dashboards in Chromium', () => {
let main: Watched;

beforeAll(async () => {
  browser = await launchChromium();
  report = (await demoRun(true)).report;
  dir = mkdtempSync(join(tmpdir(), 'dashboard-'));
  writeFileSync(join(dir, 'report.html'), renderHtml(report));
  writeFileSync(join(dir, 'trend.html'), renderHtml(report, { history: demoHistory(report.run.startedAt) }));
  const entry = orgEntry(summaryRecord(report, { report: `runs/${report.run.accountId}/${report.run.id}/report.html`, findingsJson: 'f' }));
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

/** What the page functions below use of the page's globals. */
interface PageGlobals {
  document: { getElementById(id: string): { textContent: string | null } | null; querySelectorAll(selector: string): { length: number } };
}

const background = (e: unknown): string => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(e).backgroundColor;

const rendered = (page: Page): Promise<number> => page.locator('#findings tr.finding').count();
const count = (pred: (f: FindingsReport['findings'][number]) => boolean): number => report.findings.filter(pred).length;
/** The table shows a page of 100 at most; the counter says how many match. */
async function shows(page: Page, n: number, total = report.findings.length): Promise<void> {
  // A function, not a string: the report's CSP forbids eval. It runs in the page (the type-check has no DOM library).
  await page.waitForFunction((t) => (globalThis as unknown as PageGlobals).document.getElementById('shown-count')?.textContent === t, `${n} of ${total} findings shown`, { timeout: 10_000 });
  expect(await rendered(page)).toBe(Math.min(n, 100));
}

async function resetFilters(page: Page): Promise<void> {
  await page.click('#reset-filters');
  await shows(page, report.findings.length);
}

describe('report.html in Chromium', () => {
  it('renders with no console error, no dialog and no request but the file itself', async () => {
    expect(await main.page.title()).toBe(`HIPAA posture report - ${report.run.accountId}`);
    expect(main.errors).toEqual([]);
    expect(main.dialogs).toEqual([]);
    expect(main.requests).toEqual([pathToFileURL(join(dir, 'report.html')).href]);
  });

  it("shows the summary's numbers, the coverage and the incomplete-audit notice", async () => {
    const s = report.summary;
    const text = (sel: string) => main.page.locator(sel).innerText();
    expect(await text('#score')).toBe(`${s.score}%`);
    expect(await text('#coverage')).toBe(`${s.coverage.percent}%`);
    expect(await text('#count-fail')).toBe(String(s.byStatus.FAIL));
    expect(await text('#count-error')).toBe(String(s.byStatus.ERROR));
    expect(await text('#count-pass')).toBe(String(s.byStatus.PASS));
    expect(await text('#count-suppressed')).toBe(String(s.suppressed));
    expect(await text('#count-collection-errors')).toBe(String(s.collectionErrors));
    expect(await text('#count-total')).toBe(String(s.total));
    for (const sev of SEVERITIES) expect(await text(`#fail-${sev}`)).toBe(String(s.bySeverity[sev].FAIL));
    expect(await main.page.locator('#hipaa-scorecard tbody tr:not(.group)').count()).toBe(s.hipaa.length);
    expect(await main.page.locator('#top-failing tr').count()).toBe(s.topFailingChecks.length);
    await shows(main.page, report.findings.length);
    expect(await text('#trend-empty')).toContain('The trend appears after the second run stored in S3');
    expect(s.coverage.complete).toBe(false); // the demo account denies a few reads
    expect(await main.page.locator('#incomplete-audit').isVisible()).toBe(true);
    expect(await main.page.locator('#incomplete-audit table.gaps tbody tr').count()).toBe(s.coverage.gaps.length);
    expect(await text('#evidence-date')).toContain(report.run.collectedAt.slice(0, 10));
  });

  it('groups the rows by check, a page at a time', async () => {
    const { page } = main;
    const groups = await page.locator('#findings tr.check-row .g-check').allTextContents();
    expect(groups.length).toBeGreaterThan(1);
    expect(await page.locator('#findings tr.check-row').first().locator('.g-count').innerText()).toMatch(/^\d+ findings?$/);
    expect(report.findings.length).toBeGreaterThan(100);
    expect(await page.locator('#pager').isVisible()).toBe(true);
    const n = report.findings.length;
    const pages = Math.ceil(n / 100);
    expect(await page.locator('#page-info').innerText()).toBe(`Page 1 of ${pages} (findings 1-100)`);
    await page.click('#page-next');
    expect(await rendered(page)).toBe(Math.min(100, n - 100));
    expect(await page.locator('#page-info').innerText()).toBe(`Page 2 of ${pages} (findings 101-${Math.min(200, n)})`);
    for (let p = 3; p <= pages; p += 1) await page.click('#page-next');
    expect(await rendered(page)).toBe(n - (pages - 1) * 100);
    expect(await page.locator('#page-next').isDisabled()).toBe(true);
    await page.click('#page-prev');
    expect(await rendered(page)).toBe(100);
  });

  it('filters the findings by status, severity, service, region, HIPAA section and search', async () => {
    const { page } = main;
    await page.selectOption('#filter-status', 'FAIL');
    await shows(page, count((f) => f.status === 'FAIL'));
    expect(new Set(await page.locator('#findings tr.finding').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status'))))).toEqual(new Set(['FAIL']));
    await page.selectOption('#filter-severity', 'high');
    await shows(page, count((f) => f.status === 'FAIL' && f.severity === 'high'));
    await resetFilters(page);

    await page.selectOption('#filter-service', 's3');
    await shows(page, count((f) => f.checkId.startsWith('s3.')));
    await page.selectOption('#filter-region', 'eu-west-1');
    const s3EuWest1 = count((f) => f.checkId.startsWith('s3.') && f.region === 'eu-west-1');
    expect(s3EuWest1).toBeGreaterThan(0);
    await shows(page, s3EuWest1);
    await resetFilters(page);

    await page.selectOption('#filter-hipaa', '164.312(b)');
    await shows(page, count((f) => f.hipaa.includes('164.312(b)')));
    await resetFilters(page);

    await page.fill('#search', 'PATIENT-PORTAL');
    const portal = count((f) => [f.resource.id, f.resource.arn, f.message].join(' ').toLowerCase().includes('patient-portal'));
    expect(portal).toBeGreaterThan(0);
    await shows(page, portal);
    await page.fill('#search', 'no such thing anywhere');
    await shows(page, 0);
    expect(await page.locator('#no-match').isVisible()).toBe(true);
    await resetFilters(page);
  });

  it('narrows the table from the severity list and the scorecard', async () => {
    const { page } = main;
    await page.click('#fail-critical');
    await shows(page, count((f) => f.status === 'FAIL' && f.severity === 'critical'));
    expect(await page.locator('#filter-severity').inputValue()).toBe('critical');
    await page.locator('#hipaa-scorecard button[data-value="164.312(d)"]').click();
    await shows(page, count((f) => f.status === 'FAIL' && f.hipaa.includes('164.312(d)')));
    await resetFilters(page);
  });

  it('shows the hostile bucket name as text: no element, no script, no dialog', async () => {
    const { page } = main;
    await page.fill('#search', 'onerror=alert');
    const hostile = count((f) => f.resource.id === XSS);
    expect(hostile).toBeGreaterThan(0);
    await shows(page, hostile);
    const ids = await page.locator('#findings tr.finding .res-id').allTextContents();
    expect(ids).toEqual(Array(hostile).fill(XSS));
    expect(await page.locator('#findings tr.finding .f-msg').first().textContent()).toContain(XSS);
    expect(await page.locator('img').count()).toBe(0);
    expect(main.dialogs).toEqual([]);
    expect(main.errors).toEqual([]);
    await resetFilters(page);
  });

  it('mutes the severity of PASS and ERROR rows; only FAIL rows carry the alert colours', async () => {
    const { page } = main;
    for (const [status, muted] of [['PASS', true], ['ERROR', true], ['FAIL', false]] as const) {
      await page.selectOption('#filter-status', status);
      const chips = page.locator('#findings tr.finding td:nth-child(2) .chip');
      expect(await chips.count()).toBeGreaterThan(0);
      const classes = await chips.evaluateAll((els) => els.map((e) => e.className));
      expect(classes.every((c) => c.includes('muted') === muted)).toBe(true);
    }
    const critical = await page.locator('#findings tr.finding .chip.sev-critical').first().evaluate(background);
    await page.selectOption('#filter-status', 'PASS');
    await page.selectOption('#filter-severity', 'critical');
    const mutedBg = await page.locator('#findings tr.finding .chip.sev-critical').first().evaluate(background);
    expect(mutedBg).not.toBe(critical);
    expect(mutedBg).toBe('rgba(0, 0, 0, 0)');
    await resetFilters(page);
  });

  it("keeps the message readable and the check's remediation folded until asked for", async () => {
    const { page } = main;
    const first = page.locator('#findings tr.finding').first();
    const width = await first.locator('.f-msg').evaluate((el) => el.getBoundingClientRect().width);
    expect(width).toBeGreaterThan(450);
    const fix = page.locator('#findings tr.check-row details.fix').first();
    expect(await fix.locator('p').isVisible()).toBe(false);
    await fix.locator('summary').click();
    expect(await fix.locator('p').isVisible()).toBe(true);
    expect(await fix.locator('a.remediation-link').getAttribute('href')).toMatch(/^https:\/\//);
  });

  it('prints the auditor copy: summary, scorecard and every failing check with its remediation text', async () => {
    const page = await browser!.newPage({ viewport: { width: 1000, height: 1200 } });
    await page.goto(pathToFileURL(join(dir, 'report.html')).href);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('main').isVisible()).toBe(false);
    const copy = page.locator('#print-copy');
    expect(await copy.isVisible()).toBe(true);
    const text = await copy.innerText();
    expect(text).toContain(`Coverage\t${report.summary.coverage.percent}%`);
    expect(text).toContain(`evidence collected ${report.run.collectedAt.slice(0, 10)}`);
    const failing = report.findings.filter((f) => f.status === 'FAIL' && !f.suppressed);
    for (const checkId of new Set(failing.map((f) => f.checkId))) {
      const remediation = failing.find((f) => f.checkId === checkId)!.remediation.text;
      expect(text).toContain(remediation.replace(/\s+/g, ' ').slice(0, 60));
    }
    // One group a check, at the check's own severity (failures raised for ePHI stay in their check's group).
    expect(await copy.locator('.pc-fix').count()).toBe(new Set(failing.map((f) => `${f.checkId}|${f.baseSeverity ?? f.severity}`)).size);
    expect(await copy.locator('table.pc-res tbody tr').count()).toBe(failing.length);
    expect(await copy.locator('.pc-check b', { hasText: XSS }).count()).toBeGreaterThan(0);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.close();
  });

  it('shows where ePHI lives: every ePHI resource once, by service and region, the ineligible one first, and narrows the table to ePHI failures', async () => {
    const { page } = main;
    const ephi = new Set(report.findings.filter((f) => f.classification === 'ephi' && f.resource.type !== 'AwsAccount').map((f) => f.resource.arn));
    expect(ephi.size).toBeGreaterThan(20);
    expect(await page.locator('#ephi-groups li.ephi-res').count()).toBe(ephi.size);
    // The Lightsail database (not HIPAA eligible) leads the view.
    expect(await page.locator('#ephi-groups details.ephi-group').first().locator('.ephi-svc').textContent()).toBe('lightsail');
    expect(await page.locator('#ephi-card .chip.ephi-inel').count()).toBe(1);
    // Groups with open failures are open; the hostile bucket name is text there too.
    expect(await page.locator('#ephi-groups .res-id', { hasText: XSS }).count()).toBe(1);
    expect(await page.locator('img').count()).toBe(0);
    const unclassified = report.findings.filter((f) => f.checkId === 'account.ephi-stores-classified' && f.status === 'FAIL').length;
    expect(await page.locator('#ephi-unclassified tbody tr').count()).toBe(unclassified);

    await page.click('#ephi-card .ephi-jump');
    await shows(page, count((f) => f.status === 'FAIL' && f.classification === 'ephi'));
    expect(await page.locator('#filter-classification').inputValue()).toBe('ephi');
    // A failure raised for ePHI shows its raised severity, and from what.
    const raised = report.findings.find((f) => f.baseSeverity && f.status === 'FAIL');
    expect(raised).toBeDefined();
    await page.fill('#search', raised!.resource.id);
    await page.selectOption('#filter-severity', raised!.severity);
    await shows(page, count((f) => f.classification === 'ephi' && f.status === 'FAIL' && f.severity === raised!.severity && [f.checkId, f.title, f.resource.id, f.resource.arn, f.message, f.region, ...f.controls].join(' ').toLowerCase().includes(raised!.resource.id.toLowerCase())));
    expect(await page.locator('#findings tr.finding .raised').first().textContent()).toBe(`raised from ${raised!.baseSeverity} (ePHI)`);
    await resetFilters(page);
    // A result its check rates apart (the AdministratorAccess holders, informational) shows its own severity and the
    // check's, never as raised, and sits in its check's one group.
    const note = report.findings.find((f) => f.checkId === 'iam.no-full-admin-policies' && f.resource.type === 'AwsAccount');
    expect(note).toMatchObject({ severity: 'informational', baseSeverity: 'high' });
    await page.fill('#search', 'for access review');
    await shows(page, count((f) => f.message.toLowerCase().includes('for access review')));
    const noteRow = page.locator('#findings tr.finding', { hasText: 'hold AdministratorAccess' });
    expect(await noteRow.locator('.chip.sev-informational').count()).toBe(1);
    expect(await noteRow.locator('.own-sev').textContent()).toBe('check: high');
    expect(await noteRow.locator('.raised').count()).toBe(0);
    await resetFilters(page);
    await page.selectOption('#filter-severity', 'informational');
    await shows(page, count((f) => f.severity === 'informational'));
    await resetFilters(page);
    await page.selectOption('#filter-classification', 'not-ephi');
    await shows(page, count((f) => f.classification === 'not-ephi'));
    await resetFilters(page);
    expect(main.errors).toEqual([]);
  });

  it('at 400 px the ePHI view fits the screen', async () => {
    const page = await browser!.newPage({ viewport: { width: 400, height: 800 } });
    await page.goto(pathToFileURL(join(dir, 'report.html')).href);
    // Every group and the unclassified stores unfolded.
    await page.locator('#ephi-card details').evaluateAll((ds) => ds.forEach((d) => d.setAttribute('open', '')));
    expect(await page.locator('#ephi-unclassified').isVisible()).toBe(true);
    for (const box of await page.locator('#ephi-card .ephi-fail, #ephi-card .res-id, #ephi-card .ephi-open, #ephi-unclassified td').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().right))) {
      expect(box).toBeLessThanOrEqual(400);
    }
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(400);
    await page.close();
  });

  it('at 400 px the scorecard shows every pass rate on screen, and the page does not scroll sideways', async () => {
    const page = await browser!.newPage({ viewport: { width: 400, height: 800 } });
    await page.goto(pathToFileURL(join(dir, 'report.html')).href);
    const rates = page.locator('#hipaa-scorecard .rate > span');
    expect(await rates.count()).toBe(report.summary.hipaa.filter((h) => h.passRate !== null).length);
    for (const box of await rates.evaluateAll((els) => els.map((e) => { const r = e.getBoundingClientRect(); return { left: r.left, right: r.right, width: r.width }; }))) {
      expect(box.width).toBeGreaterThan(0);
      expect(box.left).toBeGreaterThanOrEqual(0);
      expect(box.right).toBeLessThanOrEqual(400);
    }
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(400);
    expect(await page.locator('#findings tr.finding .res-id').first().isVisible()).toBe(true);
    await page.close();
  });

  it('filters 10,000 findings by search, statuses and pages', async () => {
    const large = await largeReport(10_000);
    writeFileSync(join(dir, 'large.html'), renderHtml(large));
    const w = await open('large.html');
    const { page } = w;
    await shows(page, 10_000, 10_000);
    expect(await page.locator('#page-info').innerText()).toBe('Page 1 of 100 (findings 1-100)');
    await page.locator('#search').pressSequentially('patient-portal-db', { delay: 5 });
    const match = large.findings.filter((f) => [f.checkId, f.title, f.resource.type, f.resource.id, f.resource.arn, f.message, f.region, ...f.controls].join(' ').toLowerCase().includes('patient-portal-db')).length;
    expect(match).toBeGreaterThan(100);
    await shows(page, match, 10_000);
    await page.selectOption('#filter-status', 'FAIL');
    await shows(page, large.findings.filter((f) => f.status === 'FAIL' && `${f.resource.id} ${f.resource.arn} ${f.message}`.toLowerCase().includes('patient-portal-db')).length, 10_000);
    expect(w.errors).toEqual([]);
    await page.close();
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
    // The link follows the account's latest/ pointer to that run's own report.
    expect(await ok.locator('a.acct').getAttribute('href')).toBe(`../runs/${report.run.accountId}/${report.run.id}/report.html`);
    expect(await ok.innerText()).toContain(`${report.summary.score}%`);
    expect(await w.page.locator('img, script').count()).toBe(0);
    expect(w.errors).toEqual([]);
    expect(w.dialogs).toEqual([]);
    await w.page.close();
  });
});
});
