/**
 * The stylesheet shared by report.html and the org index. Plain CSS: no web font, no url(), nothing fetched.
 */
export const BASE_CSS = `
:root{--fg:#0f172a;--fg2:#334155;--muted:#64748b;--line:#e2e8f0;--line2:#cbd5e1;--bg:#f1f5f9;--card:#fff;
--brand:#0b1f3a;--accent:#2563eb;--good:#16a34a;--warn:#d97706;--bad:#dc2626;
--crit:#9f1239;--high:#dc2626;--med:#d97706;--low:#2563eb;--info:#64748b}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:14px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:var(--bg)}
code,.mono{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace}
a{color:var(--accent)}
.topbar{background:linear-gradient(90deg,#0b1f3a,#13294b);color:#cbd5e1;padding:0 32px}
.topbar-inner{max-width:1480px;margin:0 auto;display:flex;align-items:center;gap:14px;min-height:64px;flex-wrap:wrap}
.brand{display:flex;align-items:center;gap:10px;color:#fff;font-weight:650;font-size:16px;letter-spacing:.01em}
.brand svg{flex:none}
.brand small{display:block;font-weight:400;font-size:12px;color:#94a3b8;letter-spacing:0}
.topbar .spacer{flex:1}
.pill{display:inline-flex;align-items:center;gap:6px;border:1px solid rgba(148,163,184,.35);border-radius:999px;padding:3px 12px;font-size:12px;color:#e2e8f0;white-space:nowrap}
.pill b{color:#fff;font-weight:600}
.runbar{background:#fff;border-bottom:1px solid var(--line);padding:10px 32px}
.runbar dl{max-width:1480px;margin:0 auto;display:flex;flex-wrap:wrap;gap:4px 28px;font-size:12.5px}
.runbar dl div{display:flex;gap:6px;min-width:0}
.runbar dt{color:var(--muted)}.runbar dd{margin:0;color:var(--fg2);font-weight:500;overflow-wrap:anywhere}
main{max-width:1480px;margin:0 auto;padding:24px 32px 8px}
.grid{display:grid;gap:16px;margin-bottom:16px}
.grid.kpis{grid-template-columns:minmax(300px,1.15fr) minmax(320px,1.5fr) minmax(280px,1.2fr)}
.grid.two{grid-template-columns:minmax(0,1.45fr) minmax(0,1fr)}
@media (max-width:1100px){.grid.kpis,.grid.two{grid-template-columns:1fr}}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;box-shadow:0 1px 2px rgba(15,23,42,.05);padding:18px 20px;min-width:0}
.card>h2,.section-head h2{margin:0;font-size:13px;font-weight:650;text-transform:uppercase;letter-spacing:.06em;color:var(--fg2)}
.card>h2{margin-bottom:14px}
.section-head{display:flex;align-items:baseline;gap:12px;margin:0 0 14px;flex-wrap:wrap}
.section-head .hint{color:var(--muted);font-size:12.5px}
.muted{color:var(--muted)}.small{font-size:12px}
.num{text-align:right;font-variant-numeric:tabular-nums}
.nowrap{white-space:nowrap}.wrap{overflow-wrap:anywhere}
table{border-collapse:collapse;width:100%}
th,td{padding:9px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
thead th{font-size:11.5px;font-weight:650;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);background:#f8fafc;border-bottom:1px solid var(--line2)}
tbody tr:last-child td{border-bottom:0}
.table-box{border:1px solid var(--line);border-radius:8px;overflow:auto}
.chip{display:inline-block;padding:1px 9px;border-radius:999px;font-size:11px;font-weight:650;letter-spacing:.03em;text-transform:uppercase;white-space:nowrap;border:1px solid transparent;line-height:18px}
.sev-critical{background:var(--crit);color:#fff}.sev-high{background:var(--high);color:#fff}.sev-medium{background:#fef3c7;color:#92400e;border-color:#fcd34d}
.sev-low{background:#dbeafe;color:#1e40af;border-color:#bfdbfe}.sev-informational{background:#f1f5f9;color:#475569;border-color:#cbd5e1}
.st-fail{background:#fee2e2;color:#991b1b;border-color:#fecaca}.st-error{background:#ede9fe;color:#5b21b6;border-color:#ddd6fe}.st-pass{background:#dcfce7;color:#166534;border-color:#bbf7d0}
.chip.sup{background:#f8fafc;color:#475569;border-color:#cbd5e1}
.chip.muted{background:transparent;color:#64748b;border-color:#cbd5e1;font-weight:600}
.dot{display:inline-block;width:9px;height:9px;border-radius:50%;margin-right:7px;vertical-align:0}
.dot.critical{background:var(--crit)}.dot.high{background:var(--high)}.dot.medium{background:var(--med)}.dot.low{background:var(--low)}.dot.informational{background:var(--info)}
.rate{display:flex;align-items:center;gap:10px;min-width:150px}
.bar{flex:1;height:8px;background:#e2e8f0;border-radius:4px;overflow:hidden}
.bar span{display:block;height:100%;border-radius:4px}
.bar .good,.fill-good{background:var(--good)}.bar .warn,.fill-warn{background:var(--warn)}.bar .bad,.fill-bad{background:var(--bad)}
.rate>span{min-width:46px;text-align:right;font-variant-numeric:tabular-nums;font-weight:600;font-size:12.5px}
.tone-good{color:var(--good);stroke:var(--good)}.tone-warn{color:var(--warn);stroke:var(--warn)}.tone-bad{color:var(--bad);stroke:var(--bad)}.tone-none{color:var(--muted);stroke:#cbd5e1}
footer{max-width:1480px;margin:0 auto;color:var(--muted);font-size:12px;padding:8px 32px 32px}
@media print{
  body{background:#fff;font-size:11px}.topbar{background:#fff;color:#000;border-bottom:2px solid #000}.brand,.pill b,.pill{color:#000}
  .card{box-shadow:none;break-inside:avoid}.table-box{overflow:visible;max-height:none!important}
  *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}`;

/** The product mark: a shield with a check, drawn inline. */
export const SHIELD_SVG =
  '<svg width="30" height="30" viewBox="0 0 32 32" aria-hidden="true"><path d="M16 2 4 6.5v8.3c0 7.4 5.1 13.6 12 15.2 6.9-1.6 12-7.8 12-15.2V6.5z" fill="#2563eb"/>' +
  '<path d="M16 2v28c6.9-1.6 12-7.8 12-15.2V6.5z" fill="#1d4ed8"/><path d="m10.5 16.2 3.9 3.9 7.6-7.8" fill="none" stroke="#fff" stroke-width="2.6" stroke-linecap="round" stroke-linejoin="round"/></svg>';

/**
 * The opening of a self-contained page: a strict Content-Security-Policy (nothing is fetched), no referrer,
 * the (already escaped) title and the inline stylesheet.
 */
export function documentHead(csp: string, title: string, css: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<style>${css}</style>
</head>`;
}
