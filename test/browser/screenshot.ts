/**
 * Renders the demo dashboard (with a month of stored runs for the trend) and screenshots it into
 * docs/dashboard.png. Not part of CI: `npx tsx test/browser/screenshot.ts [out.png]`.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderHtml } from '../../src/report/html';
import { demoHistory, demoRun, launchChromium } from './demo';

async function main(): Promise<void> {
  const out = resolve(process.argv[2] ?? join(__dirname, '..', '..', 'docs', 'dashboard.png'));
  const { report } = await demoRun(false);
  const file = join(mkdtempSync(join(tmpdir(), 'dashboard-')), 'report.html');
  writeFileSync(file, renderHtml(report, { history: demoHistory(report.run.startedAt) }));
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, deviceScaleFactor: 1 });
    await page.goto(pathToFileURL(file).href);
    // The findings table scrolls inside its card; the screenshot shows its first rows, the first check's remediation opened.
    await page.locator('#findings tr.check-row details').first().evaluate((d) => d.setAttribute('open', ''));
    await page.screenshot({ path: out, fullPage: true });
    process.stdout.write(`${out}\n`);
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
