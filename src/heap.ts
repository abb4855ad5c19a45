import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the heap grow past the data that survived the last full collection, in percent. An audit makes
 * garbage fast (SDK responses while collecting; rendered chunks while writing): with V8's own factor (up to 4x) a
 * 10,000-bucket account peaked at 659 MB of RSS for ~110 MB of live data; at 20 % it stays under 400 MB, for more
 * full collections (a small audit pays too: the 306-bucket benchmark runs about 15 % longer). Switching the factor
 * by heap size as the audit goes was tried: V8 keeps the limit it set at the last full collection, the switch came
 * too late, and the large account peaked at 612 MB. Only growth changes: the heap limit does not, so a larger
 * account still gets all the memory it needs (bench/audit.ts, README "Performance").
 */
export const HEAP_GROWING_PERCENT = 20;

/** Called once by each entry point (CLI, Lambda runtime) before the audit allocates. V8 reads it at every GC. */
export function keepHeapNearLiveSize(percent = HEAP_GROWING_PERCENT): void {
  setFlagsFromString(`--heap-growing-percent=${percent}`);
}
