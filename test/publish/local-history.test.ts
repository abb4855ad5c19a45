import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FindingsReport } from '../../src/evaluate/finding';
import { readLocalHistory, SUMMARY_FILE } from '../../src/publish/local-history';
import { summaryRecord } from '../../src/publish/s3/records';
import { sampleReport } from '../support/report';

describe('local history for the trend', () => {
  const parent = mkdtempSync(join(tmpdir(), 'hist-'));
  const current = sampleReport().run;
  const put = (folder: string, body: string, file = SUMMARY_FILE) => {
    mkdirSync(join(parent, folder), { recursive: true });
    writeFileSync(join(parent, folder, file), body);
  };
  const summaryOf = (run: Partial<FindingsReport['run']>) => {
    const r = sampleReport();
    return JSON.stringify(summaryRecord({ ...r, run: { ...r.run, ...run } }, { report: 'report.html', findingsJson: 'findings.json' }));
  };
  put('2026-06-03', summaryOf({ id: 'c', startedAt: '2026-06-03T00:00:00.000Z', collectedAt: '2026-06-03T00:00:00.000Z' }));
  // Evaluated last, collected first: placed by its evidence.
  put('2026-06-04', summaryOf({ id: 'a', startedAt: '2026-06-04T00:00:00.000Z', collectedAt: '2026-06-01T00:00:00.000Z' }));
  put('other-account', summaryOf({ id: 'x', accountId: '999988887777' }));
  put('other-checks', summaryOf({ id: 'y', checks: ['s3.bucket-versioning', 'iam.root-mfa'] }));
  put('other-regions', summaryOf({ id: 'z', regions: ['us-east-1', 'eu-west-1'] }));
  put('full-findings-only', JSON.stringify(sampleReport()), 'findings.json');
  put('half-written', '{"run_id": ');
  mkdirSync(join(parent, 'empty'));
  writeFileSync(join(parent, 'notes.txt'), 'not a folder');

  it('reads the summaries of the same account and scope, oldest evidence first, and counts other scopes apart', () => {
    const history = readLocalHistory(parent, current);
    expect(history.points.map((p) => p.runId)).toEqual(['a', 'c']);
    expect(history.points[0]).toMatchObject({ collectedAt: '2026-06-01T00:00:00.000Z', score: 50, fail: 1, pass: 1, error: 0, coverage: 100 });
    expect(history.otherScopes).toBe(2);
    expect(readLocalHistory(parent, current, 1).points.map((p) => p.runId)).toEqual(['c']);
    expect(readLocalHistory(join(parent, 'missing'), current)).toEqual({ points: [], otherScopes: 0 });
  });

  it('leaves out the run itself', () => {
    expect(readLocalHistory(parent, { ...current, id: 'c' }).points.map((p) => p.runId)).toEqual(['a']);
  });

  it('compares an older summary without a scope key by its regions and number of checks', () => {
    const legacy = JSON.parse(summaryOf({ id: 'old', startedAt: '2026-05-01T00:00:00.000Z', collectedAt: '2026-05-01T00:00:00.000Z' })) as Record<string, unknown>;
    delete legacy.scope;
    delete legacy.evidence_collected_at;
    put('legacy', JSON.stringify(legacy));
    const points = readLocalHistory(parent, current).points;
    expect(points[0]).toMatchObject({ runId: 'old' });
    expect(points[0]!.collectedAt).toBeUndefined();
    expect(readLocalHistory(parent, { ...current, checks: ['a.b', 'c.d'] }).points.map((p) => p.runId)).not.toContain('old');
  });
});
