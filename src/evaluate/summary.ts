import { fixFor } from '../aws/remedy';
import type { Suppression } from '../config/types';
import type { ApiError } from '../inventory/read';
import { CLASSIFICATIONS, type Classification } from '../judge/classification';
import type { ClassificationScore, Coverage, CoverageGap, Finding, FindingsReport, HipaaScore, StatusCounts, Summary } from './finding';
import { compareSections, HIPAA_SECTIONS } from './hipaa';
import { SEVERITIES, type Severity } from './types';

const zero = (): StatusCounts => ({ PASS: 0, FAIL: 0, ERROR: 0 });
const percent = (pass: number, fail: number): number | null =>
  pass + fail === 0 ? null : Math.round((pass / (pass + fail)) * 1000) / 10;

/** The code a saved inventory's missing reads are recorded under (src/evaluate/evaluate.ts `notJudged`). */
export const NOT_COLLECTED = 'NotCollected';

/**
 * Counts, the HIPAA scorecard, the worst checks and the coverage. Suppressed failures count apart from the score.
 * `unread`: the reads that failed while collecting (listReadErrors) and those a replayed inventory does not hold
 * (code NotCollected); they become the coverage's gaps.
 */
export function summarize(findings: readonly Finding[], expiredSuppressions: Suppression[], unread: readonly ApiError[] = []): Summary {
  const byStatus = zero();
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, zero()])) as Record<Severity, StatusCounts>;
  const sections = new Map<string, HipaaScore & { resources: Set<string> }>();
  const failing = new Map<string, { checkId: string; title: string; severity: Severity; failed: number }>();
  let suppressed = 0;
  let pass = 0;
  let fail = 0;

  for (const f of findings) {
    byStatus[f.status] += 1;
    bySeverity[f.severity][f.status] += 1;
    const isSuppressedFail = f.status === 'FAIL' && f.suppressed !== undefined;
    if (isSuppressedFail) suppressed += 1;
    if (f.status === 'PASS') pass += 1;
    if (f.status === 'FAIL' && !isSuppressedFail) fail += 1;
    for (const section of f.hipaa) {
      const s =
        sections.get(section) ??
        { section, name: HIPAA_SECTIONS[section] ?? section, pass: 0, fail: 0, error: 0, suppressed: 0, passRate: null, failingResources: 0, resources: new Set<string>() };
      if (f.status === 'PASS') s.pass += 1;
      else if (f.status === 'ERROR') s.error += 1;
      else if (isSuppressedFail) s.suppressed += 1;
      else {
        s.fail += 1;
        s.resources.add(f.resource.arn);
      }
      sections.set(section, s);
    }
    if (f.status === 'FAIL' && !isSuppressedFail) {
      // The check's own severity: raised findings of one check do not make it two checks.
      const c = failing.get(f.checkId) ?? { checkId: f.checkId, title: f.title, severity: f.baseSeverity ?? f.severity, failed: 0 };
      c.failed += 1;
      failing.set(f.checkId, c);
    }
  }

  const hipaa = [...sections.values()]
    .sort((a, b) => compareSections(a.section, b.section))
    .map(({ resources, ...s }) => ({ ...s, passRate: percent(s.pass, s.fail), failingResources: resources.size }));
  const topFailingChecks = [...failing.values()]
    .sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || b.failed - a.failed || a.checkId.localeCompare(b.checkId))
    .slice(0, 10);

  return {
    total: findings.length,
    byStatus,
    bySeverity,
    suppressed,
    score: percent(pass, fail),
    hipaa,
    topFailingChecks,
    expiredSuppressions,
    collectionErrors: unread.filter((e) => e.code !== NOT_COLLECTED).length,
    coverage: coverageOf(byStatus, unread),
    ...(findings.some((f) => f.classification !== undefined) ? { byClassification: byClassification(findings) } : {}),
  };
}

/** Score and coverage per classification (a finding without one counts as not-ephi: it is account-level or unclassified). */
export function byClassification(findings: readonly Finding[]): Record<Classification, ClassificationScore> {
  const acc = Object.fromEntries(
    CLASSIFICATIONS.map((c) => [c, { findings: 0, byStatus: zero(), suppressed: 0, resources: new Set<string>() }]),
  ) as Record<Classification, { findings: number; byStatus: StatusCounts; suppressed: number; resources: Set<string> }>;
  for (const f of findings) {
    const a = acc[f.classification ?? 'not-ephi'];
    a.findings += 1;
    a.byStatus[f.status] += 1;
    if (f.status === 'FAIL' && f.suppressed) a.suppressed += 1;
    a.resources.add(f.resource.arn);
  }
  return Object.fromEntries(
    CLASSIFICATIONS.map((c) => {
      const a = acc[c];
      const judged = a.byStatus.PASS + a.byStatus.FAIL;
      return [
        c,
        {
          findings: a.findings,
          resources: a.resources.size,
          byStatus: a.byStatus,
          suppressed: a.suppressed,
          score: percent(a.byStatus.PASS, a.byStatus.FAIL - a.suppressed),
          coverage: { judged, notJudged: a.byStatus.ERROR, percent: judged + a.byStatus.ERROR === 0 ? null : Math.round((judged / (judged + a.byStatus.ERROR)) * 1000) / 10 },
        },
      ];
    }),
  ) as Record<Classification, ClassificationScore>;
}

/**
 * Why an audit judged nothing, as a clause: every finding is ERROR (nothing could be read), or there is no finding
 * at all (the selected checks found no resource in the audited regions). Either way a gate refuses it.
 */
export function nothingJudged(c: Pick<Coverage, 'notJudged'>): string {
  return c.notJudged > 0 ? `all ${c.notJudged} finding(s) are ERROR` : 'the selected checks found no resource to judge in the audited regions';
}

/** Judged (PASS, FAIL) against not judged (ERROR), and the failed reads grouped by service, operation and code. */
export function coverageOf(byStatus: StatusCounts, unread: readonly ApiError[]): Coverage {
  const judged = byStatus.PASS + byStatus.FAIL;
  const notJudged = byStatus.ERROR;
  return {
    judged,
    notJudged,
    percent: judged + notJudged === 0 ? null : Math.round((judged / (judged + notJudged)) * 1000) / 10,
    complete: judged > 0 && notJudged === 0,
    gaps: gapsOf(unread),
  };
}

function gapsOf(unread: readonly ApiError[]): CoverageGap[] {
  const groups = new Map<string, CoverageGap & { seen: Set<string> }>();
  for (const e of unread) {
    // The fix joins the key: where it names a region (a region not enabled), each region is its own gap.
    const fix = fixFor(e);
    const key = [e.service, e.operation, e.code, fix].join('\u0000');
    const g = groups.get(key) ?? { service: e.service, operation: e.operation, code: e.code, regions: [], count: 0, fix, seen: new Set<string>() };
    g.count += 1;
    g.seen.add(e.region);
    groups.set(key, g);
  }
  return [...groups.values()]
    .map(({ seen, ...g }) => ({ ...g, regions: [...seen].sort() }))
    .sort((a, b) => b.count - a.count || a.service.localeCompare(b.service) || a.operation.localeCompare(b.operation) || a.code.localeCompare(b.code));
}

/** Unsuppressed failures at or above `floor` (what --fail-on and the Lambda alarm count). */
export function failuresAtOrAbove(report: FindingsReport, floor: Severity): number {
  const limit = SEVERITIES.indexOf(floor);
  return report.findings.filter((f) => f.status === 'FAIL' && !f.suppressed && SEVERITIES.indexOf(f.severity) <= limit).length;
}
