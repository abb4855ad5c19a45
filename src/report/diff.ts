import { CHECKS } from '../../checks';
import type { Finding, FindingsReport } from '../evaluate/finding';
import { GLOBAL } from '../evaluate/results';
import { SEVERITIES, type AuditScope } from '../evaluate/types';
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
 *   did not run, its region left the scope, or --scope ephi left the resource's other findings out);
 * - resourcesGone: resources with findings in OLD and none in NEW although NEW's scope would have reported them
 *   (deleted, most likely), with how many of their findings were open failures;
 * - resourcesOutOfScope: resources with findings in OLD and none in NEW only because NEW's scope leaves every one
 *   of those findings out (its account, regions, checks or --scope ephi): not evidence that they are gone.
 *
 * "+N / −M" of a run's summary is N = newFailures + regressions and M = fixed: counts of findings, where
 * resourcesGone counts resources.
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

/** A resource absent from NEW only because NEW's scope leaves it out, and why. */
export interface OutOfScopeResource extends GoneResource {
  /** What of NEW's scope leaves its findings out, e.g. `not ePHI (the new run is --scope ephi)`. */
  why: string[];
}

export interface RunRef {
  runId: string;
  accountId: string;
  collectedAt: string;
  checks: number;
  regions: string[];
  /** The scope key (src/report/scope.ts). */
  scope: string;
  /** Which resources the run reported: `all`, or `ephi` for --scope ephi. */
  resources: AuditScope;
}

export interface RunDiff {
  old: RunRef;
  new: RunRef;
  /** False when the runs audited other accounts, checks, regions or resources (--scope): part of the change is the scope's. */
  sameScope: boolean;
  /** Each way the scopes differ, named; empty when they are the same. */
  scopeDifferences: string[];
  scopeNote?: string;
  /** Of newFailures, those OLD's scope would have left out: not comparable with OLD. */
  newOutsideOldScope: number;
  newFailures: DiffItem[];
  regressions: DiffItem[];
  fixed: DiffItem[];
  nowSuppressed: DiffItem[];
  nowNotJudged: DiffItem[];
  noLongerReported: DiffItem[];
  resourcesGone: GoneResource[];
  resourcesOutOfScope: OutOfScopeResource[];
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
  resources: r.run.scope ?? 'all',
});

type Run = FindingsReport['run'];

// The checks whose findings --scope ephi keeps on every resource (src/evaluate/evaluate.ts).
const KEPT_IN_EVERY_SCOPE = new Set(CHECKS.filter((c) => c.keptInEveryScope).map((c) => c.id));

/**
 * Why `run` would not report finding `f` whatever the account's state (its account, regions, checks or --scope
 * ephi), or undefined when it would. A finding without classification is taken as left out by --scope ephi: the
 * run could not have said it was ePHI.
 */
function leftOutBy(run: Run, f: Finding): string | undefined {
  if (f.accountId !== run.accountId) return `account ${f.accountId} not audited`;
  if (f.region !== GLOBAL && !run.regions.includes(f.region)) return `region ${f.region} not audited`;
  if (!run.checks.includes(f.checkId)) return 'its checks not run';
  if (run.scope === 'ephi' && f.resource.type !== 'AwsAccount' && f.classification !== 'ephi' && f.classification !== 'unknown' && !KEPT_IN_EVERY_SCOPE.has(f.checkId)) {
    return '--scope ephi leaves out resources that hold no ePHI';
  }
  return undefined;
}

const LISTED = 5;
const some = (ids: string[]) => `${ids.slice(0, LISTED).join(', ')}${ids.length > LISTED ? ` and ${ids.length - LISTED} more` : ''}`;
const resourcesOf = (scope: AuditScope | undefined) => (scope === 'ephi' ? 'ePHI resources only (--scope ephi)' : 'every resource');

