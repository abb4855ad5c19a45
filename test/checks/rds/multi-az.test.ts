import check from '../../../checks/rds/multi-az';
import type { DbCluster, DbInstance, RdsRegion } from '../../../src/inventory/types';
import { checkContext, denied, failed, inventory, ok, statuses } from '../../support/inventory';

function instance(id: string, extra: Partial<DbInstance> = {}): DbInstance {
  return {
    id,
    arn: `arn:aws:rds:us-east-1:111122223333:db:${id}`,
    engine: 'postgres',
    status: 'available',
    publiclyAccessible: false,
    storageEncrypted: true,
    multiAz: true,
    backupRetentionPeriod: 7,
    tags: {},
    ...extra,
  };
}

function cluster(id: string, extra: Partial<DbCluster> = {}): DbCluster {
  return {
    id,
    arn: `arn:aws:rds:us-east-1:111122223333:cluster:${id}`,
    engine: 'aurora-mysql',
    status: 'available',
    multiAz: true,
    availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
    storageEncrypted: true,
    backupRetentionPeriod: 7,
    memberInstanceIds: ['m1', 'm2'],
    tags: {},
    ...extra,
  };
}

function region(instances: RdsRegion['instances'], clusters: RdsRegion['clusters'] = ok([])): RdsRegion {
  return { instances, clusters, snapshots: ok([]), clusterSnapshots: ok([]) };
}

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
