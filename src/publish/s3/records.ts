import { iamActionOf } from '../../aws/iam-actions';
import { causeOf } from '../../aws/remedy';
import type { Finding, FindingsReport } from '../../evaluate/finding';
import { SEVERITIES, type Severity } from '../../evaluate/types';
import type { TrendPoint } from '../../report/html';
import type { ChangeSincePrevious } from '../../report/change';
import { scopeOfRun } from '../../report/scope';

/**
 * What lands in the Athena tables. Column names are snake_case and every finding column is a scalar (QuickSight
 * reads no arrays); HIPAA sections and controls are comma-separated (`split(hipaa, ',')` in Athena).
 * Changing a column is a breaking change for users' tables and queries: add, never rename.
 */
export const RECORD_SCHEMA_VERSION = '1.0';

export interface FindingRow {
  schema_version: string;
  run_id: string;
  run_started_at: string;
  run_finished_at: string;
  run_source: 'live' | 'inventory';
  tool_version: string;
  account_id: string;
  aws_partition: string;
  region: string;
  finding_id: string;
  check_id: string;
  service: string;
  title: string;
  status: Finding['status'];
  severity: Severity;
  resource_type: string;
  resource_id: string;
  resource_arn: string;
  message: string;
  /** Comma-separated HIPAA section ids. */
  hipaa: string;
  /** Comma-separated Security Hub control ids ('' where none). */
  controls: string;
  suppressed: boolean;
  suppression_reason: string | null;
  suppression_expires: string | null;
  remediation: string;
  remediation_url: string;
  /** When the evidence was collected (ISO 8601 UTC); for a replay, earlier than run_started_at. */
  evidence_collected_at: string;
  /** ephi, not-ephi or unknown (the resource's tags could not be read); null when classification is off. */
  classification: string | null;
  /** The check's own severity when `severity` was raised for a FAIL on ePHI; null otherwise. */
  base_severity: Severity | null;
  /** Who approved the suppression covering the finding, and the ticket recording it (null when none). */
  suppression_approved_by: string | null;
  suppression_ticket: string | null;
}

export function findingRows(report: FindingsReport): FindingRow[] {
  const { run, tool } = report;
  return report.findings.map((f) => ({
    schema_version: RECORD_SCHEMA_VERSION,
    run_id: run.id,
    run_started_at: run.startedAt,
    run_finished_at: run.finishedAt,
    run_source: run.source,
    tool_version: tool.version,
    account_id: f.accountId,
    aws_partition: run.partition,
    region: f.region,
    finding_id: f.id,
    check_id: f.checkId,
    service: f.checkId.split('.')[0] ?? f.checkId,
    title: f.title,
    status: f.status,
    severity: f.severity,
    resource_type: f.resource.type,
    resource_id: f.resource.id,
    resource_arn: f.resource.arn,
    message: f.message,
    hipaa: f.hipaa.join(','),
    controls: f.controls.join(','),
    suppressed: f.suppressed !== undefined,
    suppression_reason: f.suppressed?.reason ?? null,
    suppression_expires: f.suppressed?.expires ?? null,
    remediation: f.remediation.text,
    remediation_url: f.remediation.url,
    evidence_collected_at: run.collectedAt,
    classification: f.classification ?? null,
    base_severity: f.baseSeverity ?? null,
    suppression_approved_by: f.suppressed?.approvedBy ?? null,
    suppression_ticket: f.suppressed?.ticket ?? null,
  }));
}

/** JSON Lines: one object a line, newline-terminated ('' for no finding). */
export function toJsonLines(rows: readonly object[]): string {
  return rows.map((r) => `${JSON.stringify(r)}\n`).join('');
}

