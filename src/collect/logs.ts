import { CloudWatchLogsClient, paginateDescribeLogGroups, paginateDescribeMetricFilters } from '@aws-sdk/client-cloudwatch-logs';
import type { LogGroup, LogsRegion, MetricFilter } from '../inventory/logs';
import { attempt, collectList } from './attempt';
import type { RegionalCollector } from './collector';

/** The largest page each listing serves. */
const PAGE_SIZE = 50;

/**
 * CloudWatch Logs, per region: DescribeLogGroups and DescribeMetricFilters, each a paginated listing of the whole
 * region (50 a page). Neither grows per resource beyond its pages; no call is made per log group.
 */
export const logsCollector: RegionalCollector<'logs'> = {
  scope: 'regional',
  async collect(ctx, region): Promise<LogsRegion> {
    const wantsGroups = ctx.wants('logs.logGroups');
    const wantsFilters = ctx.wants('logs.metricFilters');
    if (!wantsGroups && !wantsFilters) return {};
    const client = ctx.aws.client('logs', CloudWatchLogsClient, region);
    const site = { service: 'logs', region };
    const [logGroups, metricFilters] = await Promise.all([
      !wantsGroups ? undefined : attempt({ ...site, operation: 'DescribeLogGroups' }, async () =>
        (await collectList(paginateDescribeLogGroups({ client, pageSize: PAGE_SIZE }, {}), 'logGroups')).map((g): LogGroup => {
          const name = g.logGroupName ?? '';
          return {
            name,
            // logGroupArn is the ARN without the `:*` that `arn` carries; older answers have only `arn`.
            arn: g.logGroupArn ?? g.arn?.replace(/:\*$/, '') ?? `arn:${ctx.partition}:logs:${region}:${ctx.accountId}:log-group:${name}`,
            // Absent retentionInDays means the events never expire.
            ...(g.retentionInDays !== undefined ? { retentionInDays: g.retentionInDays } : {}),
            ...(g.logGroupClass ? { logGroupClass: g.logGroupClass } : {}),
            ...(g.kmsKeyId ? { kmsKeyId: g.kmsKeyId } : {}),
          };
        }),
      ),
      !wantsFilters ? undefined : attempt({ ...site, operation: 'DescribeMetricFilters' }, async () =>
        (await collectList(paginateDescribeMetricFilters({ client, pageSize: PAGE_SIZE }, {}), 'metricFilters')).map(
          (f): MetricFilter => ({
            name: f.filterName ?? '',
            logGroupName: f.logGroupName ?? '',
            pattern: f.filterPattern ?? '',
            metrics: (f.metricTransformations ?? []).map((m) => ({ name: m.metricName ?? '', namespace: m.metricNamespace ?? '' })),
          }),
        ),
      ),
    ]);
    return { logGroups, metricFilters };
  },
};
