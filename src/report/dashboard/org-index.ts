import { SEVERITIES, type Severity } from '../../evaluate/types';
import { escapeHtml, pct, utc } from './escape';
import { toneOf } from './svg';
import { BASE_CSS, documentHead, SHIELD_SVG } from './theme';

/** An account's latest stored run, as the org index lists it. */
export interface OrgAccountEntry {
  accountId: string;
  accountName?: string;
  runId: string;
  startedAt: string;
  score: number | null;
  pass: number;
  fail: number;
  error: number;
  suppressed: number;
  failBySeverity: Record<Severity, number>;
  regions: number;
  /** Link to the account's latest report, relative to the index (`123456789012/report.html`). */
  reportHref: string;
}

/** An account whose audit failed (or whose latest summary could not be read), with the reason. */
export interface OrgAccountFailure {
  accountId: string;
  accountName?: string;
  reason: string;
}

export interface OrgIndexInput {
  accounts: OrgAccountEntry[];
  failures: OrgAccountFailure[];
  /** When the index was written (ISO). Ages are measured from it. */
  generatedAt: string;
  tool: { name: string; version: string };
}

const CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

const ORG_CSS = `${BASE_CSS}
.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(170px,1fr));gap:14px;margin-bottom:16px}
.kpi-label{font-size:11px;color:var(--muted);text-transform:uppercase;letter-spacing:.06em}
.kpi-value{font-size:28px;font-weight:700;font-variant-numeric:tabular-nums;margin-top:2px}
.kpi .sub{font-size:12px;color:var(--muted);overflow-wrap:anywhere}
.kpi.bad .kpi-value{color:#b91c1c}
a.acct{font:600 13px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;text-decoration:none}a.acct:hover{text-decoration:underline}
span.acct{font:600 13px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.acct-name{font-size:12px;color:var(--fg2);overflow-wrap:anywhere}
.reason{font-size:12.5px;color:#991b1b;margin-top:4px;overflow-wrap:anywhere;max-width:360px}
tr.is-failed td{background:#fff7f7}
td{vertical-align:middle}
.sevnum{width:70px}
.cnt{display:inline-block;min-width:26px;text-align:center;border-radius:999px;padding:0 7px;font-weight:700;font-size:12px;line-height:20px}
.cnt.critical{background:var(--crit);color:#fff}.cnt.high{background:var(--high);color:#fff}.cnt.medium{background:#fef3c7;color:#92400e}
.cnt.low{background:#dbeafe;color:#1e40af}.cnt.informational{background:#f1f5f9;color:#475569}
.zero{color:#94a3b8}
a.open{font-size:12.5px;font-weight:600;text-decoration:none;white-space:nowrap}a.open:hover{text-decoration:underline}
`;

function age(from: string, to: string): string {
  const ms = Date.parse(to) - Date.parse(from);
  if (!Number.isFinite(ms)) return '';
  const h = ms / 3_600_000;
  if (h < 1) return 'less than an hour ago';
  if (h < 48) return `${Math.floor(h)} h ago`;
  return `${Math.floor(h / 24)} days ago`;
}

interface Row {
  accountId: string;
  name?: string;
  entry?: OrgAccountEntry;
  failure?: OrgAccountFailure;
}

function rowsOf(input: OrgIndexInput): Row[] {
  const rows = new Map<string, Row>();
  for (const e of input.accounts) rows.set(e.accountId, { accountId: e.accountId, ...(e.accountName ? { name: e.accountName } : {}), entry: e });
  for (const f of input.failures) {
    const row = rows.get(f.accountId) ?? { accountId: f.accountId };
    row.failure = f;
    if (f.accountName) row.name = f.accountName;
    rows.set(f.accountId, row);
  }
  const rank = (r: Row): number => (r.failure ? -1 : (r.entry?.score ?? 101));
  return [...rows.values()].sort((a, b) => rank(a) - rank(b) || a.accountId.localeCompare(b.accountId));
}

