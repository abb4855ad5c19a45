import check from '../../../checks/rds/deletion-protection';
import { checkContext, denied, failed, inventory, ok, statuses } from '../../support/inventory';
import { dbCluster as cluster, dbInstance as instance, rdsDatabases as region } from '../../support/builders/rds';

describe('rds.deletion-protection', () => {
  it('passes protected standalone instances and clusters and fails unprotected ones', () => {
    const inv = inventory({
      rds: {
        'us-east-1': region(
          ok([instance('ehr'), instance('portal', { deletionProtection: false, engine: 'mysql' })]),
          ok([cluster('claims'), cluster('graph', { engine: 'neptune', deletionProtection: false })]),
        ),
      },
    });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ 'us-east-1/ehr': 'PASS', 'us-east-1/portal': 'FAIL', 'us-east-1/claims': 'PASS', 'us-east-1/graph': 'FAIL' });
    expect(results[0]?.message).toBe('DB instance ehr (postgres) has deletion protection: it cannot be deleted until that is turned off');
    expect(results[1]?.message).toBe('DB instance portal (mysql) has no deletion protection: a single delete call removes it');
    expect(results[3]?.resource).toEqual({ type: 'AwsRdsDbCluster', id: 'graph', arn: 'arn:aws:rds:us-east-1:111122223333:cluster:graph' });
  });

  it('judges members at their cluster, and skips read replicas and databases being deleted', () => {
    const inv = inventory({
      rds: {
        'us-east-1': region(
          ok([
            // Aurora members report their own flag, but the cluster's protects the data.
            instance('claims-1', { clusterId: 'claims', deletionProtection: false }),
            instance('reporting', { readReplicaSourceId: 'ehr', deletionProtection: false }),
            instance('old', { status: 'deleting', deletionProtection: false }),
          ]),
          ok([cluster('claims', { memberInstanceIds: ['claims-1'] }), cluster('old-c', { status: 'deleting', deletionProtection: false })]),
        ),
      },
    });
    expect(statuses(check.evaluate(inv, checkContext()))).toEqual({ 'us-east-1/claims': 'PASS' });
  });

  it('does not judge a database whose DeletionProtection was not recorded', () => {
    const inv = inventory({ rds: { 'us-east-1': region(ok([instance('older', { deletionProtection: undefined })])) } });
    const [only] = check.evaluate(inv, checkContext());
    expect(only?.status).toBe('ERROR');
    expect(only?.message).toBe(
      'not judged: DB instance older (postgres): the inventory does not record DeletionProtection (collected by an older version, or the RDS answer lacked it); collect again',
    );
  });

  it('reports ERROR for the account when a list could not be read, and judges the other', () => {
    const inv = inventory({ rds: { 'us-east-1': region(failed(denied('rds', 'DescribeDBInstances')), ok([cluster('claims', { deletionProtection: false })])) } });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ 'us-east-1/claims': 'FAIL', 'us-east-1/111122223333': 'ERROR' });
    expect(results[1]?.message).toContain('RDS DB instances in us-east-1 (rds DescribeDBInstances): AccessDenied');
  });
});
