import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHECKS } from '../../checks';
import { UsageError } from '../../src/errors';
import { loadInventory } from '../../src/inventory/io';
import { ALL_READS, SERVICES } from '../../src/inventory/types';
import { generateInventorySchema, SCHEMA_FILE } from '../../scripts/inventory-schema';

const DEMO = join(__dirname, '..', '..', 'samples', 'demo-inventory.json');
// Edited as untyped JSON on purpose: these are hand-broken files.
const demo = () => JSON.parse(readFileSync(DEMO, 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function saved(data: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'inv-')), 'inventory.json');
  writeFileSync(file, typeof data === 'string' ? data : JSON.stringify(data));
  return file;
}

const refusal = (file: string): string => {
  try {
    loadInventory(file);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('the inventory was accepted');
};

describe('loading a saved inventory', () => {
  it('accepts what an audit wrote, and upgrades a version 1 inventory (every read of its services)', () => {
    const inventory = loadInventory(DEMO);
    expect(inventory.schemaVersion).toBe(2);
    expect(inventory.reads).toEqual(ALL_READS.filter((r) => inventory.services.some((s) => r.startsWith(`${s}.`))));
  });

  it('refuses a string where a boolean belongs, naming the JSON path (it would flip root MFA FAIL to PASS)', () => {
    const data = demo();
    data.iam.accountSummary.value.mfaEnabled = 'false';
    const file = saved(data);
    expect(refusal(file)).toBe(`inventory ${file} does not match the inventory schema at /iam/accountSummary/value/mfaEnabled: must be boolean. Fix: pass the inventory.json an audit wrote, unedited.`);
  });

  it('refuses wrong types deep inside a section instead of failing in a check', () => {
    const data = demo();
    data.s3.buckets.value = { not: 'a list' };
    expect(refusal(saved(data))).toContain('at /s3/buckets/value: must be array');
    const rds = demo();
    rds.rds['us-east-1'].instances.value[0].publiclyAccessible = 'true';
    expect(refusal(saved(rds))).toContain('/rds/us-east-1/instances/value/0/publiclyAccessible: must be boolean');
  });

  it('refuses unknown fields and unknown reads', () => {
    const data = demo();
    data.iam.surprise = 1;
    expect(refusal(saved(data))).toContain("at /iam: unknown field 'surprise'");
    const reads = { ...demo(), schemaVersion: 2, reads: ['iam.credentialReport', 'iam.mindReading'] };
    expect(refusal(saved(reads))).toContain('lists reads this version does not know (iam.mindReading)');
  });

  it('never echoes control characters from a garbage file', () => {
    const message = refusal(saved('\u001b[31mred\u001b]0;title\u0007 not json'));
    expect(message).toContain('is not valid JSON');
    expect(message).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(message).toContain('\\x1b[31m');
  });
});

describe('the inventory schema', () => {
  it('is generated from the current inventory types (npm run schema)', () => {
    expect(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'))).toEqual(JSON.parse(generateInventorySchema()));
  }, 60_000);
});

describe('read ids', () => {
  it('every check names only reads that exist', () => {
    for (const check of CHECKS) expect({ check: check.id, unknown: check.reads.filter((r) => !ALL_READS.includes(r)) }).toEqual({ check: check.id, unknown: [] });
  });

  it('every read a collector asks for exists', () => {
    const dir = join(__dirname, '..', '..', 'src', 'collect');
    const named = readdirSync(dir).flatMap((f) => [...readFileSync(join(dir, f), 'utf8').matchAll(/wants\('([^']+)'\)|'([a-z0-9]+\.[A-Za-z]+)'(?= as const|,|\])/g)].map((m) => m[1] ?? m[2]));
    const reads = named.filter((r): r is string => r !== undefined && /^[a-z0-9]+\.[A-Za-z]+$/.test(r) && (SERVICES as readonly string[]).includes(r.split('.')[0] as string));
    expect(reads.length).toBeGreaterThan(10);
    expect(reads.filter((r) => !(ALL_READS as readonly string[]).includes(r))).toEqual([]);
  });
});
