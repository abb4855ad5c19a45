import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FindingsReport } from '../evaluate/finding';
import type { Inventory } from '../inventory/types';
import { renderCsv } from '../report/csv';
import { renderHtml, type RenderOptions } from '../report/html';

export const FORMATS = ['json', 'csv', 'html'] as const;
export type Format = (typeof FORMATS)[number];

const FILES: Record<Format, { name: string; render: (r: FindingsReport, html: RenderOptions) => string }> = {
  json: { name: 'findings.json', render: (r) => `${JSON.stringify(r, null, 2)}\n` },
  csv: { name: 'findings.csv', render: (r) => renderCsv(r) },
  html: { name: 'report.html', render: (r, html) => renderHtml(r, html) },
};

/** `reports/<account>/<UTC timestamp>`: sortable, and safe in file names on every OS. */
export function defaultOutputDir(root: string, report: FindingsReport): string {
  const stamp = report.run.startedAt.replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '-');
  return join(root, report.run.accountId, stamp);
}

/**
 * Writes the chosen formats and the inventory (the evidence, always). Everything is rendered first and
 * each file lands by rename, so a failure never leaves a half-written report.
 */
export function writeLocalReport(dir: string, report: FindingsReport, inventory: Inventory, formats: readonly Format[], html: RenderOptions = {}): string[] {
  const outputs: Array<{ name: string; body: string }> = formats.map((f) => ({ name: FILES[f].name, body: FILES[f].render(report, html) }));
  outputs.push({ name: 'inventory.json', body: `${JSON.stringify(inventory, null, 2)}\n` });
  mkdirSync(dir, { recursive: true });
  const temps: string[] = [];
  try {
    for (const o of outputs) {
      const temp = join(dir, `.${o.name}.${process.pid}.tmp`);
      writeFileSync(temp, o.body, { mode: 0o600 });
      temps.push(temp);
    }
    outputs.forEach((o, i) => renameSync(temps[i] as string, join(dir, o.name)));
  } catch (error) {
    for (const t of temps) rmSync(t, { force: true });
    throw error;
  }
  return outputs.map((o) => join(dir, o.name));
}
