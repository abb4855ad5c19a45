import type { FindingsReport } from '../evaluate/finding';
import { SEVERITIES } from '../evaluate/types';

const pct = (n: number | null) => (n === null ? '  n/a' : `${n.toFixed(1).padStart(5)}%`);

/** The end-of-run summary: counts, HIPAA scorecard, worst checks, API calls and time. */
export function formatSummary(report: FindingsReport, outputDir: string, files: string[], elapsedMs: number): string {
  const s = report.summary;
  const lines: string[] = [];
  lines.push('');
  lines.push(`HIPAA posture of account ${report.run.accountId} (${report.run.regions.length} region${report.run.regions.length === 1 ? '' : 's'}, ${report.run.checks.length} checks)`);
  lines.push(`  score ${pct(s.score)}   PASS ${s.byStatus.PASS}   FAIL ${s.byStatus.FAIL}${s.suppressed ? ` (${s.suppressed} suppressed)` : ''}   ERROR ${s.byStatus.ERROR}`);
  const failsBySeverity = SEVERITIES.map((sev) => `${sev} ${s.bySeverity[sev].FAIL}`).join(', ');
  lines.push(`  failures by severity: ${failsBySeverity}`);
  lines.push('');
  lines.push(`  ${"HIPAA section".padEnd(58)}  pass rate  fail  error`);
  for (const h of s.hipaa) {
    lines.push(`  ${`${h.section} ${h.name}`.padEnd(58).slice(0, 58)}  ${pct(h.passRate)}  ${String(h.fail).padStart(4)}  ${String(h.error).padStart(5)}`);
  }
  if (s.topFailingChecks.length) {
    lines.push('');
    lines.push('  Worst failing checks:');
    for (const c of s.topFailingChecks.slice(0, 5)) lines.push(`    ${c.severity.padEnd(9)} ${c.checkId.padEnd(38)} ${c.failed} resource${c.failed === 1 ? '' : 's'}`);
  }
  if (s.expiredSuppressions.length) {
    lines.push('');
    lines.push(`  ${s.expiredSuppressions.length} suppression(s) expired and no longer apply: ${s.expiredSuppressions.map((x) => `${x.checkId} ${x.resource} (${x.expires})`).join('; ')}`);
  }
  if (s.collectionErrors) lines.push(`\n  ${s.collectionErrors} read(s) failed while collecting: see the ERROR findings.`);
  lines.push('');
  const source = report.run.source === 'live' ? `${report.run.apiCalls.total} API calls` : 'replayed from a saved inventory, no API call';
  lines.push(`  ${source}, ${(elapsedMs / 1000).toFixed(1)} s`);
  lines.push(`  report: ${outputDir}`);
  for (const f of files) lines.push(`    ${f}`);
  return lines.join('\n');
}
