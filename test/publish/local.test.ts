import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultOutputDir, unwritableReason, writeLocalReport } from '../../src/publish/local';
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
    expect(files.map((f) => f.slice(dir.length + 1))).toEqual(['findings.json', 'framework.json', 'findings.csv', 'summary.json', 'open-failures.json', 'inventory.json', 'manifest.json']);
    expect(readdirSync(dir).sort()).toEqual(['findings.csv', 'findings.json', 'framework.json', 'inventory.json', 'manifest.json', 'open-failures.json', 'summary.json']);
    expect(JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'))).toMatchObject({ run_id: 'run-1', findings_key: 'findings.json', report_key: '', coverage: 100, complete: true });
    expect(JSON.parse(readFileSync(join(dir, 'findings.json'), 'utf8')).run.accountId).toBe('111122223333');
    expect(JSON.parse(readFileSync(join(dir, 'inventory.json'), 'utf8')).accountId).toBe('111122223333');
    expect(statSync(join(dir, 'findings.json')).mode & 0o777).toBe(0o600);
  });

  it('writes a format named twice once', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'out-')), 'run');
    const files = writeLocalReport(dir, sampleReport(), inventory(), ['csv', 'json', 'csv']);
    expect(files.map((f) => f.slice(dir.length + 1))).toEqual(['findings.csv', 'findings.json', 'framework.json', 'summary.json', 'open-failures.json', 'inventory.json', 'manifest.json']);
    expect(readdirSync(dir).sort()).toEqual(['findings.csv', 'findings.json', 'framework.json', 'inventory.json', 'manifest.json', 'open-failures.json', 'summary.json']);
  });

  it('tells why a folder cannot take a report, without creating anything', () => {
    const root = mkdtempSync(join(tmpdir(), 'out-'));
    writeFileSync(join(root, 'file'), 'x');
    expect(unwritableReason(join(root, 'new', 'deeper'))).toBeNull();
    expect(existsSync(join(root, 'new'))).toBe(false);
    expect(unwritableReason(join(root, 'file', 'x'))).toBe(`${join(root, 'file')} is a file, not a folder`);
    expect(unwritableReason(join(root, 'file'))).toBe(`${join(root, 'file')} is a file, not a folder`);
  });

  it('leaves nothing behind when a renderer fails', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'out-')), 'run');
    // The HTML fails half-way through, after findings.json was written in full to its temporary file.
    const spy = jest.spyOn(html, 'htmlChunks').mockImplementation(function* () {
      yield '<!DOCTYPE html>';
      throw new Error('render failed');
    });
    expect(() => writeLocalReport(dir, sampleReport(), inventory(), ['json', 'html'])).toThrow('render failed');
    expect(existsSync(join(dir, 'findings.json'))).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
    spy.mockRestore();
  });
});
