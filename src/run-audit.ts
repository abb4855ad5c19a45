import { randomUUID } from 'node:crypto';
import { CHECKS } from '../checks';
import { collectInventory, type CollectProgress } from './collect';
import { approvalText } from './config/suppressions';
import type { AuditConfig } from './config/types';
import { UsageError } from './errors';
import { evaluate } from './evaluate/evaluate';
import type { FindingsReport } from './evaluate/finding';
import { selectChecks, type Selection } from './evaluate/select';
import { NOT_COLLECTED, summarize } from './evaluate/summary';
import type { Check } from './evaluate/types';
import { listReadErrors } from './inventory/errors';
import type { ApiError } from './inventory/read';
import { ALL_READS, type Inventory, type ReadId } from './inventory/types';
import type { ApiCallCounts } from './aws/api-calls';
import { resolveRegions, type Session } from './aws/session';
import { TOOL } from './tool';

/** A live audit reads the account of an open session (the caller owns it, and may publish with it); a replay reads a saved inventory. */
export type AuditSource =
  | { kind: 'live'; session: Session }
  /** `collected`: the inventory was collected live elsewhere (in chunks); the report says so, with its calls and start. */
  | { kind: 'inventory'; inventory: Inventory; collected?: { startedAt: string; apiCalls: Collected['apiCalls'] } };

export interface AuditOptions {
  source: AuditSource;
  /** Regions to audit (live), or to keep from a saved inventory (replay). Default: all. */
  regions?: string[] | 'all';
  selection?: Selection;
  config: AuditConfig;
  /** Progress and warnings, for the CLI's terminal and the Lambda logs. */
  onEvent?: (event: AuditEvent) => void;
  /** The check catalogue (tests may pass a smaller one). */
  checks?: readonly Check[];
  /**
   * Epoch ms by which collection must end (CLI --deadline, the Lambda's remaining time): reads still unanswered
   * then are ERROR ("timed out") and the report is written with what was read.
   */
  deadline?: number;
}

export type AuditEvent =
  | { type: 'identity'; accountId: string; callerArn: string; regions: string[] }
  | { type: 'warning'; message: string }
  | ({ type: 'progress' } & CollectProgress);

export interface AuditRun {
  report: FindingsReport;
  inventory: Inventory;
}

/** The reads the checks need, in registry order: a run collects these and nothing else. */
export function readsFor(checks: readonly Check[]): ReadId[] {
  const wanted = new Set(checks.flatMap((c) => c.reads));
  return ALL_READS.filter((r) => wanted.has(r));
}

export interface Collected {
  inventory: Inventory;
  /** Every call made through the session so far: its identity call and the reads. */
  apiCalls: ApiCallCounts;
}

/**
 * The collect stage on its own: the account's regions (all enabled ones, or the requested ones after checking
 * them), then the given reads in each. runAudit uses it; the organization run collects chunks of regions with it
 * and evaluates the merged inventory once.
 */
export async function collectAccount(
  session: Session,
  reads: readonly ReadId[],
  regions: string[] | 'all' | undefined,
  emit: (event: AuditEvent) => void = () => undefined,
  deadline?: number,
): Promise<Collected> {
  const inventory = await session.aws.withDeadline(deadline, async () => {
    const choice = await resolveRegions(session, regions);
    if (choice.warning) emit({ type: 'warning', message: choice.warning });
    emit({ type: 'identity', accountId: session.accountId, callerArn: session.callerArn, regions: choice.regions });
    return collectInventory(
      { aws: session.aws, accountId: session.accountId, partition: session.partition, homeRegion: session.homeRegion, regions: choice.regions },
      reads,
      (p) => emit({ type: 'progress', ...p }),
    );
  });
  // Counted when collection ends; publishing comes later and is not part of the audit's count.
  return { inventory, apiCalls: session.aws.apiCalls.snapshot() };
}

/** The one pipeline behind every entry point: collect (or load), evaluate, summarise. */
export async function runAudit(options: AuditOptions): Promise<AuditRun> {
  const collected = options.source.kind === 'inventory' ? options.source.collected : undefined;
  const startedAt = collected ? new Date(collected.startedAt) : new Date();
  const checks = selectChecks(options.checks ?? CHECKS, options.selection ?? {});
  const reads = readsFor(checks);
  const emit = options.onEvent ?? (() => undefined);

  let inventory: Inventory;
  let apiCalls: ApiCallCounts = collected?.apiCalls ?? { total: 0, attempts: 0, retries: 0, byService: {} };
  if (options.source.kind === 'inventory') {
    inventory = restrictRegions(options.source.inventory, options.regions);
    const held = new Set(inventory.reads);
    const missing = reads.filter((r) => !held.has(r));
    if (missing.length) emit({ type: 'warning', message: `the inventory holds no ${missing.join(', ')} data: checks needing it report ERROR` });
  } else {
    ({ inventory, apiCalls } = await collectAccount(options.source.session, reads, options.regions, emit, options.deadline));
  }

  const { findings, expiredSuppressions } = evaluate(inventory, checks, options.config, startedAt);
  for (const s of expiredSuppressions) {
    const approval = approvalText(s);
    emit({ type: 'warning', message: `suppression of ${s.checkId} for ${s.resource}${approval ? ` (${approval})` : ''} expired on ${s.expires}: it no longer applies` });
  }
  const report: FindingsReport = {
    schemaVersion: '1.0',
    tool: { ...TOOL },
    run: {
      id: randomUUID(),
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      collectedAt: inventory.collectedAt,
      accountId: inventory.accountId,
      partition: inventory.partition,
      homeRegion: inventory.homeRegion,
      regions: inventory.regions,
      checks: checks.map((c) => c.id),
      source: collected ? 'live' : options.source.kind,
      apiCalls,
    },
    summary: summarize(findings, expiredSuppressions, [...listReadErrors(inventory), ...notCollected(inventory, checks)]),
    findings,
  };
  return { report, inventory };
}

/** The reads a replayed inventory does not hold, one per read and check needing it (their checks report ERROR). */
function notCollected(inventory: Inventory, checks: readonly Check[]): ApiError[] {
  const held = new Set(inventory.reads);
  return checks.flatMap((c) =>
    c.reads
      .filter((r) => !held.has(r))
      .map((r) => ({ service: 'inventory', region: 'global', operation: r, code: NOT_COLLECTED, message: `the inventory holds no ${r} (it was collected for other checks)` })),
  );
}

/** A replay may narrow a saved inventory's regions, never widen them. */
function restrictRegions(inventory: Inventory, regions: string[] | 'all' | undefined): Inventory {
  if (!Array.isArray(regions)) return inventory;
  const absent = regions.filter((r) => !inventory.regions.includes(r));
  if (absent.length) {
    throw new UsageError(`--regions: the inventory holds no data for ${absent.join(', ')} (it has ${inventory.regions.join(', ')}). Fix: choose among those.`);
  }
  return { ...inventory, regions: inventory.regions.filter((r) => regions.includes(r)) };
}

