import check from '../../../checks/rds/snapshot-public';
import { checkContext, denied, failed, inventory, ok, statuses } from '../../support/inventory';
import { dbClusterSnapshot as clusterSnapshot, dbSnapshot as snapshot, rdsSnapshots as region } from '../../support/builders/rds';

describe('rds.snapshot-public', () => {
  it('fails a snapshot restorable by all and passes private and account-shared ones', () => {
    const inv = inventory({
      rds: {
        'us-east-1': region(
          ok([
            snapshot('portal-export', ok(['all']), { encrypted: false }),
            snapshot('portal-private', ok([])),
            snapshot('portal-dr', ok(['444455556666', '777788889999'])),
          ]),
        ),
      },
    });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({
      'us-east-1/portal-export': 'FAIL',
      'us-east-1/portal-private': 'PASS',
      'us-east-1/portal-dr': 'PASS',
    });
    expect(results[0]?.message).toBe(
      'manual DB snapshot portal-export (of patient-portal-db) is public: any AWS account can copy and restore it, and it is unencrypted',
    );
    expect(results[0]?.resource).toEqual({ type: 'AwsRdsDbSnapshot', id: 'portal-export', arn: 'arn:aws:rds:us-east-1:111122223333:snapshot:portal-export' });
    expect(results[1]?.message).toBe('manual DB snapshot portal-private (of patient-portal-db) is not shared with any other account');
    expect(results[2]?.message).toContain('shared only with accounts 444455556666, 777788889999');
  });

  it('fails a public snapshot that also lists accounts', () => {
    const inv = inventory({ rds: { 'us-east-1': region(ok([snapshot('s', ok(['444455556666', 'all']))])) } });
    const [only] = check.evaluate(inv, checkContext());
    expect(only?.status).toBe('FAIL');
    expect(only?.message).not.toContain('unencrypted');
  });

  it('judges cluster snapshots as AwsRdsDbClusterSnapshot', () => {
    const inv = inventory({
      rds: { 'us-east-1': region(ok([]), ok([clusterSnapshot('claims-pub', ok(['all'])), clusterSnapshot('claims-one', ok(['444455556666']))])) },
    });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ 'us-east-1/claims-pub': 'FAIL', 'us-east-1/claims-one': 'PASS' });
    expect(results[0]?.resource.type).toBe('AwsRdsDbClusterSnapshot');
    expect(results[0]?.message).toContain('DB cluster snapshot claims-pub (of phi-claims-prod) is public');
    expect(results[1]?.message).toContain('shared only with account 444455556666');
  });

  it('reports ERROR for the one snapshot whose attributes could not be read', () => {
    const inv = inventory({
      rds: { 'us-east-1': region(ok([snapshot('a', failed(denied('rds', 'DescribeDBSnapshotAttributes'))), snapshot('b', ok([]))])) },
    });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ 'us-east-1/a': 'ERROR', 'us-east-1/b': 'PASS' });
    expect(results[0]?.resource.type).toBe('AwsRdsDbSnapshot');
    expect(results[0]?.message).toContain('sharing attributes of DB snapshot a');
    expect(results[0]?.message).toContain('AccessDenied');
  });

  it('reports one ERROR for the account when snapshot lists could not be read, and still judges the other list', () => {
    const inv = inventory({
      rds: {
        'us-east-1': region(failed(denied('rds', 'DescribeDBSnapshots')), ok([clusterSnapshot('c', ok([]))])),
      },
    });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ 'us-east-1/c': 'PASS', 'us-east-1/111122223333': 'ERROR' });

    const both = inventory({
      rds: { 'us-east-1': region(failed(denied('rds', 'DescribeDBSnapshots')), failed(denied('rds', 'DescribeDBClusterSnapshots'))) },
    });
    const errors = check.evaluate(both, checkContext());
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain('DescribeDBSnapshots');
    expect(errors[0]?.message).toContain('DescribeDBClusterSnapshots');
  });
});
