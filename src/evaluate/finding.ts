import type { ApiCallCounts } from '../aws/api-calls';
import type { Suppression } from '../config/types';
import type { Classification, ClassifiedBy } from '../judge/classification';
import type { AuditScope, ResourceRef, Severity, Status } from './types';

/** One check's verdict on one resource, with everything needed to act on it. */
export interface Finding {
  /** Deterministic from check, account, region and resource: the same problem is always the same finding. */
  id: string;
  checkId: string;
  title: string;
  status: Status;
  severity: Severity;
  accountId: string;
  region: string;
  resource: ResourceRef;
  message: string;
  hipaa: string[];
  controls: string[];
  remediation: { text: string; url: string };
  /** The suppression that covers this finding: why, until when, who approved it and the ticket recording it. */
  suppressed?: { reason: string; expires?: string; approvedBy?: string; ticket?: string };
  /**
   * Whether the resource holds ePHI (src/judge/classification.ts): `unknown` when its tags could not be read;
   * account-level findings are `not-ephi`. Absent when classification is off.
   */
  classification?: Classification;
  /** The tag or ARN pattern that made the resource ePHI. */
  classifiedBy?: ClassifiedBy;
  /**
   * The check's own severity, when `severity` differs from it: raised one level for a FAIL on an ePHI resource, or
   * set by the check for this one result (an informational note).
   */
  baseSeverity?: Severity;
}

export interface StatusCounts {
  PASS: number;
  FAIL: number;
  ERROR: number;
}

export interface HipaaScore {
  section: string;
  name: string;
  pass: number;
  /** Failures not suppressed. */
  fail: number;
  error: number;
  suppressed: number;
  /** pass / (pass + fail) as a percentage with one decimal; null when nothing was judged. */
  passRate: number | null;
  /** Distinct resources with an unsuppressed FAIL under this section. */
  failingResources: number;
}

export interface Summary {
  total: number;
  byStatus: StatusCounts;
  bySeverity: Record<Severity, StatusCounts>;
  /** FAIL findings a suppression covers (counted in byStatus, left out of score and --fail-on). */
  suppressed: number;
  /** Overall pass rate in percent over PASS and unsuppressed FAIL; null when nothing was judged. */
  score: number | null;
  hipaa: HipaaScore[];
  topFailingChecks: Array<{ checkId: string; title: string; severity: Severity; failed: number }>;
  expiredSuppressions: Suppression[];
  /** Reads that failed while collecting (each also shows as ERROR findings where a check needed it). */
  collectionErrors: number;
  /** How much of the audit was judged: the number to read beside the score. */
  coverage: Coverage;
  /** Score and coverage of the findings on ePHI resources apart from the rest; absent when classification is off. */
  byClassification?: Record<Classification, ClassificationScore>;
}

/** The findings of one classification: counts, score and coverage as for the whole run. */
export interface ClassificationScore {
  findings: number;
  /** Distinct resources (by ARN) with findings. */
  resources: number;
  byStatus: StatusCounts;
  suppressed: number;
  /** PASS / (PASS + unsuppressed FAIL) in percent; null when nothing was judged. */
  score: number | null;
  coverage: Pick<Coverage, 'judged' | 'notJudged' | 'percent'>;
}

/**
 * Findings judged (PASS or FAIL, suppressed FAILs included) against those that could not be (ERROR), and what
 * could not be read. An audit is complete when it judged something and left nothing unjudged.
 */
export interface Coverage {
  judged: number;
  notJudged: number;
  /** judged / (judged + notJudged) in percent, one decimal; null when there was nothing at all. */
  percent: number | null;
  complete: boolean;
  /** The distinct reads that failed (or that a replayed inventory does not hold), most frequent first. */
  gaps: CoverageGap[];
}

/** One kind of read that failed: the same service, operation and error code, wherever it happened. */
export interface CoverageGap {
  service: string;
  operation: string;
  code: string;
  /** Regions where it failed (`global` for account-wide reads), sorted. */
  regions: string[];
  /** How many reads failed this way. */
  count: number;
  /** What would let the next run read it: the IAM action to grant, or what else to do. */
  fix: string;
}

export interface RunInfo {
  id: string;
  /** When the evaluation started and ended (for a replay: when the saved inventory was judged). */
  startedAt: string;
  finishedAt: string;
  /** When the evidence (the inventory) was collected: equal to about startedAt for a live run, earlier for a replay. */
  collectedAt: string;
  accountId: string;
  partition: string;
  homeRegion: string;
  regions: string[];
  /** Check ids evaluated. */
  checks: string[];
  /** `live` for an audit of the account, `inventory` for a replay of a saved one. */
  source: 'live' | 'inventory';
  /** `ephi` when the run kept only findings on ePHI (or unclassifiable) resources and account-level ones; absent: all. */
  scope?: Exclude<AuditScope, 'all'>;
  apiCalls: ApiCallCounts;
}

/** The document written as findings.json. */
export interface FindingsReport {
  schemaVersion: '1.0';
  tool: { name: string; version: string };
  run: RunInfo;
  summary: Summary;
  findings: Finding[];
}
