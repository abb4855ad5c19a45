import check from '../../../checks/guardduty/enabled';
import { checkContext, denied, failed, inventory, ok, statuses } from '../../support/inventory';

const regions = ['us-east-1', 'eu-west-1'];

describe('guardduty.enabled', () => {
  it('passes a region with an enabled detector and fails one whose detector is suspended', () => {
    const inv = inventory({
      regions,
      guardduty: {
        'us-east-1': { detectors: ok([{ detectorId: 'd1', arn: 'arn:d1', status: 'ENABLED' }]) },
        'eu-west-1': { detectors: ok([{ detectorId: 'd2', arn: 'arn:d2', status: 'DISABLED' }]) },
      },
    });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ 'us-east-1/111122223333': 'PASS', 'eu-west-1/111122223333': 'FAIL' });
    expect(results[1]?.message).toBe('GuardDuty detector d2 in eu-west-1 is disabled');
  });

  it('fails a region with no detector at all', () => {
    const inv = inventory({ guardduty: { 'us-east-1': { detectors: ok([]) } } });
    const [only] = check.evaluate(inv, checkContext());
    expect(only).toMatchObject({ status: 'FAIL', message: 'GuardDuty has no detector in us-east-1', resource: { type: 'AwsAccount' } });
  });

  it('reports ERROR with the reason when detectors could not be listed', () => {
    const inv = inventory({ guardduty: { 'us-east-1': { detectors: failed(denied('guardduty', 'ListDetectors')) } } });
    const [only] = check.evaluate(inv, checkContext());
    expect(only?.status).toBe('ERROR');
    expect(only?.message).toContain('AccessDenied');
  });

  it('reports ERROR for a region the inventory does not hold', () => {
    const inv = inventory({ regions, guardduty: { 'us-east-1': { detectors: ok([]) } } });
    expect(statuses(check.evaluate(inv, checkContext()))['eu-west-1/111122223333']).toBe('ERROR');
  });
});
