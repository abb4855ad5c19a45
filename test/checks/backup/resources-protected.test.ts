import check from '../../../checks/backup/resources-protected';
import type { EbsVolume, Read } from '../../../src/inventory/types';
import type { Inventory } from '../../../src/inventory/types';
import { checkContext, denied, failed, inventory as bareInventory, ok, statuses } from '../../support/inventory';
import { backupPlan as plan, backupRegion as backup, backupSelection as sel, optIn } from '../../support/builders/backup';
import { table, tableArn } from '../../support/builders/dynamodb';
import { ebsVolume as volume, ec2Region, instance, volumeArn as volArn } from '../../support/builders/ec2';
import { fileSystem } from '../../support/builders/efs';
import { dbCluster, dbInstance, rdsDatabases as rds } from '../../support/builders/rds';

const ACCT = '111122223333';
const ec2 = (volumes: Read<EbsVolume[]>) => ec2Region({ volumes });

/** An inventory whose regions have no EFS file systems or DynamoDB tables unless the test says otherwise. */
function inventory(partial: Partial<Inventory> = {}): Inventory {
  const regions = partial.regions ?? ['us-east-1'];
  const empty = <T>(value: T) => Object.fromEntries(regions.map((r) => [r, value]));
  return bareInventory({ efs: empty({ fileSystems: ok([]) }), dynamodb: empty({ tables: ok([]) }), ...partial });
}

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

  describe('EC2 instances', () => {
    const byTag = plan('servers', ok([sel({ selectionName: 'tagged', listOfTags: [{ operator: 'StringEquals', key: 'backup', value: 'daily' }] })]));
    const judgeInstances = (instances: ReturnType<typeof instance>[], plans = [byTag], settings = ok(optIn()), volumes = ok([] as EbsVolume[])) =>
      check.evaluate(
        inventory({ ec2: { 'us-east-1': ec2Region({ volumes, instances: ok(instances) }) }, rds: { 'us-east-1': rds() }, backup: { 'us-east-1': backup(ok(plans), ok([]), settings) } }),
        checkContext(),
      );

    it('passes an instance a selection covers by tag or by ARN and fails one no selection covers', () => {
      const byArn = plan('pinned', ok([sel({ selectionName: 'web', resources: [`arn:aws:ec2:us-east-1:${ACCT}:instance/i-web`] })]));
      const results = judgeInstances(
        [instance('i-app', { tags: { backup: 'daily', Name: 'app-1' } }), instance('i-web'), instance('i-dev', { tags: { backup: 'weekly' } })],
        [byTag, byArn],
      );
      expect(statuses(results)).toEqual({ 'us-east-1/i-app': 'PASS', 'us-east-1/i-web': 'PASS', 'us-east-1/i-dev': 'FAIL' });
      expect(results[0]?.message).toBe('EC2 instance i-app (app-1) is in AWS Backup plan servers (selection tagged: tag backup=daily); no recovery point recorded yet');
      expect(results[0]?.resource).toEqual({ type: 'AwsEc2Instance', id: 'i-app', arn: `arn:aws:ec2:us-east-1:${ACCT}:instance/i-app` });
      expect(results[1]?.message).toContain(`(selection web: resource pattern arn:aws:ec2:us-east-1:${ACCT}:instance/i-web)`);
      expect(results[2]?.message).toBe('EC2 instance i-dev is in no AWS Backup plan');
    });

    it('judges stopped instances and skips terminated and shutting-down ones', () => {
      const results = judgeInstances([instance('i-stopped', { state: 'stopped' }), instance('i-gone', { state: 'terminated' }), instance('i-going', { state: 'shutting-down' })]);
      expect(statuses(results)).toEqual({ 'us-east-1/i-stopped': 'FAIL' });
    });

    it('fails an instance that only a tag selection covers when EC2 is not opted in, and passes one named by type', () => {
      const all = plan('everything', ok([sel({ selectionName: 'ec2-type', resources: ['arn:aws:ec2:*:*:instance/*'], conditions: [{ operator: 'StringEquals', key: 'tier', value: 'phi' }] })]));
      const off = ok(optIn({ EC2: false }));
      const tagged = judgeInstances([instance('i-app', { tags: { backup: 'daily' } })], [byTag], off);
      expect(tagged[0]?.status).toBe('FAIL');
      expect(tagged[0]?.message).toBe(
        'EC2 instance i-app is selected by AWS Backup plan servers (selection tagged: tag backup=daily), but EC2 is not opted in to AWS Backup in us-east-1 ' +
          'and AWS Backup backs up what a selection includes by tag, by service or by "*" only for opted-in resource types',
      );
      // Named by resource type (then narrowed by a tag): AWS Backup ignores the opt-in.
      expect(statuses(judgeInstances([instance('i-phi', { tags: { tier: 'phi' } })], [all], off))).toEqual({ 'us-east-1/i-phi': 'PASS' });
    });

    it('applies NotResources to instances', () => {
      const star = plan('all', ok([sel({ selectionName: 'all', resources: ['*'], notResources: ['arn:aws:ec2:*:*:instance/i-scratch*'] })]));
      expect(statuses(judgeInstances([instance('i-scratch-1'), instance('i-db')], [star]))).toEqual({ 'us-east-1/i-scratch-1': 'FAIL', 'us-east-1/i-db': 'PASS' });
    });

    it('credits a volume through its instance selected by the instance tags, with the opt-in of EC2', () => {
      const results = judgeInstances([instance('i-app', { tags: { backup: 'daily' } })], [byTag], ok(optIn()), ok([volume('vol-root', { attachedInstanceIds: ['i-app'] })]));
      expect(statuses(results)).toEqual({ 'us-east-1/vol-root': 'PASS', 'us-east-1/i-app': 'PASS' });
      expect(results[0]?.message).toBe(
        'volume vol-root is in AWS Backup plan servers through attached EC2 instance i-app (selection tagged: tag backup=daily), whose backups include its volumes; no recovery point of i-app recorded yet',
      );
      const off = judgeInstances([instance('i-app', { tags: { backup: 'daily' } })], [byTag], ok(optIn({ EC2: false })), ok([volume('vol-root', { attachedInstanceIds: ['i-app'] })]));
      expect(off[0]?.status).toBe('FAIL');
      expect(off[0]?.message).toContain('volume vol-root is not backed up: attached EC2 instance i-app is selected by AWS Backup plan servers');
    });

    it('reports ERROR for a volume whose instance might be selected by tag when the instances could not be read', () => {
      const inv = inventory({
        ec2: { 'us-east-1': ec2Region({ volumes: ok([volume('vol-root', { attachedInstanceIds: ['i-app'] })]), instances: failed(denied('ec2', 'DescribeInstances')) }) },
        rds: { 'us-east-1': rds() },
        backup: { 'us-east-1': backup(ok([byTag])) },
      });
      const results = check.evaluate(inv, checkContext());
      expect(statuses(results)).toEqual({ 'us-east-1/vol-root': 'ERROR', 'us-east-1/111122223333': 'ERROR' });
      expect(results[0]?.message).toBe(
        'could not tell whether volume vol-root is in an AWS Backup plan: selection tagged of plan servers includes attached EC2 instance i-app only by tag backup=daily, ' +
          'and the EC2 instances in us-east-1 could not be read. Fix: check the tags of attached EC2 instance i-app against the selection, or select it by ARN or resource type.',
      );
      expect(results[1]?.message).toContain('EC2 instances in us-east-1 (ec2 DescribeInstances): AccessDenied');
    });

    it('judges a volume through its unreadable instance by the tags the tagging API lists for the instance', () => {
      const instanceArn = `arn:aws:ec2:us-east-1:${ACCT}:instance/i-app`;
      const inv = inventory({
        ec2: { 'us-east-1': ec2Region({ volumes: ok([volume('vol-root', { attachedInstanceIds: ['i-app'] })]), instances: failed(denied('ec2', 'DescribeInstances')) }) },
        rds: { 'us-east-1': rds() },
        backup: { 'us-east-1': backup(ok([byTag])) },
        tagging: { 'us-east-1': { resources: ok([{ arn: instanceArn, tags: { backup: 'daily' } }]) } },
      });
      const results = check.evaluate(inv, checkContext());
      expect(statuses(results)).toEqual({ 'us-east-1/vol-root': 'PASS', 'us-east-1/111122223333': 'ERROR' });
      expect(results[0]?.message).toContain('is in AWS Backup plan servers through attached EC2 instance i-app (selection tagged: tag backup=daily)');
    });
  });

  describe('EFS file systems', () => {
    const judgeEfs = (fileSystems: ReturnType<typeof fileSystem>[], plans: ReturnType<typeof plan>[], settings = ok(optIn())) =>
      check.evaluate(
        inventory({ ec2: { 'us-east-1': ec2(ok([])) }, rds: { 'us-east-1': rds() }, efs: { 'us-east-1': { fileSystems: ok(fileSystems) } }, backup: { 'us-east-1': backup(ok(plans), ok([]), settings) } }),
        checkContext(),
      );
    const efsArn = (id: string) => `arn:aws:elasticfilesystem:us-east-1:${ACCT}:file-system/${id}`;
    const star = plan('all', ok([sel({ selectionName: 'everything', resources: ['*'], notResources: [efsArn('fs-scratch')] })]));

    it('passes file systems "*" covers and fails the one NotResources excludes, skipping deleted ones', () => {
      const results = judgeEfs([fileSystem('fs-phi', { name: 'records' }), fileSystem('fs-scratch'), fileSystem('fs-old', { state: 'deleting' })], [star]);
      expect(statuses(results)).toEqual({ 'us-east-1/fs-phi': 'PASS', 'us-east-1/fs-scratch': 'FAIL' });
      expect(results[0]?.message).toBe('EFS file system fs-phi (records) is in AWS Backup plan all (selection everything: all supported resources ("*")); no recovery point recorded yet');
      expect(results[0]?.resource).toEqual({ type: 'AwsEfsFileSystem', id: 'fs-phi', arn: efsArn('fs-phi') });
      expect(results[1]?.message).toBe('EFS file system fs-scratch is in no AWS Backup plan');
    });

    it('judges tag conditions on the file system tags', () => {
      const phi = plan('phi', ok([sel({ selectionName: 'phi-efs', resources: ['arn:aws:elasticfilesystem:*:*:file-system/*'], conditions: [{ operator: 'StringLike', key: 'data', value: 'phi*' }] })]));
      const results = judgeEfs([fileSystem('fs-a', { tags: { data: 'phi-claims' } }), fileSystem('fs-b', { tags: { data: 'logs' } })], [phi]);
      expect(statuses(results)).toEqual({ 'us-east-1/fs-a': 'PASS', 'us-east-1/fs-b': 'FAIL' });
      expect(results[0]?.message).toContain('(selection phi-efs: resource pattern arn:aws:elasticfilesystem:*:*:file-system/* with tag data like phi*)');
    });

    it('fails a file system "*" covers when EFS is not opted in, and reports ERROR when the opt-in could not be read', () => {
      const off = judgeEfs([fileSystem('fs-phi')], [star], ok(optIn({ EFS: false })));
      expect(off[0]?.status).toBe('FAIL');
      expect(off[0]?.message).toContain('but EFS is not opted in to AWS Backup in us-east-1');
      const unread = judgeEfs([fileSystem('fs-phi')], [star], failed(denied('backup', 'DescribeRegionSettings')));
      expect(unread[0]?.status).toBe('ERROR');
      expect(unread[0]?.message).toMatch(
        /^could not read AWS Backup's service opt-in for EFS in us-east-1, which decides whether selection everything of plan all \(all supported resources \("\*"\)\) protects EFS file system fs-phi: AccessDenied: .*backup:DescribeRegionSettings/,
      );
      // A selection naming the type does not depend on the opt-in, so its failed read does not matter.
      const typed = plan('efs', ok([sel({ selectionName: 'efs', resources: ['arn:aws:elasticfilesystem:*:*:file-system/*'] })]));
      expect(statuses(judgeEfs([fileSystem('fs-phi')], [typed], failed(denied('backup', 'DescribeRegionSettings'))))).toEqual({ 'us-east-1/fs-phi': 'PASS' });
    });

    it('reports ERROR when the region settings do not list the type a selection needs opted in', () => {
      const settings = optIn();
      delete settings.optIn.EFS;
      const [only] = judgeEfs([fileSystem('fs-phi')], [star], ok(settings));
      expect(only?.status).toBe('ERROR');
      expect(only?.message).toBe(
        'could not tell whether EFS file system fs-phi is protected: selection everything of plan all includes it by all supported resources ("*"), which AWS Backup ' +
          'honours only for opted-in resource types, and the region settings of us-east-1 do not list EFS. Fix: opt EFS in (AWS Backup > Settings > Service opt-in) ' +
          'or select the resource by resource type or ARN.',
      );
    });

    it('reports one ERROR for the account when the file systems could not be read', () => {
      const inv = inventory({ ec2: { 'us-east-1': ec2(ok([])) }, rds: { 'us-east-1': rds() }, efs: { 'us-east-1': { fileSystems: failed(denied('elasticfilesystem', 'DescribeFileSystems')) } }, backup: { 'us-east-1': backup(ok([star])) } });
      const results = check.evaluate(inv, checkContext());
      expect(statuses(results)).toEqual({ 'us-east-1/111122223333': 'ERROR' });
      expect(results[0]?.message).toContain('EFS file systems in us-east-1 (elasticfilesystem DescribeFileSystems): AccessDenied');
    });
  });

  describe('DynamoDB tables', () => {
    const judgeTables = (
      tables: ReturnType<typeof table>[],
      plans: ReturnType<typeof plan>[],
      settings = ok(optIn()),
      recovery = ok([] as Array<{ arn: string; resourceType: string; lastBackupTime?: string }>),
      tagging: Inventory['tagging'] = undefined,
    ) =>
      check.evaluate(
        inventory({
          ec2: { 'us-east-1': ec2(ok([])) },
          rds: { 'us-east-1': rds() },
          dynamodb: { 'us-east-1': { tables: ok(tables) } },
          backup: { 'us-east-1': backup(ok(plans), recovery, settings) },
          ...(tagging ? { tagging } : {}),
        }),
        checkContext(),
      );
    const tagOnly = plan('phi-daily', ok([sel({ selectionName: 'phi-tagged', listOfTags: [{ operator: 'StringEquals', key: 'backup', value: 'daily' }] })]));

    it('passes a table selected by ARN or by "*" and fails one no selection covers, PITR notwithstanding', () => {
      const pinned = plan('claims', ok([sel({ selectionName: 'claims-table', resources: [tableArn('claims')] })]));
      const volumes = plan('volumes', ok([sel({ selectionName: 'volumes', resources: ['arn:aws:ec2:*:*:volume/*'] })]));
      const results = judgeTables([table('claims'), table('sessions')], [pinned, volumes], ok(optIn()), ok([{ arn: tableArn('claims'), resourceType: 'DynamoDB', lastBackupTime: '2026-06-01T03:00:00.000Z' }]));
      expect(statuses(results)).toEqual({ 'us-east-1/claims': 'PASS', 'us-east-1/sessions': 'FAIL' });
      expect(results[0]?.message).toBe(`DynamoDB table claims is in AWS Backup plan claims (selection claims-table: resource pattern ${tableArn('claims')}); last backup 2026-06-01T03:00:00.000Z`);
      expect(results[0]?.resource).toEqual({ type: 'AwsDynamoDbTable', id: 'claims', arn: tableArn('claims') });
      // sessions has point-in-time recovery on (the builder's default): that is not an AWS Backup plan.
      expect(results[1]?.message).toBe('DynamoDB table sessions is in no AWS Backup plan');
      const star = plan('all', ok([sel({ selectionName: 'all', resources: ['*'] })]));
      expect(statuses(judgeTables([table('sessions')], [star]))).toEqual({ 'us-east-1/sessions': 'PASS' });
    });

    const listed = (resources: Array<{ arn: string; tags: Record<string, string> }>) => ({ 'us-east-1': { resources: ok(resources) } });

    it('judges a tag selection on the table tags the tagging API lists: covered passes naming the plan, not covered fails', () => {
      const tagging = listed([
        { arn: tableArn('claims'), tags: { backup: 'daily', 'data-classification': 'phi' } },
        { arn: tableArn('audit'), tags: { backup: 'weekly' } },
      ]);
      // sessions is not listed: the tagging API lists every resource that has tags, so it has none.
      const results = judgeTables([table('claims'), table('audit'), table('sessions')], [tagOnly], ok(optIn()), ok([]), tagging);
      expect(statuses(results)).toEqual({ 'us-east-1/claims': 'PASS', 'us-east-1/audit': 'FAIL', 'us-east-1/sessions': 'FAIL' });
      expect(results[0]?.message).toBe('DynamoDB table claims is in AWS Backup plan phi-daily (selection phi-tagged: tag backup=daily); no recovery point recorded yet');
      expect(results[1]?.message).toBe('DynamoDB table audit is in no AWS Backup plan');
      // A condition excluding tables by tag is judged on the same tags.
      const narrowed = plan('narrow', ok([sel({ selectionName: 'prod', resources: ['*'], conditions: [{ operator: 'StringNotEquals', key: 'env', value: 'dev' }] })]));
      const envs = listed([{ arn: tableArn('claims'), tags: { env: 'prod' } }, { arn: tableArn('scratch'), tags: { env: 'dev' } }]);
      expect(statuses(judgeTables([table('claims'), table('scratch')], [narrowed], ok(optIn()), ok([]), envs))).toEqual({ 'us-east-1/claims': 'PASS', 'us-east-1/scratch': 'FAIL' });
    });

    it('reports ERROR, not a guess, for a table only a tag selection could cover when the tagging API could not be read', () => {
      const tagging = { 'us-east-1': { resources: failed(denied('tagging', 'GetResources')) } };
      const results = judgeTables([table('claims')], [tagOnly], ok(optIn()), ok([{ arn: tableArn('claims'), resourceType: 'DynamoDB', lastBackupTime: '2026-05-31T03:00:00.000Z' }]), tagging);
      expect(results[0]?.status).toBe('ERROR');
      expect(results[0]?.message).toBe(
        'could not tell whether DynamoDB table claims is in an AWS Backup plan: selection phi-tagged of plan phi-daily includes DynamoDB table claims only by tag backup=daily, ' +
          'and DynamoDB table tags come only from the Resource Groups Tagging API, whose GetResources failed in us-east-1 ' +
          '(AccessDenied: User is not authorized to perform: tagging:GetResources). It has a recovery point from 2026-05-31T03:00:00.000Z. ' +
          'Fix: check the tags of DynamoDB table claims against the selection, or select it by ARN or resource type.',
      );
    });

    it('reports ERROR, saying so, for a table only a tag selection could cover when the inventory holds no tags', () => {
      const results = judgeTables([table('claims')], [tagOnly]);
      expect(results[0]?.status).toBe('ERROR');
      expect(results[0]?.message).toContain(
        'and DynamoDB table tags come only from the Resource Groups Tagging API, whose listing for us-east-1 this inventory does not hold ' +
          '(tagging.resources was not collected; a run reads it unless classification is off).',
      );
      const narrowed = plan('narrow', ok([sel({ selectionName: 'prod', resources: ['*'], conditions: [{ operator: 'StringNotEquals', key: 'env', value: 'dev' }] })]));
      const [n] = judgeTables([table('claims')], [narrowed]);
      expect(n?.status).toBe('ERROR');
      expect(n?.message).toContain('only by all supported resources ("*") with tag env not dev');
    });

    it('passes a table another selection covers regardless of tags, and fails one a tag selection excludes by NotResources', () => {
      const typed = plan('tables', ok([sel({ selectionName: 'tables', resources: ['arn:aws:dynamodb:*:*:table/*'] })]));
      expect(statuses(judgeTables([table('claims')], [tagOnly, typed]))).toEqual({ 'us-east-1/claims': 'PASS' });
      const excluded = plan('phi', ok([sel({ selectionName: 'not-tables', listOfTags: [{ operator: 'StringEquals', key: 'backup', value: 'daily' }], notResources: ['arn:aws:dynamodb:*:*:table/*'] })]));
      expect(statuses(judgeTables([table('claims')], [excluded]))).toEqual({ 'us-east-1/claims': 'FAIL' });
    });

    it('applies the DynamoDB opt-in to "*" but not to a selection naming tables, and skips deleting tables', () => {
      const star = plan('all', ok([sel({ selectionName: 'all', resources: ['*'] })]));
      const typed = plan('tables', ok([sel({ selectionName: 'tables', resources: ['arn:aws:dynamodb:*:*:table/*'] })]));
      const off = ok(optIn({ DynamoDB: false }));
      expect(statuses(judgeTables([table('claims'), table('old', null, { details: ok({ status: 'DELETING', sse: null }) })], [star], off))).toEqual({ 'us-east-1/claims': 'FAIL' });
      expect(statuses(judgeTables([table('claims')], [typed], off))).toEqual({ 'us-east-1/claims': 'PASS' });
    });

    it('judges a table whose DescribeTable failed (it exists), and reports ERROR when the tables could not be listed', () => {
      const star = plan('all', ok([sel({ selectionName: 'all', resources: ['*'] })]));
      expect(statuses(judgeTables([table('claims', null, { details: failed(denied('dynamodb', 'DescribeTable')) })], [star]))).toEqual({ 'us-east-1/claims': 'PASS' });
      const inv = inventory({ ec2: { 'us-east-1': ec2(ok([])) }, rds: { 'us-east-1': rds() }, dynamodb: { 'us-east-1': { tables: failed(denied('dynamodb', 'ListTables')) } }, backup: { 'us-east-1': backup(ok([star])) } });
      const results = check.evaluate(inv, checkContext());
      expect(statuses(results)).toEqual({ 'us-east-1/111122223333': 'ERROR' });
      expect(results[0]?.message).toContain('DynamoDB tables in us-east-1 (dynamodb ListTables): AccessDenied');
    });
  });

  describe('service opt-in for RDS clusters', () => {
    const clusters = plan('clusters', ok([sel({ selectionName: 'clusters', resources: ['arn:aws:rds:*:*:cluster:*'] })]));
    const judgeClusters = (engine: string, settings: Record<string, boolean>) =>
      check.evaluate(
        inventory({ ec2: { 'us-east-1': ec2(ok([])) }, rds: { 'us-east-1': rds(ok([]), ok([dbCluster('c1', { engine })])) }, backup: { 'us-east-1': backup(ok([clusters]), ok([]), ok(optIn(settings))) } }),
        checkContext(),
      );

    it('needs the Aurora opt-in even when a selection names clusters, but not the RDS one for a Multi-AZ DB cluster', () => {
      const [aurora] = judgeClusters('aurora-postgresql', { Aurora: false });
      expect(aurora?.status).toBe('FAIL');
      expect(aurora?.message).toBe(
        'DB cluster c1 (aurora-postgresql) is selected by AWS Backup plan clusters (selection clusters: resource pattern arn:aws:rds:*:*:cluster:*), ' +
          'but Aurora is not opted in to AWS Backup in us-east-1 and AWS Backup backs up Aurora resources only when the type is opted in',
      );
      expect(judgeClusters('docdb', { DocumentDB: false })[0]?.status).toBe('FAIL');
      expect(judgeClusters('postgres', { RDS: false })[0]?.status).toBe('PASS');
    });

    it('reports ERROR when the region settings were not collected and a selection needs them', () => {
      const inv = inventory({
        ec2: { 'us-east-1': ec2(ok([])) },
        rds: { 'us-east-1': rds(ok([]), ok([dbCluster('c1')])) },
        backup: { 'us-east-1': { plans: ok([clusters]), protectedResources: ok([]) } },
      });
      const [only] = check.evaluate(inv, checkContext());
      expect(only?.status).toBe('ERROR');
      expect(only?.message).toContain('could not read AWS Backup\'s service opt-in for Aurora in us-east-1');
      expect(only?.message).toContain('NotCollected');
    });
  });
});
