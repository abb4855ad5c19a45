import { LIMITS } from './limits';

export interface Sized<T> {
  item: T;
  /** The item's serialised size in bytes. */
  bytes: number;
}

export interface BatchPlan<T> {
  batches: T[][];
  /** Items too large to send at all (over the per-finding limit). */
  oversized: T[];
}

const ENVELOPE_BYTES = Buffer.byteLength('{"Findings":[]}', 'utf8');

/**
 * Splits items, in order, into batches of at most `maxCount` items whose request body
 * (`{"Findings":[a,b,...]}`) stays within `maxBytes`.
 */
export function planBatches<T>(
  items: Array<Sized<T>>,
  limits: { maxCount?: number; maxBytes?: number; maxItemBytes?: number } = {},
): BatchPlan<T> {
  const maxCount = limits.maxCount ?? LIMITS.batchFindings;
  const maxBytes = limits.maxBytes ?? LIMITS.batchBytes;
  const maxItemBytes = Math.min(limits.maxItemBytes ?? LIMITS.findingBytes, maxBytes - ENVELOPE_BYTES);
  const batches: T[][] = [];
  const oversized: T[] = [];
  let current: T[] = [];
  let size = ENVELOPE_BYTES;
  for (const { item, bytes } of items) {
    if (bytes > maxItemBytes) {
      oversized.push(item);
      continue;
    }
    const added = bytes + (current.length ? 1 : 0); // the comma between items
    if (current.length >= maxCount || size + added > maxBytes) {
      batches.push(current);
      current = [];
      size = ENVELOPE_BYTES;
    }
    size += bytes + (current.length ? 1 : 0);
    current.push(item);
  }
  if (current.length) batches.push(current);
  return { batches, oversized };
}

/**
 * A token bucket: `rate` calls a second with bursts up to `capacity`. Time comes from `clock` (ms) and waits go
 * through `sleep`, both injectable; time slept counts as elapsed even if the clock did not move, so a test with
 * a frozen clock and an instant sleep still sees every wait the bucket asked for.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly rate: number,
    private readonly capacity: number,
    private readonly clock: () => number,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {
    this.tokens = capacity;
    this.last = clock();
  }

  /** Waits until a call may go out, and takes its token. */
  async take(): Promise<void> {
    this.refill(this.clock());
    if (this.tokens < 1) {
      const wait = Math.ceil(((1 - this.tokens) / this.rate) * 1000);
      await this.sleep(wait);
      this.refill(Math.max(this.clock(), this.last + wait));
      this.tokens = Math.max(this.tokens, 1); // floating-point dust never costs another wait
    }
    this.tokens -= 1;
  }

  private refill(now: number): void {
    if (now > this.last) {
      this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.rate);
      this.last = now;
    }
  }
}
