import { AwsContext } from '../../src/aws/context';
import type { CollectContext } from '../../src/collect/context';
import { DEFAULT_THRESHOLDS } from '../../src/config/types';
import type { CheckContext, CheckResult } from '../../src/evaluate/types';
import { ALL_READS, failed, INVENTORY_SCHEMA_VERSION, ok, type ApiError, type Inventory, type ReadId } from '../../src/inventory/types';

export const ACCOUNT = '111122223333';
export const COLLECTED_AT = '2026-06-01T12:00:00.000Z';

/** A minimal inventory with no service collected; add the sections a test needs. Every read counts as made unless `reads` says otherwise. */
export function inventory(partial: Partial<Inventory> = {}): Inventory {
  return {
    schemaVersion: INVENTORY_SCHEMA_VERSION,
    tool: { name: 'hipaa-posture-auditor', version: 'test' },
    accountId: ACCOUNT,
    partition: 'aws',
    homeRegion: 'us-east-1',
    regions: ['us-east-1'],
    collectedAt: COLLECTED_AT,
    services: [],
    reads: [...ALL_READS],
    errors: [],
    ...partial,
  };
}

export function checkContext(overrides: Partial<CheckContext> = {}): CheckContext {
  return { thresholds: DEFAULT_THRESHOLDS, now: new Date(COLLECTED_AT), ...overrides };
}

export function denied(service: string, operation: string, region = 'us-east-1'): ApiError {
  return { service, region, operation, code: 'AccessDenied', message: `User is not authorized to perform: ${service}:${operation}` };
}

export { ok, failed };

/** A collector context over a fresh AwsContext with fake static credentials (calls are mocked); every read is wanted unless `reads` narrows them. */
export function collectContext(regions: string[] = ['us-east-1'], reads: readonly ReadId[] = ALL_READS): CollectContext {
  const aws = new AwsContext({ credentials: async () => ({ accessKeyId: 'AKIATEST', secretAccessKey: 'test' }) });
  const wanted = new Set(reads);
  return { aws, accountId: ACCOUNT, partition: 'aws', homeRegion: regions[0] ?? 'us-east-1', regions, wants: (r) => wanted.has(r) };
}

/** `resource id → status` for compact assertions. */
export function statuses(results: CheckResult[]): Record<string, string> {
  return Object.fromEntries(results.map((r) => [`${r.region}/${r.resource.id}`, r.status]));
}

/** An AWS SDK-shaped error, as a rejected call throws it. */
export function awsError(name: string, message = name, httpStatusCode = 400): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode } });
}
