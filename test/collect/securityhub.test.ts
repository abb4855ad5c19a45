import { DescribeHubCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { mockClient } from 'aws-sdk-client-mock';
import { securityhubCollector } from '../../src/collect/securityhub';
import { awsError, collectContext } from '../support/inventory';

const hub = mockClient(SecurityHubClient);
beforeEach(() => hub.reset());

const hubArn = 'arn:aws:securityhub:us-east-1:111122223333:hub/default';

describe('securityhub collector', () => {
  it('records an enabled hub with one DescribeHub call', async () => {
    hub.on(DescribeHubCommand).resolves({ HubArn: hubArn, SubscribedAt: '2025-03-01T10:00:00.000Z', AutoEnableControls: true });
    const ctx = collectContext();
    const data = await securityhubCollector.collect(ctx, 'us-east-1');
    expect(data.hub).toEqual({ ok: true, value: { enabled: true, hubArn, subscribedAt: '2025-03-01T10:00:00.000Z' } });
    expect(ctx.aws.apiCalls.byOperation()).toEqual({ 'securityhub:DescribeHub': 1 });
    expect(hub.commandCalls(DescribeHubCommand)[0]?.args[0].input).toEqual({});
  });

  it('reads "not subscribed" (InvalidAccessException) and ResourceNotFoundException as not enabled, keeping the answer', async () => {
    hub.on(DescribeHubCommand).rejects(awsError('InvalidAccessException', 'Account 111122223333 is not subscribed to AWS Security Hub', 401));
    const data = await securityhubCollector.collect(collectContext(), 'us-east-1');
    expect(data.hub).toEqual({
      ok: true,
      value: { enabled: false, reason: 'InvalidAccessException: Account 111122223333 is not subscribed to AWS Security Hub' },
    });

    hub.reset();
    hub.on(DescribeHubCommand).rejects(awsError('ResourceNotFoundException', 'The request was rejected because we can\'t find the specified resource.', 404));
    const missing = await securityhubCollector.collect(collectContext(), 'eu-west-1');
    expect(missing.hub).toMatchObject({ ok: true, value: { enabled: false, reason: expect.stringMatching(/^ResourceNotFoundException: /) } });
  });

  it('recognises the exception by its name when its Code member says something else', async () => {
    const error = Object.assign(awsError('InvalidAccessException', 'Account 111122223333 is not subscribed to AWS Security Hub', 401), { Code: 'InvalidAccess' });
    hub.on(DescribeHubCommand).rejects(error);
    const data = await securityhubCollector.collect(collectContext(), 'us-east-1');
    expect(data.hub).toMatchObject({ ok: true, value: { enabled: false, reason: expect.stringMatching(/^InvalidAccessException: .*not subscribed/) } });
  });

  it('records AccessDenied as a failed read, never as "not enabled"', async () => {
    hub.on(DescribeHubCommand).rejects(awsError('AccessDeniedException', 'User is not authorized to perform: securityhub:DescribeHub', 403));
    const data = await securityhubCollector.collect(collectContext(), 'eu-west-1');
    expect(data.hub).toEqual({
      ok: false,
      error: {
        service: 'securityhub',
        region: 'eu-west-1',
        operation: 'DescribeHub',
        code: 'AccessDeniedException',
        message: 'User is not authorized to perform: securityhub:DescribeHub',
      },
    });
  });

  it('records an answer without HubArn as IncompleteAnswer', async () => {
    hub.on(DescribeHubCommand).resolves({});
    const data = await securityhubCollector.collect(collectContext(), 'us-east-1');
    expect(data.hub).toMatchObject({ ok: false, error: { operation: 'DescribeHub', code: 'IncompleteAnswer', message: 'the answer lacks HubArn, which AWS always returns' } });
  });

  it('makes no call when the hub is not wanted', async () => {
    const ctx = collectContext(['us-east-1'], ['guardduty.detectors']);
    expect(await securityhubCollector.collect(ctx, 'us-east-1')).toEqual({});
    expect(hub.commandCalls(DescribeHubCommand)).toHaveLength(0);
    expect(ctx.aws.apiCalls.byOperation()).toEqual({});
  });
});
