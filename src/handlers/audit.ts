import { writeOrgIndex } from '../publish/s3';
import { runAudit } from '../run-audit';
import { readSettings } from '../lambda/config';
import { parseAuditEvent } from '../lambda/events';
import { auditEvents, recordAudit, reportDigest } from '../lambda/observability';
import { assertPublished, publishRun, reportTarget, type Published } from '../lambda/publish';
import { loadAuditConfig } from '../lambda/audit-config';
import { lambdaHandler, type HandlerDeps } from '../lambda/runtime';

export interface AuditResult {
  summary: ReturnType<typeof reportDigest>;
  failOn: string | null;
  failuresAtOrAboveThreshold: number | null;
  published: Published;
}

/**
 * Single-account mode: the scheduled audit of the account the function runs in, with the function's own role,
 * in the function's region as home region. Collect, evaluate (runAudit), write the report to S3, send the
 * findings to Security Hub, emit metrics. An EventBridge schedule invokes it; `serverless invoke -f audit`
 * runs one now (optionally with {"regions": [...], "checks": [...], "scope": "ephi"}).
 */
export function createAuditHandler(overrides: Partial<HandlerDeps> = {}) {
  return lambdaHandler('audit', overrides, async (event, deps): Promise<AuditResult> => {
    const started = deps.now();
    const request = parseAuditEvent(event);
    const settings = readSettings(deps.env);
    const session = await deps.openSession({ region: settings.region });
    try {
      const target = await reportTarget(session.aws, settings);
      const config = await loadAuditConfig(session.aws, settings, target.region);
      const checks = request.checks ?? settings.checks;
      const run = await runAudit({
        source: { kind: 'live', session },
        regions: request.regions ?? settings.regions,
        selection: checks.length ? { include: checks } : {},
        config,
        scope: request.scope ?? settings.scope,
        onEvent: auditEvents(deps.log),
        ...(deps.collectBy !== undefined ? { deadline: deps.collectBy } : {}),
      });
      const published = await publishRun({ run, settings, target, reportAws: session.aws, findingsAws: session.aws, log: deps.log, metrics: deps.metrics, ...(deps.sleep ? { sleep: deps.sleep } : {}) });
      // The index is the bookmark for every account in the bucket; organization runs write it once, at the end.
      if (published.s3.latestSwitched) {
        const indexKey = await writeOrgIndex(session.aws, target);
        deps.log.info('index written', { indexKey });
      }
      const duration = deps.now() - started;
      const over = recordAudit(deps.metrics, run.report, settings.failOn, duration, settings.allowIncomplete);
      const summary = reportDigest(run.report);
      deps.log.info('audit complete', { ...summary, failOn: settings.failOn, failuresAtOrAboveThreshold: over, durationMs: duration });
      assertPublished(published);
      return { summary, failOn: settings.failOn, failuresAtOrAboveThreshold: over, published };
    } finally {
      session.aws.destroy();
    }
  });
}

export const handler = createAuditHandler();
