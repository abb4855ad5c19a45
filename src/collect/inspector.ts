import { BatchGetAccountStatusCommand, Inspector2Client, type State } from '@aws-sdk/client-inspector2';
import type { InspectorAccount, InspectorRegion } from '../inventory/inspector';
import { attempt, expectFields, IncompleteAnswerError } from './attempt';
import type { RegionalCollector } from './collector';

/** What BatchGetAccountStatus said instead of a status: an error AWS reported for the account (failedAccounts). */
class InspectorAccountError extends Error {
  constructor(
    override readonly name: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Amazon Inspector in one region: one BatchGetAccountStatus call for the audited account (client name
 * `inspector`, IAM prefix `inspector2`). It answers for an account that never enabled Inspector too (DISABLED);
 * an entry in failedAccounts becomes an error named by its errorCode (ACCESS_DENIED, ...).
 */
export const inspectorCollector: RegionalCollector<'inspector'> = {
  scope: 'regional',
  async collect(ctx, region): Promise<InspectorRegion> {
    if (!ctx.wants('inspector.account')) return {};
    const client = ctx.aws.client('inspector', Inspector2Client, region);
    const account = await attempt({ service: 'inspector', region, operation: 'BatchGetAccountStatus' }, async (): Promise<InspectorAccount> => {
      const out = expectFields(await client.send(new BatchGetAccountStatusCommand({ accountIds: [ctx.accountId] })), ['accounts']);
      const state = out.accounts.find((a) => a.accountId === ctx.accountId);
      if (state) {
        const present = expectFields(state, ['state', 'resourceState']);
        const resourceState = expectFields(present.resourceState, ['ec2', 'ecr']);
        return {
          status: statusOf(present.state, 'state'),
          ec2: statusOf(resourceState.ec2, 'resourceState.ec2'),
          ecr: statusOf(resourceState.ecr, 'resourceState.ecr'),
          ...(resourceState.lambda ? { lambda: statusOf(resourceState.lambda, 'resourceState.lambda') } : {}),
          ...(resourceState.lambdaCode ? { lambdaCode: statusOf(resourceState.lambdaCode, 'resourceState.lambdaCode') } : {}),
        };
      }
      // A failed account is an error for the read whatever status it carries: never a verdict.
      const failure = (out.failedAccounts ?? []).find((a) => a.accountId === ctx.accountId);
      if (!failure) throw new IncompleteAnswerError(`the answer names neither account ${ctx.accountId} nor a failure for it`);
      throw new InspectorAccountError(failure.errorCode ?? 'UnknownError', failure.errorMessage ?? 'Inspector reported a failure for the account');
    });
    return { account };
  },
};

function statusOf(state: State | undefined, field: string): string {
  if (!state?.status) throw new IncompleteAnswerError(`the answer lacks ${field}.status, which AWS always returns`);
  return state.status;
}
