import check from '../../../checks/kms/keys-not-pending-deletion';
import { KEY_USE_SOURCES, keyReferences, refersTo } from '../../../checks/kms/key-references';
import type { Inventory } from '../../../src/inventory/types';
import { backupRegion, backupVault } from '../../support/builders/backup';
import { trail } from '../../support/builders/cloudtrail';
import { kmsSse, table } from '../../support/builders/dynamodb';
import { ebsSnapshot, ebsVolume, ec2Region } from '../../support/builders/ec2';
import { fileSystem } from '../../support/builders/efs';
import { elasticacheRegion, replicationGroup, serverlessCache } from '../../support/builders/elasticache';
import { kmsKey as key } from '../../support/builders/kms';
import { logGroup, logsRegion } from '../../support/builders/logs';
import { searchDomain } from '../../support/builders/opensearch';
import { dbCluster, dbClusterSnapshot, dbInstance, dbSnapshot, rdsDatabases, rdsSnapshots } from '../../support/builders/rds';
import { redshiftCluster, redshiftRegion } from '../../support/builders/redshift';
import { bucket, s3 } from '../../support/builders/s3';
import { snsRegion, topic } from '../../support/builders/sns';
import { queue, sqsRegion } from '../../support/builders/sqs';
import { ACCOUNT, checkContext, denied, failed, inventory, ok, statuses } from '../../support/inventory';

const regions = ['us-east-1', 'eu-west-1'];
const DOOMED = 'd0000000-0000-4000-8000-000000000001';
const doomedArn = `arn:aws:kms:us-east-1:${ACCOUNT}:key/${DOOMED}`;
/** Collected 2026-06-01T12:00Z (see checkContext): the key goes nine days later. */
const doomed = key(DOOMED, { state: 'PendingDeletion', deletionDate: '2026-06-10T12:00:00.000Z', aliases: ['alias/phi-claims'], rotation: null });

const kmsOnly = (...keys: ReturnType<typeof key>[]): Partial<Inventory> => ({ kms: { 'us-east-1': { keys: ok(keys) } } });

