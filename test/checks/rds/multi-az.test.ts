import check from '../../../checks/rds/multi-az';
import type { DbCluster } from '../../../src/inventory/types';
import { checkContext, denied, failed, inventory, ok, statuses } from '../../support/inventory';
import { dbCluster, dbInstance as instance, rdsDatabases as region } from '../../support/builders/rds';

/** Aurora MySQL with two members, so the engine and member count show in messages. */
const cluster = (id: string, extra: Partial<DbCluster> = {}) =>
  dbCluster(id, { engine: 'aurora-mysql', memberInstanceIds: ['m1', 'm2'], ...extra });

describe('rds.multi-az', () => {
  it('fails a single-AZ instance and passes a Multi-AZ one', () => {
    const inv = inventory({ rds: { 'us-east-1': region(ok([instance('patient-portal-db', { multiAz: false }), instance('ehr')])) } });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ 'us-east-1/patient-portal-db': 'FAIL', 'us-east-1/ehr': 'PASS' });
    expect(results[0]?.message).toBe('DB instance patient-portal-db (postgres) runs in a single Availability Zone with no standby');
    expect(results[1]?.message).toContain('DB instance ehr (postgres) is Multi-AZ');
  });

  it('judges read replicas and names them as such', () => {
    const inv = inventory({ rds: { 'us-east-1': region(ok([instance('ehr-replica', { multiAz: false, readReplicaSourceId: 'ehr' })])) } });
    const [only] = check.evaluate(inv, checkContext());
    expect(only?.status).toBe('FAIL');
    expect(only?.message).toBe('read replica ehr-replica (postgres, of ehr) runs in a single Availability Zone with no standby');
  });

  it('skips cluster members (Aurora instances report MultiAZ false) and judges the cluster', () => {
    const inv = inventory({
      rds: {
        'us-east-1': region(
          ok([instance('m1', { clusterId: 'claims', multiAz: false }), instance('m2', { clusterId: 'claims', multiAz: false })]),
          ok([cluster('claims')]),
        ),
      },
    });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ 'us-east-1/claims': 'PASS' });
    expect(results[0]?.message).toBe('DB cluster claims (aurora-mysql) has instances in more than one Availability Zone');
  });

  it('fails a cluster whose instances are all in one zone, saying how many it has', () => {
    const inv = inventory({
      rds: {
        'us-east-1': region(
          ok([]),
          ok([
            cluster('single', { multiAz: false, memberInstanceIds: ['only-1'] }),
            cluster('same-az', { multiAz: false }),
            cluster('headless', { multiAz: false, memberInstanceIds: [] }),
          ]),
        ),
      },
    });
    const results = check.evaluate(inv, checkContext());
    expect(results.map((r) => r.status)).toEqual(['FAIL', 'FAIL', 'FAIL']);
    expect(results[0]?.message).toBe('DB cluster single (aurora-mysql) has a single DB instance (only-1); it is not Multi-AZ');
    expect(results[1]?.message).toContain('has all 2 DB instances in one Availability Zone');
    expect(results[2]?.message).toContain('has no DB instances');
  });

  it('skips databases being deleted', () => {
    const inv = inventory({
      rds: { 'us-east-1': region(ok([instance('old', { status: 'deleting', multiAz: false })]), ok([cluster('gone', { status: 'deleting', multiAz: false })])) },
    });
    expect(check.evaluate(inv, checkContext())).toEqual([]);
  });

  it('reports ERROR when instances could not be listed', () => {
    const inv = inventory({ rds: { 'us-east-1': region(failed(denied('rds', 'DescribeDBInstances')), ok([cluster('c')])) } });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ 'us-east-1/c': 'PASS', 'us-east-1/111122223333': 'ERROR' });
    expect(results[1]?.message).toContain('AccessDenied');
  });
});