/** The run's summary, as stored under summaries/ and latest/ (one JSON line, so Athena can read it too). */
export interface RunSummaryRecord {
  schema_version: string;
  tool_name: string;
  tool_version: string;
  run_id: string;
  run_started_at: string;
  run_finished_at: string;
  run_source: 'live' | 'inventory';
  account_id: string;
  aws_partition: string;
  home_region: string;
  regions: string[];
  checks_evaluated: number;
  /** PASS / (PASS + unsuppressed FAIL) in percent, one decimal; null when nothing was judged. */
  score: number | null;
  total: number;
  pass: number;
  /** Every FAIL, suppressed ones included (as the report's counts). */
  fail: number;
  /** FAIL findings that are not suppressed. */
  fail_open: number;
  error: number;
  suppressed: number;
  collection_errors: number;
  fail_critical: number;
  fail_high: number;
  fail_medium: number;
  fail_low: number;
  fail_informational: number;
  hipaa: Array<{ section: string; name: string; pass: number; fail: number; error: number; suppressed: number; pass_rate: number | null; failing_resources: number }>;
  top_failing_checks: Array<{ check_id: string; title: string; severity: Severity; failed: number }>;
  /** Keys relative to the prefix. */
  report_key: string;
  findings_key: string;
  /** When the evidence was collected (ISO 8601 UTC). Absent in summaries written before it existed. */
  evidence_collected_at?: string;
  /** Findings judged / all findings in percent, one decimal; null when there was none. */
  coverage?: number | null;
  judged?: number;
  not_judged?: number;
  /** Judged something, and nothing left unjudged. */
  complete?: boolean;
  /** The run's scope key (account, checks, regions; src/report/scope.ts): trends compare runs of one scope. */
  scope?: string;
  /** `ephi` for a run of --scope ephi, else `all`. Absent in summaries written before it existed. */
  classification_scope?: 'all' | 'ephi';
  /** Score, coverage, open failures and resources of the findings on ePHI resources; null when classification is off. */
  score_ephi?: number | null;
  coverage_ephi?: number | null;
  fail_open_ephi?: number | null;
  resources_ephi?: number | null;
  /** Resources whose tags could not be read (so whether they hold ePHI is unknown); null when classification is off. */
  resources_unknown?: number | null;
  /** The previous run of the same scope this one is compared with (src/report/change.ts); null when none. */
  previous_run_id?: string | null;
  /** Open failures not open in the previous run (+N); null when there is no previous run to compare with. */
  new_failures?: number | null;
  /** Open failures of the previous run that PASS now (−M). */
  fixed_failures?: number | null;
  /** Open failures of the previous run whose finding is gone (resource deleted or out of scope). */
  gone_failures?: number | null;
  /**
   * What could not be read (summary.coverage.gaps): one entry per service, operation and error, with where, how
   * many reads, the IAM action to allow when it was denied, and the fix; [] when everything needed was read.
   * Absent in summaries written before it existed.
   */
  unread?: UnreadRecord[];
}

export interface UnreadRecord {
  service: string;
  operation: string;
  code: string;
  regions: string[];
  reads: number;
  /** The IAM action that fixes a denial; null for any other cause. */
  permission: string | null;
  fix: string;
}

/** The coverage's gaps as the summary record carries them. */
function unreadOf(s: FindingsReport['summary']): UnreadRecord[] {
  return s.coverage.gaps.map((g) => ({
    service: g.service,
    operation: g.operation,
    code: g.code,
    regions: g.regions,
    reads: g.count,
    permission: causeOf({ code: g.code, message: '' }) === 'denied' ? iamActionOf(g.service, g.operation) : null,
    fix: g.fix,
  }));
}

