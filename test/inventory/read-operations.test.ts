import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { READ_OPERATIONS, READS_OF_OPERATION } from '../../src/inventory/read-operations';
import { ALL_READS } from '../../src/inventory/types';

const COLLECT = join(__dirname, '..', '..', 'src', 'collect');

/** Every operation name the collectors record errors under, as their code spells them. */
function operationsNamed(): Set<string> {
  const names = new Set<string>();
  const patterns = [
    /operation: '(\w+)'/g, // attempt({ ...site, operation: 'X' })
    /operation = '(\w+)'/g, // the credential report's current step
    /site\('\w+', '(\w+)'\)/g, // ELB's site(client, operation)
    /read(?:Value)?\('[a-z0-9]+\.\w+', '(\w+)'/g, // S3's per-bucket reads
    /toApiError\(error, [^,]+, [^,]+, '(\w+)'\)/g,
  ];
  for (const file of readdirSync(COLLECT).filter((f) => f.endsWith('.ts'))) {
    const source = readFileSync(join(COLLECT, file), 'utf8');
    for (const p of patterns) for (const m of source.matchAll(p)) names.add(m[1]!);
  }
  return names;
}

describe('READ_OPERATIONS', () => {
  it('has an entry for every read, and only for reads', () => {
    expect(Object.keys(READ_OPERATIONS).sort()).toEqual([...ALL_READS].sort());
  });

  it('knows every operation the collectors name, so each failed call can be traced to its reads', () => {
    const known = new Set([...READS_OF_OPERATION.keys()].map((k) => k.split(':')[1]));
    const named = operationsNamed();
    expect(named.size).toBeGreaterThan(60);
    // `collect`: a whole service or region that failed, counted by its service (src/inventory/errors.ts).
    expect([...named].filter((op) => op !== 'collect' && !known.has(op))).toEqual([]);
  });
});
