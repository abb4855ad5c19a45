import check from '../../../checks/macie/enabled';
import { checkContext, denied, failed, inventory, ok, statuses } from '../../support/inventory';

describe('macie.enabled', () => {
  it('passes an enabled session, and fails a paused one and a region where Macie is not enabled', () => {
    const inv = inventory({
      regions: ['us-east-1', 'eu-west-1', 'us-west-2'],
      macie: {
        'us-east-1': { session: ok({ enabled: true, status: 'ENABLED', createdAt: '2025-02-01T00:00:00.000Z' }) },
        'eu-west-1': { session: ok({ enabled: false, reason: 'AccessDeniedException: Macie is not enabled.' }) },
        'us-west-2': { session: ok({ enabled: true, status: 'PAUSED' }) },
      },
    });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ 'us-east-1/111122223333': 'PASS', 'eu-west-1/111122223333': 'FAIL', 'us-west-2/111122223333': 'FAIL' });
    expect(results.map((r) => r.message)).toEqual([
      'Macie is enabled in us-east-1 (session created 2025-02-01T00:00:00.000Z)',
      'Macie is not enabled in eu-west-1: GetMacieSession answered AccessDeniedException: Macie is not enabled.',
      'Macie is paused (suspended: it discovers nothing until resumed) in us-west-2',
    ]);
  });

  it('fails a session in a status it does not know', () => {
    const inv = inventory({ macie: { 'us-east-1': { session: ok({ enabled: true, status: 'SOMETHING_NEW' }) } } });
    expect(check.evaluate(inv, checkContext())[0]).toMatchObject({ status: 'FAIL', message: 'Macie is in status SOMETHING_NEW in us-east-1' });
  });

  it('reports ERROR for a real permission denial and for a region the inventory does not hold', () => {
    const inv = inventory({ regions: ['us-east-1', 'eu-west-1'], macie: { 'us-east-1': { session: failed(denied('macie', 'GetMacieSession')) } } });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ 'us-east-1/111122223333': 'ERROR', 'eu-west-1/111122223333': 'ERROR' });
    expect(results[0]?.message).toContain('macie2:GetMacieSession');
  });
});
