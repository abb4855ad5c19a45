import type { FindingsReport } from './finding';
import { failuresAtOrAbove, nothingJudged } from './summary';
import type { Severity } from './types';

/** What a CI gate (--fail-on) or the Lambda alarm accepts. */
export interface GateOptions {
  /** Unsuppressed FAILs at or above this severity fail the gate; null/absent: no gate. */
  failOn?: Severity | null;
  /** Accept an audit that could not judge everything (never one that judged nothing). */
  allowIncomplete?: boolean;
  /** Accept an incomplete audit whose coverage reaches this percentage. */
  minCoverage?: number;
}

export interface GateVerdict {
  /** Unsuppressed failures at or above failOn; null without a gate. */
  failures: number | null;
  /** The gate refuses the audit as incomplete: something it needed could not be read (or nothing was judged). */
  incomplete: boolean;
  /** Why, in a sentence, when incomplete. */
  reason?: string;
}

/**
 * The gate's verdict. Without --fail-on there is no gate. An audit that judged nothing is never accepted; an
 * audit with ERROR findings is refused unless the user accepts it (allowIncomplete, or coverage >= minCoverage):
 * a role that can read nothing must not keep a pipeline green.
 */
export function judgeGate(report: FindingsReport, options: GateOptions): GateVerdict {
  if (!options.failOn) return { failures: null, incomplete: false };
  const failures = failuresAtOrAbove(report, options.failOn);
  const c = report.summary.coverage;
  if (c.judged === 0) {
    return { failures, incomplete: true, reason: `the audit judged nothing (${nothingJudged(c)})` };
  }
  if (c.complete || options.allowIncomplete) return { failures, incomplete: false };
  if (options.minCoverage !== undefined && c.percent !== null && c.percent >= options.minCoverage) return { failures, incomplete: false };
  const floor = options.minCoverage !== undefined ? `, below --min-coverage ${options.minCoverage}%` : '';
  return { failures, incomplete: true, reason: `${c.notJudged} finding(s) could not be judged (coverage ${c.percent}%${floor})` };
}
