import { createHash } from 'node:crypto';
import type { FindingsReport, HipaaScore, Summary } from '../evaluate/finding';
import { HIPAA_SECTIONS, compareSections } from '../evaluate/hipaa';
import { SEVERITIES, STATUSES, type Status } from '../evaluate/types';
import { CLIENT_JS } from './dashboard/client';
import { incompleteNotice } from './dashboard/coverage';
import { EPHI_CSS, ephiCard, ephiPrint, ephiView } from './dashboard/ephi-view';
import { escapeHtml, pct, utc } from './dashboard/escape';
import { findingsDataChunks, groupByCheck } from './dashboard/findings-data';
import { printCopy } from './dashboard/print';
import { placedAt, scoreRing, toneOf, trendChart, type TrendPoint } from './dashboard/svg';
import { BASE_CSS, documentHead, SHIELD_SVG } from './dashboard/theme';
import { scopeOfRun } from './scope';
import { goneFindings, type ChangeSincePrevious } from './change';
import { frameworkView, type FrameworkView } from '../framework/view';
import { FRAMEWORK_CSS, frameworkSection, unreached } from './dashboard/framework';

/**
 * report.html: one self-contained file (inline CSS, inline SVG charts, one inline script and one JSON data block,
 * no external resource of any kind) that works opened from disk or from S3. Every value taken from the report is
 * escaped: resource names, tags and messages are attacker-controlled (the script sets them as text, and the data
 * block escapes `<`). A Content-Security-Policy meta tag backs that up: nothing may be fetched, and only the one
 * inline script (by its hash) may run, so an injected event handler would not execute even if escaping were
 * ever missed. The findings table is drawn by the script from the data block, a page at a time, so the file
 * stays small and quick at 10,000+ findings; printing shows a static auditor copy instead (dashboard/print.ts).
 */

export { escapeHtml, safeHttpsUrl } from './dashboard/escape';
export type { TrendPoint } from './dashboard/svg';

export interface RenderOptions {
  /**
   * Earlier runs of the same account and scope (any order; the current run is added when absent). The trend is
   * drawn from two points on.
   */
  history?: TrendPoint[];
  /** Shown instead of the trend when there is none to draw (e.g. why the history could not be read). */
  trendNote?: string;
  /** Where the trend's runs come from, for its legend: `runs in reports/<account>/`, `runs stored in s3://...`. */
  trendSource?: string;
  /** Earlier runs of the account left out of the trend because they audited other checks or regions. */
  otherScopes?: number;
  /** The Security Rule view of the run (computed from the report and the check catalogue when absent). */
  framework?: FrameworkView;
  /** What changed since the previous run of the same scope (open failures new and fixed). */
  change?: ChangeSincePrevious;
}

const STATUS_ORDER: Record<Status, number> = { FAIL: 0, ERROR: 1, PASS: 2 };

/** The service a check belongs to: its id up to the first dot (`s3.bucket-encryption` -> `s3`). */
export const serviceOf = (checkId: string): string => checkId.split('.')[0] ?? checkId;

/** The point of the trend that a report itself represents. */
export function trendPointOf(report: FindingsReport): TrendPoint {
  const s = report.summary;
  return {
    runId: report.run.id,
    startedAt: report.run.startedAt,
    collectedAt: report.run.collectedAt,
    scope: scopeOfRun(report.run),
    coverage: s.coverage.percent,
    score: s.score,
    fail: s.byStatus.FAIL,
    pass: s.byStatus.PASS,
    error: s.byStatus.ERROR,
  };
}

const sectionName = (id: string): string => HIPAA_SECTIONS[id] ?? '';
const chip = (kind: string, value: string): string =>
  `<span class="chip ${escapeHtml(kind)}-${escapeHtml(value.toLowerCase())}">${escapeHtml(value)}</span>`;
const unique = (values: string[]): string[] => [...new Set(values)].sort((a, b) => a.localeCompare(b));
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** A button that narrows the findings table (the inline script wires every [data-filter]). */
function jump(filter: string, value: string, label: string, cls = 'jump', status: Status | '' = 'FAIL'): string {
  return `<button type="button" class="${cls}" data-filter="${escapeHtml(filter)}" data-value="${escapeHtml(value)}" data-status="${status}">${label}</button>`;
}

function bar(rate: number | null): string {
  if (rate === null || !Number.isFinite(rate)) return '<span class="muted small">not judged</span>';
  const width = Math.max(0, Math.min(100, rate));
  return `<div class="rate"><div class="bar"><span class="${toneOf(width)}" style="width:${width}%"></span></div><span class="tone-${toneOf(width)}">${escapeHtml(pct(rate))}</span></div>`;
}

function selectOptions(all: string, values: Array<[string, string]>): string {
  return [`<option value="">${escapeHtml(all)}</option>`]
    .concat(values.map(([v, label]) => `<option value="${escapeHtml(v)}">${escapeHtml(label)}</option>`))
    .join('');
}

