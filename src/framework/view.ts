import { CHECKS } from '../../checks';
import type { FindingsReport } from '../evaluate/finding';
import type { CheckMeta } from '../evaluate/types';
import { SECURITY_RULE, type RuleEntry } from './security-rule';

/**
 * The framework view: every standard and implementation specification of the Security Rule with what this run
 * says about it (framework.json, and the "Security Rule coverage" page of report.html).
 *
 * A standard counts the findings citing it or any of its implementation specifications; a specification only its
 * own. The status, first that applies:
 *
 * - `not-assessable`: no check of the catalogue cites it and AWS APIs cannot show it (`aws: no`): administrative or
 *   physical; `evidence` says what an auditor expects instead.
 * - `not-covered`: no check of the catalogue cites it although AWS could show part of it: listed, not hidden.
 * - `not-assessed`: checks cite it, but none of them ran in this run (--checks, --exclude-checks, --min-severity).
 * - `failing`: at least one unsuppressed FAIL (`failing` lists their finding ids).
 * - `no-resources`: its checks ran and found nothing to judge (no resource of their kind in scope).
 * - `partly-assessed`: judged without failures, but only in part: AWS shows only the technical part (`aws: partly`),
 *   some findings are ERROR (not judged), or some of its checks did not run.
 * - `passing`: judged, every finding PASS (or a suppressed FAIL, counted apart), `aws: yes`, every check ran.
 */
export const FRAMEWORK_STATUSES = ['failing', 'partly-assessed', 'passing', 'no-resources', 'not-assessed', 'not-covered', 'not-assessable'] as const;
export type FrameworkStatus = (typeof FRAMEWORK_STATUSES)[number];

export const FRAMEWORK_STATUS_LABELS: Record<FrameworkStatus, string> = {
  failing: 'Assessed, failing',
  'partly-assessed': 'Partly assessed',
  passing: 'Assessed, passing',
  'no-resources': 'Nothing to assess',
  'not-assessed': 'Not assessed in this run',
  'not-covered': 'Not covered by the checks',
  'not-assessable': 'Not assessable from AWS APIs',
};

export interface FrameworkCounts {
  pass: number;
  /** Unsuppressed failures. */
  fail: number;
  error: number;
  /** Failures a suppression covers. */
  suppressed: number;
}

export interface FrameworkEntryView extends RuleEntry {
  status: FrameworkStatus;
  /** One line on why it has this status. */
  note: string;
  /** Checks of the catalogue citing it (for a standard, it or one of its specifications). */
  checks: string[];
  /** Those of them this run evaluated. */
  checksRun: string[];
  counts: FrameworkCounts;
  /** Distinct resources (ARNs) with an unsuppressed failure. */
  failingResources: number;
  /** Finding ids of the unsuppressed failures. */
  failing: string[];
}

