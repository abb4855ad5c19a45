import { ACCOUNT_ID } from './account';
import { page, range, regionIndex, type Handler } from './call';
import { trail } from './core';
import { json, jsonError, restJson } from './wire';

/* Detection: CloudWatch Logs (JSON 1.1), CloudWatch alarms (JSON 1.0, signing name `monitoring`), Security Hub,
 * Inspector and Macie (REST-JSON). Security Hub and Macie are on in even regions only: the odd ones give the
 * answers AWS gives an account that never enabled them. */

/** The CIS patterns for root user activity and unauthorized API calls, as metric filters on the trail's log group. */
const CIS_FILTERS = [
  { filterName: 'RootUse', metricName: 'RootUse', filterPattern: '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }' },
  { filterName: 'UnauthorizedApiCalls', metricName: 'UnauthorizedApiCalls', filterPattern: '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }' },
];

export const logs: Handler = (call, account) => {
  const r = regionIndex(account, call.region);
  const t = trail(account);
  const home = call.region === t.home;
  const arn = (name: string) => `arn:aws:logs:${call.region}:${ACCOUNT_ID}:log-group:${name}`;
  switch (call.target) {
    case 'DescribeLogGroups': {
      const groups = [
        ...(home ? [{ logGroupName: t.logGroup, retentionInDays: 2192, kmsKeyId: `arn:aws:kms:${call.region}:${ACCOUNT_ID}:key/key-${r}-0` }] : []),
        // Group 0 never expires; the others keep 30, 90, 365, ... days.
        ...range(account.perRegion).map((i) => ({ logGroupName: `/aws/lambda/intake-${r}-${i}`, ...(i === 0 ? {} : { retentionInDays: [30, 90, 365, 731][i % 4] }) })),
      ].map((g) => ({ ...g, arn: `${arn(g.logGroupName)}:*`, logGroupArn: arn(g.logGroupName), creationTime: 1_700_000_000_000, storedBytes: 1024, metricFilterCount: 0, logGroupClass: 'STANDARD' }));
      const p = page(groups, call.body.nextToken as string | undefined, Number(call.body.limit ?? 50));
      return json({ logGroups: p.items, ...(p.next ? { nextToken: p.next } : {}) });
    }
    case 'DescribeMetricFilters': {
      const filters = home
        ? CIS_FILTERS.map((f) => ({ filterName: f.filterName, logGroupName: t.logGroup, filterPattern: f.filterPattern, creationTime: 1_700_000_000_000, metricTransformations: [{ metricName: f.metricName, metricNamespace: 'CISBenchmark', metricValue: '1' }] }))
        : [];
      const p = page(filters, call.body.nextToken as string | undefined, Number(call.body.limit ?? 50));
      return json({ metricFilters: p.items, ...(p.next ? { nextToken: p.next } : {}) });
    }
    default:
      return jsonError('UnknownOperationException', `${call.target} is not served by the fake`);
  }
};

export const monitoring: Handler = (call, account) => {
  if (call.target !== 'DescribeAlarms') return jsonError('UnknownOperationException', `${call.target} is not served by the fake`);
  const r = regionIndex(account, call.region);
  const topic = `arn:aws:sns:${call.region}:${ACCOUNT_ID}:alerts-${r}-0`;
  const alarm = (name: string, namespace: string, metric: string, actions: string[]) => ({
    AlarmName: name,
    AlarmArn: `arn:aws:cloudwatch:${call.region}:${ACCOUNT_ID}:alarm:${name}`,
    Namespace: namespace,
    MetricName: metric,
    ActionsEnabled: true,
    AlarmActions: actions,
    OKActions: [],
    InsufficientDataActions: [],
    StateValue: 'OK',
    Statistic: 'Sum',
    Period: 300,
    EvaluationPeriods: 1,
    Threshold: 1,
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
  });
  const alarms = [
    ...(call.region === trail(account).home ? CIS_FILTERS.map((f) => alarm(f.metricName, 'CISBenchmark', f.metricName, [topic])) : []),
    ...range(account.perRegion).map((i) => alarm(`intake-${r}-${i}-errors`, 'AWS/Lambda', 'Errors', i % 2 === 0 ? [topic] : [])),
  ];
  const p = page(alarms, call.body.NextToken as string | undefined, Number(call.body.MaxRecords ?? 100));
  return json({ MetricAlarms: p.items, CompositeAlarms: [], ...(p.next ? { NextToken: p.next } : {}) });
};

export const securityhub: Handler = (call, account) => {
  if (call.method !== 'GET' || call.path !== '/accounts') return jsonError('UnknownOperationException', `${call.method} ${call.path} is not served by the fake`);
  if (regionIndex(account, call.region) % 2 === 1) {
    return jsonError('InvalidAccessException', `Account ${ACCOUNT_ID} is not subscribed to AWS Security Hub`, 401, 'DescribeHub');
  }
  return restJson('DescribeHub', { HubArn: `arn:aws:securityhub:${call.region}:${ACCOUNT_ID}:hub/default`, SubscribedAt: '2024-01-01T00:00:00.000Z', AutoEnableControls: true, ControlFindingGenerator: 'SECURITY_CONTROL' });
};

export const inspector2: Handler = (call, account) => {
  if (call.method !== 'POST' || call.path !== '/status/batch/get') return jsonError('UnknownOperationException', `${call.method} ${call.path} is not served by the fake`);
  const on = regionIndex(account, call.region) % 3 !== 2;
  const status = { status: on ? 'ENABLED' : 'DISABLED' };
  const ids = Array.isArray(call.body.accountIds) ? (call.body.accountIds as unknown[]).map(String) : [ACCOUNT_ID];
  return restJson('BatchGetAccountStatus', {
    accounts: ids.map((accountId) => ({ accountId, state: status, resourceState: { ec2: status, ecr: status, lambda: status, lambdaCode: { status: 'DISABLED' } } })),
    failedAccounts: [],
  });
};

export const macie2: Handler = (call, account) => {
  if (call.method !== 'GET' || call.path !== '/macie') return jsonError('UnknownOperationException', `${call.method} ${call.path} is not served by the fake`);
  if (regionIndex(account, call.region) % 2 === 1) return jsonError('AccessDeniedException', 'Macie is not enabled.', 403, 'GetMacieSession');
  return restJson('GetMacieSession', { status: 'ENABLED', createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-06-01T00:00:00.000Z', findingPublishingFrequency: 'FIFTEEN_MINUTES', serviceRole: `arn:aws:iam::${ACCOUNT_ID}:role/aws-service-role/macie.amazonaws.com/AWSServiceRoleForAmazonMacie` });
};
