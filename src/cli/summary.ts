import { approvalText } from '../config/suppressions';
import { FRAMEWORK_STATUSES, type FrameworkStatus, type FrameworkView } from '../framework/view';
import { formatChange, type ChangeSincePrevious } from '../report/change';
import type { FindingsReport, Summary } from '../evaluate/finding';
import { nothingJudged } from '../evaluate/summary';
import { SEVERITIES } from '../evaluate/types';

const pct = (n: number | null) => (n === null ? '  n/a' : `${n.toFixed(1).padStart(5)}%`);
const utc = (iso: string): string => iso.replace('T', ' ').replace(/(\.\d+)?Z$/, ' UTC');

/** What could not be read, one line a gap with its fix (the first `max`, then how many more). */
export function formatGaps(summary: Summary, max = 8): string[] {
  const { gaps } = summary.coverage;
  const lines = gaps.slice(0, max).map((g) => {
    const where = g.regions.length > 3 ? `${g.regions.length} regions` : g.regions.join(', ');
    return `    ${g.service} ${g.operation} (${g.code}) in ${where}${g.count > 1 ? `, ${g.count} reads` : ''}\n      Fix: ${g.fix}`;
  });
  if (gaps.length > max) lines.push(`    ... and ${gaps.length - max} more (findings.json: summary.coverage.gaps)`);
  return lines;
}

/** The first lines of the summary when the audit is incomplete: what could not be judged, and why. */
function incompleteNotice(s: Summary): string[] {
  const c = s.coverage;
  if (c.complete) return [];
  const head =
    c.judged === 0
      ? c.notJudged > 0
        ? `  INCOMPLETE AUDIT: nothing could be judged (${nothingJudged(c)}). The score below says nothing about the account.`
        : `  NOTHING JUDGED: ${nothingJudged(c)} (0 findings). The score below says nothing about the account.`
      : `  INCOMPLETE AUDIT: ${c.notJudged} of ${c.judged + c.notJudged} findings could not be judged (coverage ${pct(c.percent).trim()}); the score covers only what was read.`;
  const lines = [head];
  if (c.gaps.length) lines.push('  What could not be read:', ...formatGaps(s));
  else if (c.notJudged) lines.push('  See the ERROR findings for what could not be evaluated.');
  return [...lines, ''];
}

/** Score and coverage on ePHI resources apart from the rest (when findings are classified), and an ePHI scope. */
function ephiLines(report: FindingsReport): string[] {
  const byc = report.summary.byClassification;
  if (!byc) return [];
  const open = (c: typeof byc.ephi) => c.byStatus.FAIL - c.suppressed;
  const lines = [
    `  ePHI resources  score ${pct(byc.ephi.score)}   coverage ${pct(byc.ephi.coverage.percent)}   (${byc.ephi.resources} resource${byc.ephi.resources === 1 ? '' : 's'}, ${open(byc.ephi)} open failure${open(byc.ephi) === 1 ? '' : 's'})`,
    `  other resources score ${pct(byc['not-ephi'].score)}   coverage ${pct(byc['not-ephi'].coverage.percent)}`,
  ];
  if (byc.unknown.resources) lines.push(`  ${byc.unknown.resources} resource(s) whose tags could not be read: they may hold ePHI (score ${pct(byc.unknown.score).trim()})`);
  if (report.run.scope === 'ephi') lines.push('  scope: ePHI resources (and those whose tags could not be read), account-level checks and every data store\'s classification only');
  return lines;
}

/** The end-of-run summary: incompleteness first, counts with coverage, HIPAA scorecard, worst checks, API calls and time. */
export function formatSummary(
  report: FindingsReport,
  outputDir: string,
  files: string[],
  elapsedMs: number,
  extras: { change?: ChangeSincePrevious; framework?: FrameworkView } = {},
): string {
  const s = report.summary;
  const lines: string[] = [];
  lines.push('');
  lines.push(`HIPAA posture of account ${report.run.accountId} (${report.run.regions.length} region${report.run.regions.length === 1 ? '' : 's'}, ${report.run.checks.length} checks)`);
  if (report.run.source === 'inventory') lines.push(`  evidence collected ${utc(report.run.collectedAt)}, evaluated ${utc(report.run.startedAt)}`);
  lines.push(...incompleteNotice(s));
  lines.push(`  score ${pct(s.score)}   coverage ${pct(s.coverage.percent)} (${s.coverage.judged} judged, ${s.coverage.notJudged} not judged)`);
  lines.push(`  PASS ${s.byStatus.PASS}   FAIL ${s.byStatus.FAIL}${s.suppressed ? ` (${s.suppressed} suppressed)` : ''}   ERROR ${s.byStatus.ERROR}`);
  lines.push(...ephiLines(report));
  const failsBySeverity = SEVERITIES.map((sev) => `${sev} ${s.bySeverity[sev].FAIL}`).join(', ');
  lines.push(`  failures by severity: ${failsBySeverity}`);
  if (extras.change) lines.push(`  ${formatChange(extras.change)}`);
  if (extras.framework) lines.push(`  ${formatFrameworkTotals(extras.framework)}`);
  lines.push('');
  lines.push(`  ${'HIPAA section'.padEnd(58)}  pass rate  fail  error`);
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
    const what = (x: Summary['expiredSuppressions'][number]): string => {
      const approval = approvalText(x);
      return `${x.checkId} ${x.resource} (${x.expires}${approval ? `; ${approval}` : ''})`;
    };
    lines.push(`  ${s.expiredSuppressions.length} suppression(s) expired and no longer apply: ${s.expiredSuppressions.map(what).join('; ')}`);
  }
  if (s.collectionErrors) lines.push(`\n  ${s.collectionErrors} read(s) failed while collecting: see the ERROR findings.`);
  lines.push('');
  const source = report.run.source === 'live' ? `${report.run.apiCalls.total} API calls` : 'replayed from a saved inventory, no API call';
  lines.push(`  ${source}, ${(elapsedMs / 1000).toFixed(1)} s`);
  lines.push(`  report: ${outputDir}`);
  for (const f of files) lines.push(`    ${f}`);
  return lines.join('\n');
}

/** One line: how many standards and specifications of the Security Rule have each status. */
export function formatFrameworkTotals(view: FrameworkView): string {
  const parts = FRAMEWORK_STATUSES.filter((s) => view.totals[s] > 0).map((s) => `${view.totals[s]} ${SHORT[s]}`);
  return `Security Rule (${view.entries.length} standards and specifications): ${parts.join(', ')}`;
}

const SHORT: Record<FrameworkStatus, string> = {
  failing: 'failing',
  'partly-assessed': 'partly assessed',
  passing: 'passing',
  'no-resources': 'with nothing to assess',
  'not-assessed': 'not assessed in this run',
  'not-covered': 'not covered by the checks',
  'not-assessable': 'not assessable from AWS',
};
