import { FRAMEWORK_STATUS_LABELS, FRAMEWORK_STATUSES, requirementLetter, type FrameworkEntryView, type FrameworkView } from '../../framework/view';
import { escapeHtml } from './escape';

/**
 * The "Security Rule coverage" page of report.html: every standard and implementation specification, grouped by
 * safeguard, with R/A, its status in this run, its findings and, where AWS cannot show it, what an auditor expects.
 * Static HTML (no script): it prints as it shows.
 */

const SAFEGUARD_LABELS: Array<[string, string]> = [
  ['administrative', 'Administrative safeguards (164.308)'],
  ['physical', 'Physical safeguards (164.310)'],
  ['technical', 'Technical safeguards (164.312)'],
  ['organizational', 'Organizational requirements (164.314)'],
  ['documentation', 'Policies, procedures and documentation (164.316)'],
];

const statusChip = (e: FrameworkEntryView): string => `<span class="fw fw-${e.status}">${escapeHtml(FRAMEWORK_STATUS_LABELS[e.status])}</span>`;

const RA_TITLE: Record<string, string> = { R: 'Required', A: 'Addressable', '-': 'Standard: its implementation specifications carry R/A' };

function counts(e: FrameworkEntryView): string {
  if (e.checks.length === 0 || e.checksRun.length === 0) return '<span class="muted">-</span>';
  const c = e.counts;
  return `${c.pass} pass, <b class="${c.fail ? 'strong-bad' : ''}">${c.fail} fail</b>${c.error ? `, ${c.error} error` : ''}${c.suppressed ? `, ${c.suppressed} suppressed` : ''}`;
}

/** The table of every entry; `sections` are the sections the findings table can filter on (a jump goes there). */
export function frameworkTable(view: FrameworkView, sections: ReadonlySet<string>, id = 'framework-table'): string {
  const groups = SAFEGUARD_LABELS.map(([safeguard, label]) => {
    const rows = view.entries
      .filter((e) => e.safeguard === safeguard)
      .map((e) => {
        const ra = requirementLetter(e.requirement);
        const name = escapeHtml(e.id);
        const section =
          e.status === 'failing' && sections.has(e.id)
            ? `<button type="button" class="jump code" data-filter="filter-hipaa" data-value="${name}" data-status="FAIL"><code>${name}</code></button>`
            : `<code>${name}</code>`;
        const detail = e.status === 'passing' || e.status === 'failing' ? e.note : `${e.note} ${e.evidence}`;
        return (
          `<tr class="fw-row ${e.kind}" data-status="${e.status}"><td class="nowrap">${section}</td>` +
          `<td>${e.kind === 'specification' ? '<span class="fw-indent" aria-hidden="true"></span>' : ''}${escapeHtml(e.title)}</td>` +
          `<td class="ra" title="${escapeHtml(RA_TITLE[ra] ?? '')}">${ra}</td><td>${statusChip(e)}</td><td class="small nowrap">${counts(e)}</td>` +
          `<td class="small fw-note">${escapeHtml(detail)}</td></tr>`
        );
      })
      .join('');
    return `<tr class="group"><th colspan="6">${escapeHtml(label)}</th></tr>${rows}`;
  }).join('');
  return (
    `<div class="table-box"><table id="${escapeHtml(id)}" class="framework"><thead><tr><th>Section</th><th>Standard / implementation specification</th>` +
    `<th title="Required or Addressable">R/A</th><th>Status</th><th>Findings</th><th>What this run shows, and what an auditor expects</th></tr></thead>` +
    `<tbody>${groups}</tbody></table></div>`
  );
}

/** The totals line: how many entries have each status. */
export function frameworkTotals(view: FrameworkView): string {
  return FRAMEWORK_STATUSES.filter((s) => view.totals[s] > 0)
    .map((s) => `<span class="fw fw-${s}">${escapeHtml(FRAMEWORK_STATUS_LABELS[s])}: ${view.totals[s]}</span>`)
    .join(' ');
}

/** The page section of report.html. */
export function frameworkSection(view: FrameworkView, sections: ReadonlySet<string>): string {
  return (
    `<section class="card" id="framework" style="margin-bottom:16px" aria-labelledby="h-framework"><div class="section-head"><h2 id="h-framework">Security Rule coverage</h2>` +
    `<span class="hint">Every standard and implementation specification of 45 CFR 164.308 to 164.316, R (required) or A (addressable), and what this run shows. ` +
    `Administrative and physical safeguards need other evidence: the last column says which.</span></div>` +
    `<p class="fw-totals">${frameworkTotals(view)}</p>${frameworkTable(view, sections)}</section>`
  );
}

/** Sections of the rule that no finding of this run reached, for the scorecard's foot (listed, not hidden). */
export function unreached(view: FrameworkView): FrameworkEntryView[] {
  return view.entries.filter((e) => e.checksRun.length === 0 || e.counts.pass + e.counts.fail + e.counts.error + e.counts.suppressed === 0);
}

export const FRAMEWORK_CSS = `
.fw{display:inline-block;padding:1px 8px;border-radius:999px;font-size:11px;font-weight:650;white-space:nowrap;border:1px solid transparent;line-height:18px}
.fw-failing{background:#fee2e2;color:#991b1b;border-color:#fecaca}
.fw-partly-assessed{background:#fef3c7;color:#92400e;border-color:#fde68a}
.fw-passing{background:#dcfce7;color:#166534;border-color:#bbf7d0}
.fw-no-resources{background:#f1f5f9;color:#334155;border-color:#e2e8f0}
.fw-not-assessed{background:#ede9fe;color:#5b21b6;border-color:#ddd6fe}
.fw-not-covered{background:#fff7ed;color:#9a3412;border-color:#fed7aa}
.fw-not-assessable{background:#f8fafc;color:#475569;border-color:#cbd5e1}
.fw-totals{display:flex;flex-wrap:wrap;gap:6px;margin:0 0 10px}
table.framework td{vertical-align:top;font-size:13px}
table.framework tr.standard td{font-weight:600}
table.framework tr.standard td.fw-note,table.framework tr.standard td.small{font-weight:400}
table.framework .fw-indent{display:inline-block;width:14px}
table.framework td.ra{text-align:center;font-weight:700}
table.framework tr.group th{background:#f8fafc;color:var(--fg2);font-size:12px;text-transform:none;letter-spacing:0;font-weight:650;border-top:1px solid var(--line2)}
.fw-note{color:var(--fg2);overflow-wrap:anywhere}
.unreached{margin:10px 0 0;font-size:12.5px;color:var(--fg2)}
.unreached code{color:var(--muted)}
@media (max-width:640px){table.framework th:nth-child(5),table.framework td:nth-child(5){display:none}}
`;
