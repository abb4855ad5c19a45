import type { Read } from './read';

/** `account`: BatchGetAccountStatus for the audited account (one call per region). */
export const INSPECTOR_READS = ['account'] as const;

/**
 * Amazon Inspector's status for the audited account in one region. Statuses: ENABLING | ENABLED | DISABLING |
 * DISABLED | SUSPENDING | SUSPENDED. A scan type AWS did not report is absent (Lambda scanning is not offered
 * in every region). An account whose Inspector is managed by a delegated administrator reports its own status.
 */
export interface InspectorAccount {
  /** The account's overall Inspector status. */
  status: string;
  ec2: string;
  ecr: string;
  /** Lambda standard scanning. */
  lambda?: string;
  /** Lambda code scanning. */
  lambdaCode?: string;
}

export interface InspectorRegion {
  account?: Read<InspectorAccount>;
}
