import { GetMacieSessionCommand, Macie2Client } from '@aws-sdk/client-macie2';
import { mockClient } from 'aws-sdk-client-mock';
import { macieCollector, macieNotEnabled } from '../../src/collect/macie';
import { awsError, collectContext } from '../support/inventory';

const macie = mockClient(Macie2Client);
beforeEach(() => macie.reset());

describe('macie collector', () => {
  it('records an enabled session with one GetMacieSession call, under the IAM prefix macie2', async () => {
    macie.on(GetMacieSessionCommand).resolves({
      status: 'ENABLED',
      createdAt: new Date('2025-02-01T00:00:00Z'),
      updatedAt: new Date('2025-02-02T00:00:00Z'),
      findingPublishingFrequency: 'FIFTEEN_MINUTES',
    });
    const ctx = collectContext();
    const data = await macieCollector.collect(ctx, 'us-east-1');
    expect(data.session).toEqual({
      ok: true,
      value: { enabled: true, status: 'ENABLED', createdAt: '2025-02-01T00:00:00.000Z', updatedAt: '2025-02-02T00:00:00.000Z' },
    });
    expect(ctx.aws.apiCalls.byOperation()).toEqual({ 'macie:GetMacieSession': 1 });
  });

  it('keeps a paused session as it is', async () => {
    macie.on(GetMacieSessionCommand).resolves({ status: 'PAUSED' });
    const data = await macieCollector.collect(collectContext(), 'us-east-1');
    expect(data.session).toEqual({ ok: true, value: { enabled: true, status: 'PAUSED' } });
  });

  it('reads the "Macie is not enabled" AccessDeniedException as not enabled', async () => {
    macie.on(GetMacieSessionCommand).rejects(awsError('AccessDeniedException', 'Macie is not enabled.', 403));
    const data = await macieCollector.collect(collectContext(), 'eu-west-1');
    expect(data.session).toEqual({ ok: true, value: { enabled: false, reason: 'AccessDeniedException: Macie is not enabled.' } });
  });

  it('records a real permission denial as a failed read, never as "not enabled"', async () => {
    const message = 'User: arn:aws:sts::111122223333:assumed-role/Auditor/cli is not authorized to perform: macie2:GetMacieSession';
    macie.on(GetMacieSessionCommand).rejects(awsError('AccessDeniedException', message, 403));
    const data = await macieCollector.collect(collectContext(), 'eu-west-1');
    expect(data.session).toEqual({ ok: false, error: { service: 'macie', region: 'eu-west-1', operation: 'GetMacieSession', code: 'AccessDeniedException', message } });
  });

  it('tells the two AccessDeniedException answers apart by their message only', () => {
    expect(macieNotEnabled(awsError('AccessDeniedException', 'Macie is not enabled'))).toBe(true);
    expect(macieNotEnabled(awsError('AccessDeniedException', 'An error occurred: Macie is not enabled.'))).toBe(true);
    expect(macieNotEnabled(awsError('AccessDeniedException', 'not authorized to perform: macie2:GetMacieSession'))).toBe(false);
    expect(macieNotEnabled(awsError('ResourceNotFoundException', 'Macie is not enabled'))).toBe(false);
    expect(macieNotEnabled(awsError('AccessDeniedException', 'Macie is not enabledx'))).toBe(false);
  });

  it('records an answer without status as IncompleteAnswer', async () => {
    macie.on(GetMacieSessionCommand).resolves({});
    const data = await macieCollector.collect(collectContext(), 'us-east-1');
    expect(data.session).toMatchObject({ ok: false, error: { operation: 'GetMacieSession', code: 'IncompleteAnswer' } });
  });

  it('makes no call when the session is not wanted', async () => {
    const ctx = collectContext(['us-east-1'], ['securityhub.hub']);
    expect(await macieCollector.collect(ctx, 'us-east-1')).toEqual({});
    expect(macie.commandCalls(GetMacieSessionCommand)).toHaveLength(0);
  });
});
