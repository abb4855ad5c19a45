import check from '../../../checks/ec2/ebs-default-encryption';
import { checkContext, denied, failed, inventory, ok, statuses } from '../../support/inventory';
import { ec2Region } from '../../support/builders/ec2';

const regions = ['us-east-1', 'eu-west-1'];

describe('ec2.ebs-default-encryption', () => {
  it('passes a region with encryption by default (naming the key) and fails one without', () => {
    const inv = inventory({
      regions,
      ec2: {
        'us-east-1': ec2Region({ ebsEncryptionByDefault: ok({ enabled: true, kmsKeyId: 'alias/aws/ebs' }) }),
        'eu-west-1': ec2Region({ ebsEncryptionByDefault: ok({ enabled: false }) }),
      },
    });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ 'us-east-1/111122223333': 'PASS', 'eu-west-1/111122223333': 'FAIL' });
    expect(results[0]?.message).toBe('EBS encryption by default is enabled in us-east-1 (default key alias/aws/ebs)');
    expect(results[1]?.message).toContain('EBS encryption by default is disabled in eu-west-1');
    expect(results[1]?.resource).toEqual({ type: 'AwsAccount', id: '111122223333', arn: 'AWS::::Account:111122223333' });
  });

  it('passes without naming a key when the key is unknown', () => {
    const inv = inventory({ ec2: { 'us-east-1': ec2Region({ ebsEncryptionByDefault: ok({ enabled: true }) }) } });
    expect(check.evaluate(inv, checkContext())[0]?.message).toBe('EBS encryption by default is enabled in us-east-1');
  });

  it('reports ERROR with the reason when the setting could not be read', () => {
    const inv = inventory({ ec2: { 'us-east-1': ec2Region({ ebsEncryptionByDefault: failed(denied('ec2', 'GetEbsEncryptionByDefault')) }) } });
    const [only] = check.evaluate(inv, checkContext());
    expect(only?.status).toBe('ERROR');
    expect(only?.message).toContain('AccessDenied');
    expect(only?.message).toContain('EBS encryption by default in us-east-1');
  });

  it('reports ERROR for a region the inventory does not hold', () => {
    const inv = inventory({ regions, ec2: { 'us-east-1': ec2Region() } });
    expect(statuses(check.evaluate(inv, checkContext()))).toEqual({ 'us-east-1/111122223333': 'PASS', 'eu-west-1/111122223333': 'ERROR' });
  });
});
