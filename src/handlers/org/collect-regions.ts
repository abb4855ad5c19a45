import { readOrgSettings } from '../../lambda/config';
import { parseCollectEvent } from '../../lambda/events';
import { auditEvents } from '../../lambda/observability';
import { withBaseSession, withMemberSession } from '../../lambda/org';
import { lambdaHandler, type HandlerDeps } from '../../lambda/runtime';
import { putJson } from '../../lambda/store';
import type { ApiCallCounts } from '../../aws/api-calls';
import type { Inventory } from '../../inventory/types';
import { collectAccount } from '../../run-audit';
import { loadAuditConfig } from '../../lambda/audit-config';
import { reportTarget } from '../../lambda/publish';
import { DEFAULT_CLASSIFICATION } from '../../judge/classification';

/** What one collect invocation leaves in the work bucket. */
export interface PartialInventory {
  chunk: number;
  startedAt: string;
  apiCalls: ApiCallCounts;
  inventory: Inventory;
}

export interface CollectResult {
  key: string;
}

export function partialKey(runId: string, accountId: string, index: number): string {
  return `runs/${runId}/partial/${accountId}/${index}.json.gz`;
}

/**
 * Organization mode, per account and chunk of regions: make the chunk's reads in its regions with the
 * member role (the collect stage only) and write the partial inventory to the work bucket.
 * Only the object's key goes back into the state machine.
 */
export function createCollectRegionsHandler(overrides: Partial<HandlerDeps> = {}) {
  return lambdaHandler('collectRegions', overrides, async (event, deps): Promise<CollectResult> => {
    const { runId, account, chunk } = parseCollectEvent(event);
    const settings = readOrgSettings(deps.env);
    return withBaseSession(deps, settings, async (base) => {
      // The config's classification chooses the buckets that get the reads only ePHI needs.
      const config = settings.configKey ? await loadAuditConfig(base.aws, settings, (await reportTarget(base.aws, settings)).region) : undefined;
      const scope = { classification: config?.classification ?? DEFAULT_CLASSIFICATION, partOfAccount: true };
      return withMemberSession(base, settings, account.id, runId, async (member) => {
        const started = deps.now();
        const { inventory, apiCalls } = await collectAccount(member, chunk.reads, chunk.regions, auditEvents(deps.log), deps.collectBy, scope);
        const partial: PartialInventory = { chunk: chunk.index, startedAt: new Date(started).toISOString(), apiCalls, inventory };
        const key = partialKey(runId, account.id, chunk.index);
        const bytes = await putJson(base.aws, { bucket: settings.workBucket, region: settings.region }, key, partial);
        deps.metrics.add({ name: 'ApiCalls', unit: 'Count', value: apiCalls.total });
        deps.metrics.add({ name: 'CollectDuration', unit: 'Milliseconds', value: deps.now() - started });
        deps.log.info('regions collected', { runId, accountId: account.id, chunk: chunk.index, regions: chunk.regions, apiCalls: apiCalls.total, bytes, key });
        return { key };
      });
    });
  });
}

export const handler = createCollectRegionsHandler();
