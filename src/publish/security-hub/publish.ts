import { BatchImportFindingsCommand, SecurityHubClient, type AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import type { AwsContext } from '../../aws/context';
import { errorCode, errorMessage, isAccessDenied } from '../../aws/errors';
import type { Finding, FindingsReport } from '../../evaluate/finding';
import { GLOBAL } from '../../evaluate/results';
import type { AuditRun } from '../../run-audit';
import { COMPLIANCE, productArn, targetRegion, toAsff } from './asff';
import { planBatches, TokenBucket } from './batch';
import { jsonBytes, LIMITS } from './limits';
import { isLive, mergeState, pruneState, type SecurityHubState, type StateEntry } from './state';
import type { StateStore } from './store';

export interface SecurityHubOptions {
  state: StateStore;
  /** Send only FAILED findings (earlier ones still resolve and archive). */
  failedOnly?: boolean;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  onWarning?: (message: string) => void;
}

export interface SecurityHubOutcome {
  /** First imported this run. */
  created: number;
  /** Already in Security Hub, imported again (LastObservedAt refreshed, or a status change other than a fix). */
  updated: number;
  /** Imported as PASSED after having been imported as FAILED. */
  resolved: number;
  /** Re-imported with RecordState ARCHIVED: their resource is gone. */
  archived: number;
  /** Findings of this run not sent because Security Hub already shows them right (--security-hub-failed-only). */
  unchanged?: number;
  /** Findings Security Hub rejected (after retrying the retryable ones). */
  failed: Array<{ id: string; region: string; code: string; message: string }>;
  regions: Array<{ region: string; status: 'published' | 'not-enabled' | 'denied' | 'error'; sent: number; message?: string; unsent?: number }>;
  /** Something was not published (a region, a finding, or the state): the CLI exits non-zero. */
  partial: boolean;
  /** Set when the state could not be read or saved. */
  stateError?: string;
}

type Kind = 'created' | 'updated' | 'resolved' | 'archived';

/**
 * One import to make: how to build its ASFF document, and the state entry to keep once Security Hub accepted it.
 * Documents are built when their batch is sized and sent, not all at once: a large account's plan would otherwise
 * hold an ASFF copy of every finding.
 */
export interface PlannedImport {
  id: string;
  region: string;
  kind: Kind;
  doc: () => AwsSecurityFinding;
  entry: StateEntry;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Per-finding error codes worth retrying: throttling and the service's internal errors. */
const RETRYABLE = /throttl|toomanyrequests|internal|serviceunavailable|unavailable|timeout/i;
export const MAX_FINDING_RETRIES = 3;
export const MAX_SAVE_RETRIES = 5;

const iso = (ms: number) => new Date(ms).toISOString();

/** A timestamp after `previous` (UpdatedAt must always move forward, even if the clock did not). */
function after(previous: string, now: Date): string {
  const prev = Date.parse(previous);
  return Number.isNaN(prev) || prev < now.getTime() ? now.toISOString() : iso(prev + 1);
}

/** Keys `check|region` (or `check|*`) where a check could not judge the account at all this run. */
function unjudgedScopes(findings: readonly Finding[]): Set<string> {
  const out = new Set<string>();
  for (const f of findings) {
    if (f.status === 'ERROR' && f.resource.type === 'AwsAccount') out.add(`${f.checkId}|${f.region === GLOBAL ? '*' : f.region}`);
  }
  return out;
}

/**
 * Whether this run speaks for `finding`: its check ran, its region was audited (global always is), and the
 * check could read the account there; a run of --scope ephi speaks only for the account itself and for resources
 * last seen as ePHI (or with unreadable tags), never for the others it left out. A finding outside that scope is
 * never archived by this run.
 */
function inScope(finding: Finding, run: FindingsReport['run'], unjudged: Set<string>): boolean {
  if (!run.checks.includes(finding.checkId)) return false;
  if (run.scope === 'ephi' && finding.resource.type !== 'AwsAccount' && finding.classification !== 'ephi' && finding.classification !== 'unknown') return false;
  if (finding.region !== GLOBAL && !run.regions.includes(finding.region)) return false;
  return !unjudged.has(`${finding.checkId}|*`) && !unjudged.has(`${finding.checkId}|${finding.region}`);
}

/**
 * Decides what to import: every finding of the run (or, failed-only, the FAILED ones and those whose status in
 * Security Hub must change), with CreatedAt and FirstObservedAt kept from the state; and an ARCHIVED copy of each
 * finding the state holds as active, within this run's scope, that the run no longer reports.
 */
export function planImports(report: FindingsReport, state: SecurityHubState, options: { failedOnly: boolean; now: Date }): { imports: PlannedImport[]; unchanged: number } {
  const { now } = options;
  const nowIso = now.toISOString();
  const run = report.run;
  const imports: PlannedImport[] = [];
  let unchanged = 0;

  const archive = (id: string, e: StateEntry) => {
    const observed = { createdAt: e.createdAt, firstObservedAt: e.firstObservedAt, lastObservedAt: e.lastObservedAt, now: after(e.updatedAt, now) };
    imports.push({
      id,
      region: e.region,
      kind: 'archived',
      doc: () => toAsff(e.finding, { ...run, homeRegion: e.region }, observed, { recordState: 'ARCHIVED' }),
      entry: { ...e, recordState: 'ARCHIVED', updatedAt: observed.now },
    });
  };

  for (const f of report.findings) {
    const region = targetRegion(f, run);
    const status = COMPLIANCE[f.status];
    const stored = state.findings[f.id];
    const prev = stored && isLive(stored, now) ? stored : undefined;
    // The home region changed since a global finding was imported: retire the copy in the old region.
    if (prev && prev.region !== region && prev.recordState === 'ACTIVE') archive(f.id, prev);
    const known = prev && prev.region === region ? prev : undefined;

    if (options.failedOnly && status !== 'FAILED' && !(known && known.recordState === 'ACTIVE' && known.status !== status)) {
      unchanged += 1;
      continue;
    }
    const kind: Kind = !known ? 'created' : known.recordState === 'ACTIVE' && known.status === 'FAILED' && status === 'PASSED' ? 'resolved' : 'updated';
    const observed = known
      ? {
          createdAt: known.createdAt,
          firstObservedAt: known.firstObservedAt,
          lastObservedAt: Date.parse(known.firstObservedAt) > now.getTime() ? known.firstObservedAt : nowIso,
          now: after(known.updatedAt, now),
        }
      : { createdAt: nowIso, firstObservedAt: nowIso, lastObservedAt: nowIso, now: nowIso };
    imports.push({
      id: f.id,
      region,
      kind,
      doc: () => toAsff(f, run, observed),
      entry: {
        region,
        status,
        recordState: 'ACTIVE',
        createdAt: observed.createdAt,
        firstObservedAt: observed.firstObservedAt,
        lastObservedAt: observed.lastObservedAt,
        updatedAt: observed.now,
        finding: f,
      },
    });
  }

  const present = new Set(report.findings.map((f) => f.id));
  const unjudged = unjudgedScopes(report.findings);
  for (const [id, e] of Object.entries(state.findings)) {
    if (present.has(id) || e.recordState !== 'ACTIVE' || !isLive(e, now)) continue;
    if (inScope(e.finding, run, unjudged)) archive(id, e);
  }
  return { imports, unchanged };
}

interface RegionResult {
  region: string;
  status: SecurityHubOutcome['regions'][number]['status'];
  sent: number;
  message?: string;
  unsent?: number;
  imported: PlannedImport[];
  failed: SecurityHubOutcome['failed'];
}

function regionFailure(error: unknown, region: string, run: FindingsReport['run'], unsent: number): Pick<RegionResult, 'status' | 'message'> {
  const code = errorCode(error);
  const why = `${code}: ${errorMessage(error)}`;
  const left = `${unsent} finding(s) not sent there; the next run sends them`;
  if (code === 'InvalidAccessException') {
    return {
      status: 'not-enabled',
      message: `Security Hub is not enabled in ${region} for account ${run.accountId} (${why}); ${left}. Fix: aws securityhub enable-security-hub --region ${region}, or enable it in the Security Hub console in ${region}.`,
    };
  }
  if (isAccessDenied(error)) {
    return {
      status: 'denied',
      message: `not allowed to import findings into Security Hub in ${region} (${why}); ${left}. Fix: allow securityhub:BatchImportFindings on ${productArn(run.partition, region, run.accountId)}.`,
    };
  }
  return { status: 'error', message: `BatchImportFindings failed in ${region} (${why}); ${left}.` };
}

/**
 * Imports one region's findings: batches within the count and size limits, paced by a token bucket, with the
 * retryable per-finding failures sent again after a backoff. A failed call stops the region (nothing after it
 * is sent, so nothing there is archived by mistake).
 */
async function publishRegion(
  aws: AwsContext,
  region: string,
  imports: PlannedImport[],
  ctx: { run: FindingsReport['run']; clock: () => number; sleep: (ms: number) => Promise<void>; warn: (m: string) => void },
): Promise<RegionResult> {
  const client = aws.client('securityhub', SecurityHubClient, region);
  const bucket = new TokenBucket(LIMITS.callsPerSecond, LIMITS.burst, ctx.clock, ctx.sleep);
  const imported: PlannedImport[] = [];
  const failed: RegionResult['failed'] = [];
  const { batches, oversized } = planBatches(imports.map((i) => ({ item: i, bytes: jsonBytes(i.doc()) })));
  for (const o of oversized) {
    failed.push({ id: o.id, region, code: 'FindingTooLarge', message: `the finding is over Security Hub's ${LIMITS.findingBytes / 1024} KB limit` });
  }

  for (let b = 0; b < batches.length; b++) {
    let pending = batches[b] as PlannedImport[];
    for (let attempt = 0; pending.length; attempt++) {
      await bucket.take();
      let out;
      try {
        out = await client.send(new BatchImportFindingsCommand({ Findings: pending.map((p) => p.doc()) }));
      } catch (error) {
        const unsent = pending.length + batches.slice(b + 1).reduce((n, x) => n + x.length, 0);
        return { region, ...regionFailure(error, region, ctx.run, unsent), sent: imported.length, unsent, imported, failed };
      }
      const errors = new Map((out.FailedFindings ?? []).map((f) => [f.Id ?? '', f]));
      if ((out.FailedCount ?? 0) > errors.size) {
        ctx.warn(`Security Hub in ${region} reported ${out.FailedCount} failed finding(s) but named ${errors.size}; the others are taken as imported.`);
      }
      const retry: PlannedImport[] = [];
      for (const p of pending) {
        const e = errors.get(p.id);
        if (!e) imported.push(p);
        else if (RETRYABLE.test(e.ErrorCode ?? '') && attempt < MAX_FINDING_RETRIES) retry.push(p);
        else failed.push({ id: p.id, region, code: e.ErrorCode ?? 'Unknown', message: e.ErrorMessage ?? '' });
      }
      if (retry.length) await ctx.sleep(250 * 2 ** attempt);
      pending = retry;
    }
  }
  return { region, status: 'published', sent: imported.length, imported, failed };
}

/** Saves this run's changes: on a conflict re-reads, re-applies them on top (newer UpdatedAt wins) and retries. */
export async function saveChanges(
  store: StateStore,
  loaded: { state: SecurityHubState; version: string | null },
  changes: Record<string, StateEntry>,
  ctx: { accountId: string; now: Date; sleep: (ms: number) => Promise<void> },
): Promise<string | undefined> {
  let { state, version } = loaded;
  for (let attempt = 0; ; attempt++) {
    const next = pruneState(mergeState(state, changes, ctx.accountId, ctx.now.toISOString()), ctx.now);
    if ((await store.save(next, version)) === 'saved') return undefined;
    if (attempt >= MAX_SAVE_RETRIES) {
      return `could not save the Security Hub state to ${store.describe()}: other runs changed it ${attempt + 1} times in a row. The findings were imported; the next run may count some again as new. Fix: avoid running many audits of one account at once.`;
    }
    await ctx.sleep(100 * 2 ** attempt);
    ({ state, version } = await store.load());
  }
}

/**
 * Sends a run's findings to Security Hub and keeps them true run after run: new ones created, the rest
 * updated, fixed ones PASSED, gone ones ARCHIVED (within the run's scope), from a state kept by `options.state`.
 */
export async function publishToSecurityHub(aws: AwsContext, run: AuditRun, options: SecurityHubOptions): Promise<SecurityHubOutcome> {
  const clock = options.now ?? (() => new Date());
  const now = clock();
  const sleep = options.sleep ?? realSleep;
  const warn = options.onWarning ?? (() => undefined);
  const info = run.report.run;
  const empty = { created: 0, updated: 0, resolved: 0, archived: 0, failed: [], regions: [] };

  let loaded: { state: SecurityHubState; version: string | null };
  try {
    loaded = await options.state.load();
    if (loaded.state.accountId && loaded.state.accountId !== info.accountId) {
      throw new Error(`the Security Hub state ${options.state.describe()} belongs to account ${loaded.state.accountId}, not ${info.accountId}. Fix: give each account its own state location.`);
    }
  } catch (error) {
    const message = `${(error as Error).message} Nothing was sent to Security Hub.`;
    warn(message);
    return { ...empty, partial: true, stateError: message };
  }

  const { imports, unchanged } = planImports(run.report, loaded.state, { failedOnly: options.failedOnly ?? false, now });
  const byRegion = new Map<string, PlannedImport[]>();
  for (const i of imports) {
    const list = byRegion.get(i.region);
    if (list) list.push(i);
    else byRegion.set(i.region, [i]);
  }
  const order = (i: PlannedImport) => (i.kind === 'archived' ? 1 : 0); // archives last: a failing region archives nothing more
  const results = await Promise.all(
    [...byRegion.keys()].sort().map((region) =>
      publishRegion(aws, region, [...(byRegion.get(region) ?? [])].sort((a, b) => order(a) - order(b)), { run: info, clock: () => clock().getTime(), sleep, warn }),
    ),
  );

  const done = results.flatMap((r) => r.imported);
  const changes: Record<string, StateEntry> = {};
  // A finding imported in its new region outranks the archive of its copy in the old one.
  for (const i of done) if (i.kind === 'archived') changes[i.id] = i.entry;
  for (const i of done) if (i.kind !== 'archived') changes[i.id] = i.entry;
  for (const r of results) if (r.message) warn(r.message);

  let stateError: string | undefined;
  if (Object.keys(changes).length) {
    try {
      stateError = await saveChanges(options.state, loaded, changes, { accountId: info.accountId, now, sleep });
    } catch (error) {
      stateError = `could not save the Security Hub state to ${options.state.describe()}: ${(error as Error).message}`;
    }
    if (stateError) warn(stateError);
  }

  const count = (kind: Kind) => done.filter((i) => i.kind === kind).length;
  const failed = results.flatMap((r) => r.failed);
  const regions = results.map((r) => ({
    region: r.region,
    status: r.status,
    sent: r.sent,
    ...(r.message ? { message: r.message } : {}),
    ...(r.unsent ? { unsent: r.unsent } : {}),
  }));
  return {
    created: count('created'),
    updated: count('updated'),
    resolved: count('resolved'),
    archived: count('archived'),
    unchanged,
    failed,
    regions,
    partial: failed.length > 0 || regions.some((r) => r.status !== 'published') || stateError !== undefined,
    ...(stateError ? { stateError } : {}),
  };
}

/** A few lines for the CLI summary and the Lambda log. */
export function formatOutcome(outcome: SecurityHubOutcome): string {
  const counts = [
    `${outcome.created} new`,
    `${outcome.updated} updated`,
    `${outcome.resolved} resolved`,
    `${outcome.archived} archived`,
    `${outcome.failed.length} failed`,
    ...(outcome.unchanged ? [`${outcome.unchanged} unchanged`] : []),
  ];
  const lines = [`Security Hub: ${counts.join(', ')} in ${outcome.regions.length} region(s)${outcome.partial ? ' (partial)' : ''}`];
  for (const r of outcome.regions) lines.push(`  ${r.region}: ${r.status === 'published' ? `${r.sent} imported` : `${r.status}, ${r.sent} imported: ${r.message ?? ''}`}`);
  const shown = outcome.failed.slice(0, 10);
  for (const f of shown) lines.push(`  rejected ${f.id} (${f.region}): ${f.code}: ${f.message}`);
  if (outcome.failed.length > shown.length) lines.push(`  ... and ${outcome.failed.length - shown.length} more rejected`);
  if (outcome.stateError) lines.push(`  state: ${outcome.stateError}`);
  return lines.join('\n');
}
