import { fixFor } from '../aws/remedy';
import type { ApiError, ByRegion, Inventory, Read, ServiceName } from '../inventory/types';
import type { CheckResult, ResourceRef, Status } from './types';

export const GLOBAL = 'global';

export function result(status: Status, region: string, resource: ResourceRef, message: string): CheckResult {
  return { status, region, resource, message };
}

export const pass = (region: string, resource: ResourceRef, message: string) => result('PASS', region, resource, message);
export const fail = (region: string, resource: ResourceRef, message: string) => result('FAIL', region, resource, message);

/** An ERROR result that says which read failed, why, and how to fix it. */
export function unreadable(region: string, resource: ResourceRef, error: ApiError, what?: string): CheckResult {
  const subject = what ?? `${error.service} ${error.operation}`;
  const cause = error.message.replace(/[.\s]+$/, '');
  return result('ERROR', region, resource, `could not read ${subject}: ${error.code}: ${cause}. Fix: ${fixFor(error)}.`);
}

/** `Fix: ...` for one or more failed reads (distinct fixes, in order). */
export function fixesFor(errors: readonly ApiError[]): string {
  return `Fix: ${[...new Set(errors.map(fixFor))].join('; ')}.`;
}

/** `. Fix: ...` to end a message about failed reads, or nothing when there is none. */
export function withFixes(errors: readonly ApiError[]): string {
  return errors.length ? `. ${fixesFor(errors)}` : '';
}

/** One ERROR for several reads that failed together (a region's lists): each named with its error, then the fixes. */
export function unreadableAll(region: string, resource: ResourceRef, failures: ReadonlyArray<{ what: string; error: ApiError }>, suffix = ''): CheckResult {
  const detail = failures.map((f) => `${f.what}: ${f.error.code}: ${f.error.message.replace(/[.\s]+$/, '')}`);
  return result('ERROR', region, resource, `could not read ${detail.join('; ')}${suffix}. ${fixesFor(failures.map((f) => f.error))}`);
}

/** The error a read carries when the inventory does not hold it: it was not asked for when collecting. */
export function notCollected(service: string, region: string, operation: string): ApiError {
  return { service, region, operation, code: 'NotCollected', message: `the inventory holds no ${service} ${operation} data` };
}

/** A read, or a failed one when the inventory does not hold it (see notCollected). */
export function readOf<T>(read: Read<T> | undefined, service: string, region: string, operation: string): Read<T> {
  return read ?? { ok: false, error: notCollected(service, region, operation) };
}

/** The account itself, as Security Hub names it (used for account- and region-level results). */
export function accountResource(inventory: Inventory): ResourceRef {
  return { type: 'AwsAccount', id: inventory.accountId, arn: `AWS::::Account:${inventory.accountId}` };
}

/** Runs `judge` on a successful read, or turns the failed read into one ERROR result for `resource`. */
export function withRead<T>(
  read: Read<T> | undefined,
  region: string,
  resource: ResourceRef,
  judge: (value: T) => CheckResult[],
  what?: string,
): CheckResult[] {
  if (read === undefined) return [unreadable(region, resource, notCollected('inventory', region, what ?? 'read'), what)];
  return read.ok ? judge(read.value) : [unreadable(region, resource, read.error, what)];
}

/**
 * Visits every audited region of a regional service. A region with no data (its collector failed before
 * reading anything, or the inventory lacks the service) yields one ERROR for the account in that region.
 */
export function eachRegion<T>(
  inventory: Inventory,
  service: ServiceName,
  section: ByRegion<T> | undefined,
  judge: (data: T, region: string) => CheckResult[],
): CheckResult[] {
  return inventory.regions.flatMap((region) => {
    const data = section?.[region];
    if (data !== undefined) return judge(data, region);
    return [unreadable(region, accountResource(inventory), regionNotCollected(inventory, service, region), `${service} in ${region}`)];
  });
}

/**
 * Why a regional service has no data for a region: the error its collector recorded there (or globally), else a
 * NotCollected error saying the inventory lacks it.
 */
export function regionNotCollected(inventory: Inventory, service: ServiceName, region: string): ApiError {
  const recorded = inventory.errors.find((e) => e.service === service && (e.region === region || e.region === GLOBAL));
  return (
    recorded ?? {
      service,
      region,
      operation: 'collect',
      code: 'NotCollected',
      message: `the inventory holds no ${service} data for ${region}`,
    }
  );
}

/** One list of a region, judged: the results of its items, or what could not be read and why. */
export type JudgedList = { ok: true; results: CheckResult[] } | { ok: false; what: string; error: ApiError };

/** Judges each item of a read list (`undefined` skips the item); a failed read is kept, named `what`, for `collectLists`. */
export function judgeList<T>(read: Read<T[]>, what: string, judge: (item: T) => CheckResult | undefined): JudgedList {
  if (!read.ok) return { ok: false, what, error: read.error };
  const results: CheckResult[] = [];
  for (const item of read.value) {
    const judged = judge(item);
    if (judged !== undefined) results.push(judged);
  }
  return { ok: true, results };
}

/**
 * The results of the lists that were read, in order, then ONE ERROR for the account in the region naming every
 * list that could not be (one result per resource and region).
 */
export function collectLists(inventory: Inventory, region: string, lists: JudgedList[]): CheckResult[] {
  const results = lists.flatMap((l) => (l.ok ? l.results : []));
  const failures = lists.flatMap((l) => (l.ok ? [] : [{ what: `${l.what} (${l.error.service} ${l.error.operation})`, error: l.error }]));
  if (failures.length > 0) results.push(unreadableAll(region, accountResource(inventory), failures));
  return results;
}

/** For global services: the section, or one ERROR result when it was not collected. */
export function globalSection<T>(
  inventory: Inventory,
  service: ServiceName,
  section: T | undefined,
  judge: (data: T) => CheckResult[],
): CheckResult[] {
  if (section !== undefined) return judge(section);
  const recorded = inventory.errors.find((e) => e.service === service);
  const error: ApiError = recorded ?? {
    service,
    region: GLOBAL,
    operation: 'collect',
    code: 'NotCollected',
    message: `the inventory holds no ${service} data`,
  };
  return [unreadable(GLOBAL, accountResource(inventory), error, service)];
}

/** Whole days between an ISO timestamp and `now` (floored). */
export function daysSince(iso: string, now: Date): number {
  return Math.floor((now.getTime() - new Date(iso).getTime()) / 86_400_000);
}
