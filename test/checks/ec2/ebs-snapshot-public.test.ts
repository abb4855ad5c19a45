import check from '../../../checks/ec2/ebs-snapshot-public';
import { checkContext, denied, failed, inventory, ok, statuses } from '../../support/inventory';
import { ebsSnapshot as snapshot, ec2Region } from '../../support/builders/ec2';

describe('ec2.ebs-snapshot-public', () => {
  it('fails a public snapshot and passes private ones', () => {
    const inv = inventory({
      ec2: {
        'us-east-1': ec2Region({
          snapshots: ok([snapshot('snap-1', { encrypted: false, public: true, volumeId: 'vol-2' }), snapshot('snap-2', { volumeId: 'vol-3' })]),
        }),
      },
    });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ 'us-east-1/snap-1': 'FAIL', 'us-east-1/snap-2': 'PASS' });
    expect(results[0]?.message).toBe('snapshot snap-1 of vol-2 can be restored by every AWS account; it is unencrypted, so anyone can read its data');
    expect(results[0]?.resource).toEqual({ type: 'Other', id: 'snap-1', arn: 'arn:aws:ec2:us-east-1::snapshot/snap-1' });
    expect(results[1]?.message).toBe('snapshot snap-2 of vol-3 is not shared publicly');
  });

  it('names a copied snapshot by its Name tag, without a source volume', () => {
    const inv = inventory({ ec2: { 'us-east-1': ec2Region({ snapshots: ok([snapshot('snap-9', { encrypted: false, public: true, tags: { Name: 'claims-db-copy' } })]) }) } });
    expect(check.evaluate(inv, checkContext())[0]?.message).toMatch(/^snapshot snap-9 \(claims-db-copy\) can be restored by every AWS account/);
  });

  it('passes, with a warning, a public snapshot kept private by block-all-sharing', () => {
    const inv = inventory({
      ec2: { 'us-east-1': ec2Region({ snapshotBlockPublicAccess: ok('block-all-sharing'), snapshots: ok([snapshot('snap-1', { encrypted: false, public: true })]) }) },
    });
    const [only] = check.evaluate(inv, checkContext());
    expect(only?.status).toBe('PASS');
    expect(only?.message).toContain('block public access for snapshots (block-all-sharing) in us-east-1 keeps it private');
  });

  it('still fails under block-new-sharing, which leaves existing public snapshots public', () => {
    const inv = inventory({
      ec2: { 'us-east-1': ec2Region({ snapshotBlockPublicAccess: ok('block-new-sharing'), snapshots: ok([snapshot('snap-1', { encrypted: false, public: true })]) }) },
    });
    expect(check.evaluate(inv, checkContext())[0]?.status).toBe('FAIL');
  });

  it('fails a public snapshot when the block public access state is unknown, and says so', () => {
    const inv = inventory({
      ec2: {
        'us-east-1': ec2Region({
          snapshotBlockPublicAccess: failed(denied('ec2', 'GetSnapshotBlockPublicAccessState')),
          snapshots: ok([snapshot('snap-1', { encrypted: false, public: true }), snapshot('snap-2')]),
        }),
      },
    });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ 'us-east-1/snap-1': 'FAIL', 'us-east-1/snap-2': 'PASS' });
    expect(results[0]?.message).toContain('(block public access state unknown: AccessDenied)');
  });

  it('reports ERROR when snapshots could not be listed', () => {
    const inv = inventory({ ec2: { 'us-east-1': ec2Region({ snapshots: failed(denied('ec2', 'DescribeSnapshots')) }) } });
    const [only] = check.evaluate(inv, checkContext());
    expect(only?.status).toBe('ERROR');
    expect(only?.message).toContain('DescribeSnapshots: AccessDenied');
  });

  it('reports ERROR for a region the inventory does not hold', () => {
    const inv = inventory({ regions: ['us-east-1', 'eu-west-1'], ec2: { 'us-east-1': ec2Region() } });
    expect(statuses(check.evaluate(inv, checkContext()))).toEqual({ 'eu-west-1/111122223333': 'ERROR' });
  });
});
