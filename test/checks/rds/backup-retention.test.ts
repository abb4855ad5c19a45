import check from '../../../checks/rds/backup-retention';
import { DEFAULT_THRESHOLDS } from '../../../src/config/types';
import { checkContext, denied, failed, inventory, ok, statuses } from '../../support/inventory';
import { dbCluster as cluster, dbInstance as instance, rdsDatabases as region } from '../../support/builders/rds';

describe('rds.backup-retention', () => {
  it('fails short and disabled retention and passes at the threshold', () => {
    const inv = inventory({
      rds: {
        'us-east-1': region(
          ok([
            instance('patient-portal-db', { backupRetentionPeriod: 1 }),
            instance('analytics-sandbox', { engine: 'mysql', backupRetentionPeriod: 0 }),
            instance('ehr', { backupRetentionPeriod: 7 }),
          ]),
        ),
      },
    });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({
      'us-east-1/patient-portal-db': 'FAIL',
      'us-east-1/analytics-sandbox': 'FAIL',
      'us-east-1/ehr': 'PASS',
    });
    expect(results[0]?.message).toBe('DB instance patient-portal-db (postgres): automated backups kept 1 day; at least 7 required');
    expect(results[1]?.message).toBe('DB instance analytics-sandbox (mysql): automated backups are disabled (retention period 0); at least 7 days required');
    expect(results[2]?.message).toBe('DB instance ehr (postgres): automated backups kept 7 days; at least 7 required');
  });

  it('uses the configured threshold', () => {
    const inv = inventory({ rds: { 'us-east-1': region(ok([instance('ehr', { backupRetentionPeriod: 14 })])) } });
    const strict = checkContext({ thresholds: { ...DEFAULT_THRESHOLDS, backupRetentionDays: 30 } });
    const [only] = check.evaluate(inv, strict);
    expect(only?.status).toBe('FAIL');
    expect(only?.message).toContain('kept 14 days; at least 30 required');
    expect(check.evaluate(inv, checkContext())[0]?.status).toBe('PASS');
  });

  it('skips read replicas and cluster members, and judges the cluster', () => {
    const inv = inventory({
      rds: {
        'us-east-1': region(
          ok([
            instance('ehr-replica', { readReplicaSourceId: 'ehr', backupRetentionPeriod: 0 }),
            instance('claims-1', { clusterId: 'claims', backupRetentionPeriod: 1 }),
          ]),
          ok([cluster('claims', { backupRetentionPeriod: 1 }), cluster('billing', { backupRetentionPeriod: 35 })]),
        ),
      },
    });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ 'us-east-1/claims': 'FAIL', 'us-east-1/billing': 'PASS' });
    expect(results[0]?.resource.type).toBe('AwsRdsDbCluster');
    expect(results[0]?.message).toBe('DB cluster claims (aurora-postgresql): automated backups kept 1 day; at least 7 required');
  });

  it('reports ERROR when a list could not be read', () => {
    const inv = inventory({ rds: { 'us-east-1': region(failed(denied('rds', 'DescribeDBInstances'))) } });
    const [only] = check.evaluate(inv, checkContext());
    expect(only).toMatchObject({ status: 'ERROR', resource: { type: 'AwsAccount' } });
    expect(only?.message).toContain('could not read RDS DB instances in us-east-1');
  });
});
