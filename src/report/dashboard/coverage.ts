import type { Summary } from '../../evaluate/finding';
import { nothingJudged } from '../../evaluate/summary';
import { escapeHtml, pct } from './escape';

/** Gaps shown in the notice; the rest are counted (findings.json lists them all). */
const MAX_GAPS = 40;

/**
 * The notice at the top of an incomplete report: how much could not be judged and, for each kind of read that
 * failed, where and the fix (the IAM action to grant, or what else to do). Empty for a complete audit.
 */
export function incompleteNotice(summary: Summary, id?: string): string {
  const c = summary.coverage;
  if (c.complete) return '';
  const lead =
    c.judged === 0
      ? `${c.notJudged > 0 ? 'Nothing could be judged' : 'Nothing was judged'}: ${escapeHtml(nothingJudged(c))}. The score says nothing about the account.`
      : `${c.notJudged} of ${c.judged + c.notJudged} findings could not be judged (coverage ${escapeHtml(pct(c.percent))}). The score covers only what could be read.`;
  const rows = c.gaps.slice(0, MAX_GAPS).map(
    (g) =>
      `<tr><td><b>${escapeHtml(g.service)}</b> <code>${escapeHtml(g.operation)}</code></td><td><code>${escapeHtml(g.code)}</code></td>` +
      `<td class="wrap">${escapeHtml(g.regions.length > 4 ? `${g.regions.length} regions` : g.regions.join(', '))}</td><td class="num">${g.count}</td>` +
      `<td class="wrap">${escapeHtml(g.fix)}</td></tr>`,
  );
  const more = c.gaps.length > MAX_GAPS ? `<p class="small">... and ${c.gaps.length - MAX_GAPS} more (findings.json: summary.coverage.gaps).</p>` : '';
  const table = rows.length
    ? `<div class="table-box"><table class="gaps"><thead><tr><th>What could not be read</th><th>Error</th><th>Where</th><th class="num">Reads</th><th>Fix</th></tr></thead>` +
      `<tbody>${rows.join('')}</tbody></table></div>${more}`
    : c.notJudged > 0
      ? '<p class="small">The ERROR findings say what could not be evaluated.</p>'
      : '';
  return (
    `<section class="alert"${id ? ` id="${escapeHtml(id)}"` : ''}><h2>${c.judged === 0 && c.notJudged === 0 ? 'Nothing judged' : 'Incomplete audit'}</h2><p class="alert-lead">${lead}</p>${table}</section>`
  );
}
