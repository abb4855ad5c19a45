/** Counts every API call the audit makes (pages included), by service and by operation. */
export class ApiCallCounter {
  private readonly counts = new Map<string, Map<string, number>>();

  record(service: string, operation: string): void {
    const ops = this.counts.get(service) ?? new Map<string, number>();
    ops.set(operation, (ops.get(operation) ?? 0) + 1);
    this.counts.set(service, ops);
  }

  get total(): number {
    let sum = 0;
    for (const ops of this.counts.values()) for (const n of ops.values()) sum += n;
    return sum;
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
}