const SAFEGUARDS: Array<[string, string]> = [
  ['164.308', 'Administrative safeguards'],
  ['164.310', 'Physical safeguards'],
  ['164.312', 'Technical safeguards'],
  ['164.314', 'Organizational requirements'],
  ['164.316', 'Policies, procedures and documentation'],
];

function scorecard(hipaa: HipaaScore[]): string {
  const groups = new Map<string, HipaaScore[]>();
  for (const h of hipaa) {
    const part = h.section.slice(0, 7);
    groups.set(part, [...(groups.get(part) ?? []), h]);
  }
  const parts = [...groups.keys()].sort(compareSections);
  const body = parts
    .map((part) => {
      const label = SAFEGUARDS.find(([p]) => p === part)?.[1] ?? 'Other';
      const rows = groups.get(part)!.map(
        (h) =>
          `<tr><td class="nowrap">${jump('filter-hipaa', h.section, `<code>${escapeHtml(h.section)}</code>`, 'jump code', h.fail > 0 ? 'FAIL' : '')}</td>` +
          `<td>${escapeHtml(h.name || sectionName(h.section))}</td><td>${bar(h.passRate)}</td>` +
          `<td class="num">${h.pass}</td><td class="num${h.fail ? ' strong-bad' : ''}">${h.fail}</td><td class="num">${h.error}</td>` +
          `<td class="num">${h.suppressed}</td><td class="num">${h.failingResources}</td></tr>`,
      );
      return `<tr class="group"><th colspan="8">${escapeHtml(label)} <span class="muted">45 CFR ${escapeHtml(part)}</span></th></tr>${rows.join('')}`;
    })
    .join('');
  return (
    `<div class="table-box"><table id="hipaa-scorecard"><thead><tr><th>Section</th><th>Safeguard</th><th style="width:24%">Pass rate</th>` +
    `<th class="num">Pass</th><th class="num">Fail</th><th class="num">Error</th><th class="num">Suppressed</th><th class="num">Failing resources</th></tr></thead>` +
    `<tbody>${body}</tbody></table></div>`
  );
}

/** The scorecard's foot: the Security Rule sections no finding of this run reached, listed rather than hidden. */
function unreachedNote(view: FrameworkView): string {
  const missing = unreached(view);
  if (!missing.length) return '';
  const items = missing.map((e) => `<code>${escapeHtml(e.id)}</code> ${escapeHtml(e.title)}`).join('; ');
  return `<p class="unreached" id="unreached"><b>Not reached by this run (${missing.length} of ${view.entries.length}):</b> ${items}. Security Rule coverage, below, says why and what evidence each needs.</p>`;
}

function topFailing(summary: Summary): string {
  if (!summary.topFailingChecks.length) return `<p class="empty">No failing checks.</p>`;
  const max = Math.max(...summary.topFailingChecks.map((c) => c.failed));
  return (
    `<table id="top-failing" class="compact"><tbody>` +
    summary.topFailingChecks
      .map(
        (c) =>
          `<tr><td class="sevcol">${chip('sev', c.severity)}</td>` +
          `<td>${jump('search', c.checkId, `<span class="t" title="${escapeHtml(c.title)}">${escapeHtml(c.title)}</span><code>${escapeHtml(c.checkId)}</code>`, 'jump block')}</td>` +
          `<td class="countcol"><div class="mini"><span style="width:${Math.round((c.failed / max) * 100)}%"></span></div><span class="num">${c.failed}</span></td></tr>`,
      )
      .join('') +
    `</tbody></table>`
  );
}

function severityCard(summary: Summary): string {
  const total = SEVERITIES.reduce((n, s) => n + (summary.bySeverity[s]?.FAIL ?? 0), 0);
  const stack = SEVERITIES.map((s) => {
    const v = summary.bySeverity[s]?.FAIL ?? 0;
    return v ? `<span class="seg ${s}" style="width:${(v / total) * 100}%" title="${s}: ${v}"></span>` : '';
  }).join('');
  const rows = SEVERITIES.map((s) => {
    const v = summary.bySeverity[s]?.FAIL ?? 0;
    return (
      `<li>${jump('filter-severity', s, `<span class="dot ${s}"></span><span class="sev-name">${s}</span><span class="sev-count" id="fail-${s}">${v}</span>`, 'jump sevrow')}</li>`
    );
  }).join('');
  return (
    `<section class="card" aria-labelledby="h-sev"><h2 id="h-sev">Failures by severity</h2>` +
    `<div class="stack">${stack || '<span class="seg none" style="width:100%"></span>'}</div>` +
    `<ul class="sevlist">${rows}</ul></section>`
  );
}

