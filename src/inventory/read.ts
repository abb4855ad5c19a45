/** An API error recorded in the inventory instead of aborting the run. */
export interface ApiError {
  service: string;
  region: string;
  operation: string;
  code: string;
  message: string;
}

/** The outcome of one read: the value, or the error that kept us from it. */
export type Read<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const ok = <T>(value: T): Read<T> => ({ ok: true, value });
export const failed = <T = never>(error: ApiError): Read<T> => ({ ok: false, error });

/** The read's value passed through `fn`; a failure stays as it is. */
export function mapRead<T, R>(read: Read<T>, fn: (value: T) => R): Read<R> {
  return read.ok ? { ok: true, value: fn(read.value) } : read;
}

/** Every value, in order, or the first failure: a listing judged whole or not at all. */
export function allOk<T>(reads: readonly Read<T>[]): Read<T[]> {
  const values: T[] = [];
  for (const r of reads) {
    if (!r.ok) return r;
    values.push(r.value);
  }
  return ok(values);
}
