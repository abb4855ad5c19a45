import { createHash, randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { FindingsReport } from '../evaluate/finding';
import type { Inventory } from '../inventory/types';
import { buildManifest, MANIFEST_FILE, manifestBytes, type ManifestEntry } from '../evidence/manifest';
import { frameworkView } from '../framework/view';
import { OPEN_FAILURES_FILE, openFailures } from '../report/change';
import { csvChunks } from '../report/csv';
import { htmlChunks, type RenderOptions } from '../report/html';
import { jsonDocument } from '../report/json-stream';
import { junitChunks } from '../report/junit';
import { markdownChunks } from '../report/markdown';
import { ocsfChunks } from '../report/ocsf';
import { SUMMARY_FILE } from './local-history';
import { summaryRecord } from './s3/records';

export const FORMATS = ['json', 'csv', 'html', 'ocsf', 'junit', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];
/** What --format defaults to. */
export const DEFAULT_FORMATS: readonly Format[] = ['json', 'csv', 'html'];

type Render = (r: FindingsReport, options: RenderOptions) => Iterable<string>;

/**
 * Each format's files, rendered in pieces and written as they come: memory stays flat however many findings there
 * are. json: findings.json and the Security Rule view framework.json; ocsf: OCSF 1.1.0 Compliance Findings, one a
 * line; junit: JUnit XML for CI test tabs; markdown: a short summary for pull-request comments.
 */
const FILES: Record<Format, Array<{ name: string; render: Render }>> = {
  json: [
    { name: 'findings.json', render: (r) => jsonDocument(r, 3) },
    { name: 'framework.json', render: (r, o) => jsonDocument(o.framework ?? frameworkView(r), 3) },
  ],
  csv: [{ name: 'findings.csv', render: (r) => csvChunks(r) }],
  html: [{ name: 'report.html', render: (r, o) => htmlChunks(r, o) }],
  ocsf: [{ name: 'findings.ocsf.jsonl', render: (r) => ocsfChunks(r) }],
  junit: [{ name: 'junit.xml', render: (r) => junitChunks(r) }],
  markdown: [{ name: 'summary.md', render: (r, o) => markdownChunks(r, o.change ? { change: o.change } : {}) }],
};

export interface Written {
  bytes: number;
  /** SHA-256 of the bytes written, hex. */
  sha256: string;
}

/** Writes the pieces to `path` (created 0600), through a 1 MB buffer, hashing exactly the bytes written. */
export function writeChunks(path: string, chunks: Iterable<string>): Written {
  const fd = openSync(path, 'w', 0o600);
  const hash = createHash('sha256');
  let bytes = 0;
  try {
    let pending: string[] = [];
    let size = 0;
    const flush = () => {
      if (pending.length) {
        const buffer = Buffer.from(pending.join(''), 'utf8');
        hash.update(buffer);
        bytes += buffer.length;
        writeSync(fd, buffer);
      }
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
  return { bytes, sha256: hash.digest('hex') };
}

/** `reports/<account>/<UTC timestamp>`: sortable, and safe in file names on every OS. */
export function defaultOutputDir(root: string, report: FindingsReport): string {
  const stamp = report.run.startedAt.replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '-');
  return join(root, report.run.accountId, stamp);
}

const errnoOf = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? (error as Error).message;

/** A refused file-system call on `path`, in words. */
function refusal(path: string, error: unknown, doing: string): string {
  const code = errnoOf(error);
  if (code === 'EROFS') return `${path} is on a read-only file system`;
  if (code === 'EACCES' || code === 'EPERM') return `this user may not ${doing} ${path} (${code})`;
  if (code === 'ENOSPC' || code === 'EDQUOT') return `${path} has no space left (${code})`;
  return `cannot ${doing} ${path} (${code})`;
}

/**
 * Makes sure `dir` can take a report, for real: creates it (and its missing parents) and creates then removes a
 * temporary file in it. Returns why it cannot, or null. Asking access() is not enough: root passes it where
 * nothing can be written (/proc), and a read-only mount or a full disk only shows on writing. The folder may stay
 * behind, empty; the temporary file never does.
 */
export function probeOutputDir(dir: string): string | null {
  const target = resolve(dir);
  // The nearest existing ancestor, and the levels to create below it.
  const missing: string[] = [];
  let current = target;
  for (;;) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(current).isDirectory();
    } catch (error) {
      const code = errnoOf(error);
      if (code !== 'ENOENT' && code !== 'ENOTDIR') return refusal(current, error, 'read');
      const parent = dirname(current);
      if (parent === current) return `${current} does not exist`;
      missing.unshift(current);
      current = parent;
      continue;
    }
    if (!isDirectory) return `${current} is a file, not a folder`;
    break;
  }
  // One level at a time: Node's recursive mkdir retries forever where a parent cannot be created (/proc/x/y as root).
  for (const level of missing) {
    try {
      mkdirSync(level);
    } catch (error) {
      if (errnoOf(error) !== 'EEXIST') return refusal(level, error, 'create');
    }
  }
  const probe = join(target, `.hipaa-audit-probe-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    closeSync(openSync(probe, 'wx', 0o600));
  } catch (error) {
    return refusal(target, error, 'write in');
  } finally {
    rmSync(probe, { force: true });
  }
  return null;
}

/** The one line a report that cannot be written gets, with its fix. */
export const cannotWrite = (dir: string, reason: string): string =>
  `cannot write the report to ${dir}: ${reason}. Fix: choose a folder this user can write with --output-dir, or make ${dir} writable.`;

/**
 * Writes the chosen formats, the run's summary.json (what the local trend reads), its open-failures.json (what the
 * next run's "+N / −M" reads) and the inventory (the evidence, always). Each file is streamed to a temporary name
 * and all of them land by rename only once every one is written, so a failure never leaves a half-written report;
 * a format named twice is written once. Last comes manifest.json: every file written, with its size and SHA-256
 * (src/evidence/manifest.ts), hashed as it was written. `options` carries the trend, the change since the previous
 * run and the framework view for the renderers.
 */
export function writeLocalReport(dir: string, report: FindingsReport, inventory: Inventory, formats: readonly Format[], options: RenderOptions = {}): string[] {
  const chosen = [...new Set(formats)];
  const rendering: RenderOptions = chosen.includes('json') || chosen.includes('html') ? { ...options, framework: options.framework ?? frameworkView(report) } : options;
  const outputs: Array<{ name: string; body: () => Iterable<string> }> = chosen.flatMap((f) => FILES[f].map((file) => ({ name: file.name, body: () => file.render(report, rendering) })));
  const summary = summaryRecord(report, { report: chosen.includes('html') ? 'report.html' : '', findingsJson: chosen.includes('json') ? 'findings.json' : '' }, options.change);
  outputs.push({ name: SUMMARY_FILE, body: () => [`${JSON.stringify(summary)}\n`] });
  outputs.push({ name: OPEN_FAILURES_FILE, body: () => [`${JSON.stringify(openFailures(report))}\n`] });
  outputs.push({ name: 'inventory.json', body: () => jsonDocument(inventory, 5) });
  mkdirSync(dir, { recursive: true });
  const temps: string[] = [];
  const entries: ManifestEntry[] = [];
  try {
    for (const o of outputs) {
      const temp = join(dir, `.${o.name}.${process.pid}.tmp`);
      temps.push(temp);
      entries.push({ name: o.name, ...writeChunks(temp, o.body()) });
    }
    outputs.forEach((o, i) => renameSync(temps[i] as string, join(dir, o.name)));
  } catch (error) {
    for (const t of temps) rmSync(t, { force: true });
    throw error;
  }
  // Written last, once everything it lists is in place.
  const manifestTemp = join(dir, `.${MANIFEST_FILE}.${process.pid}.tmp`);
  try {
    writeChunks(manifestTemp, [manifestBytes(buildManifest(report, entries)).toString('utf8')]);
    renameSync(manifestTemp, join(dir, MANIFEST_FILE));
  } catch (error) {
    rmSync(manifestTemp, { force: true });
    throw error;
  }
  return [...outputs.map((o) => join(dir, o.name)), join(dir, MANIFEST_FILE)];
}
