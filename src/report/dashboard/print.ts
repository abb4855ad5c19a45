import type { FindingsReport, HipaaScore } from '../../evaluate/finding';
import { SEVERITIES } from '../../evaluate/types';
import { incompleteNotice } from './coverage';
import { escapeHtml, pct, utc } from './escape';
import type { CheckGroup } from './findings-data';
import type { FrameworkView } from '../../framework/view';
import { frameworkTable, frameworkTotals } from './framework';

/**
 * The auditor's copy: what report.html prints (shown only in @media print; the interactive page is hidden
 * there). Static, so it needs no script and misses nothing: the summary with coverage and the evidence date,
 * the HIPAA scorecard, where ePHI lives (when given), and every open failure grouped by check with its remediation once per check, then the
 * suppressed failures with their reasons.
 */
export function* printCopy(report: FindingsReport, groups: readonly CheckGroup[], hipaa: readonly HipaaScore[], framework?: FrameworkView, ephi = ''): Generator<string> {
  const { run, summary: s, tool } = report;
  const c = s.coverage;
  const open = s.byStatus.FAIL - s.suppressed;
  const meta = [
    `Account <b>${escapeHtml(run.accountId)}</b>`,
    `evidence collected <b>${escapeHtml(utc(run.collectedAt))}</b>`,
    `evaluated ${escapeHtml(utc(run.startedAt))}`,
    `${run.regions.length} region(s): ${escapeHtml(run.regions.join(', '))}`,
    `${run.checks.length} check(s)`,
    `${escapeHtml(tool.name)} ${escapeHtml(tool.version)}, run ${escapeHtml(run.id)}`,
  ].join(' &middot; ');
  const summaryTable =
    `<table class="pc-summary"><tbody>` +
    `<tr><th>HIPAA score</th><td><b>${escapeHtml(pct(s.score))}</b> (PASS / (PASS + open FAIL))</td>` +
    `<th>Coverage</th><td><b>${escapeHtml(pct(c.percent))}</b>: ${c.judged} judged, ${c.notJudged} not judged${c.complete ? '' : ' (incomplete audit)'}</td></tr>` +
    `<tr><th>Findings</th><td>${s.total}: ${s.byStatus.FAIL} FAIL (${s.suppressed} suppressed), ${s.byStatus.ERROR} ERROR, ${s.byStatus.PASS} PASS</td>` +
    `<th>Open failures by severity</th><td>${SEVERITIES.map((sev) => `${sev} ${s.bySeverity[sev]?.FAIL ?? 0}`).join(', ')}</td></tr>` +
    `</tbody></table>`;
  const scorecard =
    `<table class="pc-table"><thead><tr><th>Section</th><th>Safeguard</th><th class="num">Pass rate</th><th class="num">Pass</th><th class="num">Fail</th>` +
    `<th class="num">Error</th><th class="num">Failing resources</th></tr></thead><tbody>` +
    hipaa
      .map(
        (h) =>
          `<tr><td class="nowrap">${escapeHtml(h.section)}</td><td>${escapeHtml(h.name)}</td><td class="num">${escapeHtml(pct(h.passRate))}</td>` +
          `<td class="num">${h.pass}</td><td class="num">${h.fail}</td><td class="num">${h.error}</td><td class="num">${h.failingResources}</td></tr>`,
      )
      .join('') +
    `</tbody></table>`;

  const failing = groups
    .map((g) => ({ g, open: g.findings.filter((f) => f.status === 'FAIL' && !f.suppressed) }))
    .filter((x) => x.open.length > 0);
  // One check's failing findings at a time: a large account's print copy is tens of megabytes.
  const article = ({ g, open: rows }: { g: CheckGroup; open: CheckGroup['findings'] }): string =>
        `<article class="pc-check"><h3><span class="chip sev-${escapeHtml(g.severity)}">${escapeHtml(g.severity)}</span> ${escapeHtml(g.title)} ` +
        `<code>${escapeHtml(g.checkId)}</code> <span class="pc-n">${rows.length} failing</span></h3>` +
        `<p class="pc-tags">HIPAA ${escapeHtml(g.hipaa.join(', '))}${g.controls.length ? ` &middot; Security Hub ${escapeHtml(g.controls.join(', '))}` : ''}</p>` +
        `<p class="pc-fix"><b>Remediation:</b> ${escapeHtml(g.remediation.text)}${g.remediation.url ? ` <span class="url">${escapeHtml(g.remediation.url)}</span>` : ''}</p>` +
        `<table class="pc-table pc-res"><thead><tr><th>Resource</th><th>Region</th><th>Finding</th></tr></thead><tbody>` +
        rows
          .map(
            (f) =>
              `<tr><td class="wrap"><b>${escapeHtml(f.resource.id)}</b><div class="pc-arn">${escapeHtml(f.resource.arn)}</div></td>` +
              `<td class="nowrap">${escapeHtml(f.region)}</td><td class="wrap">${escapeHtml(f.message)}</td></tr>`,
          )
          .join('') +
        `</tbody></table></article>`;
  const suppressed = groups.flatMap((g) => g.findings.filter((f) => f.status === 'FAIL' && f.suppressed));
  const suppressedTable = suppressed.length
    ? `<h2>Suppressed failures (${suppressed.length})</h2><table class="pc-table"><thead><tr><th>Check</th><th>Resource</th><th>Region</th><th>Reason</th><th>Until</th><th>Approved by</th><th>Ticket</th></tr></thead><tbody>` +
      suppressed
        .map(
          (f) =>
            `<tr><td><code>${escapeHtml(f.checkId)}</code></td><td class="wrap">${escapeHtml(f.resource.id)}</td><td>${escapeHtml(f.region)}</td>` +
            `<td class="wrap">${escapeHtml(f.suppressed?.reason ?? '')}</td><td class="nowrap">${escapeHtml(f.suppressed?.expires ?? '')}</td>` +
            `<td class="wrap">${escapeHtml(f.suppressed?.approvedBy ?? '')}</td><td class="wrap">${escapeHtml(f.suppressed?.ticket ?? '')}</td></tr>`,
        )
        .join('') +
      `</tbody></table>`
    : '';
  yield (
    `<section id="print-copy" class="print-only">` +
    `<h1>HIPAA Security Rule posture report</h1><p class="pc-meta">${meta}</p>` +
    incompleteNotice(s) +
    `<h2>Summary</h2>${summaryTable}` +
    `<h2>HIPAA safeguard scorecard</h2>${scorecard}` +
    ephi +
    (framework ? `<h2>Security Rule coverage</h2><p>${frameworkTotals(framework)}</p>${frameworkTable(framework, new Set(), 'print-framework')}` : '') +
    `<h2>Failing findings (${open} open, by check)</h2>`
  );
  for (const f of failing) yield article(f);
  if (failing.length === 0) yield '<p>No open failures.</p>';
  yield (
    suppressedTable +
    `<p class="pc-foot">Findings assess technical safeguards in AWS configuration only; they are not a HIPAA compliance determination.</p>` +
    `</section>`
  );
}
