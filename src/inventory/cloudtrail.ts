import type { Read } from './read';

export interface Trail {
  name: string;
  arn: string;
  homeRegion: string;
  isMultiRegion: boolean;
  isOrganizationTrail: boolean;
  logFileValidationEnabled: boolean;
  kmsKeyId?: string;
  s3BucketName?: string;
  isLogging: Read<boolean>;
  /** Whether the trail records management events, and which (basic or advanced selectors resolved). */
  managementEvents: Read<{ included: boolean; readWriteType: 'All' | 'ReadOnly' | 'WriteOnly' | 'None' }>;
}

export interface CloudTrailRegion {
  /** Trails whose home region is this region (shadow copies left out). */
  trails: Read<Trail[]>;
}