export interface FrameworkView {
  schemaVersion: '1.0';
  framework: { name: string; citation: string; source: string };
  run: { id: string; accountId: string; collectedAt: string; checks: number };
  totals: Record<FrameworkStatus, number>;
  entries: FrameworkEntryView[];
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** The ids an entry counts: itself, and for a standard its implementation specifications. */
function idsOf(entry: RuleEntry, rule: readonly RuleEntry[]): Set<string> {
  const ids = new Set([entry.id]);
  if (entry.kind === 'standard') for (const e of rule) if (e.standard === entry.id) ids.add(e.id);
  return ids;
}

function statusOf(entry: RuleEntry, checks: string[], checksRun: string[], counts: FrameworkCounts, findings: number): { status: FrameworkStatus; note: string } {
  if (checks.length === 0) {
    return entry.aws === 'no'
      ? { status: 'not-assessable', note: 'Administrative or physical: no AWS API can show it.' }
      : { status: 'not-covered', note: 'AWS could show part of it, but no check of the catalogue judges it.' };
  }
  if (checksRun.length === 0) return { status: 'not-assessed', note: `None of its checks ran in this run (${checks.join(', ')}).` };
  const skipped = checks.filter((c) => !checksRun.includes(c));
  const notRun = skipped.length ? `; not run: ${skipped.join(', ')}` : '';
  if (counts.fail > 0) return { status: 'failing', note: `${plural(counts.fail, 'open failure')} (${counts.pass} passed, ${counts.error} not judged${notRun}).` };
  if (findings === 0) return { status: 'no-resources', note: `Its checks ran and found no resource to judge${notRun}.` };
  const suppressed = counts.suppressed ? `, ${counts.suppressed} suppressed` : '';
  const partly = [
    entry.aws === 'partly' ? 'AWS shows only its technical part' : '',
    counts.error ? `${plural(counts.error, 'finding')} could not be judged` : '',
    skipped.length ? `checks not run: ${skipped.join(', ')}` : '',
  ].filter(Boolean);
  if (partly.length) return { status: 'partly-assessed', note: `${plural(counts.pass, 'finding')} passed${suppressed}; ${partly.join('; ')}.` };
  return { status: 'passing', note: `${plural(counts.pass, 'finding')} passed${suppressed}.` };
}

/**
 * The view of one run. `catalogue`: the checks that exist (their ids and sections), to tell a section no check
 * reaches from one whose checks did not run.
 */
export function frameworkView(
  report: Pick<FindingsReport, 'run' | 'findings'>,
  catalogue: ReadonlyArray<Pick<CheckMeta, 'id' | 'hipaa'>> = CHECKS,
  rule: readonly RuleEntry[] = SECURITY_RULE,
): FrameworkView {
  const ran = new Set(report.run.checks);
  const totals = Object.fromEntries(FRAMEWORK_STATUSES.map((s) => [s, 0])) as Record<FrameworkStatus, number>;
  const entries = rule.map((entry): FrameworkEntryView => {
    const ids = idsOf(entry, rule);
    const cites = (sections: readonly string[]) => sections.some((s) => ids.has(s));
    const checks = catalogue.filter((c) => cites(c.hipaa)).map((c) => c.id);
    // A report may hold checks the catalogue no longer has (an older inventory's report): they count as run.
    for (const f of report.findings) if (cites(f.hipaa) && !checks.includes(f.checkId)) checks.push(f.checkId);
    const checksRun = checks.filter((c) => ran.has(c));
    const counts: FrameworkCounts = { pass: 0, fail: 0, error: 0, suppressed: 0 };
    const failing: string[] = [];
    const resources = new Set<string>();
    let findings = 0;
    for (const f of report.findings) {
      if (!cites(f.hipaa)) continue;
      findings += 1;
      if (f.status === 'PASS') counts.pass += 1;
      else if (f.status === 'ERROR') counts.error += 1;
      else if (f.suppressed) counts.suppressed += 1;
      else {
        counts.fail += 1;
        failing.push(f.id);
        resources.add(f.resource.arn);
      }
    }
    const { status, note } = statusOf(entry, checks, checksRun, counts, findings);
    totals[status] += 1;
    return { ...entry, status, note, checks, checksRun, counts, failingResources: resources.size, failing };
  });
  return {
    schemaVersion: '1.0',
    framework: {
      name: 'HIPAA Security Rule',
      citation: '45 CFR Part 164 Subpart C (164.308, 164.310, 164.312, 164.314, 164.316)',
      source: 'https://www.ecfr.gov/current/title-45/subtitle-A/subchapter-C/part-164/subpart-C',
    },
    run: { id: report.run.id, accountId: report.run.accountId, collectedAt: report.run.collectedAt, checks: report.run.checks.length },
    totals,
    entries,
  };
}

/** `R`, `A`, or `-` for a standard whose specifications carry it. */
export const requirementLetter = (r: RuleEntry['requirement']): string => (r === 'required' ? 'R' : r === 'addressable' ? 'A' : '-');
