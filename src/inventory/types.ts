import type { BackupRegion } from './backup';
import type { CloudTrailRegion } from './cloudtrail';
import type { ConfigRegion } from './config';
import type { Ec2Region } from './ec2';
import type { GuardDutyRegion } from './guardduty';
import type { IamInventory } from './iam';
import type { KmsRegion } from './kms';
import type { RdsRegion } from './rds';
import type { ApiError } from './read';
import type { S3Inventory } from './s3';

export * from './read';
export * from './iam';
export * from './s3';
export * from './kms';
export * from './ec2';
export * from './rds';
export * from './backup';
export * from './cloudtrail';
export * from './config';
export * from './guardduty';

/** Every service we collect; a check declares which of them it reads. */
export const SERVICES = ['iam', 's3', 'kms', 'ec2', 'rds', 'backup', 'cloudtrail', 'config', 'guardduty'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** Region name → what was read there. */
export type ByRegion<T> = Record<string, T>;

export const INVENTORY_SCHEMA_VERSION = 1;

/**
 * Everything one audit read from one account: plain JSON, saved as evidence and replayable offline.
 * A service is present only when it was collected; a read that failed holds its error.
 */
export interface Inventory {
  schemaVersion: typeof INVENTORY_SCHEMA_VERSION;
  tool: { name: string; version: string };
  accountId: string;
  partition: string;
  homeRegion: string;
  /** The regions audited. */
  regions: string[];
  collectedAt: string;
  /** Services collected (a scoped run collects only what its checks need). */
  services: ServiceName[];
  /** Failures that kept a whole service or region from being read at all (its section then lacks that region). */
  errors: ApiError[];
  iam?: IamInventory;
  s3?: S3Inventory;
  kms?: ByRegion<KmsRegion>;
  ec2?: ByRegion<Ec2Region>;
  rds?: ByRegion<RdsRegion>;
  backup?: ByRegion<BackupRegion>;
  cloudtrail?: ByRegion<CloudTrailRegion>;
  config?: ByRegion<ConfigRegion>;
  guardduty?: ByRegion<GuardDutyRegion>;
}
