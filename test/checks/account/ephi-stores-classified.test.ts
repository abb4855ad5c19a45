import check, { DATA_STORES } from '../../../checks/account/ephi-stores-classified';
import { DEFAULT_CLASSIFICATION, type ClassificationConfig } from '../../../src/judge/classification';
import { ALL_READS, type Inventory, type ReadId } from '../../../src/inventory/types';
import { daxCluster, table } from '../../support/builders/dynamodb';
import { ebsVolume, ec2Region } from '../../support/builders/ec2';
import { fileSystem } from '../../support/builders/efs';
import { cacheCluster, elasticacheRegion, replicationGroup, serverlessCache } from '../../support/builders/elasticache';
import { searchDomain } from '../../support/builders/opensearch';
import { dbCluster, dbInstance } from '../../support/builders/rds';
import { redshiftCluster } from '../../support/builders/redshift';
import { bucket, s3 } from '../../support/builders/s3';
import { topic } from '../../support/builders/sns';
import { queue } from '../../support/builders/sqs';
import { PHI, tagged, tagging } from '../../support/builders/tagging';
import { ACCOUNT, checkContext, denied, failed, inventory, ok } from '../../support/inventory';

const run = (inv: Inventory, classification: ClassificationConfig = DEFAULT_CLASSIFICATION) => check.evaluate(inv, checkContext({ classification }));

/** One store of every kind in us-east-1, nothing in its other lists. */
function everyKind(extra: Partial<Inventory> = {}): Inventory {
  return inventory({
    s3: s3([bucket('phi-records'), bucket('eu-logs', { region: 'eu-west-1' })]),
    rds: { 'us-east-1': { instances: ok([dbInstance('patient-db'), dbInstance('aurora-1', { clusterId: 'claims' })]), clusters: ok([dbCluster('claims')]) } },
    dynamodb: { 'us-east-1': { tables: ok([table('sessions')]) } },
    efs: { 'us-east-1': { fileSystems: ok([fileSystem('fs-1'), fileSystem('fs-gone', { state: 'deleting' })]) } },
    elasticache: { 'us-east-1': elasticacheRegion({ replicationGroups: ok([replicationGroup('cache')]), cacheClusters: ok([cacheCluster('cache-001', { replicationGroupId: 'cache' }), cacheCluster('lookup')]), serverlessCaches: ok([serverlessCache('svl')]) }) },
    dax: { 'us-east-1': { clusters: ok([daxCluster('dax')]) } },
    opensearch: { 'us-east-1': { domains: ok([searchDomain('search')]) } },
    redshift: { 'us-east-1': { clusters: ok([redshiftCluster('dw')]) } },
    sqs: { 'us-east-1': { queues: ok([queue('intake')]) } },
    sns: { 'us-east-1': { topics: ok([topic('alerts')]) } },
    ec2: { 'us-east-1': ec2Region({ volumes: ok([ebsVolume('vol-1')]) }) },
    tagging: tagging({ 'us-east-1': [] }),
    ...extra,
  });
}

