import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { DEFAULT_CONFIG } from '../../src/config/types';
import { loadInventory } from '../../src/inventory/io';
import type { Inventory } from '../../src/inventory/types';
import type { TrendPoint } from '../../src/report/html';
import { runAudit, type AuditRun } from '../../src/run-audit';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const XSS = '<img src=x onerror=alert(1)>';
export const DEMO_INVENTORY = join(__dirname, '..', '..', 'samples', 'demo-inventory.json');

/** Launches the system Chromium (Debian package `chromium`) headless; fails loudly when it is not installed. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}: the dashboard tests need a real browser. Fix: apt-get install chromium (or set CHROMIUM_PATH).`);
  }
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

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
  return { ...inv, s3: { ...inv.s3, buckets: { ok: true, value: [...inv.s3.buckets.value, hostile] } } };
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
