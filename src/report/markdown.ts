import type { FindingsReport } from '../evaluate/finding';
import { nothingJudged } from '../evaluate/summary';
import { SEVERITIES } from '../evaluate/types';
import { goneFindings, isOpenFailure, type ChangeSincePrevious } from './change';

/**
 * summary.md: a short Markdown summary for pull-request and chat comments (GitHub, GitLab): the incomplete-audit
 * notice, score, coverage, open failures by severity, the change since the previous run, the worst checks and the
 * worst open failures. Every value from AWS (resource names, messages) is escaped for Markdown and HTML: no link,
 * image, mention, table break or tag can be injected into the comment.
 */

const MAX_CHECKS = 5;
const MAX_FAILURES = 10;
const MAX_TEXT = 160;

/** Text safe in a Markdown paragraph or table cell: HTML entities for < > &, backslashes before punctuation. */
export function mdText(value: string, max = MAX_TEXT): string {
  const flat = value.replace(/[\r\n\t]+/g, ' ').replace(/[\u0000-\u001f\u007f]/g, '');
  const short = flat.length > max ? `${flat.slice(0, max - 1)}\u2026` : flat;
  return short
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_{}[\]()#+\-.!|~@:]/g, (c) => `\\${c}`);
}

const pct = (n: number | null): string => (n === null ? 'n/a' : `${n.toFixed(1)}%`);

export function* markdownChunks(report: FindingsReport, options: { change?: ChangeSincePrevious } = {}): Generator<string> {
  const { run, summary: s, tool } = report;
  const c = s.coverage;
  const open = s.byStatus.FAIL - s.suppressed;
  yield `## HIPAA posture of AWS account ${mdText(run.accountId)}\n\n`;
  if (!c.complete) {
    yield c.judged === 0
      ? `> [!WARNING]\n> **${c.notJudged > 0 ? 'Incomplete audit:** nothing could be judged' : 'Nothing judged:**'} (${nothingJudged(c)}). The score says nothing about the account.\n`
      : `> [!WARNING]\n> **Incomplete audit:** ${c.notJudged} of ${c.judged + c.notJudged} findings could not be judged (coverage ${pct(c.percent)}); the score covers only what was read.\n`;
    for (const g of c.gaps.slice(0, 3)) yield `> - ${mdText(`${g.service} ${g.operation} (${g.code})`)}: ${mdText(g.fix, 200)}\n`;
    if (c.gaps.length > 3) yield `> - and ${c.gaps.length - 3} more (findings.json: summary.coverage.gaps)\n`;
    yield '\n';
  }
  const ch = options.change;
  const change = ch
    ? `+${ch.newFailures} new / \u2212${ch.fixed} fixed${ch.gone ? `, ${goneFindings(ch.gone)}` : ''}${ch.unresolved ? `, ${ch.unresolved} not judged or suppressed` : ''}`
    : 'no earlier run of this scope';
  yield '| Score | Coverage | Open failures | Suppressed | Since the previous run |\n|---:|---:|---:|---:|---|\n';
  yield `| **${pct(s.score)}** | ${pct(c.percent)} | ${open} | ${s.suppressed} | ${change} |\n\n`;
  yield `**Open failures by severity:** ${SEVERITIES.map((sev) => `${sev} ${Math.max(0, s.bySeverity[sev].FAIL)}`).join(' \u00b7 ')}\n\n`;

  if (s.topFailingChecks.length) {
    yield '### Worst failing checks\n\n| Severity | Check | Failing |\n|---|---|---:|\n';
    for (const t of s.topFailingChecks.slice(0, MAX_CHECKS)) yield `| ${t.severity} | ${mdText(t.title)} (${mdText(t.checkId)}) | ${t.failed} |\n`;
    yield '\n';
  }
  const rank = (sev: string) => SEVERITIES.indexOf(sev as (typeof SEVERITIES)[number]);
  const worst = report.findings
    .filter(isOpenFailure)
    .sort((a, b) => rank(a.severity) - rank(b.severity) || a.checkId.localeCompare(b.checkId) || a.resource.id.localeCompare(b.resource.id))
    .slice(0, MAX_FAILURES);
  if (worst.length) {
    yield '<details><summary>Worst open failures</summary>\n\n| Severity | Resource | Region | Finding |\n|---|---|---|---|\n';
    for (const f of worst) yield `| ${f.severity} | ${mdText(f.resource.id, 80)} | ${mdText(f.region)} | ${mdText(f.message)} |\n`;
    if (open > worst.length) yield `\n${open - worst.length} more in findings.json and report.html.\n`;
    yield '\n</details>\n\n';
  }
  yield (
    `<sub>${mdText(tool.name)} ${mdText(tool.version)} \u00b7 evidence collected ${mdText(run.collectedAt)} \u00b7 ` +
    `${run.checks.length} checks over ${run.regions.length} regions \u00b7 run ${mdText(run.id)}. ` +
    `Findings assess technical safeguards in AWS configuration only; they are not a HIPAA compliance determination.</sub>\n`
  );
}
