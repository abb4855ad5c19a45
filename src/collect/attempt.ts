import { errorCode, toApiError } from '../aws/errors';
import { failed, mapRead, ok, type Read } from '../inventory/read';

/** Where a read happens, for the error it may record. */
export interface ReadSite {
  service: string;
  region: string;
  operation: string;
}

/** Runs one read; an error (AccessDenied, opt-in region, unsupported call) becomes a recorded failure. */
export async function attempt<T>(site: ReadSite, read: () => Promise<T>): Promise<Read<T>> {
  try {
    return ok(await read());
  } catch (error) {
    return failed(toApiError(error, site.service, site.region, site.operation));
  }
}

/**
 * Like `attempt`, for reads whose "not configured" answer is an error code (NoSuchEntity,
 * NoSuchBucketPolicy, ...): those codes become `null`, which checks read as "none set".
 */
export async function attemptOrNone<T>(site: ReadSite, absentCodes: string[], read: () => Promise<T>): Promise<Read<T | null>> {
  try {
    return ok(await read());
  } catch (error) {
    if (absentCodes.includes(errorCode(error))) return ok(null);
    return failed(toApiError(error, site.service, site.region, site.operation));
  }
}

/** An `attemptOrNone` read of a listed resource that found it gone (deleted after it was listed). */
export const gone = (read: Read<unknown> | undefined): boolean => read !== undefined && read.ok && read.value === null;

/** A read of a resource that is still there (`gone` was ruled out). */
export function present<T>(read: Read<T | null>): Read<T> {
  return mapRead(read, (value) => value as T);
}

/**
 * An answer that lacks a field AWS always returns (a truncated body, a proxy's empty 200, an emulator's gap).
 * It is recorded as an ERROR for that read, never taken as "nothing there": an empty ACL would pass a public bucket.
 */
export class IncompleteAnswerError extends Error {
  override readonly name = 'IncompleteAnswer';
}

type Present<T, K extends keyof T> = T & { [P in K]-?: Exclude<T[P], undefined | null> };

/**
 * The answer, once every field in `fields` is there. Name only fields the API always returns: members the
 * model marks required (the SDK types them without `?`) and, for XML protocols, list wrappers (an empty list
 * still comes as an empty element, which the SDK reads as []).
 */
export function expectFields<T extends object, K extends keyof T>(answer: T, fields: readonly K[]): Present<T, K> {
  const missing = fields.filter((f) => answer[f] === undefined || answer[f] === null);
  if (missing.length) {
    throw new IncompleteAnswerError(`the answer lacks ${missing.map(String).join(', ')}, which AWS always returns`);
  }
  return answer as Present<T, K>;
}

/** Collects every item of an SDK v3 paginator. */
export async function collectPages<P, T>(pages: AsyncIterable<P>, items: (page: P) => T[] | undefined): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(...(items(page) ?? []));
  return out;
}

/** Collects the `key` list of every page; a page without it is an incomplete answer (see expectFields). */
export function collectList<K extends string, T>(pages: AsyncIterable<{ [k in K]?: T[] | undefined }>, key: K): Promise<T[]> {
  return collectPages(pages, (page) => {
    const list = page[key];
    if (list === undefined || list === null) throw new IncompleteAnswerError(`the answer lacks ${key}, which AWS always returns`);
    return list;
  });
}

/** `attempt` of a paginated listing: the `key` list of every page (see collectList), each item mapped. */
export function attemptList<K extends string, T, R>(
  site: ReadSite,
  pages: AsyncIterable<{ [k in K]?: T[] | undefined }>,
  key: K,
  map: (item: T) => R,
): Promise<Read<R[]>> {
  return attempt(site, async () => (await collectList(pages, key)).map(map));
}

/**
 * Maps over items with at most `limit` of them in progress, results in input order. Work is started as slots
 * free up, so a large account never queues every call at once (memory stays flat as the account grows).
 */
export async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await fn(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
