/**
 * Assembles samples/demo-inventory.json from the per-service fragments in samples/demo/.
 * Run after editing a fragment: npx tsx samples/build-demo.ts
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { INVENTORY_SCHEMA_VERSION, readsOfServices, SERVICES, type Inventory } from '../src/inventory/types';

const dir = join(__dirname, 'demo');
const sections: Record<string, unknown> = {};
for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
  Object.assign(sections, JSON.parse(readFileSync(join(dir, file), 'utf8')));
}
const services = SERVICES.filter((s) => s in sections);
const inventory: Inventory = {
  schemaVersion: INVENTORY_SCHEMA_VERSION,
  tool: { name: 'hipaa-posture-auditor', version: 'demo' },
  accountId: '123456789012',
  partition: 'aws',
  homeRegion: 'us-east-1',
  regions: ['us-east-1', 'eu-west-1'],
  collectedAt: '2026-11-20T09:00:00.000Z',
  services,
  reads: readsOfServices(services),
  errors: [],
  ...sections,
};
writeFileSync(join(__dirname, 'demo-inventory.json'), `${JSON.stringify(inventory, null, 2)}\n`);
console.log(`samples/demo-inventory.json: ${inventory.services.join(', ')}`);