function scoreCard(report: FindingsReport, points: TrendPoint[], change?: ChangeSincePrevious): string {
  const { summary } = report;
  const idx = points.findIndex((p) => p.runId === report.run.id);
  const previous = points.slice(0, idx < 0 ? points.length : idx).reverse().find((p) => p.score !== null && Number.isFinite(p.score));
  // The change line compares with the run this folder held before, which the trend may not list: never both say it.
  let delta = change ? '' : '<div class="delta muted">No earlier run to compare with</div>';
  if (previous && summary.score !== null) {
    const d = Math.round((summary.score - (previous.score as number)) * 10) / 10;
    const cls = d > 0 ? 'up' : d < 0 ? 'down' : 'flat';
    const arrow = d > 0 ? '&#9650;' : d < 0 ? '&#9660;' : '&#9644;';
    delta = `<div class="delta ${cls}" id="score-delta">${arrow} ${d > 0 ? '+' : ''}${d} pts <span class="muted">since ${escapeHtml(utc(placedAt(previous)).slice(0, 10))}</span></div>`;
  }
  const open = summary.byStatus.FAIL - summary.suppressed;
  const c = summary.coverage;
  const coverage =
    `<div class="coverage-line${c.complete ? '' : ' incomplete'}">Coverage <b id="coverage">${escapeHtml(pct(c.percent))}</b>` +
    `<span class="muted"> &middot; ${c.judged} judged, ${c.notJudged} not judged${c.complete ? '' : ' (incomplete)'}</span></div>`;
  return (
    `<section class="card scorecard-card" aria-labelledby="h-score"><h2 id="h-score">HIPAA score</h2><div class="score-wrap">` +
    `<div class="ring-box">${scoreRing(summary.score)}<div class="ring-label"><div class="score-value tone-${toneOf(summary.score)}" id="score">${escapeHtml(pct(summary.score))}</div>` +
    `<div class="ring-sub">pass rate</div></div></div>` +
    `<div class="score-side"><div class="big-line"><b>${summary.byStatus.PASS}</b> passed of <b>${summary.byStatus.PASS + open}</b> judged</div>${coverage}` +
    `<div class="muted small">Score = PASS / (PASS + open FAIL). Suppressed failures are left out; errors lower the coverage, not the score.</div>${delta}${changeLine(change)}</div>` +
    `</div></section>`
  );
}

/** "+N / −M since the previous run of the same scope", when there is one to compare with. */
function changeLine(change: ChangeSincePrevious | undefined): string {
  if (!change) return '';
  const extra = [change.gone ? goneFindings(change.gone) : '', change.unresolved ? `${change.unresolved} not judged or suppressed now` : ''].filter(Boolean).join(', ');
  return (
    `<div class="change-line" id="change-since"><b class="${change.newFailures ? 'down' : 'flat'}">+${change.newFailures}</b> new / <b class="${change.fixed ? 'up' : 'flat'}">&minus;${change.fixed}</b> fixed ` +
    `<span class="muted">open failures since the previous run of the same scope (${escapeHtml(utc(change.previous.collectedAt ?? change.previous.startedAt).slice(0, 16))} UTC)${extra ? `; ${escapeHtml(extra)}` : ''}</span></div>`
  );
}

function statusCard(report: FindingsReport): string {
  const s = report.summary;
  const tile = (id: string, label: string, value: number, cls: string, filter?: [string, string, Status | '']): string => {
    const inner = `<div class="tile-label">${escapeHtml(label)}</div><div class="tile-value" id="${id}">${value}</div>`;
    return filter
      ? `<div class="tile ${cls}">${jump(filter[0], filter[1], inner, 'jump tilebtn', filter[2])}</div>`
      : `<div class="tile ${cls}">${inner}</div>`;
  };
  return (
    `<section class="card" aria-labelledby="h-status"><h2 id="h-status">Findings</h2><div class="tiles">` +
    tile('count-fail', 'Fail', s.byStatus.FAIL, 't-fail', ['filter-status', 'FAIL', '']) +
    tile('count-error', 'Error', s.byStatus.ERROR, 't-error', ['filter-status', 'ERROR', '']) +
    tile('count-pass', 'Pass', s.byStatus.PASS, 't-pass', ['filter-status', 'PASS', '']) +
    tile('count-suppressed', 'Suppressed', s.suppressed, 't-sup', ['filter-status', 'suppressed', '']) +
    tile('count-collection-errors', 'Collection errors', s.collectionErrors, 't-col') +
    tile('count-total', 'Total findings', s.total, 't-total') +
    `</div><div class="muted small checks-line">${plural(report.run.checks.length, 'check')} over ${plural(report.run.regions.length, 'region')}</div></section>`
  );
}

