import check from '../../../checks/rds/instance-public';
import { checkContext, denied, failed, inventory, ok, statuses } from '../../support/inventory';
import { dbInstanceArn as arn, dbInstance as instance, rdsDatabases as region } from '../../support/builders/rds';

describe('rds.instance-public', () => {
  it('fails a publicly accessible instance and passes a private one', () => {
    const inv = inventory({
      rds: { 'us-east-1': region(ok([instance('patient-portal-db', { publiclyAccessible: true }), instance('ehr-records-db')])) },
    });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ 'us-east-1/patient-portal-db': 'FAIL', 'us-east-1/ehr-records-db': 'PASS' });
    expect(results[0]?.message).toContain('DB instance patient-portal-db (postgres) is publicly accessible');
    expect(results[0]?.resource).toEqual({ type: 'AwsRdsDbInstance', id: 'patient-portal-db', arn: arn('patient-portal-db') });
    expect(results[1]?.message).toBe('DB instance ehr-records-db (postgres) is not publicly accessible');
  });

  it('judges cluster members one by one, since public access is set per instance', () => {
    const inv = inventory({
      rds: {
        'us-east-1': region(
          ok([
            instance('claims-1', { engine: 'aurora-postgresql', clusterId: 'claims' }),
            instance('claims-2', { engine: 'aurora-postgresql', clusterId: 'claims', publiclyAccessible: true }),
          ]),
        ),
      },
    });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ 'us-east-1/claims-1': 'PASS', 'us-east-1/claims-2': 'FAIL' });
    expect(results[1]?.message).toContain('DB instance claims-2 (aurora-postgresql, member of cluster claims) is publicly accessible');
  });

  it('judges read replicas and says so', () => {
    const inv = inventory({ rds: { 'us-east-1': region(ok([instance('portal-replica', { readReplicaSourceId: 'patient-portal-db', publiclyAccessible: true })])) } });
    const [only] = check.evaluate(inv, checkContext());
    expect(only?.status).toBe('FAIL');
    expect(only?.message).toContain('DB instance portal-replica (postgres, read replica of patient-portal-db) is publicly accessible');
  });

  it('keeps the same resource for a fixed instance', () => {
    const before = check.evaluate(inventory({ rds: { 'us-east-1': region(ok([instance('db', { publiclyAccessible: true })])) } }), checkContext());
    const after = check.evaluate(inventory({ rds: { 'us-east-1': region(ok([instance('db')])) } }), checkContext());
    expect(before[0]?.resource).toEqual(after[0]?.resource);
  });

  it('reports ERROR when instances could not be listed', () => {
    const inv = inventory({ rds: { 'us-east-1': region(failed(denied('rds', 'DescribeDBInstances'))) } });
    const [only] = check.evaluate(inv, checkContext());
    expect(only).toMatchObject({ status: 'ERROR', resource: { type: 'AwsAccount' } });
    expect(only?.message).toContain('AccessDenied');
  });

  it('reports ERROR for a region without rds data', () => {
    const inv = inventory({ regions: ['us-east-1', 'eu-west-1'], rds: { 'us-east-1': region(ok([])) } });
    expect(statuses(check.evaluate(inv, checkContext()))).toEqual({ 'eu-west-1/111122223333': 'ERROR' });
  });
});
