import type { Read } from './read';

/** `hub`: DescribeHub (one call per region). */
export const SECURITYHUB_READS = ['hub'] as const;

/**
 * Security Hub (CSPM) in one region. `enabled: false` holds DescribeHub's answer when the account is not
 * subscribed there (InvalidAccessException "Account ... is not subscribed to AWS Security Hub", or
 * ResourceNotFoundException), so the verdict can quote it. An account enabled by its organization's delegated
 * administrator answers like one enabled by hand.
 */
export type SecurityHubState = { enabled: true; hubArn: string; subscribedAt?: string } | { enabled: false; reason: string };

export interface SecurityHubRegion {
  hub?: Read<SecurityHubState>;
}
