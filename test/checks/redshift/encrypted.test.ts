import check from '../../../checks/redshift/encrypted';
import { checkContext, denied, failed, inventory, ok, statuses } from '../../support/inventory';
import { redshiftCluster as cluster, redshiftRegion as region } from '../../support/builders/redshift';

describe('redshift.encrypted', () => {
  it('passes an encrypted cluster, naming its key, and fails an unencrypted one', () => {
    const inv = inventory({ redshift: { 'us-east-1': region({ clusters: ok([cluster('warehouse'), cluster('scratch', { encrypted: false, kmsKeyId: undefined })]) }) } });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ 'us-east-1/warehouse': 'PASS', 'us-east-1/scratch': 'FAIL' });
    expect(results[0]?.message).toBe('Redshift cluster warehouse is encrypted at rest with KMS key arn:aws:kms:us-east-1:111122223333:key/k1');
    expect(results[1]?.message).toBe('Redshift cluster scratch is not encrypted at rest');
    expect(results[1]?.resource).toEqual({ type: 'AwsRedshiftCluster', id: 'scratch', arn: 'arn:aws:redshift:us-east-1:111122223333:cluster:scratch' });
  });

  it('skips clusters being deleted and does not judge one whose encryption the answer did not state', () => {
    const inv = inventory({
      redshift: { 'us-east-1': region({ clusters: ok([cluster('gone', { status: 'deleting', encrypted: false }), cluster('odd', { encrypted: undefined })]) }) },
    });
    const results = check.evaluate(inv, checkContext());
    expect(results.map((r) => [r.resource.id, r.status, r.message])).toEqual([
      ['odd', 'ERROR', 'not judged: Redshift cluster odd: the DescribeClusters answer did not say whether it is encrypted'],
    ]);
  });

  it('reports ERROR when clusters could not be listed, and when the region was not collected', () => {
    const inv = inventory({ regions: ['us-east-1', 'eu-west-1'], redshift: { 'us-east-1': region({ clusters: failed(denied('redshift', 'DescribeClusters')) }) } });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ 'us-east-1/111122223333': 'ERROR', 'eu-west-1/111122223333': 'ERROR' });
    expect(results[0]?.message).toMatch(/^could not read Redshift clusters in us-east-1: AccessDenied: .*Fix: .*redshift:DescribeClusters/);
  });
});
