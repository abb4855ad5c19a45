import type { ClassificationScore, Finding, FindingsReport } from '../../evaluate/finding';
import { SEVERITIES, type Severity } from '../../evaluate/types';
import { parseArn } from '../../judge/arn-resource';
import type { ClassifiedBy } from '../../judge/classification';
import { escapeHtml, pct } from './escape';

/**
 * "Where ePHI lives": the resources the run classified as ePHI, by service (ARN namespace) and region, each with
 * its open failures; the data stores that carry no classification tag (account.ephi-stores-classified); and how
 * many resources could not be classified. Groups are folded (their summary line says what fails), but for ePHI in
 * an ineligible service, so the card stays short on a large account. Built from the findings alone, so report.html and the S3 dashboard
 * (and any replayed findings.json) show the same; only resources some check reported on appear (the
 * account.ephi-in-eligible-services check reports on every ePHI resource). Every value is escaped: names and tags
 * are attacker-controlled.
 */

export const STORES_CHECK = 'account.ephi-stores-classified';
export const ELIGIBLE_CHECK = 'account.ephi-in-eligible-services';
/** Rows drawn per group and for the unclassified stores; the findings table holds the rest. */
export const VIEW_ROWS = 100;

export interface EphiFailure {
  checkId: string;
  title: string;
  severity: Severity;
}

export interface EphiResource {
  arn: string;
  id: string;
  type: string;
  by?: ClassifiedBy;
  /** Unsuppressed FAILs on the resource, worst first. */
  failures: EphiFailure[];
  /** Its service is not HIPAA eligible (a FAIL of account.ephi-in-eligible-services). */
  ineligible: boolean;
}

export interface EphiGroup {
  service: string;
  region: string;
  resources: EphiResource[];
}

export interface EphiView {
  groups: EphiGroup[];
  resources: number;
  withFailures: number;
  ineligible: number;
  /** Data stores without a classification tag (FAILs of account.ephi-stores-classified). */
  unclassified: Array<{ id: string; type: string; region: string; arn: string; suppressed: boolean }>;
  /** Distinct resources whose tags could not be read. */
  unknown: number;
  /** Whether the run judged account.ephi-stores-classified (else the unclassified list says nothing). */
  storesChecked: boolean;
}

const SEV = Object.fromEntries(SEVERITIES.map((s, i) => [s, i])) as Record<Severity, number>;
const serviceOf = (arn: string): string => parseArn(arn)?.service ?? 'other';

