import type { Check, ResourceRef } from '../../src/evaluate/types';
import { fail, pass } from '../../src/evaluate/results';
import { eachDatabase } from './databases';

const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;

const check: Check = {
  id: 'rds.backup-retention',
  title: 'RDS automated backups are kept long enough',
  severity: 'high',
  hipaa: ['164.308(a)(7)(ii)(A)', '164.310(d)(2)(iv)'],
  controls: ['RDS.11'],
  description:
    'Automated backups allow point-in-time recovery of a database to any second within the retention period; with ' +
    'backups disabled or kept only a day or two, a corruption or deletion of ePHI noticed late cannot be undone, which ' +
    'defeats the data backup plan. Standalone instances and clusters must keep automated backups at least the ' +
    'configured number of days (7 by default). Cluster members are judged at their cluster; read replicas are skipped ' +
    '(their retention is 0 by design, their data is backed up at the source).',
  remediation: {
    text:
      'RDS console > Databases > <database> > Modify > Backup > Backup retention period (7 days or more), or ' +
      '`aws rds modify-db-instance --db-instance-identifier <id> --backup-retention-period 7 --apply-immediately` ' +
      '(`aws rds modify-db-cluster --db-cluster-identifier <id> --backup-retention-period 7` for a cluster).',
    url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html',
  },
  reads: ['rds.instances', 'rds.clusters'],
  evaluate(inventory, ctx) {
    const required = ctx.thresholds.backupRetentionDays;
    const judge = (region: string, resource: ResourceRef, name: string, kept: number) => {
      if (kept >= required) return pass(region, resource, `${name}: automated backups kept ${days(kept)}; at least ${required} required`);
      if (kept <= 0) return fail(region, resource, `${name}: automated backups are disabled (retention period 0); at least ${days(required)} required`);
      return fail(region, resource, `${name}: automated backups kept ${days(kept)}; at least ${required} required`);
    };
    return eachDatabase(inventory, {
      // Members: the cluster's retention applies (judged there). Read replicas: RDS keeps their retention at 0
      // unless they are themselves a replication source, and their data is backed up at the source instance,
      // so judging them would only produce false findings.
      instance: (i, region) =>
        i.clusterId !== undefined || i.readReplicaSourceId !== undefined
          ? undefined
          : judge(region, { type: 'AwsRdsDbInstance', id: i.id, arn: i.arn }, `DB instance ${i.id} (${i.engine})`, i.backupRetentionPeriod),
      cluster: (c, region) =>
        judge(region, { type: 'AwsRdsDbCluster', id: c.id, arn: c.arn }, `DB cluster ${c.id} (${c.engine})`, c.backupRetentionPeriod),
    });
  },
};

export default check;
