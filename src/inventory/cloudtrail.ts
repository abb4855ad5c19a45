import type { Read } from './read';

/** `trails`: DescribeTrails; `trailStatus`: GetTrailStatus per trail; `eventSelectors`: GetEventSelectors per trail. */
export const CLOUDTRAIL_READS = ['trails', 'trailStatus', 'eventSelectors'] as const;

export interface Trail {
  name: string;
  arn: string;
  homeRegion: string;
  isMultiRegion: boolean;
  isOrganizationTrail: boolean;
  logFileValidationEnabled: boolean;
  kmsKeyId?: string;
  s3BucketName?: string;
  /** Absent when `cloudtrail.trailStatus` was not read. */
  isLogging?: Read<boolean>;
  /** Whether the trail records management events, and which (basic or advanced selectors resolved). Absent when `cloudtrail.eventSelectors` was not read. */
  managementEvents?: Read<{
    included: boolean;
    readWriteType: 'All' | 'ReadOnly' | 'WriteOnly' | 'None';
    /** Event sources left out of the management events (ExcludeManagementEventSources, or eventSource NotEquals). */
    excludedSources?: string[];
  }>;
}

export interface CloudTrailRegion {
  /**
   * Trails whose home region is this region, shadow copies left out; organization trails of the management
   * account are included in a member account (they are shadow trails there). A multi-Region trail whose home
   * region is not audited is kept under the first audited region (its `homeRegion` still tells the truth).
   */
  trails?: Read<Trail[]>;
}
