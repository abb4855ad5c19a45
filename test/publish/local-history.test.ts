import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLocalHistory } from '../../src/publish/local-history';
import { sampleReport } from '../support/report';

describe('local history for the trend', () => {
  it('reads earlier runs of the same account from sibling folders, oldest first, skipping the rest', () => {
    const parent = mkdtempSync(join(tmpdir(), 'hist-'));
    const put = (folder: string, body: string) => {
      mkdirSync(join(parent, folder));
      writeFileSync(join(parent, folder, 'findings.json'), body);
    };
    const at = (startedAt: string, id: string, accountId = '111122223333') => {
      const r = sampleReport();
      return JSON.stringify({ ...r, run: { ...r.run, id, startedAt, accountId } });
    };
    put('2026-06-03T00-00-00Z', at('2026-06-03T00:00:00.000Z', 'c'));
    put('2026-06-01T00-00-00Z', at('2026-06-01T00:00:00.000Z', 'a'));
    put('other-account', at('2026-06-02T00:00:00.000Z', 'x', '999988887777'));
    put('half-written', '{"run": ');
    mkdirSync(join(parent, 'empty'));
    writeFileSync(join(parent, 'notes.txt'), 'not a folder');
    const points = readLocalHistory(parent, '111122223333');
    expect(points.map((p) => p.runId)).toEqual(['a', 'c']);
    expect(points[0]).toMatchObject({ score: 50, fail: 1, pass: 1, error: 0 });
    expect(readLocalHistory(parent, '111122223333', 1).map((p) => p.runId)).toEqual(['c']);
    expect(readLocalHistory(join(parent, 'missing'), '111122223333')).toEqual([]);
  });
});
