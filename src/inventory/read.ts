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
