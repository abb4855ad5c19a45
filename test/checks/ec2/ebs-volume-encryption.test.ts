import check from '../../../checks/ec2/ebs-volume-encryption';
import { checkContext, denied, failed, inventory, ok, statuses } from '../../support/inventory';
import { ebsVolume as volume, ec2Region } from '../../support/builders/ec2';

describe('ec2.ebs-volume-encryption', () => {
  it('passes encrypted volumes and fails unencrypted ones, saying where they are attached', () => {
    const inv = inventory({
      ec2: {
        'us-east-1': ec2Region({
          volumes: ok([
            volume('vol-1', { kmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/k1', attachedInstanceIds: ['i-1'] }),
            volume('vol-2', { encrypted: false, attachedInstanceIds: ['i-123'] }),
            volume('vol-3', { encrypted: false, state: 'available', tags: { Name: 'phi-export' } }),
          ]),
        }),
      },
    });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ 'us-east-1/vol-1': 'PASS', 'us-east-1/vol-2': 'FAIL', 'us-east-1/vol-3': 'FAIL' });
    expect(results[0]?.message).toBe('volume vol-1 (attached to i-1) is encrypted with KMS key arn:aws:kms:us-east-1:111122223333:key/k1');
    expect(results[1]?.message).toBe('volume vol-2 (attached to i-123) is not encrypted');
    expect(results[2]?.message).toBe('volume vol-3 (phi-export, not attached) is not encrypted');
    expect(results[1]?.resource).toEqual({ type: 'AwsEc2Volume', id: 'vol-2', arn: 'arn:aws:ec2:us-east-1:111122223333:volume/vol-2' });
  });

  it('skips volumes being deleted', () => {
    const inv = inventory({
      ec2: {
        'us-east-1': ec2Region({
          volumes: ok([volume('vol-d', { encrypted: false, state: 'deleting' }), volume('vol-x', { encrypted: false, state: 'deleted' }), volume('vol-e', { encrypted: false, state: 'error' })]),
        }),
      },
    });
    expect(statuses(check.evaluate(inv, checkContext()))).toEqual({ 'us-east-1/vol-e': 'FAIL' });
  });

  it('keeps the same resource whether the volume passes or fails', () => {
    const bad = check.evaluate(inventory({ ec2: { 'us-east-1': ec2Region({ volumes: ok([volume('vol-1', { encrypted: false })]) }) } }), checkContext());
    const good = check.evaluate(inventory({ ec2: { 'us-east-1': ec2Region({ volumes: ok([volume('vol-1')]) }) } }), checkContext());
    expect(bad[0]?.resource).toEqual(good[0]?.resource);
  });

  it('reports ERROR when volumes could not be listed', () => {
    const inv = inventory({ ec2: { 'us-east-1': ec2Region({ volumes: failed(denied('ec2', 'DescribeVolumes')) }) } });
    const [only] = check.evaluate(inv, checkContext());
    expect(only).toMatchObject({ status: 'ERROR', resource: { type: 'AwsAccount' } });
    expect(only?.message).toContain('ec2 DescribeVolumes: AccessDenied');
  });

  it('yields nothing for a region without volumes', () => {
    expect(check.evaluate(inventory({ ec2: { 'us-east-1': ec2Region() } }), checkContext())).toEqual([]);
  });
});