/** Each way two runs' scopes differ, in words. */
function scopeDifferences(older: Run, newer: Run): string[] {
  const out: string[] = [];
  if (older.accountId !== newer.accountId) out.push(`accounts ${older.accountId} and ${newer.accountId}`);
  const oldRegions = [...older.regions].sort().join(',');
  const newRegions = [...newer.regions].sort().join(',');
  if (oldRegions !== newRegions) out.push(`regions ${oldRegions || '-'} and ${newRegions || '-'}`);
  const onlyOld = older.checks.filter((c) => !newer.checks.includes(c)).sort();
  const onlyNew = newer.checks.filter((c) => !older.checks.includes(c)).sort();
  if (onlyOld.length || onlyNew.length) {
    const parts = [onlyOld.length ? `${onlyOld.length} only in the old run (${some(onlyOld)})` : '', onlyNew.length ? `${onlyNew.length} only in the new run (${some(onlyNew)})` : ''];
    out.push(`checks ${older.checks.length} and ${newer.checks.length}: ${parts.filter(Boolean).join(', ')}`);
  }
  if ((older.scope ?? 'all') !== (newer.scope ?? 'all')) out.push(`resources: ${resourcesOf(older.scope)} in the old run, ${resourcesOf(newer.scope)} in the new run`);
  return out;
}

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
    scopeDifferences: scopeDifferences(older.run, newer.run),
    newOutsideOldScope: 0,
    newFailures: [],
    regressions: [],
    fixed: [],
    nowSuppressed: [],
    nowNotJudged: [],
    noLongerReported: [],
    resourcesGone: [],
    resourcesOutOfScope: [],
  };
  for (const f of newer.findings) {
    if (!isOpenFailure(f)) continue;
    const was = before.get(f.id);
    if (was && isOpenFailure(was)) continue;
    (was?.status === 'PASS' ? d.regressions : d.newFailures).push(item(was, f));
    if (!was && leftOutBy(older.run, f)) d.newOutsideOldScope += 1;
  }
  // A resource missing from NEW is gone only if NEW would have reported one of its findings; else NEW's scope left it out.
  const missing = new Map<string, OutOfScopeResource & { reported: boolean }>();
  for (const f of older.findings) {
    const key = resourceKey(f);
    if (!resourcesNow.has(key)) {
      const g = missing.get(key) ?? { accountId: f.accountId, region: f.region, type: f.resource.type, id: f.resource.id, arn: f.resource.arn, findings: 0, openFailures: 0, why: [], reported: false };
      g.findings += 1;
      if (isOpenFailure(f)) g.openFailures += 1;
      const why = leftOutBy(newer.run, f);
      if (why === undefined) g.reported = true;
      else if (!g.why.includes(why)) g.why.push(why);
      missing.set(key, g);
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
  const byOpen = (a: GoneResource, b: GoneResource) => b.openFailures - a.openFailures || a.region.localeCompare(b.region) || a.arn.localeCompare(b.arn);
  const all = [...missing.values()];
  d.resourcesGone = all.filter((g) => g.reported).map(({ why: _w, reported: _r, ...g }) => g).sort(byOpen);
  d.resourcesOutOfScope = all.filter((g) => !g.reported).map(({ reported: _r, ...g }) => g).sort(byOpen);
  if (!d.sameScope) {
    const consequences = [
      d.resourcesOutOfScope.length ? `${d.resourcesOutOfScope.length} resource(s) absent from the new run only because its scope leaves them out are listed apart, not as gone` : '',
      d.newOutsideOldScope ? `${d.newOutsideOldScope} of the new failures are findings the old run's scope left out` : '',
    ].filter(Boolean);
    d.scopeNote =
      `the runs audited different scopes (${d.scopeDifferences.join('; ') || 'checks'}): part of the change is the scope's, not the account's` +
      (consequences.length ? `; ${consequences.join('; ')}` : '');
  }
  return d;
}

/** The terminal listing: one line a change, worst severity first. */
export function formatDiff(d: RunDiff, max = 200): string {
  const lines: string[] = [];
  lines.push(`Changes from run ${d.old.runId} (evidence ${d.old.collectedAt}) to run ${d.new.runId} (evidence ${d.new.collectedAt}), account ${d.new.accountId}`);
  if (d.scopeNote) lines.push(`  note: ${d.scopeNote}`);
  // Findings and resources are counted apart, and said so: "+N / −M" counts findings, "gone" resources.
  lines.push(
    `  findings: +${d.newFailures.length + d.regressions.length} / \u2212${d.fixed.length} open failures: ${d.newFailures.length} new failure(s)${d.newOutsideOldScope ? ` (${d.newOutsideOldScope} outside the old run's scope)` : ''}, ${d.regressions.length} regression(s), ${d.fixed.length} fixed, ` +
      `${d.nowSuppressed.length} now suppressed, ${d.nowNotJudged.length} now not judged, ${d.noLongerReported.length} no longer reported`,
    `  resources: ${d.resourcesGone.length} gone${d.resourcesOutOfScope.length ? `, ${d.resourcesOutOfScope.length} out of the new run's scope (not comparable)` : ''}`,
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
  section('No longer reported (check, region or --scope ephi not in the new run)', d.noLongerReported);
  if (d.resourcesGone.length) {
    lines.push('', `Resources gone (${d.resourcesGone.length}):`);
    for (const g of d.resourcesGone.slice(0, max)) lines.push(`  ${g.type} ${g.id} (${g.region})  ${g.findings} finding(s), ${g.openFailures} open failure(s) before`);
    if (d.resourcesGone.length > max) lines.push(`  ... and ${d.resourcesGone.length - max} more (--json lists all)`);
  }
  if (d.resourcesOutOfScope.length) {
    lines.push('', `Resources out of the new run's scope, not gone (${d.resourcesOutOfScope.length}):`);
    for (const g of d.resourcesOutOfScope.slice(0, max)) lines.push(`  ${g.type} ${g.id} (${g.region})  ${g.findings} finding(s), ${g.openFailures} open failure(s) before; ${g.why.join('; ')}`);
    if (d.resourcesOutOfScope.length > max) lines.push(`  ... and ${d.resourcesOutOfScope.length - max} more (--json lists all)`);
  }
  return lines.join('\n');
}
