import type { LogGroup, LogsRegion, MetricFilter } from '../../../src/inventory/types';
import { ACCOUNT, ok } from '../inventory';

/* Typed CloudWatch Logs inventory for check tests. */

/** A log group in us-east-1 (or `region`) of the audited account whose events never expire; override what a test needs. */
export function logGroup(name: string, extra: Partial<LogGroup> = {}, region = 'us-east-1'): LogGroup {
  return { name, arn: `arn:aws:logs:${region}:${ACCOUNT}:log-group:${name}`, logGroupClass: 'STANDARD', ...extra };
}

/** A metric filter on `logGroupName` publishing metric `metric` in namespace CISBenchmark. */
export function metricFilter(name: string, logGroupName: string, pattern: string, metric = name): MetricFilter {
  return { name, logGroupName, pattern, metrics: [{ name: metric, namespace: 'CISBenchmark' }] };
}

export function logsRegion(groups: LogGroup[] = [], filters: MetricFilter[] = []): LogsRegion {
  return { logGroups: ok(groups), metricFilters: ok(filters) };
}

export const ROOT_PATTERN = '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }';
export const UNAUTHORIZED_PATTERN = '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }';
