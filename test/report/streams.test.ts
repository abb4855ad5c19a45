import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findingsData, findingsDataChunks, groupByCheck, jsonForScript } from '../../src/report/dashboard/findings-data';
import { jsonChunks, jsonDocument } from '../../src/report/json-stream';
import { sampleReport } from '../support/report';

describe('outputs written in pieces', () => {
  it.each([0, 1, 2, 3, 6])('jsonChunks gives the characters of JSON.stringify(value, null, 2), cut at depth %i', (depth) => {
    const inventory = JSON.parse(readFileSync(join(__dirname, '..', '..', 'samples', 'demo-inventory.json'), 'utf8')) as unknown;
    const odd = { a: [], b: {}, c: [1, undefined, 'x\ny', null], d: undefined, e: { f: [{ g: true }] }, when: new Date(0), 'quo"te': '</script>' };
    for (const value of [inventory, sampleReport(), odd, [], {}, 'text', 3, null]) {
      expect([...jsonChunks(value, depth)].join('')).toBe(JSON.stringify(value, null, 2));
    }
    expect([...jsonDocument(sampleReport())].join('')).toBe(`${JSON.stringify(sampleReport(), null, 2)}\n`);
  });

  it('findingsDataChunks gives the same text as the embedded block in one piece', () => {
    const groups = groupByCheck(sampleReport().findings);
    for (const slice of [1, 2, 1000]) expect([...findingsDataChunks(groups, slice)].join('')).toBe(jsonForScript(findingsData(groups)));
    expect([...findingsDataChunks([])].join('')).toBe(jsonForScript(findingsData([])));
  });
});

describe('a check with hundreds of thousands of findings', () => {
  it('is grouped and embedded without exhausting the call stack', () => {
    const [one] = sampleReport().findings;
    const many = Array.from({ length: 300_000 }, (_, i) => ({ ...one!, id: `f${i}`, resource: { ...one!.resource, id: `b${i}` } }));
    const groups = groupByCheck(many);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.findings).toHaveLength(300_000);
    let size = 0;
    for (const chunk of findingsDataChunks(groups)) size += chunk.length;
    expect(size).toBeGreaterThan(300_000);
  });
});
