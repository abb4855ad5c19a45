import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FindingsReport } from '../evaluate/finding';
import { trendPointOf, type TrendPoint } from '../report/html';

/** Runs kept in the trend, as for reports in S3. */
export const LOCAL_HISTORY_RUNS = 30;

/**
 * The trend of a local report: earlier runs of the same account in sibling folders of `parent`
 * (reports/<account>/<time>/findings.json by default). Unreadable or foreign folders are skipped.
 */
export function readLocalHistory(parent: string, accountId: string, limit = LOCAL_HISTORY_RUNS): TrendPoint[] {
  let entries: string[];
  try {
    entries = readdirSync(parent, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch {
    return [];
  }
  const points: TrendPoint[] = [];
  for (const name of entries) {
    try {
      const report = JSON.parse(readFileSync(join(parent, name, 'findings.json'), 'utf8')) as FindingsReport;
      if (report.run?.accountId === accountId && report.summary) points.push(trendPointOf(report));
    } catch {
      // Not a run folder, or a partial one: it has nothing to add to the trend.
    }
  }
  return points.sort((a, b) => a.startedAt.localeCompare(b.startedAt)).slice(-limit);
}