function accountRow(row: Row, generatedAt: string): string {
  const e = row.entry;
  const name = row.name ? `<div class="acct-name">${escapeHtml(row.name)}</div>` : '';
  const idCell = e
    ? `<a class="acct" href="${escapeHtml(e.reportHref)}">${escapeHtml(row.accountId)}</a>`
    : `<span class="acct">${escapeHtml(row.accountId)}</span>`;
  const status = row.failure
    ? `<span class="chip st-fail">audit failed</span><div class="reason">${escapeHtml(row.failure.reason)}</div>` +
      (e ? `<div class="muted small">Figures from the last stored run.</div>` : '')
    : `<span class="chip st-pass">reported</span>`;
  const score = e
    ? `<div class="rate"><div class="bar"><span class="${toneOf(e.score)}" style="width:${Math.max(0, Math.min(100, e.score ?? 0))}%"></span></div><span class="tone-${toneOf(e.score)}">${escapeHtml(pct(e.score))}</span></div>`
    : '<span class="muted">no run stored</span>';
  const sev = SEVERITIES.map((s) => {
    const v = e?.failBySeverity[s];
    return `<td class="num sevnum">${v === undefined ? '<span class="muted">-</span>' : v ? `<span class="cnt ${s}">${v}</span>` : '<span class="zero">0</span>'}</td>`;
  }).join('');
  const last = e ? `<div class="nowrap">${escapeHtml(utc(e.startedAt))}</div><div class="muted small">${escapeHtml(age(e.startedAt, generatedAt))}</div>` : '<span class="muted">-</span>';
  return (
    `<tr class="account${row.failure ? ' is-failed' : ''}" data-account="${escapeHtml(row.accountId)}"><td>${idCell}${name}</td><td>${status}</td><td>${score}</td>${sev}` +
    `<td class="num">${e ? e.error : '<span class="muted">-</span>'}</td><td>${last}</td>` +
    `<td>${e ? `<a class="open" href="${escapeHtml(e.reportHref)}">Open report &#8250;</a>` : ''}</td></tr>`
  );
}

/** latest/index.html: every account's latest score on one self-contained page (no script, no network). */
export function renderOrgIndex(input: OrgIndexInput): string {
  const rows = rowsOf(input);
  const scored = input.accounts.filter((a) => a.score !== null && Number.isFinite(a.score));
  const avg = scored.length ? Math.round((scored.reduce((n, a) => n + (a.score as number), 0) / scored.length) * 10) / 10 : null;
  const lowest = [...scored].sort((a, b) => (a.score as number) - (b.score as number))[0];
  const total = (s: Severity): number => input.accounts.reduce((n, a) => n + (a.failBySeverity[s] ?? 0), 0);
  const failedCount = new Set(input.failures.map((f) => f.accountId)).size;
  const kpi = (id: string, label: string, value: string, extra = '', cls = ''): string =>
    `<div class="card kpi ${cls}"><div class="kpi-label">${escapeHtml(label)}</div><div class="kpi-value" id="${id}">${escapeHtml(value)}</div>${extra}</div>`;

  return `${documentHead(CSP, 'HIPAA posture - all accounts', ORG_CSS)}
<body>
<header class="topbar"><div class="topbar-inner">
<div class="brand">${SHIELD_SVG}<div>HIPAA Security Rule posture: all accounts<small>${escapeHtml(input.tool.name)} ${escapeHtml(input.tool.version)}</small></div></div>
<div class="spacer"></div>
<span class="pill">Updated <b>${escapeHtml(utc(input.generatedAt))}</b></span>
</div></header>
<main>
<div class="kpis">
${kpi('org-accounts', 'Accounts', String(rows.length), `<div class="sub">${input.accounts.length} with a stored run</div>`)}
${kpi('org-failed', 'Audits failed', String(failedCount), '', failedCount ? 'bad' : '')}
${kpi('org-average', 'Average score', pct(avg))}
${kpi('org-lowest', 'Lowest score', lowest ? pct(lowest.score) : 'n/a', lowest ? `<div class="sub">${escapeHtml(lowest.accountName ?? lowest.accountId)}</div>` : '')}
${kpi('org-critical', 'Critical failures', String(total('critical')), '', total('critical') ? 'bad' : '')}
${kpi('org-high', 'High failures', String(total('high')), '', total('high') ? 'bad' : '')}
</div>
<section class="card"><div class="section-head"><h2>Accounts</h2><span class="hint">Failed audits first, then the lowest score. Each account links to its latest report.</span></div>
<div class="table-box"><table id="accounts"><thead><tr><th>Account</th><th>Status</th><th style="width:20%">Score</th>
${SEVERITIES.map((s) => `<th class="num" title="FAIL findings of ${s} severity">${s === 'informational' ? 'Info' : s[0]!.toUpperCase() + s.slice(1)}</th>`).join('')}
<th class="num">Error</th><th>Last run</th><th></th></tr></thead>
<tbody>
${rows.length ? rows.map((r) => accountRow(r, input.generatedAt)).join('\n') : '<tr><td colspan="11" class="muted">No account has stored a run yet.</td></tr>'}
</tbody></table></div></section>
</main>
<footer>Each account's latest audit; FAIL counts include suppressed findings. Findings assess technical safeguards in AWS configuration only; they are not a HIPAA compliance determination.</footer>
</body>
</html>
`;
}
