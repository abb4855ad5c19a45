import type { Finding, FindingsReport } from '../evaluate/finding';
import { SEVERITIES } from '../evaluate/types';
import { isOpenFailure } from './change';
import { scopeOfRun } from './scope';

/**
 * What changed between two runs (`hipaa-audit diff OLD NEW`), finding by finding (ids are stable across runs):
 *
 * - newFailures: open failures in NEW that were not failing in OLD (absent, ERROR, or suppressed then);
 * - regressions: open failures in NEW that PASSED in OLD;
 * - fixed: open failures in OLD that PASS in NEW;
 * - nowSuppressed: open failures in OLD that a suppression covers in NEW;
 * - nowNotJudged: open failures in OLD that are ERROR in NEW (could not be read: neither fixed nor failing);
 * - noLongerReported: open failures in OLD with no finding in NEW while their resource is still reported (the check
 *   did not run, or its region left the scope);
 * - resourcesGone: resources with findings in OLD and none in NEW (deleted, or out of scope), with how many of
 *   their findings were open failures.
 *
 * "+N / −M" of a run's summary is N = newFailures + regressions and M = fixed.
 */

export interface DiffItem {
  id: string;
  checkId: string;
  title: string;
  severity: Finding['severity'];
  accountId: string;
  region: string;
  resource: Finding['resource'];
  /** The status in OLD and NEW: PASS, FAIL, FAIL (suppressed), ERROR, or absent. */
  before: string;
  after: string;
  /** What NEW says (OLD's message when the finding is gone). */
  message: string;
}

export interface GoneResource {
  accountId: string;
  region: string;
  type: string;
  id: string;
  arn: string;
  findings: number;
  openFailures: number;
}

export interface RunRef {
  runId: string;
  accountId: string;
  collectedAt: string;
  checks: number;
  regions: string[];
  scope: string;
}

export interface RunDiff {
  old: RunRef;
  new: RunRef;
  /** False when the runs audited other accounts, checks or regions: part of the change is the scope's. */
  sameScope: boolean;
  scopeNote?: string;
  newFailures: DiffItem[];
  regressions: DiffItem[];
  fixed: DiffItem[];
  nowSuppressed: DiffItem[];
  nowNotJudged: DiffItem[];
  noLongerReported: DiffItem[];
  resourcesGone: GoneResource[];
}

const stateOf = (f: Finding | undefined): string => (!f ? 'absent' : f.status === 'FAIL' && f.suppressed ? 'FAIL (suppressed)' : f.status);

function item(before: Finding | undefined, after: Finding | undefined): DiffItem {
  const f = (after ?? before) as Finding;
  return {
    id: f.id,
    checkId: f.checkId,
    title: f.title,
    severity: f.severity,
    accountId: f.accountId,
    region: f.region,
    resource: { ...f.resource },
    before: stateOf(before),
    after: stateOf(after),
    message: f.message,
  };
}

const refOf = (r: Pick<FindingsReport, 'run'>): RunRef => ({
  runId: r.run.id,
  accountId: r.run.accountId,
  collectedAt: r.run.collectedAt ?? r.run.startedAt,
  checks: r.run.checks.length,
  regions: [...r.run.regions].sort(),
  scope: scopeOfRun(r.run),
});

const rank = (f: DiffItem) => SEVERITIES.indexOf(f.severity);
const byWorst = (a: DiffItem, b: DiffItem) => rank(a) - rank(b) || a.checkId.localeCompare(b.checkId) || a.region.localeCompare(b.region) || a.resource.id.localeCompare(b.resource.id);
const resourceKey = (f: Pick<Finding, 'accountId' | 'region' | 'resource'>) => `${f.accountId}\u0000${f.region}\u0000${f.resource.arn}`;

