import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FindingsReport } from '../evaluate/finding';
import { changeSince, OPEN_FAILURES_FILE, parseOpenFailures, previousRun, type ChangeSincePrevious } from '../report/change';
import type { TrendPoint } from '../report/html';
import { parseSummaryRecord, sameScope, trendPointOfRecord } from './s3/records';

/** Runs kept in the trend, as for reports in S3. */
export const LOCAL_HISTORY_RUNS = 30;

/** The file each local run writes beside findings.json: the summary record the S3 publisher stores under summaries/. */
export const SUMMARY_FILE = 'summary.json';

export interface LocalHistory {
  /** Earlier runs of the same account and scope, oldest first (by evidence collection time). */
  points: TrendPoint[];
  /** Runs of the same account left out because they audited other checks or regions. */
  otherScopes: number;
  /** The folder (under the parent) of each point, by run id. */
  folders?: Record<string, string>;
}

/**
 * The trend of a local report: earlier runs in the sibling folders of the run's folder (reports/<account>/<time>/
 * by default) that are of the same account and scope. Only each folder's small summary.json is read, never its
 * findings; a folder without one (or with a foreign or broken one) is skipped.
 */
export function readLocalHistory(parent: string, run: { id: string; accountId: string; checks: readonly string[]; regions: readonly string[] }, limit = LOCAL_HISTORY_RUNS): LocalHistory {
  let entries: string[];
  try {
    entries = readdirSync(parent, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch {
    return { points: [], otherScopes: 0 };
  }
  const points: TrendPoint[] = [];
  const folders: Record<string, string> = {};
  let otherScopes = 0;
  for (const name of entries) {
    let text: string;
    try {
      text = readFileSync(join(parent, name, SUMMARY_FILE), 'utf8');
    } catch {
      continue;
    }
    const record = parseSummaryRecord(text);
    if (!record || record.account_id !== run.accountId || record.run_id === run.id) continue;
    if (sameScope(record, run)) {
      points.push(trendPointOfRecord(record));
      folders[record.run_id] = name;
    } else otherScopes += 1;
  }
  const at = (p: TrendPoint) => p.collectedAt ?? p.startedAt;
  return { points: points.sort((a, b) => at(a).localeCompare(at(b)) || a.runId.localeCompare(b.runId)).slice(-limit), otherScopes, folders };
}

/**
 * "+N / −M" of a local run: the previous run of the same scope among the history's points, and its
 * open-failures.json. Undefined when there is none, or when that run wrote no such file (made by an older version).
 */
export function localChange(parent: string, history: LocalHistory, report: FindingsReport): ChangeSincePrevious | undefined {
  const previous = previousRun(history.points, report);
  const folder = previous && history.folders?.[previous.runId];
  if (!previous || !folder) return undefined;
  let text: string;
  try {
    text = readFileSync(join(parent, folder, OPEN_FAILURES_FILE), 'utf8');
  } catch {
    return undefined;
  }
  const stored = parseOpenFailures(text);
  if (!stored || stored.runId !== previous.runId || stored.accountId !== report.run.accountId) return undefined;
  return changeSince(stored, previous, report.findings);
}
