import { BACKUP_READS, type BackupRegion } from './backup';
import { CLOUDTRAIL_READS, type CloudTrailRegion } from './cloudtrail';
import { CONFIG_READS, type ConfigRegion } from './config';
import { EC2_READS, type Ec2Region } from './ec2';
import { GUARDDUTY_READS, type GuardDutyRegion } from './guardduty';
import { IAM_READS, type IamInventory } from './iam';
import { KMS_READS, type KmsRegion } from './kms';
import { RDS_READS, type RdsRegion } from './rds';
import { REDSHIFT_READS, type RedshiftRegion } from './redshift';
import type { ApiError } from './read';
import { S3_READS, type S3Inventory } from './s3';
import { SQS_READS, type SqsRegion } from './sqs';
import { SNS_READS, type SnsRegion } from './sns';
import { LAMBDA_READS, type LambdaRegion } from './lambda';
import { SECURITYHUB_READS, type SecurityHubRegion } from './securityhub';
import { INSPECTOR_READS, type InspectorRegion } from './inspector';
import { MACIE_READS, type MacieRegion } from './macie';
import { ELB_READS, type ElbRegion } from './elb';
import { CLOUDFRONT_READS, type CloudFrontInventory } from './cloudfront';
import { ACM_READS, type AcmRegion } from './acm';
import { LOGS_READS, type LogsRegion } from './logs';
import { CLOUDWATCH_READS, type CloudWatchRegion } from './cloudwatch';
import { ELASTICACHE_READS, type ElastiCacheRegion } from './elasticache';
import { OPENSEARCH_READS, type OpenSearchRegion } from './opensearch';
import { EFS_READS, type EfsRegion } from './efs';
import { DYNAMODB_READS, type DynamoDbRegion } from './dynamodb';
import { DAX_READS, type DaxRegion } from './dax';
import { TAGGING_READS, type TaggingRegion } from './tagging';

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
export * from './redshift';
export * from './sqs';
export * from './sns';
export * from './lambda';
export * from './securityhub';
export * from './inspector';
export * from './macie';
export * from './elb';
export * from './cloudfront';
export * from './acm';
export * from './logs';
export * from './cloudwatch';
export * from './elasticache';
export * from './opensearch';
export * from './efs';
export * from './dynamodb';
export * from './dax';
export * from './tagging';

/**
 * Every service we collect, in report order: whether it is read once per account (`global`) or in each audited
 * region, and the reads its collector can make. Checks name the reads they need (`s3.bucketAcl`), and a run
 * collects only those, as CloudSploit's plugins declare their APIs.
 */
export const SERVICE_REGISTRY = {
  iam: { scope: 'global', reads: IAM_READS },
  s3: { scope: 'global', reads: S3_READS },
  kms: { scope: 'regional', reads: KMS_READS },
  ec2: { scope: 'regional', reads: EC2_READS },
  rds: { scope: 'regional', reads: RDS_READS },
  backup: { scope: 'regional', reads: BACKUP_READS },
  cloudtrail: { scope: 'regional', reads: CLOUDTRAIL_READS },
  config: { scope: 'regional', reads: CONFIG_READS },
  guardduty: { scope: 'regional', reads: GUARDDUTY_READS },
  redshift: { scope: 'regional', reads: REDSHIFT_READS },
  sqs: { scope: 'regional', reads: SQS_READS },
  sns: { scope: 'regional', reads: SNS_READS },
  lambda: { scope: 'regional', reads: LAMBDA_READS },
  securityhub: { scope: 'regional', reads: SECURITYHUB_READS },
  inspector: { scope: 'regional', reads: INSPECTOR_READS },
  macie: { scope: 'regional', reads: MACIE_READS },
  elb: { scope: 'regional', reads: ELB_READS },
  cloudfront: { scope: 'global', reads: CLOUDFRONT_READS },
  acm: { scope: 'regional', reads: ACM_READS },
  logs: { scope: 'regional', reads: LOGS_READS },
  cloudwatch: { scope: 'regional', reads: CLOUDWATCH_READS },
  elasticache: { scope: 'regional', reads: ELASTICACHE_READS },
  opensearch: { scope: 'regional', reads: OPENSEARCH_READS },
  efs: { scope: 'regional', reads: EFS_READS },
  dynamodb: { scope: 'regional', reads: DYNAMODB_READS },
  dax: { scope: 'regional', reads: DAX_READS },
  tagging: { scope: 'regional', reads: TAGGING_READS },
} as const satisfies Record<ServiceName, { scope: 'global' | 'regional'; reads: readonly string[] }>;

/** Spelled out (not `keyof typeof SERVICE_REGISTRY`) so the inventory's JSON Schema can be generated from the types. */
export type ServiceName = 'iam' | 's3' | 'kms' | 'ec2' | 'rds' | 'backup' | 'cloudtrail' | 'config' | 'guardduty' | 'redshift' | 'sqs' | 'sns' | 'lambda' | 'securityhub' | 'inspector' | 'macie' | 'elb' | 'cloudfront' | 'acm' | 'logs' | 'cloudwatch' | 'elasticache' | 'opensearch' | 'efs' | 'dynamodb' | 'dax' | 'tagging';
export const SERVICES = Object.keys(SERVICE_REGISTRY) as ServiceName[];

/**
 * One read a collector can make, named `<service>.<read>` (`s3.bucketAcl`). Only the ids in ALL_READS exist: a test
 * checks every id the checks and collectors name (the type stays a plain template so the JSON Schema can be generated).
 */
export type ReadId = `${ServiceName}.${string}`;

/** Every read of every service, in registry order. */
export const ALL_READS: readonly ReadId[] = SERVICES.flatMap((s) => SERVICE_REGISTRY[s].reads.map((r) => `${s}.${r}` as ReadId));

export const serviceOfRead = (read: ReadId): ServiceName => read.slice(0, read.indexOf('.')) as ServiceName;

/** The reads of the given services (what an inventory without a `reads` list, schema version 1, holds). */
export const readsOfServices = (services: readonly ServiceName[]): ReadId[] => ALL_READS.filter((r) => services.includes(serviceOfRead(r)));

/** Region name → what was read there. */
export type ByRegion<T> = Record<string, T>;

/** 2: `reads` lists the reads made (version 1 inventories made every read of their services). */
export const INVENTORY_SCHEMA_VERSION = 2;

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
  /** The reads made, sorted; a check whose reads are not all here is not judged on this inventory. */
  reads: ReadId[];
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
  redshift?: ByRegion<RedshiftRegion>;
  sqs?: ByRegion<SqsRegion>;
  sns?: ByRegion<SnsRegion>;
  lambda?: ByRegion<LambdaRegion>;
  securityhub?: ByRegion<SecurityHubRegion>;
  inspector?: ByRegion<InspectorRegion>;
  macie?: ByRegion<MacieRegion>;
  elb?: ByRegion<ElbRegion>;
  cloudfront?: CloudFrontInventory;
  acm?: ByRegion<AcmRegion>;
  logs?: ByRegion<LogsRegion>;
  cloudwatch?: ByRegion<CloudWatchRegion>;
  elasticache?: ByRegion<ElastiCacheRegion>;
  opensearch?: ByRegion<OpenSearchRegion>;
  efs?: ByRegion<EfsRegion>;
  dynamodb?: ByRegion<DynamoDbRegion>;
  dax?: ByRegion<DaxRegion>;
  tagging?: ByRegion<TaggingRegion>;
}