export function diffRuns(older: Pick<FindingsReport, 'run' | 'findings'>, newer: Pick<FindingsReport, 'run' | 'findings'>): RunDiff {
  const before = new Map(older.findings.map((f) => [f.id, f]));
  const after = new Map(newer.findings.map((f) => [f.id, f]));
  const resourcesNow = new Set(newer.findings.map(resourceKey));
  const d: RunDiff = {
    old: refOf(older),
    new: refOf(newer),
    sameScope: scopeOfRun(older.run) === scopeOfRun(newer.run),
    newFailures: [],
    regressions: [],
    fixed: [],
    nowSuppressed: [],
    nowNotJudged: [],
    noLongerReported: [],
    resourcesGone: [],
  };
  for (const f of newer.findings) {
    if (!isOpenFailure(f)) continue;
    const was = before.get(f.id);
    if (was && isOpenFailure(was)) continue;
    (was?.status === 'PASS' ? d.regressions : d.newFailures).push(item(was, f));
  }
  const gone = new Map<string, GoneResource>();
  for (const f of older.findings) {
    const key = resourceKey(f);
    if (!resourcesNow.has(key)) {
      const g = gone.get(key) ?? { accountId: f.accountId, region: f.region, type: f.resource.type, id: f.resource.id, arn: f.resource.arn, findings: 0, openFailures: 0 };
      g.findings += 1;
      if (isOpenFailure(f)) g.openFailures += 1;
      gone.set(key, g);
    }
    if (!isOpenFailure(f)) continue;
    const now = after.get(f.id);
    if (!now) {
      if (resourcesNow.has(key)) d.noLongerReported.push(item(f, undefined));
    } else if (now.status === 'PASS') d.fixed.push(item(f, now));
    else if (now.status === 'ERROR') d.nowNotJudged.push(item(f, now));
    else if (now.suppressed) d.nowSuppressed.push(item(f, now));
  }
  for (const list of [d.newFailures, d.regressions, d.fixed, d.nowSuppressed, d.nowNotJudged, d.noLongerReported]) list.sort(byWorst);
  d.resourcesGone = [...gone.values()].sort((a, b) => b.openFailures - a.openFailures || a.region.localeCompare(b.region) || a.arn.localeCompare(b.arn));
  if (!d.sameScope) {
    const why = [
      d.old.accountId !== d.new.accountId ? `accounts ${d.old.accountId} and ${d.new.accountId}` : '',
      d.old.regions.join(',') !== d.new.regions.join(',') ? `regions ${d.old.regions.join(',') || '-'} and ${d.new.regions.join(',') || '-'}` : '',
      d.old.checks !== d.new.checks || d.old.scope !== d.new.scope ? `${d.old.checks} and ${d.new.checks} checks` : '',
    ].filter(Boolean);
    d.scopeNote = `the runs audited different scopes (${why.join('; ') || 'checks'}): part of the change is the scope's, not the account's`;
  }
  return d;
}

/** The terminal listing: one line a change, worst severity first. */
export function formatDiff(d: RunDiff, max = 200): string {
  const lines: string[] = [];
  lines.push(`Changes from run ${d.old.runId} (evidence ${d.old.collectedAt}) to run ${d.new.runId} (evidence ${d.new.collectedAt}), account ${d.new.accountId}`);
  if (d.scopeNote) lines.push(`  note: ${d.scopeNote}`);
  lines.push(
    `  +${d.newFailures.length + d.regressions.length} / \u2212${d.fixed.length}: ${d.newFailures.length} new failure(s), ${d.regressions.length} regression(s), ${d.fixed.length} fixed, ` +
      `${d.nowSuppressed.length} now suppressed, ${d.nowNotJudged.length} now not judged, ${d.noLongerReported.length} no longer reported, ${d.resourcesGone.length} resource(s) gone`,
  );
  const section = (title: string, items: DiffItem[]) => {
    if (!items.length) return;
    lines.push('', `${title} (${items.length}):`);
    for (const i of items.slice(0, max)) lines.push(`  ${i.severity.padEnd(13)} ${i.checkId}  ${i.resource.id} (${i.region})  ${i.before} -> ${i.after}: ${i.message}`);
    if (items.length > max) lines.push(`  ... and ${items.length - max} more (--json lists all)`);
  };
  section('New failures', d.newFailures);
  section('Regressions (passed before)', d.regressions);
  section('Fixed', d.fixed);
  section('Now suppressed', d.nowSuppressed);
  section('Now not judged (ERROR)', d.nowNotJudged);
  section('No longer reported (check or region not in the new run)', d.noLongerReported);
  if (d.resourcesGone.length) {
    lines.push('', `Resources gone (${d.resourcesGone.length}):`);
    for (const g of d.resourcesGone.slice(0, max)) lines.push(`  ${g.type} ${g.id} (${g.region})  ${g.findings} finding(s), ${g.openFailures} open failure(s) before`);
    if (d.resourcesGone.length > max) lines.push(`  ... and ${d.resourcesGone.length - max} more (--json lists all)`);
  }
  return lines.join('\n');
}
