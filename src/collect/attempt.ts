import { errorCode, toApiError } from '../aws/errors';
import { failed, ok, type Read } from '../inventory/read';

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

/** Collects every item of an SDK v3 paginator. */
export async function collectPages<P, T>(pages: AsyncIterable<P>, items: (page: P) => T[] | undefined): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(...(items(page) ?? []));
  return out;
}

/** Maps over items with the results in input order (the client itself caps concurrency). */
export function mapAll<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  return Promise.all(items.map(fn));
}
