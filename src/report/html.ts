import { createHash } from 'node:crypto';
import type { Finding, FindingsReport, HipaaScore } from '../evaluate/finding';
import { HIPAA_SECTIONS, compareSections } from '../evaluate/hipaa';
import { SEVERITIES, STATUSES, type Severity, type Status } from '../evaluate/types';

/**
 * report.html: one self-contained file (inline CSS and JS, no external resource of any kind) that works opened
 * from disk. Every value taken from the report is escaped: resource names, tags and messages are attacker-controlled.
 * A Content-Security-Policy meta tag backs that up: nothing may be fetched, and only the one inline script (by its
 * hash) may run, so an injected event handler would not execute even if escaping were ever missed.
 */

/** Escapes text for use in HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** The URL when it is an absolute https:// URL, else null (javascript:, data:, http:, relative...). */
export function safeHttpsUrl(url: string | undefined): string | null {
  if (!url || !/^https:\/\//i.test(url.trim())) return null;
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

const STATUS_ORDER: Record<Status, number> = { FAIL: 0, ERROR: 1, PASS: 2 };
const SEVERITY_ORDER = Object.fromEntries(SEVERITIES.map((s, i) => [s, i])) as Record<Severity, number>;

/** FAIL, ERROR, PASS; critical to informational within; suppressed after open; then check, region, resource. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    (STATUS_ORDER[a.status] ?? 9) - (STATUS_ORDER[b.status] ?? 9) ||
    (SEVERITY_ORDER[a.severity] ?? 9) - (SEVERITY_ORDER[b.severity] ?? 9) ||
    Number(!!a.suppressed) - Number(!!b.suppressed) ||
    a.checkId.localeCompare(b.checkId) ||
    a.region.localeCompare(b.region) ||
    a.resource.id.localeCompare(b.resource.id)
  );
}

/** The service a check belongs to: its id up to the first dot (`s3.bucket-encryption` -> `s3`). */
export const serviceOf = (checkId: string): string => checkId.split('.')[0] ?? checkId;

/** ISO timestamps as `YYYY-MM-DD HH:MM:SS UTC`; anything unparseable as given. */
function utc(value: string): string {
  const t = Date.parse(value);
  return Number.isNaN(t) ? value : new Date(t).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

const pct = (value: number | null): string => (value === null || !Number.isFinite(value) ? 'n/a' : `${value}%`);
const sectionName = (id: string): string => HIPAA_SECTIONS[id] ?? '';
const chip = (kind: string, value: string): string =>
  `<span class="chip ${escapeHtml(kind)}-${escapeHtml(value.toLowerCase())}">${escapeHtml(value)}</span>`;

function bar(rate: number | null): string {
  if (rate === null || !Number.isFinite(rate)) return '<span class="muted">n/a</span>';
  const width = Math.max(0, Math.min(100, rate));
  const tone = width >= 90 ? 'good' : width >= 70 ? 'warn' : 'bad';
  return `<div class="rate"><div class="bar"><span class="${tone}" style="width:${width}%"></span></div><span>${escapeHtml(pct(rate))}</span></div>`;
}

function options(all: string, values: Array<[string, string]>): string {
  return [`<option value="">${escapeHtml(all)}</option>`]
    .concat(values.map(([v, label]) => `<option value="${escapeHtml(v)}">${escapeHtml(label)}</option>`))
    .join('');
}

const unique = (values: string[]): string[] => [...new Set(values)].sort((a, b) => a.localeCompare(b));

function remediation(f: Finding): string {
  const href = safeHttpsUrl(f.remediation.url);
  const link = href
    ? `<a class="remediation-link" href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer">Documentation</a>`
    : f.remediation.url
      ? `<span class="small url">${escapeHtml(f.remediation.url)}</span>`
      : '';
  return `<div>${escapeHtml(f.remediation.text)}</div>${link}`;
}

function findingRow(f: Finding): string {
  const search = [f.checkId, f.title, f.resource.type, f.resource.id, f.resource.arn, f.message].join(' ').toLowerCase();
  const sup = f.suppressed
    ? `<span class="chip sup">suppressed</span><div class="small">${escapeHtml(f.suppressed.reason)}</div>` +
      (f.suppressed.expires ? `<div class="small muted">until ${escapeHtml(f.suppressed.expires)}</div>` : '')
    : '';
  const attrs = [
    ['status', f.status],
    ['severity', f.severity],
    ['service', serviceOf(f.checkId)],
    ['region', f.region],
    ['hipaa', f.hipaa.join(' ')],
    ['suppressed', f.suppressed ? 'yes' : 'no'],
    ['search', search],
  ]
    .map(([k, v]) => ` data-${k}="${escapeHtml(v)}"`)
    .join('');
  return (
    `<tr class="finding${f.suppressed ? ' is-suppressed' : ''}" id="f-${escapeHtml(f.id)}"${attrs}>` +
    `<td>${chip('st', f.status)}</td>` +
    `<td>${chip('sev', f.severity)}</td>` +
    `<td><code>${escapeHtml(f.checkId)}</code><div>${escapeHtml(f.title)}</div></td>` +
    `<td class="nowrap">${escapeHtml(f.region)}</td>` +
    `<td class="resource" title="${escapeHtml(f.resource.arn)}"><div class="small muted">${escapeHtml(f.resource.type)}</div>` +
    `<div class="break">${escapeHtml(f.resource.id)}</div><div class="small muted break">${escapeHtml(f.resource.arn)}</div></td>` +
    `<td class="break">${escapeHtml(f.message)}</td>` +
    `<td>${f.hipaa.map((h) => `<span class="tag" title="${escapeHtml(sectionName(h))}">${escapeHtml(h)}</span>`).join(' ')}</td>` +
    `<td>${f.controls.map((c) => `<span class="tag">${escapeHtml(c)}</span>`).join(' ')}</td>` +
    `<td class="remediation">${remediation(f)}</td>` +
    `<td>${sup}</td></tr>`
  );
}

function scorecardRow(h: HipaaScore): string {
  return (
    `<tr><td class="nowrap"><code>${escapeHtml(h.section)}</code></td><td>${escapeHtml(h.name || sectionName(h.section))}</td>` +
    `<td>${bar(h.passRate)}</td><td class="num">${h.pass}</td><td class="num">${h.fail}</td>` +
    `<td class="num">${h.error}</td><td class="num">${h.suppressed}</td><td class="num">${h.failingResources}</td></tr>`
  );
}

const CSS = `
:root{--fg:#111827;--muted:#6b7280;--line:#e5e7eb;--bg:#f8fafc;--card:#fff;--accent:#1e3a8a}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:var(--fg);background:var(--bg)}
header{background:#0f172a;color:#e2e8f0;padding:20px 28px}
header h1{margin:0 0 6px;font-size:20px;font-weight:600;color:#fff}
header dl{display:flex;flex-wrap:wrap;gap:4px 24px;margin:8px 0 0;font-size:13px}
header dt{color:#94a3b8}header dd{margin:0 0 0 6px}header dl div{display:flex}
main{padding:20px 28px;max-width:1600px;margin:0 auto}
h2{font-size:16px;margin:28px 0 10px;color:var(--accent)}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(140px,1fr));gap:12px}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px 14px}
.card .label{font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
.card .value{font-size:26px;font-weight:600;margin-top:2px}
.card.score .value{color:var(--accent)}
table{border-collapse:collapse;width:100%;background:var(--card)}
th,td{padding:7px 9px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
th{background:#f1f5f9;font-size:12px;text-transform:uppercase;letter-spacing:.03em;color:#334155;position:sticky;top:0;z-index:1}
.box{border:1px solid var(--line);border-radius:8px;overflow:auto}
.findings-wrap{max-height:80vh}
table#findings{min-width:1200px;font-size:13px}
tr.finding:hover{background:#f8fafc}
tr.is-suppressed{opacity:.7}
.num{text-align:right;font-variant-numeric:tabular-nums}
.nowrap{white-space:nowrap}.break{word-break:break-all}
.small{font-size:12px}.muted{color:var(--muted)}
code{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.chip{display:inline-block;padding:1px 8px;border-radius:999px;font-size:11px;font-weight:600;text-transform:uppercase;white-space:nowrap;border:1px solid transparent}
.sev-critical{background:#7f1d1d;color:#fff}.sev-high{background:#dc2626;color:#fff}.sev-medium{background:#f59e0b;color:#1f2937}
.sev-low{background:#dbeafe;color:#1e40af}.sev-informational{background:#f3f4f6;color:#374151;border-color:#d1d5db}
.st-fail{background:#fee2e2;color:#991b1b}.st-error{background:#ede9fe;color:#5b21b6}.st-pass{background:#dcfce7;color:#166534}
.chip.sup{background:#f3f4f6;color:#4b5563;border-color:#d1d5db}
.tag{display:inline-block;font:11px ui-monospace,Menlo,Consolas,monospace;background:#eef2ff;color:#3730a3;border-radius:4px;padding:0 5px;margin:1px 0}
.rate{display:flex;align-items:center;gap:8px;min-width:160px}
.bar{flex:1;height:8px;background:#e5e7eb;border-radius:4px;overflow:hidden}
.bar span{display:block;height:100%}.bar .good{background:#16a34a}.bar .warn{background:#f59e0b}.bar .bad{background:#dc2626}
.filters{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin:0 0 10px}
.filters select,.filters input{font:inherit;padding:5px 8px;border:1px solid #cbd5e1;border-radius:6px;background:#fff}
.filters input{min-width:240px;flex:1}
#shown-count{color:var(--muted);font-size:13px;margin-left:auto}
.remediation a{font-size:12px;color:#1d4ed8}
.notice{background:#fffbeb;border:1px solid #fcd34d;border-radius:8px;padding:10px 14px}
footer{color:var(--muted);font-size:12px;padding:16px 28px 28px}
@media print{
  body{background:#fff;font-size:11px}header{background:#fff;color:#000;border-bottom:2px solid #000}header h1{color:#000}header dt{color:#444}
  .filters{display:none}.findings-wrap,.box{max-height:none;overflow:visible;border:0}th{position:static}
  table#findings{min-width:0}tr{break-inside:avoid}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}`;

const JS = `
(function(){
  var ids=['filter-status','filter-severity','filter-service','filter-region','filter-hipaa','search'];
  var el=function(id){return document.getElementById(id);};
  var rows=Array.prototype.slice.call(document.querySelectorAll('#findings tr.finding'));
  function apply(){
    var st=el('filter-status').value,sev=el('filter-severity').value,svc=el('filter-service').value,
        reg=el('filter-region').value,hip=el('filter-hipaa').value,q=el('search').value.trim().toLowerCase(),n=0;
    rows.forEach(function(r){
      var d=r.dataset,ok=(!st||(st==='suppressed'?d.suppressed==='yes':d.status===st))&&(!sev||d.severity===sev)&&
        (!svc||d.service===svc)&&(!reg||d.region===reg)&&(!hip||d.hipaa.split(' ').indexOf(hip)>=0)&&
        (!q||d.search.indexOf(q)>=0);
      r.hidden=!ok;if(ok)n++;
    });
    el('shown-count').textContent=n+' of '+rows.length+' findings shown';
    el('no-match').hidden=n>0||rows.length===0;
  }
  ids.forEach(function(id){el(id).addEventListener(id==='search'?'input':'change',apply);});
  apply();
})();`;

const SCRIPT_HASH = createHash('sha256').update(JS).digest('base64');
const CSP = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${SCRIPT_HASH}'; base-uri 'none'; form-action 'none'`;

export function renderHtml(report: FindingsReport): string {
  const { run, summary, tool } = report;
  const findings = [...report.findings].sort(compareFindings);
  const hipaa = [...summary.hipaa].sort((a, b) => compareSections(a.section, b.section));
  const sections = unique(findings.flatMap((f) => f.hipaa)).sort(compareSections);

  const meta: Array<[string, string]> = [
    ['Account', run.accountId],
    ['Partition', run.partition],
    ['Regions', run.regions.join(', ')],
    ['Run', run.id],
    ['Started', utc(run.startedAt)],
    ['Finished', utc(run.finishedAt)],
    ['Source', run.source],
    ['API calls', String(run.apiCalls.total)],
  ];
  const card = (id: string, label: string, value: string | number, cls = ''): string =>
    `<div class="card ${cls}"><div class="label">${escapeHtml(label)}</div><div class="value" id="${id}">${escapeHtml(value)}</div></div>`;

  const top = summary.topFailingChecks.length
    ? `<div class="box"><table id="top-failing"><thead><tr><th>Check</th><th>Title</th><th>Severity</th><th class="num">Failed</th></tr></thead><tbody>` +
      summary.topFailingChecks
        .map(
          (c) =>
            `<tr><td><code>${escapeHtml(c.checkId)}</code></td><td>${escapeHtml(c.title)}</td><td>${chip('sev', c.severity)}</td><td class="num">${c.failed}</td></tr>`,
        )
        .join('') +
      `</tbody></table></div>`
    : `<p class="muted">No failing checks.</p>`;

  const expired = summary.expiredSuppressions.length
    ? `<h2>Expired suppressions</h2><div class="notice"><p>These suppressions have expired and no longer apply; review or renew them.</p>` +
      `<div class="box"><table id="expired-suppressions"><thead><tr><th>Check</th><th>Resource</th><th>Reason</th><th>Expired</th></tr></thead><tbody>` +
      summary.expiredSuppressions
        .map(
          (s) =>
            `<tr><td><code>${escapeHtml(s.checkId)}</code></td><td class="break">${escapeHtml(s.resource)}</td><td>${escapeHtml(s.reason)}</td><td class="nowrap">${escapeHtml(s.expires ?? '')}</td></tr>`,
        )
        .join('') +
      `</tbody></table></div></div>`
    : '';

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="referrer" content="no-referrer">
<title>HIPAA posture report - ${escapeHtml(run.accountId)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>HIPAA Security Rule posture report</h1>
<div class="small">${escapeHtml(tool.name)} ${escapeHtml(tool.version)}</div>
<dl>${meta.map(([k, v]) => `<div><dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd></div>`).join('')}</dl>
</header>
<main>
<h2>Summary</h2>
<div class="cards">
${card('score', 'Score', pct(summary.score), 'score')}
${card('count-fail', 'Fail', summary.byStatus.FAIL)}
${card('count-error', 'Error', summary.byStatus.ERROR)}
${card('count-pass', 'Pass', summary.byStatus.PASS)}
${card('count-suppressed', 'Suppressed', summary.suppressed)}
${card('count-collection-errors', 'Collection errors', summary.collectionErrors)}
</div>
<h2>Failures by severity</h2>
<div class="cards">
${SEVERITIES.map((s) => card(`fail-${s}`, s, summary.bySeverity[s]?.FAIL ?? 0)).join('\n')}
</div>
<h2>HIPAA scorecard</h2>
<div class="box"><table id="hipaa-scorecard"><thead><tr><th>Section</th><th>Safeguard</th><th>Pass rate</th><th class="num">Pass</th><th class="num">Fail</th><th class="num">Error</th><th class="num">Suppressed</th><th class="num">Failing resources</th></tr></thead>
<tbody>${hipaa.map(scorecardRow).join('\n')}</tbody></table></div>
<h2>Top failing checks</h2>
${top}
${expired}
<h2>Findings</h2>
<div class="filters">
<select id="filter-status" aria-label="Status">${options('All statuses', [...STATUSES].sort((a, b) => STATUS_ORDER[a] - STATUS_ORDER[b]).map((s): [string, string] => [s, s]).concat([['suppressed', 'Suppressed']]))}</select>
<select id="filter-severity" aria-label="Severity">${options('All severities', SEVERITIES.map((s): [string, string] => [s, s]))}</select>
<select id="filter-service" aria-label="Service">${options('All services', unique(findings.map((f) => serviceOf(f.checkId))).map((s): [string, string] => [s, s]))}</select>
<select id="filter-region" aria-label="Region">${options('All regions', unique(findings.map((f) => f.region)).map((s): [string, string] => [s, s]))}</select>
<select id="filter-hipaa" aria-label="HIPAA section">${options('All HIPAA sections', sections.map((s): [string, string] => [s, sectionName(s) ? `${s} ${sectionName(s)}` : s]))}</select>
<input id="search" type="search" placeholder="Search resource, message, check id" aria-label="Search">
<span id="shown-count">${findings.length} of ${findings.length} findings shown</span>
</div>
<div class="box findings-wrap"><table id="findings"><thead><tr><th>Status</th><th>Severity</th><th>Check</th><th>Region</th><th>Resource</th><th>Message</th><th>HIPAA</th><th>Controls</th><th>Remediation</th><th>Suppression</th></tr></thead>
<tbody>
${findings.map(findingRow).join('\n')}
</tbody></table>
<p id="no-match" class="muted" hidden>No findings match the filters.</p></div>
</main>
<footer>Generated by ${escapeHtml(tool.name)} ${escapeHtml(tool.version)} from run ${escapeHtml(run.id)} (schema ${escapeHtml(report.schemaVersion)}). Findings assess technical safeguards in AWS configuration only; they are not a HIPAA compliance determination.</footer>
<script>${JS}</script>
</body>
</html>
`;
}
