import type { ResourceRef } from '../evaluate/types';

/** The parts of an ARN (`arn:partition:service:region:account:resource`); undefined when it is not one. */
export function parseArn(arn: string): { partition: string; service: string; region: string; account: string; resource: string } | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn' || !parts[2]) return undefined;
  return { partition: parts[1] ?? '', service: parts[2] ?? '', region: parts[3] ?? '', account: parts[4] ?? '', resource: parts.slice(5).join(':') };
}

/** ASFF resource types by `<service>:<resource type>` (`<service>:` for services whose ARNs name no type). */
const ASFF_TYPES: Readonly<Record<string, string>> = {
  's3:': 'AwsS3Bucket',
  'sqs:': 'AwsSqsQueue',
  'sns:': 'AwsSnsTopic',
  'rds:db': 'AwsRdsDbInstance',
  'rds:cluster': 'AwsRdsDbCluster',
  'rds:snapshot': 'AwsRdsDbSnapshot',
  'rds:cluster-snapshot': 'AwsRdsDbClusterSnapshot',
  'dynamodb:table': 'AwsDynamoDbTable',
  'elasticfilesystem:file-system': 'AwsEfsFileSystem',
  'elasticache:replicationgroup': 'AwsElastiCacheReplicationGroup',
  'elasticache:cluster': 'AwsElastiCacheCacheCluster',
  'es:domain': 'AwsOpenSearchServiceDomain',
  'redshift:cluster': 'AwsRedshiftCluster',
  'ec2:volume': 'AwsEc2Volume',
  'ec2:instance': 'AwsEc2Instance',
  'ec2:security-group': 'AwsEc2SecurityGroup',
  'ec2:vpc': 'AwsEc2Vpc',
  'lambda:function': 'AwsLambdaFunction',
  'kms:key': 'AwsKmsKey',
  'cloudfront:distribution': 'AwsCloudFrontDistribution',
  'cloudtrail:trail': 'AwsCloudTrailTrail',
  'iam:user': 'AwsIamUser',
  'iam:role': 'AwsIamRole',
};

/**
 * A resource reference for any ARN: its ASFF type where Security Hub has one (else `Other`) and a readable id (the
 * name after the resource type, without an IAM path). What a check reports when all it has is an ARN.
 */
export function resourceOfArn(arn: string): ResourceRef {
  const parsed = parseArn(arn);
  if (!parsed) return { type: 'Other', id: arn, arn };
  const m = /^([A-Za-z0-9_-]+)([/:])(.*)$/.exec(parsed.resource);
  if (!m || ASFF_TYPES[`${parsed.service}:`] !== undefined) {
    return { type: ASFF_TYPES[`${parsed.service}:`] ?? 'Other', id: parsed.resource || arn, arn };
  }
  const rest = m[3] as string;
  // Lambda function:name[:qualifier]; IAM user/path/name: the name is what people know.
  const id = parsed.service === 'lambda' ? (rest.split(':')[0] as string) : (rest.split('/').pop() as string) || rest;
  return { type: ASFF_TYPES[`${parsed.service}:${m[1] as string}`] ?? 'Other', id: id || arn, arn };
}
