import { randomUUID } from 'node:crypto';
import { CHECKS } from '../checks';
import { collectInventory, type CollectProgress } from './collect';
import type { CollectContext } from './collect/context';
import { approvalText, usesTags } from './config/suppressions';
import type { AuditConfig } from './config/types';
import { UsageError } from './errors';
import { evaluate } from './evaluate/evaluate';
import type { FindingsReport } from './evaluate/finding';
import { selectChecks, type Selection } from './evaluate/select';
import { NOT_COLLECTED, summarize } from './evaluate/summary';
import type { AuditScope, Check } from './evaluate/types';
import { DEFAULT_CLASSIFICATION } from './judge/classification';
import { readErrorsFor } from './inventory/errors';
import type { ApiError } from './inventory/read';
import { ALL_READS, serviceOfRead, type Inventory, type ReadId } from './inventory/types';
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
  /**
   * `ephi`: report only findings on ePHI resources (and on resources whose tags could not be read, which may hold
   * ePHI) plus the account-level ones. Collection is the same: classifying needs the same reads. Default `all`.
   */
  scope?: AuditScope;
}

export type AuditEvent =
  | { type: 'identity'; accountId: string; callerArn: string; regions: string[] }
  | { type: 'warning'; message: string }
  | ({ type: 'progress' } & CollectProgress);

export interface AuditRun {
  report: FindingsReport;
  inventory: Inventory;
}

/** The read that tells which resources hold ePHI: every classified run makes it (see readsFor). */
export const CLASSIFICATION_READ: ReadId = 'tagging.resources';

/**
 * The reads the checks need, in registry order: a run collects these and nothing else. With `classify` (the
 * default, unless the config turns classification off) the tags of every audited region are read too, so each
 * finding can say whether its resource holds ePHI: one bulk, paginated call per region. A run whose checks read
 * only IAM (which the tagging API does not cover) skips it.
 */
export function readsFor(checks: readonly Check[], classify = true): ReadId[] {
  const wanted = new Set(checks.flatMap((c) => c.reads));
  if (classify && [...wanted].some((r) => serviceOfRead(r) !== 'iam')) wanted.add(CLASSIFICATION_READ);
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
  scope: Pick<CollectContext, 'classification' | 'partOfAccount'> = {},
): Promise<Collected> {
  const inventory = await session.aws.withDeadline(deadline, async () => {
    const choice = await resolveRegions(session, regions);
    if (choice.warning) emit({ type: 'warning', message: choice.warning });
    emit({ type: 'identity', accountId: session.accountId, callerArn: session.callerArn, regions: choice.regions });
    return collectInventory(
      { aws: session.aws, accountId: session.accountId, partition: session.partition, homeRegion: session.homeRegion, regions: choice.regions, ...scope },
      reads,
      (p) => emit({ type: 'progress', ...p }),
    );
  });
  // Collection's clients are not needed for evaluating and publishing: their memory goes back before the report is built.
  session.aws.releaseClients();
  // Counted when collection ends; publishing comes later and is not part of the audit's count.
  return { inventory, apiCalls: session.aws.apiCalls.snapshot() };
}

/** The one pipeline behind every entry point: collect (or load), evaluate, summarise. */
export async function runAudit(options: AuditOptions): Promise<AuditRun> {
  const collected = options.source.kind === 'inventory' ? options.source.collected : undefined;
  const startedAt = collected ? new Date(collected.startedAt) : new Date();
  const checks = selectChecks(options.checks ?? CHECKS, options.selection ?? {});
  const classification = options.config.classification ?? DEFAULT_CLASSIFICATION;
  const scope = options.scope ?? 'all';
  if (scope === 'ephi' && !classification.enabled) {
    throw new UsageError('--scope ephi needs classification, which the config turns off (classification.enabled: false). Fix: enable it, or audit with --scope all.');
  }
  // Suppressions scoped by tag need the tags even with classification off.
  const reads = readsFor(checks, classification.enabled || usesTags(options.config.suppressions));
  const emit = options.onEvent ?? (() => undefined);

  let inventory: Inventory;
  let apiCalls: ApiCallCounts = collected?.apiCalls ?? { total: 0, attempts: 0, retries: 0, byService: {} };
  if (options.source.kind === 'inventory') {
    inventory = restrictRegions(options.source.inventory, options.regions);
    const held = new Set(inventory.reads);
    const missing = reads.filter((r) => !held.has(r) && checks.some((c) => c.reads.includes(r)));
    if (missing.length) emit({ type: 'warning', message: `the inventory holds no ${missing.join(', ')} data: checks needing it report ERROR` });
    if (reads.includes(CLASSIFICATION_READ) && !held.has(CLASSIFICATION_READ)) {
      emit({ type: 'warning', message: `the inventory holds no ${CLASSIFICATION_READ} data: resources without tags of their own are classified unknown` });
    }
  } else {
    ({ inventory, apiCalls } = await collectAccount(options.source.session, reads, options.regions, emit, options.deadline, { classification }));
  }

  const { findings, expiredSuppressions, outOfScope } = evaluate(inventory, checks, options.config, startedAt, { scope });
  if (outOfScope) emit({ type: 'warning', message: `--scope ephi: ${outOfScope} finding(s) on resources that hold no ePHI were left out` });
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
      ...(scope === 'ephi' ? { scope } : {}),
    },
    // Only what this run's checks (and classification) needed, in its regions: a replay's other errors are not its gaps.
    summary: summarize(findings, expiredSuppressions, [...readErrorsFor(inventory, reads), ...notCollected(inventory, checks)]),
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

