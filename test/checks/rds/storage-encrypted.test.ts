import check from '../../../checks/rds/storage-encrypted';
import type { DbInstance } from '../../../src/inventory/types';
import { checkContext, denied, failed, inventory, ok, statuses } from '../../support/inventory';
import { dbCluster as cluster, dbInstance, rdsDatabases as region } from '../../support/builders/rds';

/** Instances here name their KMS key, which passing messages quote. */
const instance = (id: string, extra: Partial<DbInstance> = {}) =>
  dbInstance(id, { kmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/k1', ...extra });

describe('rds.storage-encrypted', () => {
  it('fails an unencrypted standalone instance and passes an encrypted one, naming the key', () => {
    const inv = inventory({
      rds: { 'us-east-1': region(ok([instance('patient-portal-db', { storageEncrypted: false, kmsKeyId: undefined }), instance('ehr')])) },
    });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ 'us-east-1/patient-portal-db': 'FAIL', 'us-east-1/ehr': 'PASS' });
    expect(results[0]?.message).toBe('DB instance patient-portal-db (postgres) storage is not encrypted');
    expect(results[1]?.message).toBe('DB instance ehr (postgres) storage is encrypted with KMS key arn:aws:kms:us-east-1:111122223333:key/k1');
  });

  it('judges clusters once and skips their members', () => {
    const inv = inventory({
      rds: {
        'us-east-1': region(
          ok([
            // Aurora members report the cluster's encryption; judging them would duplicate the cluster's result.
            instance('claims-1', { clusterId: 'claims', storageEncrypted: false }),
            instance('claims-2', { clusterId: 'claims', storageEncrypted: false }),
          ]),
          ok([cluster('claims', { storageEncrypted: false, memberInstanceIds: ['claims-1', 'claims-2'] }), cluster('ok-cluster', { kmsKeyId: 'k2' })]),
        ),
      },
    });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ 'us-east-1/claims': 'FAIL', 'us-east-1/ok-cluster': 'PASS' });
    expect(results[0]?.resource).toEqual({ type: 'AwsRdsDbCluster', id: 'claims', arn: 'arn:aws:rds:us-east-1:111122223333:cluster:claims' });
    expect(results[0]?.message).toBe('DB cluster claims (aurora-postgresql) storage is not encrypted');
  });

  it('judges read replicas and says so', () => {
    const inv = inventory({ rds: { 'us-east-1': region(ok([instance('r1', { readReplicaSourceId: 'src', storageEncrypted: false })])) } });
    const [only] = check.evaluate(inv, checkContext());
    expect(only?.status).toBe('FAIL');
    expect(only?.message).toContain('read replica of src');
  });

  it('reports ERROR when clusters could not be listed, and still judges the instances', () => {
    const inv = inventory({ rds: { 'us-east-1': region(ok([instance('db')]), failed(denied('rds', 'DescribeDBClusters'))) } });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ 'us-east-1/db': 'PASS', 'us-east-1/111122223333': 'ERROR' });
    expect(results[1]?.message).toContain('RDS DB clusters in us-east-1 (rds DescribeDBClusters): AccessDenied');
  });

  it('reports a single ERROR when both lists failed', () => {
    const inv = inventory({
      rds: { 'us-east-1': region(failed(denied('rds', 'DescribeDBInstances')), failed(denied('rds', 'DescribeDBClusters'))) },
    });
    const results = check.evaluate(inv, checkContext());
    expect(results).toHaveLength(1);
    expect(results[0]?.message).toMatch(/DescribeDBInstances.*DescribeDBClusters/);
  });
});
