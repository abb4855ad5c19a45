import type { Finding, FindingsReport } from '../evaluate/finding';
import type { TrendPoint } from './dashboard/svg';
import { placedAt } from './dashboard/svg';
import { scopeOfRun } from './scope';

/**
 * "Since the previous run of the same scope: +N / −M". Each run stores the ids of its open (unsuppressed) failures
 * in a small file of its own (open-failures.json, beside summary.json locally, under runs/<account>/<run>/ in S3),
 * so the next run compares without reading earlier findings: N = its open failures that were not open failures
 * then (new, returning, or no longer suppressed), M = those open then and PASS now (fixed). Open failures of then
 * whose finding is gone (resource deleted or out of scope) or is now ERROR or suppressed are counted apart, as
 * neither fixed nor failing. `hipaa-audit diff` lists every change.
 */
export const OPEN_FAILURES_FILE = 'open-failures.json';

export interface OpenFailures {
  schemaVersion: '1.0';
  runId: string;
  accountId: string;
  /** The run's scope key (src/report/scope.ts). */
  scope: string;
  collectedAt: string;
  /** Finding ids of the unsuppressed FAIL findings, sorted. */
  ids: string[];
}

export interface ChangeSincePrevious {
  previous: { runId: string; startedAt: string; collectedAt?: string };
  /** Open failures now that were not open failures in the previous run. */
  newFailures: number;
  /** Open failures then that PASS now. */
  fixed: number;
  /** Open failures then whose finding is absent now (resource gone, or no longer in scope). */
  gone: number;
  /** Open failures then that are ERROR (not judged) or suppressed now. */
  unresolved: number;
}

export function openFailures(report: Pick<FindingsReport, 'run' | 'findings'>): OpenFailures {
  return {
    schemaVersion: '1.0',
    runId: report.run.id,
    accountId: report.run.accountId,
    scope: scopeOfRun(report.run),
    collectedAt: report.run.collectedAt,
    ids: report.findings.filter(isOpenFailure).map((f) => f.id).sort(),
  };
}

export const isOpenFailure = (f: Pick<Finding, 'status' | 'suppressed'>): boolean => f.status === 'FAIL' && !f.suppressed;

/** A stored open-failures file read back; null when it is not one (untrusted: checked field by field). */
export function parseOpenFailures(text: string): OpenFailures | null {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  const d = data as Partial<OpenFailures> | null;
  if (!d || typeof d !== 'object' || typeof d.runId !== 'string' || typeof d.accountId !== 'string' || typeof d.scope !== 'string') return null;
  if (!Array.isArray(d.ids) || !d.ids.every((id) => typeof id === 'string')) return null;
  return d as OpenFailures;
}

/**
 * The run to compare with: among earlier runs of the same scope (the trend's points), the newest whose evidence is
 * not newer than this run's (a replay of old evidence compares with what came before that evidence).
 */
export function previousRun(points: readonly TrendPoint[], report: Pick<FindingsReport, 'run'>): TrendPoint | undefined {
  const scope = scopeOfRun(report.run);
  const here = report.run.collectedAt || report.run.startedAt;
  return points
    .filter((p) => p.runId !== report.run.id && (p.scope === undefined || p.scope === scope) && placedAt(p) <= here)
    .sort((a, b) => placedAt(a).localeCompare(placedAt(b)) || a.startedAt.localeCompare(b.startedAt))
    .at(-1);
}

export function changeSince(previous: OpenFailures, point: Pick<TrendPoint, 'runId' | 'startedAt' | 'collectedAt'>, findings: readonly Finding[]): ChangeSincePrevious {
  const before = new Set(previous.ids);
  const now = new Map(findings.map((f) => [f.id, f]));
  let newFailures = 0;
  for (const f of findings) if (isOpenFailure(f) && !before.has(f.id)) newFailures += 1;
  let fixed = 0;
  let gone = 0;
  let unresolved = 0;
  for (const id of before) {
    const f = now.get(id);
    if (!f) gone += 1;
    else if (f.status === 'PASS') fixed += 1;
    else if (!isOpenFailure(f)) unresolved += 1;
  }
  return {
    previous: { runId: point.runId, startedAt: point.startedAt, ...(point.collectedAt ? { collectedAt: point.collectedAt } : {}) },
    newFailures,
    fixed,
    gone,
    unresolved,
  };
}

/**
 * `+3 / −5 open failures since the previous run of the same scope (evidence of 2026-06-01 12:00 UTC; 2 failing
 * findings gone, 1 now not judged or suppressed)`. Every count is of findings: `hipaa-audit diff` counts gone
 * resources, so "gone" says which it is.
 */
export function formatChange(c: ChangeSincePrevious): string {
  const when = (c.previous.collectedAt ?? c.previous.startedAt).replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');
  const extra = [c.gone ? `${goneFindings(c.gone)}` : '', c.unresolved ? `${c.unresolved} now not judged or suppressed` : ''].filter(Boolean).join(', ');
  return `+${c.newFailures} / \u2212${c.fixed} open failures since the previous run of the same scope (evidence of ${when}${extra ? `; ${extra}` : ''})`;
}

/** `2 failing findings gone`: findings, not resources (a resource can take several with it). */
export const goneFindings = (n: number): string => `${n} failing finding${n === 1 ? '' : 's'} gone`;
