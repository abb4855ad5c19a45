import check from '../../../checks/inspector/enabled';
import { checkContext, denied, failed, inventory, ok, statuses } from '../../support/inventory';

describe('inspector.enabled', () => {
  it('passes a region scanning EC2, ECR and Lambda, and fails one where Inspector is off', () => {
    const inv = inventory({
      regions: ['us-east-1', 'eu-west-1'],
      inspector: {
        'us-east-1': { account: ok({ status: 'ENABLED', ec2: 'ENABLED', ecr: 'ENABLED', lambda: 'ENABLED', lambdaCode: 'DISABLED' }) },
        'eu-west-1': { account: ok({ status: 'DISABLED', ec2: 'DISABLED', ecr: 'DISABLED', lambda: 'DISABLED' }) },
      },
    });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ 'us-east-1/111122223333': 'PASS', 'eu-west-1/111122223333': 'FAIL' });
    expect(results[0]?.message).toBe('Amazon Inspector scans EC2, ECR, Lambda standard in us-east-1; Lambda code scanning disabled');
    expect(results[1]?.message).toBe(
      'Amazon Inspector scanning is not enabled in eu-west-1 for EC2 disabled, ECR disabled, Lambda standard disabled (Inspector is disabled for the account)',
    );
  });

  it('fails a region where one scan type is off, naming the ones that are on', () => {
    const inv = inventory({ inspector: { 'us-east-1': { account: ok({ status: 'ENABLED', ec2: 'ENABLED', ecr: 'DISABLED', lambda: 'ENABLING' }) } } });
    const [only] = check.evaluate(inv, checkContext());
    expect(only).toMatchObject({ status: 'FAIL', message: 'Amazon Inspector scanning is not enabled in us-east-1 for ECR disabled, Lambda standard enabling; enabled: EC2' });
  });

  it('judges EC2 and ECR where no Lambda status is reported', () => {
    const inv = inventory({ inspector: { 'us-east-1': { account: ok({ status: 'ENABLED', ec2: 'ENABLED', ecr: 'ENABLED' }) } } });
    const [only] = check.evaluate(inv, checkContext());
    expect(only).toMatchObject({ status: 'PASS', message: 'Amazon Inspector scans EC2, ECR in us-east-1; no Lambda scanning status reported in this region' });
  });

  it('reports ERROR for a denied read and a region the inventory does not hold', () => {
    const inv = inventory({ regions: ['us-east-1', 'eu-west-1'], inspector: { 'us-east-1': { account: failed(denied('inspector', 'BatchGetAccountStatus')) } } });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ 'us-east-1/111122223333': 'ERROR', 'eu-west-1/111122223333': 'ERROR' });
    expect(results[0]?.message).toContain('inspector2:BatchGetAccountStatus');
  });
});