export function summaryRecord(report: FindingsReport, keys: { report: string; findingsJson: string }, change?: ChangeSincePrevious): RunSummaryRecord {
  const { run, summary: s, tool } = report;
  const failBy = (sev: Severity): number => s.bySeverity[sev]?.FAIL ?? 0;
  const ephi = s.byClassification?.ephi;
  return {
    schema_version: RECORD_SCHEMA_VERSION,
    tool_name: tool.name,
    tool_version: tool.version,
    run_id: run.id,
    run_started_at: run.startedAt,
    run_finished_at: run.finishedAt,
    run_source: run.source,
    account_id: run.accountId,
    aws_partition: run.partition,
    home_region: run.homeRegion,
    regions: run.regions,
    checks_evaluated: run.checks.length,
    score: s.score,
    total: s.total,
    pass: s.byStatus.PASS,
    fail: s.byStatus.FAIL,
    fail_open: s.byStatus.FAIL - s.suppressed,
    error: s.byStatus.ERROR,
    suppressed: s.suppressed,
    collection_errors: s.collectionErrors,
    fail_critical: failBy('critical'),
    fail_high: failBy('high'),
    fail_medium: failBy('medium'),
    fail_low: failBy('low'),
    fail_informational: failBy('informational'),
    hipaa: s.hipaa.map((h) => ({
      section: h.section,
      name: h.name,
      pass: h.pass,
      fail: h.fail,
      error: h.error,
      suppressed: h.suppressed,
      pass_rate: h.passRate,
      failing_resources: h.failingResources,
    })),
    top_failing_checks: s.topFailingChecks.map((c) => ({ check_id: c.checkId, title: c.title, severity: c.severity, failed: c.failed })),
    report_key: keys.report,
    findings_key: keys.findingsJson,
    evidence_collected_at: run.collectedAt,
    coverage: s.coverage.percent,
    judged: s.coverage.judged,
    not_judged: s.coverage.notJudged,
    complete: s.coverage.complete,
    scope: scopeOfRun(run),
    classification_scope: run.scope ?? 'all',
    score_ephi: ephi ? ephi.score : null,
    coverage_ephi: ephi ? ephi.coverage.percent : null,
    fail_open_ephi: ephi ? ephi.byStatus.FAIL - ephi.suppressed : null,
    resources_ephi: ephi ? ephi.resources : null,
    resources_unknown: s.byClassification ? s.byClassification.unknown.resources : null,
    previous_run_id: change?.previous.runId ?? null,
    new_failures: change?.newFailures ?? null,
    fixed_failures: change?.fixed ?? null,
    gone_failures: change?.gone ?? null,
    unread: unreadOf(s),
  };
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** A stored summary read back (history, org index); null when it is not one of ours. Untrusted: checked field by field. */
export function parseSummaryRecord(text: string): RunSummaryRecord | null {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  if (!data || typeof data !== 'object') return null;
  const r = data as Partial<RunSummaryRecord>;
  const scoreOk = r.score === null || (typeof r.score === 'number' && Number.isFinite(r.score));
  const ok =
    typeof r.run_id === 'string' &&
    typeof r.run_started_at === 'string' &&
    !Number.isNaN(Date.parse(r.run_started_at)) &&
    typeof r.account_id === 'string' &&
    scoreOk &&
    [r.pass, r.fail, r.error].every(isCount) &&
    SEVERITIES.every((s) => isCount(r[`fail_${s}` as const]));
  return ok ? (r as RunSummaryRecord) : null;
}

export function trendPointOfRecord(r: RunSummaryRecord): TrendPoint {
  const collected = typeof r.evidence_collected_at === 'string' && !Number.isNaN(Date.parse(r.evidence_collected_at)) ? r.evidence_collected_at : undefined;
  return {
    runId: r.run_id,
    startedAt: r.run_started_at,
    ...(collected ? { collectedAt: collected } : {}),
    ...(typeof r.scope === 'string' ? { scope: r.scope } : {}),
    ...(r.coverage === null || (typeof r.coverage === 'number' && Number.isFinite(r.coverage)) ? { coverage: r.coverage } : {}),
    score: r.score,
    fail: r.fail,
    pass: r.pass,
    error: r.error,
  };
}

/**
 * Whether a stored run audited the same scope as `run`: the same scope key, or, for summaries written before
 * scope keys existed, the same account, regions and number of checks.
 */
export function sameScope(r: RunSummaryRecord, run: { accountId: string; checks: readonly string[]; regions: readonly string[]; scope?: 'ephi' }): boolean {
  if (r.account_id !== run.accountId) return false;
  if (typeof r.scope === 'string') return r.scope === scopeOfRun(run);
  // Summaries without a scope key predate --scope ephi: they audited every resource.
  if (run.scope) return false;
  const regions = Array.isArray(r.regions) ? [...r.regions].sort().join(',') : '';
  return regions === [...run.regions].sort().join(',') && r.checks_evaluated === run.checks.length;
}
