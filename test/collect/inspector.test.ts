import { BatchGetAccountStatusCommand, Inspector2Client, type Status } from '@aws-sdk/client-inspector2';
import { mockClient } from 'aws-sdk-client-mock';
import { inspectorCollector } from '../../src/collect/inspector';
import { ACCOUNT, awsError, collectContext } from '../support/inventory';

const inspector = mockClient(Inspector2Client);
beforeEach(() => inspector.reset());

const state = (status: Status) => ({ status, errorCode: 'ALREADY_ENABLED' as const, errorMessage: '-' });

describe('inspector collector', () => {
  it('asks for the audited account only, in one call, and records each scan type', async () => {
    inspector.on(BatchGetAccountStatusCommand).resolves({
      accounts: [
        {
          accountId: ACCOUNT,
          state: state('ENABLED'),
          resourceState: { ec2: state('ENABLED'), ecr: state('DISABLED'), lambda: state('ENABLED'), lambdaCode: state('DISABLED') },
        },
      ],
      failedAccounts: [],
    });
    const ctx = collectContext();
    const data = await inspectorCollector.collect(ctx, 'us-east-1');
    expect(data.account).toEqual({ ok: true, value: { status: 'ENABLED', ec2: 'ENABLED', ecr: 'DISABLED', lambda: 'ENABLED', lambdaCode: 'DISABLED' } });
    expect(inspector.commandCalls(BatchGetAccountStatusCommand)[0]?.args[0].input).toEqual({ accountIds: [ACCOUNT] });
    expect(ctx.aws.apiCalls.byOperation()).toEqual({ 'inspector:BatchGetAccountStatus': 1 });
  });

  it('records an account that never enabled Inspector, and no Lambda status where none is reported', async () => {
    inspector.on(BatchGetAccountStatusCommand).resolves({
      accounts: [{ accountId: ACCOUNT, state: state('DISABLED'), resourceState: { ec2: state('DISABLED'), ecr: state('DISABLED') } }],
    });
    const data = await inspectorCollector.collect(collectContext(), 'me-central-1');
    expect(data.account).toEqual({ ok: true, value: { status: 'DISABLED', ec2: 'DISABLED', ecr: 'DISABLED' } });
  });

  it('turns a failedAccounts entry for the account into an error named by its code, whatever status it carries', async () => {
    inspector.on(BatchGetAccountStatusCommand).resolves({
      accounts: [],
      failedAccounts: [{ accountId: ACCOUNT, status: 'DISABLED', errorCode: 'ACCESS_DENIED', errorMessage: 'the caller may not read this account' }],
    });
    const data = await inspectorCollector.collect(collectContext(), 'us-east-1');
    expect(data.account).toEqual({
      ok: false,
      error: { service: 'inspector', region: 'us-east-1', operation: 'BatchGetAccountStatus', code: 'ACCESS_DENIED', message: 'the caller may not read this account' },
    });
  });

  it('records AccessDenied as a failed read', async () => {
    inspector.on(BatchGetAccountStatusCommand).rejects(awsError('AccessDeniedException', 'not authorized to perform: inspector2:BatchGetAccountStatus', 403));
    const data = await inspectorCollector.collect(collectContext(), 'us-east-1');
    expect(data.account).toMatchObject({ ok: false, error: { operation: 'BatchGetAccountStatus', code: 'AccessDeniedException' } });
  });

  it('records answers that lack what AWS always returns as IncompleteAnswer', async () => {
    const answers: Array<[object, string]> = [
      [{}, 'the answer lacks accounts, which AWS always returns'],
      [{ accounts: [] }, `the answer names neither account ${ACCOUNT} nor a failure for it`],
      [{ accounts: [{ accountId: ACCOUNT, state: state('ENABLED') }] }, 'the answer lacks resourceState, which AWS always returns'],
      [{ accounts: [{ accountId: ACCOUNT, state: state('ENABLED'), resourceState: { ec2: state('ENABLED') } }] }, 'the answer lacks ecr, which AWS always returns'],
      [
        { accounts: [{ accountId: ACCOUNT, state: {}, resourceState: { ec2: state('ENABLED'), ecr: state('ENABLED') } }] },
        'the answer lacks state.status, which AWS always returns',
      ],
    ];
    for (const [answer, message] of answers) {
      inspector.reset();
      inspector.on(BatchGetAccountStatusCommand).resolves(answer);
      const data = await inspectorCollector.collect(collectContext(), 'us-east-1');
      expect(data.account).toMatchObject({ ok: false, error: { code: 'IncompleteAnswer', message } });
    }
  });

  it('makes no call when the account status is not wanted', async () => {
    const ctx = collectContext(['us-east-1'], ['macie.session']);
    expect(await inspectorCollector.collect(ctx, 'us-east-1')).toEqual({});
    expect(inspector.commandCalls(BatchGetAccountStatusCommand)).toHaveLength(0);
  });
});
