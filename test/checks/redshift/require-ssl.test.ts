import check from '../../../checks/redshift/require-ssl';
import type { RedshiftParameters, Read } from '../../../src/inventory/types';
import { checkContext, denied, failed, inventory, ok, statuses } from '../../support/inventory';
import { redshiftCluster as cluster, redshiftRegion as region } from '../../support/builders/redshift';

const group = (name: string, parameterStatus: Record<string, string> = {}, applyStatus = 'in-sync') => ({ parameterGroup: { name, applyStatus, parameterStatus } });
const requireSsl = (value: string | undefined, source = 'user'): Read<RedshiftParameters> =>
  ok({ require_ssl: value === undefined ? { source: 'engine-default' } : { value, source, applyType: 'static' } });

describe('redshift.require-ssl', () => {
  it('passes a cluster whose group sets require_ssl true and fails one set false, reading each group once', () => {
    const inv = inventory({
      redshift: {
        'us-east-1': region({
          clusters: ok([cluster('warehouse', group('phi-ssl')), cluster('warehouse-2', group('phi-ssl')), cluster('legacy', group('default.redshift-1.0'))]),
          parameterGroups: { 'phi-ssl': requireSsl('true'), 'default.redshift-1.0': requireSsl('false', 'engine-default') },
        }),
      },
    });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ 'us-east-1/warehouse': 'PASS', 'us-east-1/warehouse-2': 'PASS', 'us-east-1/legacy': 'FAIL' });
    expect(results[0]?.message).toBe('Redshift cluster warehouse refuses connections without SSL: require_ssl = true in parameter group phi-ssl (source: user)');
    expect(results[2]?.message).toBe(
      'Redshift cluster legacy accepts connections without SSL: require_ssl = false in parameter group default.redshift-1.0 (source: engine-default)',
    );
  });

  it('fails a true value that is not applied yet, and does not judge one behind a pending reboot Redshift did not detail', () => {
    const inv = inventory({
      redshift: {
        'us-east-1': region({
          clusters: ok([
            cluster('pending', group('phi-ssl', { require_ssl: 'pending-reboot' }, 'pending-reboot')),
            cluster('applying', group('phi-ssl', { require_ssl: 'applying' }, 'applying')),
            cluster('vague', group('phi-ssl', {}, 'pending-reboot')),
          ]),
          parameterGroups: { 'phi-ssl': requireSsl('TRUE') },
        }),
      },
    });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ 'us-east-1/pending': 'FAIL', 'us-east-1/applying': 'PASS', 'us-east-1/vague': 'ERROR' });
    expect(results[0]?.message).toBe(
      'Redshift cluster pending still accepts connections without SSL: require_ssl = TRUE in parameter group phi-ssl (source: user), but that value is not applied (pending-reboot); it takes effect when the cluster reboots',
    );
    expect(results[2]?.message).toContain('not judged: Redshift cluster vague: require_ssl = TRUE');
  });

  it('does not judge a group that shows no value or lacks the parameter, or a cluster naming no group', () => {
    const inv = inventory({
      redshift: {
        'us-east-1': region({
          clusters: ok([cluster('no-value', group('g1')), cluster('no-param', group('g2')), cluster('no-group', { parameterGroup: undefined })]),
          parameterGroups: { g1: requireSsl(undefined), g2: ok({}) },
        }),
      },
    });
    const results = check.evaluate(inv, checkContext());
    expect(results.map((r) => [r.resource.id, r.status, r.message])).toEqual([
      ['no-value', 'ERROR', 'not judged: Redshift cluster no-value: parameter group g1 shows no require_ssl value, and the default differs between parameter groups; set it explicitly'],
      ['no-param', 'ERROR', 'not judged: Redshift cluster no-param: its parameter group g2 has no require_ssl parameter'],
      ['no-group', 'ERROR', 'not judged: Redshift cluster no-group: the DescribeClusters answer named no parameter group for it'],
    ]);
  });

  it('reports ERROR for a cluster whose group could not be read or was not collected, and skips clusters being deleted', () => {
    const inv = inventory({
      redshift: {
        'us-east-1': region({
          clusters: ok([cluster('denied', group('locked')), cluster('missing', group('unread')), cluster('gone', { ...group('locked'), status: 'deleting' })]),
          parameterGroups: { locked: failed(denied('redshift', 'DescribeClusterParameters')) },
        }),
      },
    });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ 'us-east-1/denied': 'ERROR', 'us-east-1/missing': 'ERROR' });
    expect(results[0]?.message).toMatch(/^could not read the require_ssl parameter of parameter group locked, used by Redshift cluster denied: AccessDenied: .*redshift:DescribeClusterParameters/);
    expect(results[1]?.message).toContain('NotCollected');
  });

  it('reports ERROR for the account when clusters could not be listed', () => {
    const inv = inventory({ redshift: { 'us-east-1': region({ clusters: failed(denied('redshift', 'DescribeClusters')) }) } });
    expect(statuses(check.evaluate(inv, checkContext()))).toEqual({ 'us-east-1/111122223333': 'ERROR' });
  });
});
