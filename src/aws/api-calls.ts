/** Counts every API call the audit makes (pages included), by service and by operation, with the attempts they took. */
export class ApiCallCounter {
  private readonly counts = new Map<string, Map<string, number>>();
  private attemptCount = 0;

  record(service: string, operation: string): void {
    const ops = this.counts.get(service) ?? new Map<string, number>();
    ops.set(operation, (ops.get(operation) ?? 0) + 1);
    this.counts.set(service, ops);
  }

  /** A call ended after `attempts` HTTP attempts (1 when it was not retried). */
  recordAttempts(attempts: number): void {
    this.attemptCount += Math.max(1, attempts);
  }

  get total(): number {
    let sum = 0;
    for (const ops of this.counts.values()) for (const n of ops.values()) sum += n;
    return sum;
  }

  /** HTTP attempts, retries included (calls still in flight count once). */
  get attempts(): number {
    return Math.max(this.attemptCount, this.total);
  }

  get retries(): number {
    return this.attempts - this.total;
  }

  byService(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [service, ops] of [...this.counts].sort(([a], [b]) => a.localeCompare(b))) {
      out[service] = [...ops.values()].reduce((a, b) => a + b, 0);
    }
    return out;
  }

  byOperation(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [service, ops] of this.counts) for (const [op, n] of ops) out[`${service}:${op}`] = n;
    return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
  }

  /** What reports carry as `run.apiCalls`. */
  snapshot(): ApiCallCounts {
    return { total: this.total, attempts: this.attempts, retries: this.retries, byService: this.byService() };
  }
}

export interface ApiCallCounts {
  /** Calls made, paginator pages included. */
  total: number;
  /** HTTP attempts: calls plus their retries. */
  attempts: number;
  retries: number;
  byService: Record<string, number>;
}

/** The counts of several collections (an organization run's chunks) added up. */
export function sumApiCalls(parts: readonly ApiCallCounts[]): ApiCallCounts {
  const byService: Record<string, number> = {};
  for (const p of parts) for (const [s, n] of Object.entries(p.byService)) byService[s] = (byService[s] ?? 0) + n;
  const sum = (pick: (p: ApiCallCounts) => number) => parts.reduce((n, p) => n + pick(p), 0);
  return { total: sum((p) => p.total), attempts: sum((p) => p.attempts ?? p.total), retries: sum((p) => p.retries ?? 0), byService };
}
