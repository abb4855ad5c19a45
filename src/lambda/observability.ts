import { judgeGate } from '../evaluate/gate';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { FindingsReport } from '../evaluate/finding';
import { SEVERITIES, STATUSES, type Severity } from '../evaluate/types';
import type { AuditEvent } from '../run-audit';

/**
 * Structured logs and metrics for every handler. Handlers log identifiers, counts and S3 keys only: never
 * credentials, session tokens, the external id, or the content of findings (resource details stay in S3).
 */

export type LogData = Record<string, unknown>;

export interface Log {
  debug(message: string, data?: LogData): void;
  info(message: string, data?: LogData): void;
  warn(message: string, data?: LogData): void;
  error(message: string, data?: LogData): void;
}

export interface MetricPoint {
  name: string;
  unit: 'Count' | 'Milliseconds' | 'Percent';
  value: number;
  /** Extra dimensions beyond the service; keep their cardinality low (never an account id: each combination is a billed metric). */
  dimensions?: Record<string, string>;
}

export interface MetricsSink {
  add(point: MetricPoint): void;
  /** Writes the buffered metrics (CloudWatch embedded metric format, on stdout). */
  flush(): void;
}

export const METRICS_NAMESPACE = 'HipaaPostureAuditor';
const SERVICE = 'hipaa-posture-auditor';

/** Powertools Logger: JSON lines with level, timestamp, service, cold start and request id. */
export function powertoolsLog(): Log & { logger: Logger } {
  const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? SERVICE });
  const at = (level: 'debug' | 'info' | 'warn' | 'error') => (message: string, data?: LogData) =>
    data === undefined ? logger[level](message) : logger[level](message, data as never);
  return { logger, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** Powertools Metrics (embedded metric format: no PutMetricData call, no extra permission). */
export function powertoolsMetrics(): MetricsSink {
  const metrics = new Metrics({
    namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? METRICS_NAMESPACE,
    serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? SERVICE,
  });
  metrics.setThrowOnEmptyMetrics(false);
  return {
    add(point) {
      const unit = point.unit === 'Count' ? MetricUnit.Count : point.unit === 'Percent' ? MetricUnit.Percent : MetricUnit.Milliseconds;
      if (point.dimensions) {
        const single = metrics.singleMetric();
        single.addDimensions(point.dimensions);
        single.addMetric(point.name, unit, point.value);
      } else {
        metrics.addMetric(point.name, unit, point.value);
      }
    },
    flush() {
      metrics.publishStoredMetrics();
    },
  };
}

/**
 * One audited account's metrics: findings by severity and status, suppressed failures, failures at or above the
 * alarm threshold (0 when none, so the alarm sees data), the coverage, whether the audit is incomplete as the
 * gate sees it (IncompleteAudit, the CLI's exit code 4 rule: with a threshold, ERROR findings make it 1 unless
 * allowIncomplete; judging nothing always does), API calls, collection errors, duration. Returns the failure
 * count (the CLI's --fail-on rule), or null without a threshold.
 */
export function recordAudit(metrics: MetricsSink, report: FindingsReport, failOn: Severity | null, durationMs: number, allowIncomplete = false): number | null {
  const gate = judgeGate(report, { failOn, allowIncomplete });
  const over = gate.failures;
  for (const severity of SEVERITIES) {
    for (const status of STATUSES) {
      const value = report.summary.bySeverity[severity]?.[status] ?? 0;
      if (value > 0) metrics.add({ name: 'Findings', unit: 'Count', value, dimensions: { Severity: severity, Status: status } });
    }
  }
  metrics.add({ name: 'SuppressedFindings', unit: 'Count', value: report.summary.suppressed });
  if (over !== null) metrics.add({ name: 'FailuresAtOrAboveThreshold', unit: 'Count', value: over });
  if (failOn) metrics.add({ name: 'IncompleteAudit', unit: 'Count', value: gate.incomplete ? 1 : 0 });
  const coverage = report.summary.coverage.percent;
  if (coverage !== null) metrics.add({ name: 'Coverage', unit: 'Percent', value: coverage });
  metrics.add({ name: 'AccountsAudited', unit: 'Count', value: 1 });
  metrics.add({ name: 'ApiCalls', unit: 'Count', value: report.run.apiCalls.total });
  metrics.add({ name: 'CollectionErrors', unit: 'Count', value: report.summary.collectionErrors });
  metrics.add({ name: 'AuditDuration', unit: 'Milliseconds', value: durationMs });
  return over;
}

/** runAudit's events as log lines: identity and warnings at info/warn, per-service progress at debug. */
export function auditEvents(log: Log): (event: AuditEvent) => void {
  return (event) => {
    if (event.type === 'identity') log.info('auditing account', { accountId: event.accountId, callerArn: event.callerArn, regions: event.regions });
    else if (event.type === 'warning') log.warn(event.message);
    else log.debug('collected', { service: event.service, region: event.region, done: event.done, total: event.total });
  };
}

/** A compact summary of a report for logs and handler results (counts only, no finding content). */
export function reportDigest(report: FindingsReport) {
  return {
    accountId: report.run.accountId,
    runId: report.run.id,
    regions: report.run.regions.length,
    findings: report.summary.total,
    byStatus: report.summary.byStatus,
    suppressed: report.summary.suppressed,
    score: report.summary.score,
    coverage: report.summary.coverage.percent,
    complete: report.summary.coverage.complete,
    collectionErrors: report.summary.collectionErrors,
    apiCalls: report.run.apiCalls.total,
  };
}
