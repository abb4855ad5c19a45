import type { Read } from './read';

export interface GuardDutyDetector {
  detectorId: string;
  arn: string;
  /** ENABLED | DISABLED */
  status: string;
}

export interface GuardDutyRegion {
  detectors: Read<GuardDutyDetector[]>;
}
