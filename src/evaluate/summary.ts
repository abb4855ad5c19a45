import type { Suppression } from '../config/types';
import type { Finding, FindingsReport, HipaaScore, StatusCounts, Summary } from './finding';
import { compareSections, HIPAA_SECTIONS } from './hipaa';
import { SEVERITIES, type Severity } from './types';

const zero = (): StatusCounts => ({ PASS: 0, FAIL: 0, ERROR: 0 });
const percent = (pass: number, fail: number): number | null =>
  pass + fail === 0 ? null : Math.round((pass / (pass + fail)) * 1000) / 10;

/** Counts, the HIPAA scorecard and the worst checks. Suppressed failures count apart from the score. */
export function summarize(findings: readonly Finding[], expiredSuppressions: Suppression[], collectionErrors: number): Summary {
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
      const c = failing.get(f.checkId) ?? { checkId: f.checkId, title: f.title, severity: f.severity, failed: 0 };
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
    collectionErrors,
  };
}

/** Unsuppressed failures at or above `floor` (what --fail-on and the Lambda alarm count). */
export function failuresAtOrAbove(report: FindingsReport, floor: Severity): number {
  const limit = SEVERITIES.indexOf(floor);
  return report.findings.filter((f) => f.status === 'FAIL' && !f.suppressed && SEVERITIES.indexOf(f.severity) <= limit).length;
}
