import type { Read } from './read';

export interface GuardDutyDetector {
  detectorId: string;
  arn: string;
  /** ENABLED | DISABLED */
  status: string;
}

export const GUARDDUTY_READS = ['detectors'] as const;

export interface GuardDutyRegion {
  detectors?: Read<GuardDutyDetector[]>;
}
