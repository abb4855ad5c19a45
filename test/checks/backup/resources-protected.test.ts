import check from '../../../checks/backup/resources-protected';
import type { EbsVolume, Read } from '../../../src/inventory/types';
import { checkContext, denied, failed, inventory, ok, statuses } from '../../support/inventory';
import { backupPlan as plan, backupRegion as backup, backupSelection as sel } from '../../support/builders/backup';
import { ebsVolume as volume, ec2Region, volumeArn as volArn } from '../../support/builders/ec2';
import { dbCluster, dbInstance, rdsDatabases as rds } from '../../support/builders/rds';

const ACCT = '111122223333';
const ec2 = (volumes: Read<EbsVolume[]>) => ec2Region({ volumes });

const dailyByTag = plan('phi-daily', ok([sel({ listOfTags: [{ operator: 'StringEquals', key: 'backup', value: 'daily' }] })]));

describe('backup.resources-protected', () => {
  it('passes tagged volumes and databases and fails untagged ones', () => {
    const inv = inventory({
      ec2: { 'us-east-1': ec2(ok([volume('vol-1', { tags: { backup: 'daily' } }), volume('vol-2')])) },
      rds: {
        'us-east-1': rds(
          ok([dbInstance('patient-portal-db'), dbInstance('ehr-records-db', { tags: { backup: 'daily' } })]),
          ok([dbCluster('phi-claims-prod', { tags: { backup: 'daily' } })]),
        ),
      },
      backup: {
        'us-east-1': backup(ok([dailyByTag]), ok([{ arn: volArn('vol-1'), resourceType: 'EBS', lastBackupTime: '2026-06-01T05:00:00.000Z' }])),
      },
    });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({
      'us-east-1/vol-1': 'PASS',
      'us-east-1/vol-2': 'FAIL',
      'us-east-1/patient-portal-db': 'FAIL',
      'us-east-1/ehr-records-db': 'PASS',
      'us-east-1/phi-claims-prod': 'PASS',
    });
    const byId = Object.fromEntries(results.map((r) => [r.resource.id, r]));
    expect(byId['vol-1']?.message).toBe(
      'volume vol-1 is in AWS Backup plan phi-daily (selection phi-tagged: tag backup=daily); last backup 2026-06-01T05:00:00.000Z',
    );
    expect(byId['vol-1']?.resource).toEqual({ type: 'AwsEc2Volume', id: 'vol-1', arn: volArn('vol-1') });
    expect(byId['vol-2']?.message).toBe('volume vol-2 is in no AWS Backup plan');
    expect(byId['patient-portal-db']?.message).toBe('DB instance patient-portal-db (postgres) is in no AWS Backup plan');
    expect(byId['patient-portal-db']?.resource.type).toBe('AwsRdsDbInstance');
    expect(byId['ehr-records-db']?.message).toContain('; no recovery point recorded yet');
    expect(byId['phi-claims-prod']?.resource.type).toBe('AwsRdsDbCluster');
  });

  it('skips cluster members, read replicas and deleted volumes', () => {
    const inv = inventory({
      ec2: { 'us-east-1': ec2(ok([volume('vol-gone', { state: 'deleting' })])) },
      rds: {
        'us-east-1': rds(
          ok([dbInstance('claims-1', { clusterId: 'claims' }), dbInstance('ehr-replica', { readReplicaSourceId: 'ehr' })]),
          ok([dbCluster('claims')]),
        ),
      },
      backup: { 'us-east-1': backup(ok([])) },
    });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ 'us-east-1/claims': 'FAIL' });
    expect(results[0]?.message).toBe('DB cluster claims (aurora-postgresql) is in no AWS Backup plan (us-east-1 has no backup plans)');
  });

  it('mentions a recovery point of a resource no plan covers', () => {
    const inv = inventory({
      ec2: { 'us-east-1': ec2(ok([volume('vol-5')])) },
      rds: { 'us-east-1': rds() },
      backup: {
        'us-east-1': backup(ok([dailyByTag]), ok([{ arn: volArn('vol-5'), resourceType: 'EBS', lastBackupTime: '2026-03-02T10:00:00.000Z' }])),
      },
    });
    const [only] = check.evaluate(inv, checkContext());
    expect(only?.status).toBe('FAIL');
    expect(only?.message).toBe(
      'volume vol-5 is in no AWS Backup plan; it has a recovery point from 2026-03-02T10:00:00.000Z (an on-demand or earlier backup), but no plan keeps backing it up',
    );
  });

  it('applies NotResources and Conditions', () => {
    const selective = plan(
      'volumes',
      ok([
        sel({
          selectionName: 'prod-volumes',
          resources: ['arn:aws:ec2:*:*:volume/*'],
          notResources: [volArn('vol-scratch')],
          conditions: [{ operator: 'StringNotEquals', key: 'env', value: 'dev' }],
        }),
      ]),
    );
    const inv = inventory({
      ec2: { 'us-east-1': ec2(ok([volume('vol-prod'), volume('vol-scratch'), volume('vol-dev', { tags: { env: 'dev' } })])) },
      rds: { 'us-east-1': rds() },
      backup: { 'us-east-1': backup(ok([selective])) },
    });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ 'us-east-1/vol-prod': 'PASS', 'us-east-1/vol-scratch': 'FAIL', 'us-east-1/vol-dev': 'FAIL' });
    expect(results[0]?.message).toContain('(selection prod-volumes: resource pattern arn:aws:ec2:*:*:volume/* with tag env not dev)');
  });

  it('counts a volume covered through an attached EC2 instance selected by ARN', () => {
    const instances = plan('servers', ok([sel({ selectionName: 'all-instances', resources: ['arn:aws:ec2:*:*:instance/*'] })]));
    const inv = inventory({
      ec2: { 'us-east-1': ec2(ok([volume('vol-root', { attachedInstanceIds: ['i-0abc'] }), volume('vol-loose', { state: 'available' })])) },
      rds: { 'us-east-1': rds() },
      backup: {
        'us-east-1': backup(
          ok([instances]),
          ok([{ arn: `arn:aws:ec2:us-east-1:${ACCT}:instance/i-0abc`, resourceType: 'EC2', lastBackupTime: '2026-06-01T04:00:00.000Z' }]),
        ),
      },
    });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ 'us-east-1/vol-root': 'PASS', 'us-east-1/vol-loose': 'FAIL' });
    expect(results[0]?.message).toBe(
      'volume vol-root is in AWS Backup plan servers through attached EC2 instance i-0abc (selection all-instances: resource pattern ' +
        'arn:aws:ec2:*:*:instance/*), whose backups include its volumes; last backup of i-0abc 2026-06-01T04:00:00.000Z',
    );
  });

  it('does not count an instance selected only by tags, which the inventory does not hold', () => {
    const byTag = plan('servers', ok([sel({ resources: ['arn:aws:ec2:*:*:instance/*'], conditions: [{ operator: 'StringEquals', key: 'backup', value: 'daily' }] })]));
    const inv = inventory({
      ec2: { 'us-east-1': ec2(ok([volume('vol-root', { attachedInstanceIds: ['i-0abc'] })])) },
      rds: { 'us-east-1': rds() },
      backup: { 'us-east-1': backup(ok([byTag])) },
    });
    expect(statuses(check.evaluate(inv, checkContext()))).toEqual({ 'us-east-1/vol-root': 'FAIL' });
  });

  it('leaves out the backup history when protected resources could not be read', () => {
    const inv = inventory({
      ec2: { 'us-east-1': ec2(ok([volume('vol-1', { tags: { backup: 'daily' } })])) },
      rds: { 'us-east-1': rds() },
      backup: { 'us-east-1': backup(ok([dailyByTag]), failed(denied('backup', 'ListProtectedResources'))) },
    });
    const [only] = check.evaluate(inv, checkContext());
    expect(only?.status).toBe('PASS');
    expect(only?.message).toBe('volume vol-1 is in AWS Backup plan phi-daily (selection phi-tagged: tag backup=daily)');
  });

  it('passes when any plan covers the resource, even if another plan could not be read', () => {
    const inv = inventory({
      ec2: { 'us-east-1': ec2(ok([volume('vol-1', { tags: { backup: 'daily' } }), volume('vol-2')])) },
      rds: { 'us-east-1': rds() },
      backup: { 'us-east-1': backup(ok([plan('hidden', failed(denied('backup', 'GetBackupSelection'))), dailyByTag])) },
    });
    const results = check.evaluate(inv, checkContext());
    // vol-2 might be in the plan we could not read: ERROR, not FAIL.
    expect(statuses(results)).toEqual({ 'us-east-1/vol-1': 'PASS', 'us-east-1/vol-2': 'ERROR' });
    expect(results[1]?.message).toContain('could not read the selections of AWS Backup plan hidden: AccessDenied');
    expect(results[1]?.resource.type).toBe('AwsEc2Volume');
  });

  it('reports ERROR per resource when backup plans could not be listed', () => {
    const inv = inventory({
      ec2: { 'us-east-1': ec2(ok([volume('vol-1')])) },
      rds: { 'us-east-1': rds(ok([dbInstance('db')])) },
      backup: { 'us-east-1': backup(failed(denied('backup', 'ListBackupPlans'))) },
    });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ 'us-east-1/vol-1': 'ERROR', 'us-east-1/db': 'ERROR' });
    expect(results[0]?.message).toContain('could not read AWS Backup plans in us-east-1: AccessDenied');
  });

  it('reports one ERROR for the account when resource lists could not be read, and judges the rest', () => {
    const inv = inventory({
      ec2: { 'us-east-1': ec2(failed(denied('ec2', 'DescribeVolumes'))) },
      rds: { 'us-east-1': rds(ok([dbInstance('db', { tags: { backup: 'daily' } })]), failed(denied('rds', 'DescribeDBClusters'))) },
      backup: { 'us-east-1': backup(ok([dailyByTag])) },
    });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ 'us-east-1/db': 'PASS', 'us-east-1/111122223333': 'ERROR' });
    const error = results.find((r) => r.status === 'ERROR');
    expect(error?.resource.type).toBe('AwsAccount');
    expect(error?.message).toContain('EBS volumes in us-east-1 (ec2 DescribeVolumes): AccessDenied');
    expect(error?.message).toContain('RDS DB clusters in us-east-1 (rds DescribeDBClusters): AccessDenied');
  });

  it('reports ERROR when ec2 or rds was not collected for the region', () => {
    const inv = inventory({
      errors: [{ service: 'ec2', region: 'us-east-1', operation: 'collect', code: 'OptInRequired', message: 'region not enabled' }],
      backup: { 'us-east-1': backup(ok([dailyByTag])) },
    });
    const results = check.evaluate(inv, checkContext());
    expect(results).toHaveLength(1);
    expect(results[0]?.status).toBe('ERROR');
    expect(results[0]?.message).toContain('EBS volumes in us-east-1 (ec2 collect): OptInRequired: region not enabled');
    expect(results[0]?.message).toContain('RDS DB instances in us-east-1 (rds collect): NotCollected');
  });

  it('uses only the plans of the resource region', () => {
    const euVol = { ...volume('vol-eu', { tags: { backup: 'daily' } }), arn: `arn:aws:ec2:eu-west-1:${ACCT}:volume/vol-eu` };
    const inv = inventory({
      regions: ['us-east-1', 'eu-west-1'],
      ec2: { 'us-east-1': ec2(ok([])), 'eu-west-1': ec2(ok([euVol])) },
      rds: { 'us-east-1': rds(), 'eu-west-1': rds() },
      backup: { 'us-east-1': backup(ok([dailyByTag])), 'eu-west-1': backup(ok([])) },
    });
    expect(statuses(check.evaluate(inv, checkContext()))).toEqual({ 'eu-west-1/vol-eu': 'FAIL' });
  });

  it('reports ERROR for a region without backup data', () => {
    const inv = inventory({ ec2: { 'us-east-1': ec2(ok([volume('v')])) }, rds: { 'us-east-1': rds() } });
    expect(statuses(check.evaluate(inv, checkContext()))).toEqual({ 'us-east-1/111122223333': 'ERROR' });
  });
});