describe('kms.keys-not-pending-deletion', () => {
  it('passes customer-managed keys that are not scheduled for deletion, whatever their state, and skips AWS-managed keys', () => {
    const inv = inventory(
      kmsOnly(
        key('enabled'),
        key('disabled', { state: 'Disabled', rotation: null }),
        key('aws-s3', { manager: 'AWS', state: 'UNKNOWN', spec: 'UNKNOWN', origin: 'UNKNOWN', aliases: ['alias/aws/s3'], rotation: null }),
      ),
    );
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ 'us-east-1/enabled': 'PASS', 'us-east-1/disabled': 'PASS' });
    expect(results[1]?.message).toBe('customer-managed key disabled is Disabled, not scheduled for deletion');
  });

  it('fails a key pending deletion, with its date and the resources it still encrypts, matched by ARN, id, alias and alias ARN', () => {
    const inv = inventory({
      regions,
      kms: { 'us-east-1': { keys: ok([doomed, key('other')]) }, 'eu-west-1': { keys: ok([]) } },
      ec2: {
        'us-east-1': ec2Region({
          volumes: ok([ebsVolume('vol-by-arn', { kmsKeyId: doomedArn }), ebsVolume('vol-other', { kmsKeyId: `arn:aws:kms:us-east-1:${ACCOUNT}:key/other` })]),
          ebsEncryptionByDefault: ok({ enabled: true, kmsKeyId: `arn:aws:kms:us-east-1:${ACCOUNT}:alias/phi-claims` }),
        }),
        // The same alias name in another region names another key.
        'eu-west-1': ec2Region({ volumes: ok([ebsVolume('vol-eu', { kmsKeyId: 'alias/phi-claims' })]) }),
      },
      rds: {
        'us-east-1': rdsDatabases(
          ok([dbInstance('standalone', { kmsKeyId: DOOMED }), dbInstance('member', { clusterId: 'claims', kmsKeyId: doomedArn })]),
          ok([dbCluster('claims', { kmsKeyId: doomedArn })]),
        ),
      },
      s3: s3([
        bucket('phi-records', { encryption: ok({ rules: [{ sseAlgorithm: 'aws:kms', kmsMasterKeyId: 'alias/phi-claims' }] }) }),
        bucket('eu-bucket', { region: 'eu-west-1', encryption: ok({ rules: [{ sseAlgorithm: 'aws:kms', kmsMasterKeyId: DOOMED }] }) }),
      ]),
    });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ [`us-east-1/${DOOMED}`]: 'FAIL', 'us-east-1/other': 'PASS' });
    expect(results[0]?.message).toBe(
      `customer-managed key ${DOOMED} (alias/phi-claims) is scheduled for deletion on 2026-06-10T12:00:00.000Z (9 days after this inventory was collected); ` +
        'after that, what it encrypts cannot be decrypted. It still encrypts: EBS volume vol-by-arn in us-east-1, the EBS default encryption key ' +
        '(new volumes) in us-east-1, RDS DB instance standalone in us-east-1, RDS DB cluster claims in us-east-1, S3 bucket phi-records ' +
        '(default encryption) in us-east-1',
    );
    expect(results[0]?.resource).toEqual({ type: 'AwsKmsKey', id: DOOMED, arn: doomedArn });
  });

  it('names the DynamoDB tables and SQS queues it still encrypts, an SQS queue naming it by alias', () => {
    const inv = inventory({
      ...kmsOnly(doomed),
      dynamodb: { 'us-east-1': { tables: ok([table('claims', kmsSse(doomedArn)), table('sessions'), table('audit', kmsSse(`arn:aws:kms:us-east-1:${ACCOUNT}:key/other`))]) } },
      sqs: { 'us-east-1': sqsRegion([queue('intake', { kmsMasterKeyId: 'alias/phi-claims' }), queue('events', { kmsMasterKeyId: 'alias/aws/sqs' }), queue('plain')]) },
    });
    const [only] = check.evaluate(inv, checkContext());
    expect(only?.status).toBe('FAIL');
    expect(only?.message).toMatch(/It still encrypts: DynamoDB table claims in us-east-1, SQS queue intake in us-east-1$/);
  });

  it('names five resources and counts the rest', () => {
    const volumes = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id) => ebsVolume(`vol-${id}`, { kmsKeyId: doomedArn }));
    const inv = inventory({ ...kmsOnly(doomed), ec2: { 'us-east-1': ec2Region({ volumes: ok(volumes) }) } });
    const [only] = check.evaluate(inv, checkContext());
    expect(only?.message).toMatch(/It still encrypts: EBS volume vol-a in us-east-1, .*EBS volume vol-e in us-east-1 and 2 more$/);
  });

  it('says which sources it searched when nothing uses the key, and when the inventory holds none', () => {
    const searched = inventory({
      ...kmsOnly(doomed),
      ec2: { 'us-east-1': ec2Region() },
      cloudtrail: { 'us-east-1': { trails: ok([trail('main', { kmsKeyId: `arn:aws:kms:us-east-1:${ACCOUNT}:key/other` })]) } },
    });
    expect(check.evaluate(searched, checkContext())[0]?.message).toMatch(
      /; no resource in this inventory uses it \(searched: EBS volumes, EBS snapshots, the EBS default key, CloudTrail trails\), though data encrypted under it elsewhere/,
    );
    const bare = inventory(kmsOnly(doomed));
    expect(check.evaluate(bare, checkContext())[0]?.message).toMatch(/; this inventory holds no resources to tell what it still encrypts$/);
  });

  it('fails a multi-Region primary key waiting for its replicas to be deleted', () => {
    const primary = key('mrk-1', { state: 'PendingReplicaDeletion', pendingDeletionWindowInDays: 30, multiRegionRole: 'PRIMARY', rotation: null });
    const inv = inventory({
      ...kmsOnly(primary),
      backup: { 'us-east-1': { ...backupRegion(ok([])), vaults: ok([backupVault('phi', { encryptionKeyArn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/mrk-1` })]) } },
    });
    const [only] = check.evaluate(inv, checkContext());
    expect(only).toMatchObject({ status: 'FAIL' });
    expect(only?.message).toBe(
      'multi-Region primary key mrk-1 is scheduled for deletion: it is deleted once its replica keys are deleted, then waits 30 days; ' +
        'after that, what it encrypts cannot be decrypted. It still encrypts: AWS Backup vault phi (10 recovery points) in us-east-1',
    );
  });

  it('says when the deletion date has passed or was not given', () => {
    const late = key('late', { state: 'PendingDeletion', deletionDate: '2026-05-30T12:00:00.000Z', rotation: null });
    const undated = key('undated', { state: 'PendingDeletion', rotation: null });
    const soon = key('soon', { state: 'PendingDeletion', deletionDate: '2026-06-02T11:00:00.000Z', rotation: null });
    const results = check.evaluate(inventory(kmsOnly(late, undated, soon)), checkContext());
    expect(results[0]?.message).toContain('on 2026-05-30T12:00:00.000Z (2 days before this inventory was collected)');
    expect(results[1]?.message).toContain('is scheduled for deletion (DescribeKey gave no deletion date)');
    expect(results[2]?.message).toContain('on 2026-06-02T11:00:00.000Z (less than a day after this inventory was collected)');
  });

  it('reports ERROR for a key that could not be described, and for keys that could not be listed or a region not held', () => {
    const locked = key('locked', { manager: 'UNKNOWN', state: 'UNKNOWN', spec: 'UNKNOWN', origin: 'UNKNOWN', rotation: failed(denied('kms', 'DescribeKey')) });
    const [one] = check.evaluate(inventory(kmsOnly(locked)), checkContext());
    expect(one).toMatchObject({ status: 'ERROR', resource: { id: 'locked' } });
    expect(one?.message).toContain('could not read key locked with DescribeKey: AccessDenied');

    const inv = inventory({ regions, kms: { 'us-east-1': { keys: failed(denied('kms', 'ListKeys')) } } });
    expect(statuses(check.evaluate(inv, checkContext()))).toEqual({ 'us-east-1/111122223333': 'ERROR', 'eu-west-1/111122223333': 'ERROR' });
  });
});

describe('kms key references', () => {
  const k = { keyId: DOOMED, arn: doomedArn, aliases: ['alias/phi-claims'] };
  it.each<[string, string, string, boolean]>([
    ['the key ARN', doomedArn, 'eu-west-1', true],
    ['the key id, in its region', DOOMED, 'us-east-1', true],
    ['the key id, in another region', DOOMED, 'eu-west-1', false],
    ['an alias name, in its region', 'alias/phi-claims', 'us-east-1', true],
    ['an alias name, in another region', 'alias/phi-claims', 'eu-west-1', false],
    ['an alias ARN', `arn:aws:kms:us-east-1:${ACCOUNT}:alias/phi-claims`, 'us-east-1', true],
    ['an alias ARN of another region', `arn:aws:kms:eu-west-1:${ACCOUNT}:alias/phi-claims`, 'eu-west-1', false],
    ['an alias the key does not have', 'alias/other', 'us-east-1', false],
    ['the same id in another account', `arn:aws:kms:us-east-1:444455556666:key/${DOOMED}`, 'us-east-1', false],
    ['another key', `arn:aws:kms:us-east-1:${ACCOUNT}:key/other`, 'us-east-1', false],
  ])('%s', (_name, ref, region, expected) => {
    expect(refersTo(ref, region, ACCOUNT, k)).toBe(expected);
  });

  it('resolves a bare id only within the audited account', () => {
    expect(refersTo(DOOMED, 'us-east-1', '444455556666', k)).toBe(false);
  });

  it('reads every source it lists, and skips the sources whose reads failed', () => {
    expect(KEY_USE_SOURCES.map((s) => s.name)).toEqual([
      'EBS volumes',
      'EBS snapshots',
      'the EBS default key',
      'RDS DB instances',
      'RDS DB clusters',
      'RDS DB snapshots',
      'RDS DB cluster snapshots',
      'S3 default encryption',
      'DynamoDB tables',
      'EFS file systems',
      'ElastiCache replication groups',
      'ElastiCache serverless caches',
      'OpenSearch domains',
      'Redshift clusters',
      'SQS queues',
      'SNS topics',
      'CloudWatch Logs log groups',
      'CloudTrail trails',
      'AWS Backup vaults',
    ]);
    const inv = inventory({
      ec2: { 'us-east-1': ec2Region({ volumes: failed(denied('ec2', 'DescribeVolumes')), ebsEncryptionByDefault: ok({ enabled: false }) }) },
      cloudtrail: { 'us-east-1': { trails: ok([trail('main', { kmsKeyId: doomedArn })]) } },
    });
    expect(keyReferences(inv, k)).toEqual({
      uses: [{ what: 'CloudTrail trail main (log files)', region: 'us-east-1', keyRef: doomedArn }],
      searched: ['EBS snapshots', 'the EBS default key', 'CloudTrail trails'],
    });
  });

  const other = `arn:aws:kms:us-east-1:${ACCOUNT}:key/other`;
  it.each<[string, Partial<Inventory>, string[]]>([
    ['EBS snapshots', { ec2: { 'us-east-1': ec2Region({ snapshots: ok([ebsSnapshot('snap-1', { kmsKeyId: doomedArn }), ebsSnapshot('snap-2', { kmsKeyId: other })]) }) } }, ['EBS snapshot snap-1']],
    ['RDS DB snapshots', { rds: { 'us-east-1': rdsSnapshots(ok([dbSnapshot('nightly', ok([]), { kmsKeyId: doomedArn }), dbSnapshot('plain', ok([]), { encrypted: false })])) } }, ['RDS DB snapshot nightly']],
    ['RDS DB cluster snapshots', { rds: { 'us-east-1': rdsSnapshots(ok([]), ok([dbClusterSnapshot('pre-upgrade', ok([]), { kmsKeyId: DOOMED })])) } }, ['RDS DB cluster snapshot pre-upgrade']],
    ['DynamoDB tables', { dynamodb: { 'us-east-1': { tables: ok([table('claims', kmsSse(doomedArn)), table('owned')]) } } }, ['DynamoDB table claims']],
    ['EFS file systems', { efs: { 'us-east-1': { fileSystems: ok([fileSystem('fs-1', { name: 'records', kmsKeyId: doomedArn }), fileSystem('fs-2', { kmsKeyId: other })]) } } }, ['EFS file system fs-1 (records)']],
    [
      'ElastiCache replication groups and serverless caches',
      { elasticache: { 'us-east-1': elasticacheRegion({ replicationGroups: ok([replicationGroup('sessions', { kmsKeyId: doomedArn })]), serverlessCaches: ok([serverlessCache('tokens', { kmsKeyId: DOOMED })]) }) } },
      ['ElastiCache replication group sessions', 'ElastiCache serverless cache tokens'],
    ],
    ['OpenSearch domains', { opensearch: { 'us-east-1': { domains: ok([searchDomain('patients', { kmsKeyId: DOOMED }), searchDomain('logs', { kmsKeyId: other })]) } } }, ['OpenSearch domain patients']],
    ['Redshift clusters', { redshift: { 'us-east-1': redshiftRegion({ clusters: ok([redshiftCluster('warehouse', { kmsKeyId: doomedArn }), redshiftCluster('bi')]) }) } }, ['Redshift cluster warehouse']],
    ['SQS queues', { sqs: { 'us-east-1': sqsRegion([queue('intake', { kmsMasterKeyId: `arn:aws:kms:us-east-1:${ACCOUNT}:alias/phi-claims` }), queue('plain')]) } }, ['SQS queue intake']],
    ['SNS topics', { sns: { 'us-east-1': snsRegion([topic('alerts', { kmsMasterKeyId: 'alias/phi-claims' }), topic('aws-managed', { kmsMasterKeyId: 'alias/aws/sns' })]) } }, ['SNS topic alerts']],
    ['CloudWatch Logs log groups', { logs: { 'us-east-1': logsRegion([logGroup('/ehr/app', { kmsKeyId: doomedArn }), logGroup('/plain')]) } }, ['CloudWatch Logs log group /ehr/app']],
  ])('finds the key on %s', (_name, part, expected) => {
    expect(keyReferences(inventory(part), k).uses.map((u) => u.what)).toEqual(expected);
  });

  it('does not count a source as searched where its per-item reads all failed, or its snapshots predate the key field', () => {
    const inv = inventory({
      sqs: { 'us-east-1': { queues: ok([{ ...queue('intake'), attributes: failed(denied('sqs', 'GetQueueAttributes')) }]) } },
      sns: { 'us-east-1': snsRegion([]) },
      dynamodb: { 'us-east-1': { tables: ok([table('claims', null, { details: failed(denied('dynamodb', 'DescribeTable')) })]) } },
      rds: { 'us-east-1': rdsSnapshots(ok([dbSnapshot('old', ok([]))])) },
    });
    // SNS was read and has no topic: searched. RDS cluster snapshots: an empty list, searched.
    expect(keyReferences(inv, k)).toEqual({ uses: [], searched: ['RDS DB instances', 'RDS DB clusters', 'RDS DB cluster snapshots', 'SNS topics'] });
  });
});
