import check from '../../../checks/dynamodb/pitr';
import type { DynamoTable } from '../../../src/inventory/types';
import { checkContext, denied, failed, inventory, ok, statuses } from '../../support/inventory';
import { table } from '../../support/builders/dynamodb';

const run = (tables: DynamoTable[]) => check.evaluate(inventory({ dynamodb: { 'us-east-1': { tables: ok(tables) } } }), checkContext());
const message = (results: ReturnType<typeof run>, id: string) => results.find((r) => r.resource.id === id)?.message;

describe('dynamodb.pitr', () => {
  it('passes tables with point-in-time recovery on, naming their recovery period', () => {
    const results = run([table('claims', null, { pitr: ok({ status: 'ENABLED', recoveryPeriodDays: 14 }) }), table('orders', null, { pitr: ok({ status: 'ENABLED' }) })]);
    expect(statuses(results)).toEqual({ 'us-east-1/claims': 'PASS', 'us-east-1/orders': 'PASS' });
    expect(message(results, 'claims')).toBe('table claims: point-in-time recovery is on; it can be restored to any second of the last 14 days');
    expect(message(results, 'orders')).toBe('table orders: point-in-time recovery is on; it can be restored to any second of the last 35 days');
  });

  it('fails tables with it off, whether the answer says DISABLED or carries no description', () => {
    const results = run([table('sessions', null, { pitr: ok({ status: 'DISABLED' }) }), table('bare', null, { pitr: ok({}) })]);
    expect(statuses(results)).toEqual({ 'us-east-1/sessions': 'FAIL', 'us-east-1/bare': 'FAIL' });
    expect(message(results, 'sessions')).toBe('table sessions: point-in-time recovery is off (PointInTimeRecoveryStatus DISABLED)');
    expect(message(results, 'bare')).toBe('table bare: point-in-time recovery is off (no point-in-time recovery description returned)');
  });

  it('judges tables listed without DescribeTable (a run that read only PITR), and skips tables known to be deleting', () => {
    const results = run([table('listed-only', null, { details: undefined }), table('leaving', null, { details: ok({ status: 'DELETING', sse: null }), pitr: ok({}) })]);
    expect(statuses(results)).toEqual({ 'us-east-1/listed-only': 'PASS' });
  });

  it('reports ERROR per table whose continuous backups could not be read or were not collected', () => {
    const results = run([table('locked', null, { pitr: failed(denied('dynamodb', 'DescribeContinuousBackups')) }), table('unread', null, { pitr: undefined })]);
    expect(statuses(results)).toEqual({ 'us-east-1/locked': 'ERROR', 'us-east-1/unread': 'ERROR' });
    expect(message(results, 'locked')).toContain('could not read the continuous backups of table locked: AccessDenied');
    expect(message(results, 'locked')).toContain('Fix: allow dynamodb:DescribeContinuousBackups');
    expect(message(results, 'unread')).toContain('NotCollected');
  });

  it('reports ERROR for a region whose tables could not be listed', () => {
    const [only] = check.evaluate(inventory({ dynamodb: { 'us-east-1': { tables: failed(denied('dynamodb', 'ListTables')) } } }), checkContext());
    expect(only).toMatchObject({ status: 'ERROR', resource: { type: 'AwsAccount' } });
  });
});