/** The view, or undefined when the findings carry no classification (classification off, or an older report). */
export function ephiView(report: FindingsReport): EphiView | undefined {
  if (!report.summary.byClassification && !report.findings.some((f) => f.classification !== undefined)) return undefined;
  const resources = new Map<string, EphiResource & { region: string }>();
  const unknown = new Set<string>();
  const unclassified: EphiView['unclassified'] = [];
  const open = (f: Finding) => f.status === 'FAIL' && !f.suppressed;
  for (const f of report.findings) {
    if (f.resource.type === 'AwsAccount') continue;
    if (f.classification === 'unknown') unknown.add(f.resource.arn);
    if (f.checkId === STORES_CHECK && f.status === 'FAIL') {
      unclassified.push({ id: f.resource.id, type: f.resource.type, region: f.region, arn: f.resource.arn, suppressed: f.suppressed !== undefined });
    }
    if (f.classification !== 'ephi') continue;
    const r = resources.get(f.resource.arn) ?? {
      arn: f.resource.arn,
      id: f.resource.id,
      type: f.resource.type,
      region: f.region,
      ...(f.classifiedBy ? { by: f.classifiedBy } : {}),
      failures: [],
      ineligible: false,
    };
    if (open(f)) r.failures.push({ checkId: f.checkId, title: f.title, severity: f.severity });
    if (f.checkId === ELIGIBLE_CHECK && f.status === 'FAIL') r.ineligible = true;
    resources.set(f.resource.arn, r);
  }
  const groups = new Map<string, EphiGroup>();
  for (const r of resources.values()) {
    r.failures.sort((a, b) => SEV[a.severity] - SEV[b.severity] || a.checkId.localeCompare(b.checkId));
    const service = serviceOf(r.arn);
    const key = `${service}\u0000${r.region}`;
    const g = groups.get(key) ?? { service, region: r.region, resources: [] };
    const { region: _region, ...resource } = r;
    g.resources.push(resource);
    groups.set(key, g);
  }
  // ePHI in an ineligible service first, then by the worst open failure.
  const worst = (rs: EphiResource[]) => Math.min(...rs.map((r) => (r.ineligible ? -1 : r.failures[0] ? SEV[r.failures[0].severity] : 9)));
  const sorted = [...groups.values()]
    .map((g) => ({ ...g, resources: g.resources.sort((a, b) => b.failures.length - a.failures.length || a.id.localeCompare(b.id)) }))
    .sort((a, b) => worst(a.resources) - worst(b.resources) || a.service.localeCompare(b.service) || a.region.localeCompare(b.region));
  const all = [...resources.values()];
  return {
    groups: sorted,
    resources: all.length,
    withFailures: all.filter((r) => r.failures.length > 0).length,
    ineligible: all.filter((r) => r.ineligible).length,
    unclassified: unclassified.sort((a, b) => Number(a.suppressed) - Number(b.suppressed) || a.region.localeCompare(b.region) || a.id.localeCompare(b.id)),
    unknown: unknown.size,
    storesChecked: report.run.checks.includes(STORES_CHECK),
  };
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
const byText = (by: ClassifiedBy | undefined): string => (by === undefined ? '' : 'tag' in by ? `${by.tag.key}=${by.tag.value}` : `ARN pattern ${by.arnPattern}`);

/** A button that narrows the findings table (wired by the page script, like the other [data-filter] buttons). */
function filterButton(filter: string, value: string, label: string, status: '' | 'FAIL' = 'FAIL', cls = 'jump'): string {
  return `<button type="button" class="${cls}" data-filter="${escapeHtml(filter)}" data-value="${escapeHtml(value)}" data-status="${status}">${label}</button>`;
}

function resourceRow(r: EphiResource): string {
  const failures = r.failures.length
    ? r.failures
        .map((f) => `<span class="ephi-fail" title="${escapeHtml(f.title)}"><span class="chip sev-${escapeHtml(f.severity)}">${escapeHtml(f.severity)}</span> <code>${escapeHtml(f.checkId)}</code></span>`)
        .join('')
    : '<span class="muted small">no open failure</span>';
  return (
    `<li class="ephi-res${r.failures.length ? ' has-fail' : ''}"><div class="ephi-res-head">${filterButton('search', r.id, `<span class="res-id">${escapeHtml(r.id)}</span>`, '')}` +
    `<span class="res-type">${escapeHtml(r.type)}</span>${r.ineligible ? '<span class="chip ephi-inel">not HIPAA eligible</span>' : ''}` +
    `${r.by ? `<span class="ephi-by">${escapeHtml(byText(r.by))}</span>` : ''}</div>` +
    `<div class="res-arn">${escapeHtml(r.arn)}</div><div class="ephi-fails">${failures}</div></li>`
  );
}

function group(g: EphiGroup): string {
  const failing = g.resources.filter((r) => r.failures.length).length;
  const open = g.resources.reduce((n, r) => n + r.failures.length, 0);
  const shown = g.resources.slice(0, VIEW_ROWS);
  const more = g.resources.length - shown.length;
  return (
    `<details class="ephi-group"${g.resources.some((r) => r.ineligible) ? ' open' : ''}><summary><code class="ephi-svc">${escapeHtml(g.service)}</code><span class="ephi-region">${escapeHtml(g.region)}</span>` +
    `<span class="ephi-count">${plural(g.resources.length, 'resource')}</span>` +
    `<span class="ephi-open${open ? ' bad' : ''}">${open ? `${plural(failing, 'resource')} failing, ${plural(open, 'open failure')}` : 'no open failure'}</span></summary>` +
    `<ul class="ephi-list">${shown.map(resourceRow).join('')}</ul>` +
    (more > 0 ? `<p class="muted small ephi-more">and ${more} more: filter the findings below by ePHI and this region.</p>` : '') +
    `</details>`
  );
}

function scoreTile(label: string, s: ClassificationScore, cls: string): string {
  return (
    `<div class="ephi-tile ${cls}"><div class="tile-label">${escapeHtml(label)}</div><div class="ephi-tile-score">${escapeHtml(pct(s.score))}</div>` +
    `<div class="muted small">coverage ${escapeHtml(pct(s.coverage.percent))} &middot; ${plural(s.resources, 'resource')}, ${s.byStatus.FAIL - s.suppressed} open failure${s.byStatus.FAIL - s.suppressed === 1 ? '' : 's'}</div></div>`
  );
}

/** The "Where ePHI lives" card of report.html. */
export function ephiCard(report: FindingsReport, view: EphiView): string {
  const byc = report.summary.byClassification;
  const scores = byc
    ? `<div class="ephi-tiles">${scoreTile('ePHI resources: score', byc.ephi, 'ephi')}${scoreTile('Other resources: score', byc['not-ephi'], 'other')}` +
      (byc.unknown.findings ? scoreTile('Tags unreadable: score', byc.unknown, 'unknown') : '') +
      `</div>`
    : '';
  const lead =
    `<p class="ephi-lead" id="ephi-lead"><b>${plural(view.resources, 'ePHI resource')}</b> in ${plural(new Set(view.groups.map((g) => g.service)).size, 'service')} and ` +
    `${plural(new Set(view.groups.map((g) => g.region)).size, 'region')}; <b class="${view.withFailures ? 'strong-bad' : ''}">${view.withFailures}</b> with open failures` +
    `${view.ineligible ? `, <b class="strong-bad">${view.ineligible}</b> in a service that is not HIPAA eligible` : ''}` +
    `${view.unknown ? `; <b>${plural(view.unknown, 'resource')}</b> whose tags could not be read (they may hold ePHI)` : ''}. ` +
    `${filterButton('filter-classification', 'ephi', 'Show the open failures on ePHI', 'FAIL', 'btn ephi-jump')}</p>`;
  const groups = view.groups.length
    ? `<div class="ephi-groups" id="ephi-groups">${view.groups.map(group).join('')}</div>`
    : `<p class="empty">No resource is classified as ePHI. Tag the data stores that hold it (data-classification=phi by default; see the README, "Where ePHI lives").</p>`;
  const shown = view.unclassified.slice(0, VIEW_ROWS);
  const unclassified = !view.storesChecked
    ? `<p class="muted small">Data stores without a classification tag are listed when ${escapeHtml(STORES_CHECK)} runs.</p>`
    : view.unclassified.length
      ? `<div class="table-box"><table id="ephi-unclassified" class="compact"><thead><tr><th>Data store</th><th>Type</th><th>Region</th></tr></thead><tbody>` +
        shown
          .map(
            (u) =>
              `<tr><td class="wrap">${filterButton('search', u.id, `<span class="res-id">${escapeHtml(u.id)}</span>`, '')}${u.suppressed ? ' <span class="chip sup">suppressed</span>' : ''}<div class="res-arn">${escapeHtml(u.arn)}</div></td>` +
              `<td class="small">${escapeHtml(u.type)}</td><td class="nowrap small">${escapeHtml(u.region)}</td></tr>`,
          )
          .join('') +
        `</tbody></table></div>${view.unclassified.length > shown.length ? `<p class="muted small">and ${view.unclassified.length - shown.length} more in the findings of ${escapeHtml(STORES_CHECK)}.</p>` : ''}`
      : `<p class="empty">Every data store carries a classification tag.</p>`;
  return (
    `<section class="card" id="ephi-card" style="margin-bottom:16px" aria-labelledby="h-ephi"><div class="section-head"><h2 id="h-ephi">Where ePHI lives</h2>` +
    `<span class="hint">Resources classified as ePHI by their tags or the config, by service and region, with their open failures (a failure on ePHI is raised one severity level).</span></div>` +
    `${scores}${lead}${groups}<details class="ephi-stores" id="ephi-stores"><summary class="ephi-h3">Data stores without a classification tag <span class="muted">(${view.unclassified.length})</span></summary>${unclassified}</details></section>`
  );
}

/** The same, static, for the auditor's print copy: the groups as one table, and the unclassified stores counted. */
export function ephiPrint(report: FindingsReport, view: EphiView): string {
  const byc = report.summary.byClassification;
  const scores = byc
    ? ` Score on ePHI resources <b>${escapeHtml(pct(byc.ephi.score))}</b> (coverage ${escapeHtml(pct(byc.ephi.coverage.percent))}); on the others <b>${escapeHtml(pct(byc['not-ephi'].score))}</b> (coverage ${escapeHtml(pct(byc['not-ephi'].coverage.percent))}).`
    : '';
  const rows = view.groups
    .map((g) => {
      const failing = g.resources.filter((r) => r.failures.length);
      return (
        `<tr><td>${escapeHtml(g.service)}</td><td class="nowrap">${escapeHtml(g.region)}</td><td class="num">${g.resources.length}</td><td class="num">${failing.length}</td>` +
        `<td class="wrap">${failing.map((r) => `${escapeHtml(r.id)}: ${r.failures.map((f) => `${escapeHtml(f.checkId)} (${escapeHtml(f.severity)})`).join(', ')}`).join('; ')}</td></tr>`
      );
    })
    .join('');
  return (
    `<h2>Where ePHI lives</h2><p class="pc-meta">${plural(view.resources, 'ePHI resource')}, ${view.withFailures} with open failures` +
    `${view.ineligible ? `, ${view.ineligible} in a service that is not HIPAA eligible` : ''}; ${plural(view.unclassified.length, 'data store')} without a classification tag` +
    `${view.unknown ? `; ${plural(view.unknown, 'resource')} whose tags could not be read` : ''}.${scores}</p>` +
    (rows
      ? `<table class="pc-table"><thead><tr><th>Service</th><th>Region</th><th class="num">ePHI resources</th><th class="num">Failing</th><th>Open failures</th></tr></thead><tbody>${rows}</tbody></table>`
      : '')
  );
}

export const EPHI_CSS = `
#ephi-card .ephi-tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(200px,1fr));gap:10px;margin-bottom:12px}
.ephi-tile{border:1px solid var(--line);border-radius:8px;padding:10px 12px;background:#f8fafc}
.ephi-tile.ephi{border-color:#c7d2fe;background:#eef2ff}
.ephi-tile-score{font-size:22px;font-weight:700;font-variant-numeric:tabular-nums;line-height:1.25}
.ephi-lead{margin:0 0 12px;color:var(--fg2)}
.ephi-jump{margin-left:6px}
.ephi-groups{display:flex;flex-direction:column;gap:8px;margin-bottom:14px}
details.ephi-group{border:1px solid var(--line);border-radius:8px;background:#fff}
details.ephi-group>summary{cursor:pointer;display:flex;flex-wrap:wrap;align-items:baseline;gap:6px 12px;padding:9px 12px;background:#f8fafc;border-radius:8px}
details.ephi-group[open]>summary{border-bottom:1px solid var(--line);border-radius:8px 8px 0 0}
.ephi-svc{font-weight:700;color:var(--fg)}.ephi-region{color:var(--fg2);font-size:12.5px}
.ephi-count{color:var(--muted);font-size:12.5px}.ephi-open{margin-left:auto;font-size:12.5px;color:var(--muted)}.ephi-open.bad{color:#b91c1c;font-weight:600}
ul.ephi-list{list-style:none;margin:0;padding:0}
li.ephi-res{padding:8px 12px;border-bottom:1px solid var(--line)}li.ephi-res:last-child{border-bottom:0}
.ephi-res-head{display:flex;flex-wrap:wrap;align-items:baseline;gap:4px 10px}
.ephi-by{font:11px/1.6 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#eef2ff;color:#3730a3;border-radius:4px;padding:0 6px;overflow-wrap:anywhere}
.chip.ephi-inel{background:#fee2e2;color:#991b1b;border-color:#fecaca}
.ephi-fails{display:flex;flex-wrap:wrap;gap:4px 12px;margin-top:4px}
.ephi-fail{white-space:nowrap}.ephi-fail code{color:var(--fg2);font-size:11.5px}
.ephi-more{margin:6px 12px}
.ephi-h3{font-size:12.5px;margin:4px 0 8px;color:var(--fg2);text-transform:uppercase;letter-spacing:.05em;cursor:pointer;font-weight:650}
details.ephi-stores[open]>summary{margin-bottom:8px}
.chip.cls-ephi{background:#eef2ff;color:#3730a3;border-color:#c7d2fe}.chip.cls-unknown{background:#fff7ed;color:#9a3412;border-color:#fed7aa}
.raised{font-size:10.5px;color:#9f1239;margin-top:2px;white-space:nowrap}
.own-sev{font-size:10.5px;color:var(--muted);margin-top:2px;white-space:nowrap}
@media (max-width:640px){
  .ephi-open{margin-left:0;flex-basis:100%}
  .ephi-fail{white-space:normal}
  #ephi-unclassified th:nth-child(2),#ephi-unclassified td:nth-child(2){display:none}
}`;