describe('account.ephi-stores-classified', () => {
  it('has the exact metadata, and reads the tags and the list of every kind of store', () => {
    expect(check).toMatchObject({ id: 'account.ephi-stores-classified', severity: 'informational', hipaa: ['164.308(a)(1)(ii)(A)'], controls: [] });
    expect(check.reads).toEqual([
      'tagging.resources',
      's3.buckets',
      'rds.instances',
      'rds.clusters',
      'dynamodb.tables',
      'efs.fileSystems',
      'elasticache.replicationGroups',
      'elasticache.cacheClusters',
      'elasticache.serverlessCaches',
      'dax.clusters',
      'opensearch.domains',
      'redshift.clusters',
      'sqs.queues',
      'sns.topics',
      'ec2.volumes',
    ]);
    for (const r of check.reads) expect(ALL_READS).toContain(r as ReadId);
    expect(DATA_STORES.map((d) => d.kind)).toEqual([
      'S3 bucket', 'RDS DB instance', 'RDS DB cluster', 'DynamoDB table', 'EFS file system', 'ElastiCache cache', 'DAX cluster', 'OpenSearch domain', 'Redshift cluster', 'SQS queue', 'SNS topic', 'EBS volume',
    ]);
  });

  it('fails every store without a classification tag, once each, at the resource its own checks judge', () => {
    const results = run(everyKind());
    expect(results.every((r) => r.status === 'FAIL')).toBe(true);
    expect(results.map((r) => `${r.resource.type}/${r.resource.id}`)).toEqual([
      'AwsS3Bucket/phi-records',
      'AwsRdsDbInstance/patient-db',
      'AwsRdsDbCluster/claims',
      'AwsDynamoDbTable/sessions',
      'AwsEfsFileSystem/fs-1',
      'AwsElastiCacheReplicationGroup/cache',
      'AwsElastiCacheCacheCluster/lookup',
      'Other/svl',
      'Other/dax',
      'AwsOpenSearchServiceDomain/search',
      'AwsRedshiftCluster/dw',
      'AwsSqsQueue/intake',
      'AwsSnsTopic/alerts',
      'AwsEc2Volume/vol-1',
    ]);
    expect(results[0]?.message).toBe('S3 bucket phi-records carries no classification tag: nothing says whether it holds ePHI, so the ePHI view and --scope ephi leave its other findings out');
  });

  it('passes stores with a classification tag of any value (tagging API or their own), or named by an ARN pattern', () => {
    const inv = everyKind({
      s3: s3([bucket('phi-records')]),
      tagging: tagging({ 'us-east-1': [tagged('arn:aws:s3:::phi-records', PHI), tagged(`arn:aws:sqs:us-east-1:${ACCOUNT}:intake`, { 'Data-Classification': 'Internal' })] }),
      ec2: { 'us-east-1': ec2Region({ volumes: ok([ebsVolume('vol-1', { tags: { phi: 'no' } })]) }) },
    });
    const config: ClassificationConfig = { ...DEFAULT_CLASSIFICATION, arns: ['arn:aws:dynamodb:*:*:table/sessions'] };
    const byId = Object.fromEntries(run(inv, config).map((r) => [r.resource.id, [r.status, r.message]]));
    expect(byId['phi-records']).toEqual(['PASS', 'S3 bucket phi-records carries the classification tag data-classification=phi (ePHI)']);
    expect(byId.intake).toEqual(['PASS', 'SQS queue intake carries the classification tag Data-Classification=Internal (not ePHI)']);
    expect(byId['vol-1']).toEqual(['PASS', 'EBS volume vol-1 carries the classification tag phi=no (not ePHI)']);
    expect(byId.sessions).toEqual(['PASS', "DynamoDB table sessions is classified ePHI by the config's ARN pattern arn:aws:dynamodb:*:*:table/sessions"]);
    expect(byId.alerts?.[0]).toBe('FAIL');
  });

  it('ERROR for a store whose tags could not be read, and for a list that could not be read', () => {
    const inv = inventory({
      regions: ['us-east-1', 'eu-west-1'],
      s3: s3([bucket('eu-data', { region: 'eu-west-1' })]),
      sqs: { 'us-east-1': { queues: failed(denied('sqs', 'ListQueues')) }, 'eu-west-1': { queues: ok([]) } },
      tagging: tagging({ 'us-east-1': [], 'eu-west-1': denied('tagging', 'GetResources', 'eu-west-1') }),
    });
    const results = run(inv, DEFAULT_CLASSIFICATION).filter((r) => r.message.includes('eu-data') || r.message.includes('SQS'));
    expect(results.map((r) => [r.status, r.region, r.resource.id])).toEqual([
      ['ERROR', 'us-east-1', ACCOUNT],
      ['ERROR', 'eu-west-1', 'eu-data'],
    ]);
    expect(results[0]?.message).toMatch(/^could not read SQS queues in us-east-1: AccessDenied/);
    expect(results[1]?.message).toMatch(/^could not read the tags of S3 bucket eu-data, so whether it is classified: AccessDenied: .*Fix: allow tag:GetResources/);
  });

  it('ERROR for every list an inventory does not hold (a run collected for other checks)', () => {
    const results = run(inventory({ tagging: tagging({ 'us-east-1': [] }) }));
    expect(results.length).toBe(DATA_STORES.reduce((n, d) => n + (d.kind === 'S3 bucket' ? 1 : d.kind === 'ElastiCache cache' ? 3 : 1), 0));
    expect(results.every((r) => r.status === 'ERROR' && r.resource.type === 'AwsAccount')).toBe(true);
  });
});
