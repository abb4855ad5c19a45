import type { Trail } from '../../../src/inventory/types';
import { ACCOUNT, ok } from '../inventory';

/* Typed CloudTrail inventory for check tests: complete objects with defaults, overridable field by field. */

/**
 * A trail of the audited account, home in us-east-1 (or `extra.homeRegion`, which its ARN follows): multi-Region,
 * logging all management events, validating log files, delivering to bucket `<name>-logs`, without a KMS key.
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
    ...extra,
  };
}
