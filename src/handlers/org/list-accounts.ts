import { errorCode, errorMessage, isAccessDenied } from '../../aws/errors';
import { readOrgSettings } from '../../lambda/config';
import { ConfigurationError } from '../../lambda/errors';
import { parseListAccountsEvent } from '../../lambda/events';
import { listActiveAccounts, withBaseSession } from '../../lambda/org';
import { lambdaHandler, type HandlerDeps } from '../../lambda/runtime';
import { putJson } from '../../lambda/store';

export interface ListAccountsResult {
  runId: string;
  /** The account list in the work bucket: the Distributed Map reads it (ItemReader), so the state carries only its key. */
  accountsKey: string;
  accounts: number;
}

/** Organization mode, first step: the organization's ACTIVE accounts, written to S3 for the Distributed Map. */
export function createListAccountsHandler(overrides: Partial<HandlerDeps> = {}) {
  return lambdaHandler('listAccounts', overrides, async (event, deps): Promise<ListAccountsResult> => {
    const { runId } = parseListAccountsEvent(event);
    const settings = readOrgSettings(deps.env);
    return withBaseSession(deps, settings, async (session) => {
      let accounts;
      try {
        accounts = await listActiveAccounts(session.aws, settings.region);
      } catch (error) {
        if (isAccessDenied(error) || errorCode(error) === 'AWSOrganizationsNotInUseException') {
          throw new ConfigurationError(
            `cannot list the organization's accounts from account ${session.accountId} (${errorCode(error)}: ${errorMessage(error)}). ` +
              'Fix: deploy organization mode in the management account or a delegated administrator account (docs/deploy.md).',
          );
        }
        throw error;
      }
      const accountsKey = `runs/${runId}/accounts.json`;
      await putJson(session.aws, { bucket: settings.workBucket, region: settings.region }, accountsKey, accounts);
      deps.metrics.add({ name: 'AccountsListed', unit: 'Count', value: accounts.length });
      deps.log.info('accounts listed', { runId, accounts: accounts.length, accountsKey });
      return { runId, accountsKey, accounts: accounts.length };
    });
  });
}

export const handler = createListAccountsHandler();
