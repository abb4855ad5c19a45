/**
 * `npm run bench:report`: how fast report.html loads and filters at 10,000 findings in headless Chromium (the
 * browser the tests use, see test/browser/chromium.ts). Renders a report of the demo account's findings repeated
 * to 10,000, then measures: the file's size, the load time (navigation start to the first page of rows drawn,
 * median of 5 loads), and the time from a search keystroke to the filtered table (median over a typed word).
 * Not part of the tests (they never time things). Usage: npx tsx bench/report-load.ts [findings]
 */
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderHtml } from '../src/report/html';
import { launchChromium } from '../test/browser/chromium';
import { largeReport } from '../test/browser/demo';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const size = Number(process.argv[2] ?? 10_000);
  const report = await largeReport(size);
  const file = join(mkdtempSync(join(tmpdir(), 'bench-')), 'report.html');
  const renderStart = performance.now();
  writeFileSync(file, renderHtml(report));
  const renderMs = performance.now() - renderStart;
  const browser = await launchChromium();
  try {
    const loads: number[] = [];
    for (let i = 0; i < 5; i++) {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      const started = Date.now();
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      // A function, not a string: the report's CSP forbids eval.
      await page.waitForFunction(() => (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }).document.querySelectorAll('#findings tr.finding').length > 0);
      loads.push(Date.now() - started);
      await page.close();
    }
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    // Per keystroke: the input event itself (what typing waits for), and input to filtered table (after the pause).
    const word = 'patient-portal-db';
    // Runs in the page (a string: the project's type-check has no DOM library).
    const timings = (await page.evaluate(`(() => {
      const input = document.getElementById('search');
      const count = document.getElementById('shown-count');
      const w = ${JSON.stringify(word)}, out = [];
      for (let i = 1; i <= w.length; i++) {
        const t0 = performance.now();
        input.value = w.slice(0, i);
        input.dispatchEvent(new Event('input'));
        const t1 = performance.now();
        input.dispatchEvent(new Event('search'));
        const t2 = performance.now();
        if (!count.textContent) throw new Error('the counter is empty');
        out.push({ input: t1 - t0, table: t2 - t1 });
      }
      return out;
    })()`)) as Array<{ input: number; table: number }>;
    const pdfStart = Date.now();
    const pdf = await page.pdf({ format: 'A4' });
    const pdfMs = Date.now() - pdfStart;
    const lines = [
      `report.html with ${report.findings.length} findings: ${(statSync(file).size / 1e6).toFixed(1)} MB, rendered in ${renderMs.toFixed(0)} ms`,
      `load to first rows (median of 5): ${median(loads)} ms  [${loads.join(', ')}]`,
      `search keystroke, input handler (median): ${median(timings.map((t) => t.input)).toFixed(2)} ms`,
      `search keystroke, filter + redraw once typing pauses (median): ${median(timings.map((t) => t.table)).toFixed(1)} ms`,
      `print to PDF: ${pdfMs} ms, ${(pdf.length / 1e6).toFixed(1)} MB`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
