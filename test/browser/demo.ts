import { join } from 'node:path';
import { DEFAULT_CONFIG } from '../../src/config/types';
import type { Finding, FindingsReport } from '../../src/evaluate/finding';
import { summarize } from '../../src/evaluate/summary';
import { loadInventory } from '../../src/inventory/io';
import type { Inventory } from '../../src/inventory/types';
import type { TrendPoint } from '../../src/report/html';
import { runAudit, type AuditRun } from '../../src/run-audit';

export const XSS = '<img src=x onerror=alert(1)>';
export const DEMO_INVENTORY = join(__dirname, '..', '..', 'samples', 'demo-inventory.json');
export { launchChromium } from './chromium';

/**
 * The demo account, optionally with one more bucket whose name is an HTML injection: it goes through the whole
 * pipeline (collect data -> checks -> findings -> summary), as a hostile resource name in a real account would.
 */
export function demoInventory(withHostileBucket: boolean): Inventory {
  const inv = loadInventory(DEMO_INVENTORY);
  if (!withHostileBucket || !inv.s3?.buckets?.ok) return inv;
  const template = inv.s3.buckets.value[0]!;
  const hostile = {
    ...template,
    name: XSS,
    arn: `arn:aws:s3:::${XSS}`,
    versioning: { ok: true as const, value: { status: 'Suspended' as const, mfaDelete: false } },
  };
  // Tagged as ePHI, so the hostile name also reaches the "Where ePHI lives" view.
  const tagging = inv.tagging?.[template.region]?.resources;
  const tagged = tagging?.ok
    ? { ...inv.tagging, [template.region]: { resources: { ok: true as const, value: [...tagging.value, { arn: hostile.arn, tags: { 'data-classification': 'phi' } }] } } }
    : inv.tagging;
  return { ...inv, s3: { ...inv.s3, buckets: { ok: true, value: [...inv.s3.buckets.value, hostile] } }, ...(tagged ? { tagging: tagged } : {}) };
}

export function demoRun(withHostileBucket = true): Promise<AuditRun> {
  return runAudit({ source: { kind: 'inventory', inventory: demoInventory(withHostileBucket) }, config: DEFAULT_CONFIG });
}

/** A plausible month of daily runs before `last` (deterministic), for the trend. */
export function demoHistory(last: string, runs = 30): TrendPoint[] {
  const end = Date.parse(last);
  return Array.from({ length: runs }, (_, i) => {
    const k = runs - i;
    const wobble = [0.8, -0.6, 1.4, 0, -1.1, 0.5][i % 6]!;
    const score = Math.round((43 + (i * 13) / runs + wobble) * 10) / 10;
    const fail = Math.round(76 - (i * 20) / runs - wobble);
    return { runId: `demo-${i + 1}`, startedAt: new Date(end - k * 86_400_000).toISOString(), score, fail, pass: 132 - fail - 5, error: 5 };
  });
}

/**
 * A report of about `size` findings: the demo account's findings repeated over numbered copies of its resources
 * (ids, ARNs and messages carry the copy's number), summarised by the real summarize. For the 10,000-finding
 * browser test and the load benchmark.
 */
export async function largeReport(size = 10_000): Promise<FindingsReport> {
  const { report } = await demoRun(false);
  const base = report.findings;
  const findings: Finding[] = [];
  for (let copy = 0; findings.length < size; copy++) {
    for (const f of base) {
      if (findings.length >= size) break;
      const tag = copy === 0 ? '' : `-${copy}`;
      findings.push({
        ...f,
        id: `${f.id}${tag}`,
        resource: { ...f.resource, id: `${f.resource.id}${tag}`, arn: `${f.resource.arn}${tag}` },
        message: copy === 0 ? f.message : `${f.message} (copy ${copy})`,
      });
    }
  }
  return { ...report, findings, summary: summarize(findings, report.summary.expiredSuppressions) };
}
