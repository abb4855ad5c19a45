import { sumApiCalls } from '../../aws/api-calls';
import type { Session } from '../../aws/session';
import { readOrgSettings } from '../../lambda/config';
import { parseFinishEvent, type OrgAccount } from '../../lambda/events';
import { auditEvents, recordAudit, reportDigest } from '../../lambda/observability';
import { withBaseSession, withMemberSession } from '../../lambda/org';
import { assertPublished, publishRun, reportTarget } from '../../lambda/publish';
import { loadAuditConfig } from '../../lambda/audit-config';
import { lambdaHandler, type HandlerDeps } from '../../lambda/runtime';
import { mergeInventories } from '../../lambda/split';
import { getJson } from '../../lambda/store';
import { runAudit } from '../../run-audit';
import type { PartialInventory } from './collect-regions';

export interface FinishResult {
  account: OrgAccount;
  status: 'audited';
  summary: ReturnType<typeof reportDigest>;
  failuresAtOrAboveThreshold: number | null;
  latestReportKey: string;
  securityHubPartial: boolean | null;
}

/**
 * Organization mode, per account, last step: merge the partial inventories, evaluate them once (runAudit with
 * an inventory source), write the report to the report bucket with the auditor's role, and send the findings
 * to the member account's own Security Hub with the member role.
 */
export function createFinishAccountHandler(overrides: Partial<HandlerDeps> = {}) {
  return lambdaHandler('finishAccount', overrides, async (event, deps): Promise<FinishResult> => {
    const started = deps.now();
    const { runId, account, partials } = parseFinishEvent(event);
    const settings = readOrgSettings(deps.env);
    return withBaseSession(deps, settings, async (base) => {
      const work = { bucket: settings.workBucket, region: settings.region };
      const loaded = await Promise.all(partials.map((p) => getJson<PartialInventory>(base.aws, work, p.key)));
      loaded.sort((a, b) => a.chunk - b.chunk);
      const inventory = mergeInventories(loaded.map((p) => p.inventory));
      if (inventory.accountId !== account.id) throw new Error(`the partial inventories are of account ${inventory.accountId}, not ${account.id}`);

      const target = await reportTarget(base.aws, settings);
      const config = await loadAuditConfig(base.aws, settings, target.region);
      // Collected live minutes ago, split across invocations: the report carries their calls and first start.
      const run = await runAudit({
        source: {
          kind: 'inventory',
          inventory,
          collected: {
            startedAt: loaded.map((p) => p.startedAt).sort()[0] as string,
            apiCalls: sumApiCalls(loaded.map((p) => p.apiCalls)),
          },
        },
        selection: settings.checks.length ? { include: settings.checks } : {},
        config,
        scope: settings.scope,
        onEvent: auditEvents(deps.log),
      });

      // Findings go to the member account's Security Hub with the member role; without Security Hub, no member session.
      const publish = async (member: Session): Promise<FinishResult> => {
        const published = await publishRun({ run, settings, target, reportAws: base.aws, findingsAws: member.aws, log: deps.log, metrics: deps.metrics, ...(deps.sleep ? { sleep: deps.sleep } : {}) });
        const over = recordAudit(deps.metrics, run.report, settings.failOn, deps.now() - started, settings.allowIncomplete);
        const summary = reportDigest(run.report);
        deps.log.info('account audited', { ...summary, orgRunId: runId, failuresAtOrAboveThreshold: over });
        assertPublished(published);
        return {
          account,
          status: 'audited',
          summary,
          failuresAtOrAboveThreshold: over,
          latestReportKey: published.s3.latestReportKey,
          securityHubPartial: published.securityHub.enabled ? published.securityHub.partial : null,
        };
      };
      return settings.securityHub.enabled ? withMemberSession(base, settings, account.id, runId, publish) : publish(base);
    });
  });
}

export const handler = createFinishAccountHandler();
