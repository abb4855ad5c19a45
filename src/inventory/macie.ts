import type { Read } from './read';

/** `session`: GetMacieSession (one call per region). */
export const MACIE_READS = ['session'] as const;

/**
 * Amazon Macie in one region. `enabled: true` means Macie has a session there, whose status is ENABLED or PAUSED
 * (suspended: no discovery runs). `enabled: false` holds GetMacieSession's answer when Macie is not enabled
 * (AccessDeniedException "Macie is not enabled"), so the verdict can quote it. A member account enabled by its
 * Macie administrator has a session of its own.
 */
export type MacieSession = { enabled: true; status: string; createdAt?: string; updatedAt?: string } | { enabled: false; reason: string };

export interface MacieRegion {
  session?: Read<MacieSession>;
}
