import check from '../../../checks/securityhub/enabled';
import { checkContext, denied, failed, inventory, ok, statuses } from '../../support/inventory';

const regions = ['us-east-1', 'eu-west-1'];

describe('securityhub.enabled', () => {
  it('passes a region with a hub and fails one that is not subscribed, quoting DescribeHub', () => {
    const inv = inventory({
      regions,
      securityhub: {
        'us-east-1': { hub: ok({ enabled: true, hubArn: 'arn:aws:securityhub:us-east-1:111122223333:hub/default', subscribedAt: '2025-03-01T10:00:00.000Z' }) },
        'eu-west-1': { hub: ok({ enabled: false, reason: 'InvalidAccessException: Account 111122223333 is not subscribed to AWS Security Hub' }) },
      },
    });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ 'us-east-1/111122223333': 'PASS', 'eu-west-1/111122223333': 'FAIL' });
    expect(results[0]?.message).toBe('Security Hub is enabled in us-east-1 since 2025-03-01T10:00:00.000Z (hub arn:aws:securityhub:us-east-1:111122223333:hub/default)');
    expect(results[1]?.message).toBe(
      'Security Hub is not enabled in eu-west-1: DescribeHub answered InvalidAccessException: Account 111122223333 is not subscribed to AWS Security Hub',
    );
    expect(results[1]?.resource).toMatchObject({ type: 'AwsAccount', id: '111122223333' });
  });

  it('passes a hub without a subscription date', () => {
    const inv = inventory({ securityhub: { 'us-east-1': { hub: ok({ enabled: true, hubArn: 'arn:hub' }) } } });
    expect(check.evaluate(inv, checkContext())[0]?.message).toBe('Security Hub is enabled in us-east-1 (hub arn:hub)');
  });

  it('reports ERROR for a denied read, a read not collected, and a region the inventory does not hold', () => {
    const inv = inventory({
      regions: [...regions, 'ap-south-1'],
      securityhub: { 'us-east-1': { hub: failed(denied('securityhub', 'DescribeHub')) }, 'eu-west-1': {} },
    });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ 'us-east-1/111122223333': 'ERROR', 'eu-west-1/111122223333': 'ERROR', 'ap-south-1/111122223333': 'ERROR' });
    expect(results[0]?.message).toContain('AccessDenied');
    expect(results[1]?.message).toContain('NotCollected');
  });
});
