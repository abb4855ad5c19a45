import { accessSync, closeSync, constants, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { FindingsReport } from '../evaluate/finding';
import type { Inventory } from '../inventory/types';
import { csvChunks } from '../report/csv';
import { htmlChunks, type RenderOptions } from '../report/html';
import { jsonDocument } from '../report/json-stream';
import { SUMMARY_FILE } from './local-history';
import { summaryRecord } from './s3/records';

export const FORMATS = ['json', 'csv', 'html'] as const;
export type Format = (typeof FORMATS)[number];

/** Each format renders in pieces, written as they come: memory stays flat however many findings there are. */
const FILES: Record<Format, { name: string; render: (r: FindingsReport, html: RenderOptions) => Iterable<string> }> = {
  json: { name: 'findings.json', render: (r) => jsonDocument(r, 3) },
  csv: { name: 'findings.csv', render: (r) => csvChunks(r) },
  html: { name: 'report.html', render: (r, html) => htmlChunks(r, html) },
};

/** Writes the pieces to `path` (created 0600), through a 1 MB buffer. */
export function writeChunks(path: string, chunks: Iterable<string>): void {
  const fd = openSync(path, 'w', 0o600);
  try {
    let pending: string[] = [];
    let size = 0;
    const flush = () => {
      if (pending.length) writeSync(fd, pending.join(''));
      pending = [];
      size = 0;
    };
    for (const chunk of chunks) {
      pending.push(chunk);
      size += chunk.length;
      if (size >= 1 << 20) flush();
    }
    flush();
  } finally {
    closeSync(fd);
  }
}

/** `reports/<account>/<UTC timestamp>`: sortable, and safe in file names on every OS. */
export function defaultOutputDir(root: string, report: FindingsReport): string {
  const stamp = report.run.startedAt.replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '-');
  return join(root, report.run.accountId, stamp);
}

/** Why `dir` cannot receive a report (without creating anything), or null when it can. */
export function unwritableReason(dir: string): string | null {
  let current = resolve(dir);
  for (;;) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(current).isDirectory();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') return `${current} cannot be read (${code ?? (error as Error).message})`;
      const parent = dirname(current);
      if (parent === current) return `${current} does not exist`;
      current = parent;
      continue;
    }
    if (!isDirectory) return `${current} is a file, not a folder`;
    try {
      accessSync(current, constants.W_OK);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return code === 'EROFS' ? `${current} is on a read-only file system` : `this user may not write in ${current} (${code ?? 'denied'})`;
    }
    return null;
  }
}

/** The one line a report that cannot be written gets, with its fix. */
export const cannotWrite = (dir: string, reason: string): string =>
  `cannot write the report to ${dir}: ${reason}. Fix: choose a folder this user can write with --output-dir, or make ${dir} writable.`;

/**
 * Writes the chosen formats, the run's summary.json (what the local trend reads) and the inventory (the evidence,
 * always). Each file is streamed to a temporary name and all of them land by rename only once every one is written,
 * so a failure never leaves a half-written report; a format named twice is written once.
 */
export function writeLocalReport(dir: string, report: FindingsReport, inventory: Inventory, formats: readonly Format[], html: RenderOptions = {}): string[] {
  const chosen = [...new Set(formats)];
  const outputs: Array<{ name: string; body: () => Iterable<string> }> = chosen.map((f) => ({ name: FILES[f].name, body: () => FILES[f].render(report, html) }));
  const summary = summaryRecord(report, { report: chosen.includes('html') ? FILES.html.name : '', findingsJson: chosen.includes('json') ? FILES.json.name : '' });
  outputs.push({ name: SUMMARY_FILE, body: () => [`${JSON.stringify(summary)}\n`] });
  outputs.push({ name: 'inventory.json', body: () => jsonDocument(inventory, 5) });
  mkdirSync(dir, { recursive: true });
  const temps: string[] = [];
  try {
    for (const o of outputs) {
      const temp = join(dir, `.${o.name}.${process.pid}.tmp`);
      temps.push(temp);
      writeChunks(temp, o.body());
    }
    outputs.forEach((o, i) => renameSync(temps[i] as string, join(dir, o.name)));
  } catch (error) {
    for (const t of temps) rmSync(t, { force: true });
    throw error;
  }
  return outputs.map((o) => join(dir, o.name));
}
