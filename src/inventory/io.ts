import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import Ajv, { type JSONSchemaType } from 'ajv';
import { UsageError } from '../errors';
import { INVENTORY_SCHEMA_VERSION, readsOfServices, SERVICES, type Inventory } from './types';

type Envelope = Pick<Inventory, 'accountId' | 'partition' | 'homeRegion' | 'regions' | 'collectedAt' | 'services'> & { schemaVersion: number };

// The envelope is validated strictly; service sections are trusted as the collector wrote them.
const ENVELOPE: JSONSchemaType<Envelope> = {
  type: 'object',
  required: ['schemaVersion', 'accountId', 'partition', 'homeRegion', 'regions', 'collectedAt', 'services'],
  properties: {
    schemaVersion: { type: 'integer', minimum: 1, maximum: INVENTORY_SCHEMA_VERSION },
    accountId: { type: 'string', pattern: '^\\d{12}$' },
    partition: { type: 'string', minLength: 1 },
    homeRegion: { type: 'string', minLength: 1 },
    regions: { type: 'array', items: { type: 'string' } },
    collectedAt: { type: 'string', minLength: 1 },
    services: { type: 'array', items: { type: 'string', enum: [...SERVICES] } },
  },
};
const validate = new Ajv({ allErrors: false }).compile(ENVELOPE);

/** Loads a saved inventory (inventory.json, or .json.gz) for an offline replay. */
export function loadInventory(path: string): Inventory {
  let raw: Buffer;
  try {
    raw = readFileSync(path);
  } catch (error) {
    throw new UsageError(`cannot read inventory ${path}: ${(error as Error).message}. Fix: pass the inventory.json of an earlier run.`);
  }
  let data: unknown;
  try {
    const text = path.endsWith('.gz') ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`inventory ${path} is not valid JSON: ${(error as Error).message}`);
  }
  if (!validate(data)) {
    const e = validate.errors?.[0];
    throw new UsageError(`inventory ${path} is not an inventory of this tool: ${e?.instancePath || '(top level)'} ${e?.message ?? ''}. Fix: pass the inventory.json an audit wrote.`);
  }
  const inventory = data as unknown as Inventory;
  // Version 1 made every read of its services and did not list them.
  const reads = inventory.schemaVersion === INVENTORY_SCHEMA_VERSION ? inventory.reads : readsOfServices(inventory.services);
  return { ...inventory, schemaVersion: INVENTORY_SCHEMA_VERSION, reads, errors: inventory.errors ?? [] };
}
