import { CHECKS } from '../../../checks';
import { resolveRegions } from '../../aws/session';
import { selectChecks } from '../../evaluate/select';
import { readOrgSettings } from '../../lambda/config';
import { parseAccountEvent, type OrgAccount, type RegionChunk } from '../../lambda/events';
import { withBaseSession, withMemberSession } from '../../lambda/org';
import { lambdaHandler, type HandlerDeps } from '../../lambda/runtime';
import { planChunks } from '../../lambda/split';
import { readsFor } from '../../run-audit';

export interface PlanResult {
  runId: string;
  account: OrgAccount;
  chunks: RegionChunk[];
}

/**
 * Organization mode, per account: assume the member role (a missing role fails here, fast, with the reason),
 * resolve the account's enabled regions, and split them into chunks of REGIONS_PER_INVOCATION regions, each
 * collected by its own invocation.
 */
export function createPlanAccountHandler(overrides: Partial<HandlerDeps> = {}) {
  return lambdaHandler('planAccount', overrides, async (event, deps): Promise<PlanResult> => {
    const { runId, account } = parseAccountEvent(event);
    const settings = readOrgSettings(deps.env);
    const reads = readsFor(selectChecks(CHECKS, settings.checks.length ? { include: settings.checks } : {}));
    return withBaseSession(deps, settings, (base) =>
      withMemberSession(base, settings, account.id, runId, async (member) => {
        const choice = await resolveRegions(member, settings.regions);
        if (choice.warning) deps.log.warn(choice.warning, { accountId: account.id });
        const chunks = planChunks(choice.regions, reads, settings.regionsPerInvocation);
        deps.log.info('account planned', { runId, accountId: account.id, regions: choice.regions.length, chunks: chunks.length, reads: reads.length });
        return { runId, account, chunks };
      }),
    );
  });
}

export const handler = createPlanAccountHandler();
