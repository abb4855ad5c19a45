import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultOutputDir, writeLocalReport } from '../../src/publish/local';
import * as html from '../../src/report/html';
import { inventory } from '../support/inventory';
import { sampleReport } from '../support/report';

describe('local report', () => {
  it('names the default folder by account and UTC start time', () => {
    const report = sampleReport();
    expect(defaultOutputDir('reports', report)).toBe(join('reports', '111122223333', '2026-06-01T12-00-00Z'));
  });

  it('writes the chosen formats plus the inventory, owner-readable only', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'out-')), 'nested', 'run');
    const files = writeLocalReport(dir, sampleReport(), inventory(), ['json', 'csv']);
    expect(files.map((f) => f.slice(dir.length + 1))).toEqual(['findings.json', 'findings.csv', 'inventory.json']);
    expect(readdirSync(dir).sort()).toEqual(['findings.csv', 'findings.json', 'inventory.json']);
    expect(JSON.parse(readFileSync(join(dir, 'findings.json'), 'utf8')).run.accountId).toBe('111122223333');
    expect(JSON.parse(readFileSync(join(dir, 'inventory.json'), 'utf8')).accountId).toBe('111122223333');
    expect(statSync(join(dir, 'findings.json')).mode & 0o777).toBe(0o600);
  });

  it('leaves nothing behind when a renderer fails', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'out-')), 'run');
    const spy = jest.spyOn(html, 'renderHtml').mockImplementation(() => {
      throw new Error('render failed');
    });
    expect(() => writeLocalReport(dir, sampleReport(), inventory(), ['json', 'html'])).toThrow('render failed');
    expect(existsSync(join(dir, 'findings.json'))).toBe(false);
    spy.mockRestore();
  });
});
