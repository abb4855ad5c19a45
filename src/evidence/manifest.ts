import { createHash } from 'node:crypto';
import type { FindingsReport } from '../evaluate/finding';
import { scopeOfRun } from '../report/scope';

/**
 * The manifest of a run's evidence: written last into the run's folder (the local output folder, or
 * runs/<account>/<run>/ in S3), it lists every artifact the run wrote there with its size and SHA-256, so that
 * any later change, removal or substitution is detected (`hipaa-audit verify`). In S3, `related` also lists the
 * run's objects outside its folder (its Athena rows and summary), by key relative to the report prefix.
 * latest/ copies are not listed: the next run replaces them.
 *
 * The manifest's own bytes are what a signature (manifest.sig.json, sign.ts) covers.
 */
export const MANIFEST_FILE = 'manifest.json';
export const SIGNATURE_FILE = 'manifest.sig.json';
export const MANIFEST_VERSION = '1.0';

export interface ManifestEntry {
  /** A file name in the manifest's folder. */
  name: string;
  bytes: number;
  /** Lowercase hex. */
  sha256: string;
}

export interface RelatedEntry {
  /** An S3 key relative to the report prefix. */
  key: string;
  bytes: number;
  sha256: string;
}

export interface Manifest {
  manifestVersion: typeof MANIFEST_VERSION;
  tool: { name: string; version: string };
  run: { id: string; accountId: string; partition: string; startedAt: string; finishedAt: string; collectedAt: string; scope: string };
  createdAt: string;
  hashAlgorithm: 'SHA-256';
  /** S3 only: the folder relative to the report prefix (runs/<account>/<run>), which locates `related` keys. */
  folder?: string;
  files: ManifestEntry[];
  related?: RelatedEntry[];
}

export const sha256Hex = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

export function entryOf(name: string, body: Buffer): ManifestEntry {
  return { name, bytes: body.length, sha256: sha256Hex(body) };
}

export function buildManifest(
  report: Pick<FindingsReport, 'run' | 'tool'>,
  files: readonly ManifestEntry[],
  options: { folder?: string; related?: readonly RelatedEntry[]; now?: Date } = {},
): Manifest {
  const { run, tool } = report;
  const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  return {
    manifestVersion: MANIFEST_VERSION,
    tool: { name: tool.name, version: tool.version },
    run: {
      id: run.id,
      accountId: run.accountId,
      partition: run.partition,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      collectedAt: run.collectedAt,
      scope: scopeOfRun(run),
    },
    createdAt: (options.now ?? new Date()).toISOString(),
    hashAlgorithm: 'SHA-256',
    ...(options.folder ? { folder: options.folder } : {}),
    files: [...files].sort(byName),
    ...(options.related ? { related: [...options.related].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)) } : {}),
  };
}

/** The exact bytes written (and signed). */
export const manifestBytes = (m: Manifest): Buffer => Buffer.from(`${JSON.stringify(m, null, 2)}\n`, 'utf8');

const HEX64 = /^[0-9a-f]{64}$/;
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/;

/** A manifest read back; a string naming what is wrong when it is not a valid one. Untrusted: checked field by field. */
export function parseManifest(text: string): Manifest | string {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return `not JSON (${(error as Error).message})`;
  }
  const m = data as Partial<Manifest> | null;
  if (!m || typeof m !== 'object') return 'not a JSON object';
  if (m.manifestVersion !== MANIFEST_VERSION) return `manifestVersion is ${JSON.stringify(m.manifestVersion)}, expected "${MANIFEST_VERSION}"`;
  if (m.hashAlgorithm !== 'SHA-256') return `hashAlgorithm is ${JSON.stringify(m.hashAlgorithm)}, expected "SHA-256"`;
  if (!m.run || typeof m.run.id !== 'string' || typeof m.run.accountId !== 'string') return 'run.id or run.accountId is missing';
  if (!Array.isArray(m.files)) return 'files is not a list';
  const seen = new Set<string>();
  for (const f of m.files) {
    // Names are plain file names: a manifest can never point verify outside its folder.
    if (!f || typeof f.name !== 'string' || !SAFE_NAME.test(f.name) || f.name.includes('..')) return `a file name is not a plain file name: ${JSON.stringify(f?.name)}`;
    if (seen.has(f.name)) return `${f.name} is listed twice`;
    seen.add(f.name);
    if (!Number.isInteger(f.bytes) || f.bytes < 0 || typeof f.sha256 !== 'string' || !HEX64.test(f.sha256)) return `${f.name}: bytes or sha256 is malformed`;
  }
  if (m.related !== undefined) {
    if (!Array.isArray(m.related)) return 'related is not a list';
    for (const r of m.related) {
      if (!r || typeof r.key !== 'string' || r.key === '' || r.key.split('/').some((p) => p === '' || p === '.' || p === '..')) return `a related key is malformed: ${JSON.stringify(r?.key)}`;
      if (!Number.isInteger(r.bytes) || r.bytes < 0 || typeof r.sha256 !== 'string' || !HEX64.test(r.sha256)) return `${r.key}: bytes or sha256 is malformed`;
    }
  }
  if (m.folder !== undefined && (typeof m.folder !== 'string' || m.folder.split('/').some((p) => p === '' || p === '.' || p === '..'))) return 'folder is malformed';
  return m as Manifest;
}
