import type { Handler } from './call';
import { backup, cloudtrail, config, ec2, guardduty, kms, sts } from './core';
import { dax, dynamodb, efs, elasticache, opensearch, rds, redshift } from './databases';
import { iam } from './iam';
import { lambda, sns, sqs } from './messaging';
import { inspector2, logs, macie2, monitoring, securityhub } from './monitoring';
import { acm, cloudfront, elasticloadbalancing } from './network';
import { s3 } from './s3';
import { tagging } from './tagging';

export type { Call, Handler } from './call';

/**
 * The fake's services, by the signing name the SDK puts in the credential scope (which is not always the client's
 * name: CloudWatch signs as `monitoring`, OpenSearch as `es`, EFS as `elasticfilesystem`, both ELB APIs as
 * `elasticloadbalancing`, S3 Control as `s3`).
 */
export const SERVICES: Record<string, Handler> = {
  sts,
  iam,
  ec2,
  rds,
  s3,
  kms,
  cloudtrail,
  config,
  guardduty,
  backup,
  redshift,
  dynamodb,
  dax,
  elasticache,
  es: opensearch,
  elasticfilesystem: efs,
  elasticloadbalancing,
  cloudfront,
  acm,
  sqs,
  sns,
  lambda,
  logs,
  monitoring,
  securityhub,
  inspector2,
  macie2,
  tagging,
};
