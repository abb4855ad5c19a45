import type { Read } from './read';

/**
 * `trails`: DescribeTrails; `trailStatus`: GetTrailStatus per trail (logging, and the latest deliveries);
 * `eventSelectors`: GetEventSelectors per trail (management events, and S3 data events).
 */
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
  /** The CloudWatch Logs log group the trail also delivers to (CloudWatchLogsLogGroupArn, ending in `:*`); absent: none. */
  cloudWatchLogsLogGroupArn?: string;
  /** Absent when `cloudtrail.trailStatus` was not read. */
  isLogging?: Read<boolean>;
  /** The latest deliveries and their errors, from the same GetTrailStatus call. Absent when `cloudtrail.trailStatus` was not read. */
  delivery?: Read<TrailDelivery>;
  /** Whether the trail records management events, and which (basic or advanced selectors resolved). Absent when `cloudtrail.eventSelectors` was not read. */
  managementEvents?: Read<{
    included: boolean;
    readWriteType: 'All' | 'ReadOnly' | 'WriteOnly' | 'None';
    /** Event sources left out of the management events (ExcludeManagementEventSources, or eventSource NotEquals). */
    excludedSources?: string[];
  }>;
  /** Which S3 object-level (data) events the trail records, from the same GetEventSelectors call. Absent when `cloudtrail.eventSelectors` was not read. */
  s3DataEvents?: Read<S3DataEvents>;
}

/** GetTrailStatus's delivery fields, as ISO timestamps; a field is absent when CloudTrail reported none. */
export interface TrailDelivery {
  /** LatestDeliveryTime: the last log file delivered to the S3 bucket. */
  latestS3DeliveryTime?: string;
  /** LatestDeliveryError: the last S3 delivery error (a bucket policy or bucket problem). */
  latestS3DeliveryError?: string;
  /** LatestCloudWatchLogsDeliveryTime: the last delivery to the CloudWatch Logs log group. */
  latestCloudWatchLogsDeliveryTime?: string;
  /** LatestCloudWatchLogsDeliveryError: the last CloudWatch Logs delivery error (role or log group problem). */
  latestCloudWatchLogsDeliveryError?: string;
}

/**
 * Which buckets a kind of S3 data event (read: GetObject...; write: PutObject, DeleteObject...) is recorded for:
 * every bucket; every bucket but the listed exclusions (advanced selectors' NotStartsWith / NotEquals / NotEndsWith,
 * resources.ARN values as written, other fields as `field != value`); only what the listed selectors name (bucket
 * ARN prefixes, or `field = value` filters); or none.
 */
export type S3DataScope =
  | { buckets: 'all' }
  | { buckets: 'all-except'; except: string[] }
  | { buckets: 'some'; only: string[] }
  | { buckets: 'none' };

/** S3 data events resolved from basic or advanced event selectors. */
export interface S3DataEvents {
  read: S3DataScope;
  write: S3DataScope;
}

export interface CloudTrailRegion {
  /**
   * Trails whose home region is this region, shadow copies left out; organization trails of the management
   * account are included in a member account (they are shadow trails there). A multi-Region trail whose home
   * region is not audited is kept under the first audited region (its `homeRegion` still tells the truth).
   */
  trails?: Read<Trail[]>;
}