function recentRuns(points: TrendPoint[]): string {
  const recent = points.slice(-5).reverse();
  const rows = recent.map((p, i) => {
    const before = recent[i + 1];
    const d = before && p.score !== null && before.score !== null ? Math.round((p.score - before.score) * 10) / 10 : null;
    const delta = d === null ? '<span class="muted">-</span>' : `<span class="${d > 0 ? 'up' : d < 0 ? 'down' : 'flat'}">${d > 0 ? '+' : ''}${d}</span>`;
    return (
      `<tr><td class="nowrap">${escapeHtml(utc(placedAt(p)).replace(/:\d\d UTC$/, ' UTC'))}</td><td class="num"><b class="tone-${toneOf(p.score)}">${escapeHtml(pct(p.score))}</b></td>` +
      `<td class="num delta-cell">${delta}</td><td class="num">${p.fail}</td><td class="num">${p.pass}</td><td class="num">${p.error}</td></tr>`
    );
  });
  return (
    `<table id="recent-runs" class="compact runs"><thead><tr><th>Evidence collected (newest first)</th><th class="num">Score</th><th class="num">Change</th>` +
    `<th class="num">Fail</th><th class="num">Pass</th><th class="num">Error</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
  );
}

function trendCard(points: TrendPoint[], options: RenderOptions): string {
  const source = options.trendSource ? ` ${escapeHtml(options.trendSource)}` : '';
  const others = options.otherScopes
    ? `<p class="scope-note" id="scope-note">Scope changed: ${plural(options.otherScopes, 'earlier run')} of this account audited other checks or regions and ${options.otherScopes === 1 ? 'is' : 'are'} not compared.</p>`
    : '';
  const body =
    points.length >= 2
      ? `${trendChart(points)}<div class="legend"><span><i class="lg-line"></i>Score</span><span><i class="lg-bar"></i>FAIL findings</span>` +
        `<span class="muted" id="trend-source">last ${points.length} runs of the same checks and regions${source}, by evidence date</span></div>${others}${recentRuns(points)}`
      : `<div class="trend-empty" id="trend-empty"><svg width="44" height="44" viewBox="0 0 24 24" aria-hidden="true"><path d="M3 17l5-5 4 4 8-8" fill="none" stroke="#94a3b8" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"/><path d="M3 21h18" stroke="#cbd5e1" stroke-width="1.5"/></svg>` +
        `<p>${escapeHtml(options.trendNote ?? 'The trend appears after the second run stored in S3 (audit with --output-bucket).')}</p>${others}</div>`;
  return `<section class="card flex-card" aria-labelledby="h-trend"><h2 id="h-trend">Score trend</h2>${body}</section>`;
}

const CSS = `${BASE_CSS}${EPHI_CSS}
.score-wrap{display:flex;align-items:center;gap:20px}
.ring-box{position:relative;width:132px;height:132px;flex:none}
.ring-track{stroke:#e2e8f0}
.ring-label{position:absolute;inset:0;display:flex;flex-direction:column;align-items:center;justify-content:center}
.score-value{font-size:30px;font-weight:700;letter-spacing:-.02em;line-height:1.1}
.ring-sub{font-size:11px;color:var(--muted);text-transform:uppercase;letter-spacing:.06em}
.score-side{min-width:0;display:flex;flex-direction:column;gap:8px}
.big-line{font-size:15px;color:var(--fg2)}.big-line b{color:var(--fg)}
.delta{font-size:13px;font-weight:600}.delta.up{color:var(--good)}.delta.down{color:var(--bad)}.delta.flat{color:var(--muted)}
.delta .muted{font-weight:400}
.change-line{font-size:13px}.change-line b.down{color:var(--bad)}.change-line b.up{color:var(--good)}.change-line b.flat{color:var(--muted)}.change-line .muted{font-weight:400}
.stack{display:flex;height:12px;border-radius:6px;overflow:hidden;background:#e2e8f0;margin-bottom:12px}
.seg.critical{background:var(--crit)}.seg.high{background:var(--high)}.seg.medium{background:var(--med)}.seg.low{background:var(--low)}.seg.informational{background:var(--info)}.seg.none{background:#e2e8f0}
.sevlist{list-style:none;margin:0;padding:0}
.sevlist li{border-bottom:1px solid var(--line)}.sevlist li:last-child{border:0}
button.jump{font:inherit;color:inherit;background:none;border:0;padding:0;margin:0;cursor:pointer;text-align:left}
button.jump:hover .t,button.jump.code:hover code,button.sevrow:hover .sev-name{color:var(--accent);text-decoration:underline}
button.jump:focus-visible{outline:2px solid var(--accent);outline-offset:2px;border-radius:4px}
.sevrow{display:flex!important;align-items:center;width:100%;padding:6px 2px!important}
.sev-name{text-transform:capitalize;flex:1;color:var(--fg2)}
.sev-count{font-weight:700;font-variant-numeric:tabular-nums;font-size:15px}
.tiles{display:grid;grid-template-columns:repeat(3,1fr);gap:10px}
.tile{border:1px solid var(--line);border-radius:8px;padding:10px 12px;background:#f8fafc;min-width:0}
.tile .tilebtn{display:block;width:100%}
.tile-label{font-size:10.5px;color:var(--muted);text-transform:uppercase;letter-spacing:.05em;line-height:1.3;min-height:2.6em}
.tile-value{font-size:24px;font-weight:700;font-variant-numeric:tabular-nums;line-height:1.25}
.t-fail .tile-value{color:#b91c1c}.t-error .tile-value{color:#6d28d9}.t-pass .tile-value{color:#15803d}
.tile:hover{border-color:var(--line2)}
.checks-line{margin-top:10px}
.trend{width:100%;height:auto;display:block}
.trend .grid{stroke:#e2e8f0;stroke-width:1}.trend .baseline{stroke:#94a3b8;stroke-width:1}
.trend .axis{fill:#64748b;font-size:11px}.trend .axis-fail{fill:#b91c1c}
.trend-bar{fill:#fecaca}.trend-bar:hover{fill:#fca5a5}
.trend-line{fill:none;stroke:var(--accent);stroke-width:2.5;stroke-linejoin:round;stroke-linecap:round}
.trend-area{fill:#2563eb;opacity:.08}
.trend-point{fill:#fff;stroke:var(--accent);stroke-width:2}.trend-point.latest{fill:var(--accent)}
.legend{display:flex;gap:18px;font-size:12px;color:var(--fg2);margin-top:6px;flex-wrap:wrap}
.legend i{display:inline-block;vertical-align:middle;margin-right:6px}
.lg-line{width:18px;height:3px;background:var(--accent);border-radius:2px}.lg-bar{width:10px;height:10px;background:#fecaca;border:1px solid #fca5a5}
.flex-card{display:flex;flex-direction:column}
table.runs{margin-top:12px;font-size:12.5px}table.runs th{padding:6px}table.runs td{padding:5px 6px}
.delta-cell .up{color:var(--good);font-weight:600}.delta-cell .down{color:var(--bad);font-weight:600}.delta-cell .flat{color:var(--muted)}
.trend-empty{flex:1;display:flex;flex-direction:column;align-items:center;justify-content:center;text-align:center;min-height:190px;color:var(--muted);border:1px dashed var(--line2);border-radius:8px;padding:16px}
.trend-empty p{margin:8px 0 0;max-width:420px}
table.compact td{padding:8px 6px;vertical-align:middle}
#top-failing .sevcol{width:96px}
#top-failing .jump{display:flex;flex-direction:column}
#top-failing td:nth-child(2){max-width:0;width:100%}
#top-failing .jump{width:100%}
#top-failing .t{color:var(--fg);font-weight:500;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
#top-failing code{color:var(--muted);font-size:11.5px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
#top-failing .countcol{width:120px;white-space:nowrap}
.mini{display:inline-block;width:70px;height:6px;background:#f1f5f9;border-radius:3px;overflow:hidden;vertical-align:middle;margin-right:8px}
.mini span{display:block;height:100%;background:#f87171;border-radius:3px}
.countcol .num{display:inline-block;min-width:22px;font-weight:700}
.empty{color:var(--muted);margin:8px 0}
#hipaa-scorecard tr.group th{background:#f8fafc;color:var(--fg2);font-size:12px;text-transform:none;letter-spacing:0;font-weight:650;border-top:1px solid var(--line2)}
#hipaa-scorecard tr.group th .muted{font-weight:400;margin-left:6px}
#hipaa-scorecard code{color:var(--accent)}
.strong-bad{color:#b91c1c;font-weight:700}
.notice{background:#fffbeb;border:1px solid #fcd34d;border-radius:10px;padding:14px 18px;margin-bottom:16px}
.notice h2{margin:0 0 6px;font-size:13px;text-transform:uppercase;letter-spacing:.06em;color:#92400e}
.filters{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin:0 0 12px}
.filters select,.filters input{font:inherit;font-size:13px;padding:6px 10px;border:1px solid var(--line2);border-radius:7px;background:#fff;color:var(--fg);max-width:260px}
.filters input{min-width:260px;flex:1;max-width:none}
.filters select:focus,.filters input:focus{outline:2px solid #bfdbfe;border-color:var(--accent)}
.btn{font:inherit;font-size:13px;padding:6px 12px;border:1px solid var(--line2);border-radius:7px;background:#fff;cursor:pointer;color:var(--fg2)}
.btn:hover{background:#f8fafc}
#shown-count{color:var(--muted);font-size:12.5px;margin-left:auto;white-space:nowrap}
.findings-wrap{max-height:78vh}
.findings-wrap thead th{position:sticky;top:0;z-index:1}
table#findings{table-layout:fixed;min-width:760px}
table#findings td{padding:10px 10px}
tr.check-row td{background:#f8fafc;border-top:1px solid var(--line2);padding:10px 12px}
.g-head{display:flex;align-items:center;gap:10px;flex-wrap:wrap}
.g-title{font-weight:650;color:var(--fg)}
.g-check{color:var(--muted);font-size:11.5px}
.g-count{color:var(--muted);font-size:12px;margin-left:auto}
tr.check-row .f-tags{margin-top:6px}
tr.finding:hover td{background:#fbfdff}
tr.is-suppressed td{background:#fcfcfd}tr.is-suppressed .f-msg{color:var(--muted)}
.res{display:flex;align-items:baseline;gap:8px;flex-wrap:wrap}
.res-id{font-weight:600;overflow-wrap:anywhere}
.res-type{font-size:11px;color:var(--muted)}
.res-region{display:none;font-size:11px;color:var(--muted)}
.f-msg{margin:3px 0 2px;color:var(--fg2);overflow-wrap:anywhere}
.f-tags{display:flex;flex-wrap:wrap;gap:4px}
.tag{display:inline-block;font:11px/1.6 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;border-radius:4px;padding:0 6px}
.tag.hipaa{background:#eef2ff;color:#3730a3}.tag.ctl{background:#f1f5f9;color:#334155;border:1px solid #e2e8f0}
.sup-note{margin-top:6px;font-size:12.5px;color:var(--fg2);overflow-wrap:anywhere}
details.fix{margin-top:6px;font-size:12.5px}
details.fix summary{cursor:pointer;color:var(--accent);font-weight:600;width:max-content;list-style-position:outside}
details.fix p{margin:6px 0 4px;color:var(--fg2);overflow-wrap:anywhere;background:#fff;border-left:3px solid #bfdbfe;padding:8px 10px;border-radius:0 6px 6px 0}
.url{color:var(--muted);overflow-wrap:anywhere}
.res-arn{font:11px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:var(--muted);overflow-wrap:anywhere}
td.region{color:var(--fg2);font-size:12.5px}
#no-match{padding:20px;text-align:center}
.pager{display:flex;align-items:center;gap:10px;justify-content:flex-end;margin-top:10px;font-size:12.5px;color:var(--muted)}
.pager[hidden]{display:none}
.btn:disabled{opacity:.45;cursor:default}
.alert{background:#fff7ed;border:1px solid #fdba74;border-left:5px solid #ea580c;border-radius:10px;padding:14px 18px;margin-bottom:16px}
.alert h2{margin:0 0 6px;font-size:13px;text-transform:uppercase;letter-spacing:.06em;color:#9a3412}
.alert-lead{margin:0 0 10px;color:var(--fg);font-weight:500}
.alert .table-box{background:#fff}
table.gaps td{font-size:12.5px}
.coverage-line{font-size:13px;color:var(--fg2)}.coverage-line b{color:var(--fg)}
.coverage-line.incomplete b{color:#c2410c}
.scope-note{margin:8px 0 0;font-size:12px;color:#92400e;background:#fffbeb;border:1px solid #fde68a;border-radius:6px;padding:6px 10px}
.print-only{display:none}
@media (max-width:640px){
  .topbar,.runbar{padding-left:12px;padding-right:12px}
  main{padding:14px 10px 8px}
  footer{padding:8px 12px 24px}
  .card{padding:14px 12px}
  .score-wrap{flex-wrap:wrap;gap:12px}
  .tiles{grid-template-columns:repeat(2,1fr)}
  .filters input{min-width:0;flex-basis:100%}
  .filters select{max-width:48%}
  table#findings colgroup{display:none}
  #hipaa-scorecard th:nth-child(n+4),#hipaa-scorecard td:nth-child(n+4){display:none}
  #hipaa-scorecard td,#hipaa-scorecard th{padding:7px 6px}
  #hipaa-scorecard td.nowrap{white-space:normal}
  #hipaa-scorecard td:first-child code{font-size:11px;overflow-wrap:anywhere}
  #hipaa-scorecard th:nth-child(3){width:auto!important}
  #hipaa-scorecard .rate{min-width:0;gap:4px;flex-direction:column;align-items:flex-end}
  #hipaa-scorecard .bar{width:54px;flex:none}
  #hipaa-scorecard .rate>span{min-width:0}
  table#findings{min-width:0;table-layout:auto}
  table#findings th:nth-child(2),table#findings tr.finding td:nth-child(2),table#findings th:nth-child(4),table#findings td.region{display:none}
  .res-region{display:inline}
  #top-failing .countcol{width:auto}.mini{display:none}
  table.gaps thead{display:none}
  table.gaps,table.gaps tbody,table.gaps tr,table.gaps td{display:block;width:auto}
  table.gaps tr{padding:8px 10px;border-bottom:1px solid var(--line)}
  table.gaps td{border:0;padding:1px 0;text-align:left}
  table.gaps td.num::before{content:"reads: ";color:var(--muted)}
}
@media print{
  .topbar,.runbar,main,footer{display:none!important}
  .print-only{display:block!important}
  #print-copy{font-size:10.5px;color:#000;padding:0 4px}
  #print-copy h1{font-size:18px;margin:0 0 4px}
  #print-copy h2{font-size:13px;margin:16px 0 6px;text-transform:uppercase;letter-spacing:.05em;break-after:avoid}
  #print-copy h3{font-size:12px;margin:12px 0 3px;break-after:avoid}
  #print-copy table{width:100%;border-collapse:collapse;font-size:10px}
  #print-copy th,#print-copy td{border:1px solid #cbd5e1;padding:3px 5px;vertical-align:top;text-align:left}
  #print-copy .num{text-align:right}
  #print-copy thead{display:table-header-group}
  #print-copy tr{break-inside:avoid}
  .pc-meta{margin:0 0 8px;color:#334155}
  .pc-tags{margin:0 0 3px;color:#334155}
  .pc-fix{margin:0 0 5px;padding:4px 6px;border-left:3px solid #2563eb;background:#f8fafc}
  .pc-arn{font:9px/1.3 ui-monospace,Menlo,Consolas,monospace;color:#475569;overflow-wrap:anywhere}
  .pc-n{font-weight:400;color:#475569}
  .pc-foot{margin-top:14px;color:#475569}
  #print-copy .alert{break-inside:avoid;padding:8px 10px;border-left-width:3px}
  #print-copy table.gaps td,#print-copy table.gaps th{font-size:9.5px;padding:2px 4px}
}`;

const SCRIPT_HASH = createHash('sha256').update(CLIENT_JS).digest('base64');
const CSP = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${SCRIPT_HASH}'; base-uri 'none'; form-action 'none'`;

/**
 * The trend's points: the stored runs and this one (once), oldest first by evidence collection time. Runs that
 * judged the same evidence (replays of one inventory) are one point: this run, else the latest evaluation.
 */
function trendPoints(report: FindingsReport, history: readonly TrendPoint[] | undefined): TrendPoint[] {
  const current = trendPointOf(report);
  const byEvidence = new Map<string, TrendPoint>();
  for (const p of history ?? []) {
    if (p.runId === current.runId) continue;
    const seen = byEvidence.get(placedAt(p));
    if (!seen || p.startedAt > seen.startedAt) byEvidence.set(placedAt(p), p);
  }
  byEvidence.set(placedAt(current), current);
  return [...byEvidence.values()].sort((a, b) => placedAt(a).localeCompare(placedAt(b)) || a.runId.localeCompare(b.runId));
}

export function renderHtml(report: FindingsReport, options: RenderOptions = {}): string {
  return [...htmlChunks(report, options)].join('');
}

/** report.html in pieces: the page, then the findings data a slice at a time (it is most of the file). */
export function* htmlChunks(report: FindingsReport, options: RenderOptions = {}): Generator<string> {
  const { run, summary, tool } = report;
  const groups = groupByCheck(report.findings);
  const hipaa = [...summary.hipaa].sort((a, b) => compareSections(a.section, b.section));
  const sections = unique(report.findings.flatMap((f) => f.hipaa)).sort(compareSections);
  const points = trendPoints(report, options.history);
  const replay = run.source === 'inventory';
  const ephi = ephiView(report);
  const framework = options.framework ?? frameworkView(report);

  const meta: Array<[string, string]> = [
    ['Account', run.accountId],
    ['Partition', run.partition],
    ['Regions', run.regions.join(', ')],
    ['Run', run.id],
    ['Evidence collected', utc(run.collectedAt)],
    ['Evaluated', utc(run.startedAt)],
    ['Finished', utc(run.finishedAt)],
    ['Source', replay ? 'inventory (replay of saved evidence)' : run.source],
    ['API calls', String(run.apiCalls.total)],
    ...(run.scope === 'ephi' ? [['Scope', 'ePHI resources (and those whose tags could not be read), account-level checks and every data store\'s classification'] as [string, string]] : []),
  ];

  const expired = summary.expiredSuppressions.length
    ? `<section class="notice" aria-labelledby="h-expired"><h2 id="h-expired">Expired suppressions</h2><p>These suppressions have expired and no longer apply; review or renew them.</p>` +
      `<div class="table-box"><table id="expired-suppressions"><thead><tr><th>Check</th><th>Resource</th><th>Reason</th><th>Expired</th><th>Approved by</th><th>Ticket</th></tr></thead><tbody>` +
      summary.expiredSuppressions
        .map(
          (s) =>
            `<tr><td><code>${escapeHtml(s.checkId)}</code></td><td class="wrap">${escapeHtml(s.resource)}</td><td>${escapeHtml(s.reason)}</td><td class="nowrap">${escapeHtml(s.expires ?? '')}</td>` +
            `<td class="wrap">${escapeHtml(s.approvedBy ?? '')}</td><td class="wrap">${escapeHtml(s.ticket ?? '')}</td></tr>`,
        )
        .join('') +
      `</tbody></table></div></section>`
    : '';

  const statusOptions = [...STATUSES].sort((a, b) => STATUS_ORDER[a] - STATUS_ORDER[b]).map((s): [string, string] => [s, s]);
  const total = report.findings.length;
  yield `${documentHead(CSP, `HIPAA posture report - ${escapeHtml(run.accountId)}`, CSS + FRAMEWORK_CSS)}
<body>
<header class="topbar"><div class="topbar-inner">
<div class="brand">${SHIELD_SVG}<div>HIPAA Security Rule posture<small>${escapeHtml(tool.name)} ${escapeHtml(tool.version)}</small></div></div>
<div class="spacer"></div>
<span class="pill">Account <b>${escapeHtml(run.accountId)}</b></span>
<span class="pill" id="evidence-date">Evidence collected <b>${escapeHtml(utc(run.collectedAt))}</b></span>
${replay ? `<span class="pill">Evaluated <b>${escapeHtml(utc(run.startedAt))}</b></span>` : ''}
</div></header>
<div class="runbar"><dl>${meta.map(([k, v]) => `<div><dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd></div>`).join('')}</dl></div>
<main>
${incompleteNotice(summary, 'incomplete-audit')}
<div class="grid kpis">
${scoreCard(report, points, options.change)}
${severityCard(summary)}
${statusCard(report)}
</div>
<div class="grid two">
${trendCard(points, options)}
<section class="card" aria-labelledby="h-top"><h2 id="h-top">Top failing checks</h2>${topFailing(summary)}</section>
</div>
${expired}
${ephi ? ephiCard(report, ephi) : ''}
<section class="card" style="margin-bottom:16px" aria-labelledby="h-hipaa"><div class="section-head"><h2 id="h-hipaa">HIPAA safeguard scorecard</h2><span class="hint">Pass rate and failing resources per Security Rule section; select a section to see its failures.</span></div>
${scorecard(hipaa)}${unreachedNote(framework)}</section>
${frameworkSection(framework, new Set(sections))}
<section class="card" id="findings-card" aria-labelledby="h-findings"><div class="section-head"><h2 id="h-findings">Findings</h2><span class="hint">Grouped by check: failures first, worst severity first. Open a check's remediation for the fix.</span></div>
<div class="filters">
<select id="filter-status" aria-label="Status">${selectOptions('All statuses', statusOptions.concat([['suppressed', 'Suppressed']]))}</select>
<select id="filter-severity" aria-label="Severity">${selectOptions('All severities', SEVERITIES.map((s): [string, string] => [s, s]))}</select>
<select id="filter-service" aria-label="Service">${selectOptions('All services', unique(report.findings.map((f) => serviceOf(f.checkId))).map((s): [string, string] => [s, s]))}</select>
<select id="filter-region" aria-label="Region">${selectOptions('All regions', unique(report.findings.map((f) => f.region)).map((s): [string, string] => [s, s]))}</select>
<select id="filter-hipaa" aria-label="HIPAA section">${selectOptions('All HIPAA sections', sections.map((s): [string, string] => [s, sectionName(s) ? `${s} ${sectionName(s)}` : s]))}</select>
<select id="filter-classification" aria-label="Classification"${ephi ? '' : ' hidden'}>${selectOptions('All resources', [['ephi', 'ePHI resources'], ['not-ephi', 'Not ePHI'], ['unknown', 'Tags unreadable']])}</select>
<input id="search" type="search" placeholder="Search resource, message, check id, control" aria-label="Search">
<button type="button" class="btn" id="reset-filters">Reset</button>
<span id="shown-count">${total} of ${total} findings shown</span>
</div>
<div class="table-box findings-wrap"><table id="findings"><colgroup><col style="width:84px"><col style="width:112px"><col><col style="width:118px"></colgroup>
<thead><tr><th>Status</th><th>Severity</th><th>Resource and finding</th><th>Region</th></tr></thead>
<tbody id="findings-body"></tbody></table>
<p id="no-match" class="muted" hidden>No findings match the filters.</p></div>
<div class="pager" id="pager" hidden><button type="button" class="btn" id="page-prev">Previous</button><span id="page-info"></span><button type="button" class="btn" id="page-next">Next</button></div>
</section>
</main>
`;
  yield* printCopy(report, groups, hipaa, framework, ephi ? ephiPrint(report, ephi) : '');
  yield `
<footer>Generated by ${escapeHtml(tool.name)} ${escapeHtml(tool.version)} from run ${escapeHtml(run.id)} (schema ${escapeHtml(report.schemaVersion)}). Findings assess technical safeguards in AWS configuration only; they are not a HIPAA compliance determination.</footer>
<script type="application/json" id="report-data">`;
  yield* findingsDataChunks(groups);
  yield `</script>
<script>${CLIENT_JS}</script>
</body>
</html>
`;
}
