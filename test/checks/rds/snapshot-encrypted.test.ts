import check from '../../../checks/rds/snapshot-encrypted';
import { checkContext, denied, failed, inventory, ok, statuses } from '../../support/inventory';
import { dbClusterSnapshot as clusterSnapshot, dbSnapshot as snapshot, rdsSnapshots as region } from '../../support/builders/rds';

describe('rds.snapshot-encrypted', () => {
  it('passes encrypted manual snapshots and fails unencrypted ones, DB and cluster snapshots alike', () => {
    const inv = inventory({
      rds: {
        'us-east-1': region(
          ok([snapshot('portal-export', ok(['all']), { encrypted: false }), snapshot('ehr-pre-upgrade', ok([]))]),
          ok([clusterSnapshot('claims-plain', ok([]), { encrypted: false }), clusterSnapshot('claims-dr', ok([]))]),
        ),
      },
    });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({
      'us-east-1/portal-export': 'FAIL',
      'us-east-1/ehr-pre-upgrade': 'PASS',
      'us-east-1/claims-plain': 'FAIL',
      'us-east-1/claims-dr': 'PASS',
    });
    expect(results[0]?.message).toBe('manual DB snapshot portal-export (of patient-portal-db) is not encrypted');
    expect(results[2]?.message).toBe('manual DB cluster snapshot claims-plain (of phi-claims-prod) is not encrypted');
    expect(results[2]?.resource).toEqual({ type: 'AwsRdsDbClusterSnapshot', id: 'claims-plain', arn: 'arn:aws:rds:us-east-1:111122223333:cluster-snapshot:claims-plain' });
  });

  it('does not need the sharing attributes: a snapshot whose attributes were not read is still judged', () => {
    const inv = inventory({ rds: { 'us-east-1': region(ok([snapshot('s', undefined, { encrypted: false })])) } });
    expect(statuses(check.evaluate(inv, checkContext()))).toEqual({ 'us-east-1/s': 'FAIL' });
    expect(check.reads).toEqual(['rds.snapshots']);
  });

  it('reports ERROR for the account when a snapshot list could not be read', () => {
    const inv = inventory({ rds: { 'us-east-1': region(failed(denied('rds', 'DescribeDBSnapshots')), ok([clusterSnapshot('c', ok([]))])) } });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ 'us-east-1/c': 'PASS', 'us-east-1/111122223333': 'ERROR' });
    expect(results[1]?.message).toContain('manual DB snapshots in us-east-1 (rds DescribeDBSnapshots): AccessDenied');
  });
});
