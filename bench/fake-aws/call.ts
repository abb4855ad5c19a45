import type { SyntheticAccount } from './account';
import type { Answer } from './wire';

/** One request as the fake endpoint sees it. */
export interface Call {
  /** The signing name in the credential scope (`elasticloadbalancing`, `monitoring`, `es`, ...). */
  service: string;
  region: string;
  method: string;
  /** The URL path, percent-decoded. */
  path: string;
  query: URLSearchParams;
  /** Query-protocol parameters (form body). */
  params: URLSearchParams;
  /** The JSON body's fields (JSON and REST-JSON protocols). */
  body: Record<string, unknown>;
  /** X-Amz-Target's operation, for JSON protocols. */
  target: string;
}

export type Handler = (call: Call, account: SyntheticAccount) => Answer;

export const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
export const regionIndex = (account: SyntheticAccount, region: string): number => Math.max(0, account.regions.indexOf(region));
export const PAGE = 1000;

/** Splits `items` at the opaque token (an index) and returns the page and the next token. */
export function page<T>(items: T[], token: string | null | undefined, size = PAGE): { items: T[]; next?: string } {
  const start = token ? Number(token) : 0;
  const end = start + (size > 0 ? size : PAGE);
  return { items: items.slice(start, end), ...(end < items.length ? { next: String(end) } : {}) };
}

/** Timestamps relative to now: the audit judges ages from the moment it collects. */
export const DAY = 86_400_000;
export const isoDaysAgo = (days: number): string => new Date(Date.now() - days * DAY).toISOString();
export const epochDaysFromNow = (days: number): number => Math.floor((Date.now() + days * DAY) / 1000);
