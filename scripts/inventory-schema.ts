/**
 * Generates src/inventory/inventory.schema.json, the JSON Schema of inventory.json, from the TypeScript types in
 * src/inventory/ (ts-json-schema-generator), so a replayed inventory is validated against exactly what the
 * collectors write. Run `npm run schema` after changing an inventory type; a test fails while the file is stale.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createGenerator } from 'ts-json-schema-generator';

const root = join(__dirname, '..');
export const SCHEMA_FILE = join(root, 'src', 'inventory', 'inventory.schema.json');

export function generateInventorySchema(): string {
  const schema = createGenerator({
    path: join(root, 'src', 'inventory', 'types.ts'),
    tsconfig: join(root, 'tsconfig.json'),
    type: 'Inventory',
    topRef: false,
    additionalProperties: false,
    skipTypeCheck: true,
  }).createSchema('Inventory');
  // The generator names anonymous aliases after a hash of their file's absolute path: drop it, so the schema is the
  // same in every checkout.
  return `${JSON.stringify(schema, null, 1).replace(/alias-(\d+)-(\d+)-(\d+)-\1-/g, 'alias-$2-$3-')}\n`;
}

if (require.main === module) {
  writeFileSync(SCHEMA_FILE, generateInventorySchema());
  process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
}
