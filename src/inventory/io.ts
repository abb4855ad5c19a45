import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import Ajv, { type ErrorObject } from 'ajv';
import { printable, UsageError } from '../errors';
import schema from './inventory.schema.json';
import { ALL_READS, INVENTORY_SCHEMA_VERSION, readsOfServices, type Inventory, type ServiceName } from './types';

// The full schema of every service section, generated from the inventory types (npm run schema): a replayed
// inventory is trusted no more than an API answer. allErrors, to report the deepest mismatch, not the first branch.
const validate = new Ajv({ allErrors: true, strict: false }).compile<Inventory>(schema);

/** The most specific mismatch: the deepest path (a string "false" inside a Read beats "must match a schema in anyOf"). */
function deepest(errors: readonly ErrorObject[]): ErrorObject | undefined {
  return [...errors].sort((a, b) => b.instancePath.split('/').length - a.instancePath.split('/').length || Number(a.keyword === 'anyOf') - Number(b.keyword === 'anyOf'))[0];
}

function describe(e: ErrorObject | undefined): string {
  if (!e) return '(top level) is not valid';
  const where = e.instancePath || '(top level)';
  if (e.keyword === 'additionalProperties') return `${where}: unknown field '${(e.params as { additionalProperty: string }).additionalProperty}'`;
  if (e.keyword === 'const' || e.keyword === 'enum') return `${where}: ${e.message ?? 'invalid'} (${JSON.stringify((e.params as { allowedValue?: unknown; allowedValues?: unknown }).allowedValue ?? (e.params as { allowedValues?: unknown }).allowedValues)})`;
  return `${where}: ${e.message ?? 'invalid'}`;
}

/** Schema version 1 made every read of its services and did not list them: upgrade it before validating. */
function upgrade(data: unknown): unknown {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return data;
  const record = data as Record<string, unknown>;
  if (record.schemaVersion === 1 && record.reads === undefined && Array.isArray(record.services)) {
    return { ...record, schemaVersion: INVENTORY_SCHEMA_VERSION, reads: readsOfServices(record.services as ServiceName[]) };
  }
  return data;
}

/**
 * Loads a saved inventory (inventory.json, or .json.gz) for an offline replay, validated against the full schema of
 * every section (types, not only the top level): a bad one is refused with the JSON path, never judged.
 */
export function loadInventory(path: string): Inventory {
  const shown = printable(path);
  let raw: Buffer;
  try {
    raw = readFileSync(path);
  } catch (error) {
    throw new UsageError(`cannot read inventory ${shown}: ${printable((error as Error).message)}. Fix: pass the inventory.json of an earlier run.`);
  }
  let data: unknown;
  try {
    const text = path.endsWith('.gz') ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
    data = JSON.parse(text);
  } catch (error) {
    // The parser quotes the input: escape it, so a hostile file cannot drive the terminal.
    throw new UsageError(`inventory ${shown} is not valid JSON: ${printable((error as Error).message)}. Fix: pass the inventory.json an audit wrote.`);
  }
  data = upgrade(data);
  if (!validate(data)) {
    throw new UsageError(`inventory ${shown} does not match the inventory schema at ${printable(describe(deepest(validate.errors ?? [])))}. Fix: pass the inventory.json an audit wrote, unedited.`);
  }
  const inventory = data;
  const unknown = inventory.reads.filter((r) => !ALL_READS.includes(r));
  if (unknown.length) throw new UsageError(`inventory ${shown} lists reads this version does not know (${printable(unknown.join(', '))}). Fix: replay it with the version that wrote it (${printable(inventory.tool.version)}).`);
  if (!/^\d{12}$/.test(inventory.accountId)) throw new UsageError(`inventory ${shown}: /accountId: must be 12 digits. Fix: pass the inventory.json an audit wrote, unedited.`);
  return inventory;
}
