import type { Read } from './read';

/**
 * `logGroups`: DescribeLogGroups (paginated, 50 a page: the only call that returns retention); `metricFilters`:
 * DescribeMetricFilters (paginated, every filter of the region in one listing).
 */
export const LOGS_READS = ['logGroups', 'metricFilters'] as const;

export interface LogGroup {
  name: string;
  /** The log group's ARN without the trailing `:*` (logGroupArn). */
  arn: string;
  /** Days events are kept; absent: never expire (CloudWatch Logs' default). */
  retentionInDays?: number;
  /** STANDARD | INFREQUENT_ACCESS | DELIVERY, when reported. */
  logGroupClass?: string;
  kmsKeyId?: string;
}

export interface MetricFilter {
  name: string;
  logGroupName: string;
  /** The filter pattern as written (CloudWatch Logs filter syntax). */
  pattern: string;
  /** The metrics the filter publishes (metricTransformations). */
  metrics: Array<{ name: string; namespace: string }>;
}

export interface LogsRegion {
  logGroups?: Read<LogGroup[]>;
  metricFilters?: Read<MetricFilter[]>;
}
