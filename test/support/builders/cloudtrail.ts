import type { Trail } from '../../../src/inventory/types';
import { ACCOUNT, ok } from '../inventory';

/* Typed CloudTrail inventory for check tests: complete objects with defaults, overridable field by field. */

/**
 * A trail of the audited account, home in us-east-1 (or `extra.homeRegion`, which its ARN follows): multi-Region,
 * logging all management events, validating log files, delivering to bucket `<name>-logs`, without a KMS key,
 * without a CloudWatch Logs log group (no delivery reported) and without S3 data events.
 */
export function trail(name: string, extra: Partial<Trail> = {}): Trail {
  const homeRegion = extra.homeRegion ?? 'us-east-1';
  return {
    name,
    arn: `arn:aws:cloudtrail:${homeRegion}:${ACCOUNT}:trail/${name}`,
    homeRegion,
    isMultiRegion: true,
    isOrganizationTrail: false,
    logFileValidationEnabled: true,
    s3BucketName: `${name}-logs`,
    isLogging: ok(true),
    managementEvents: ok({ included: true, readWriteType: 'All' }),
    delivery: ok({}),
    s3DataEvents: ok({ read: { buckets: 'none' }, write: { buckets: 'none' } }),
    ...extra,
  };
}

/** A CloudTrail log group ARN as DescribeTrails reports it (with the trailing `:*`). */
export function trailLogGroupArn(name: string, region = 'us-east-1', account = ACCOUNT): string {
  return `arn:aws:logs:${region}:${account}:log-group:${name}:*`;
}
