import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultOutputDir, probeOutputDir, writeLocalReport } from '../../src/publish/local';
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

  it('probes a folder for real: creates it, writes and removes a file, and leaves nothing but the folder', () => {
    const root = mkdtempSync(join(tmpdir(), 'out-'));
    expect(probeOutputDir(join(root, 'new', 'deeper'))).toBeNull();
    expect(readdirSync(join(root, 'new', 'deeper'))).toEqual([]);
    expect(probeOutputDir(root)).toBeNull();
    expect(readdirSync(root)).toEqual(['new']);
  });

  it('tells why a folder under a file cannot take a report', () => {
    const root = mkdtempSync(join(tmpdir(), 'out-'));
    writeFileSync(join(root, 'file'), 'x');
    expect(probeOutputDir(join(root, 'file', 'x'))).toBe(`${join(root, 'file')} is a file, not a folder`);
    expect(probeOutputDir(join(root, 'file'))).toBe(`${join(root, 'file')} is a file, not a folder`);
  });

  // Root may write where access() is not asked; /proc refuses every user (and made Node's recursive mkdir spin).
  (process.platform === 'linux' ? it : it.skip)('refuses a folder nothing can be written in, quickly, whoever runs it', () => {
    expect(probeOutputDir('/proc/nope/x')).toMatch(/^(cannot create|this user may not create) \/proc\/nope \(E[A-Z]+\)$/);
    expect(probeOutputDir('/proc')).toMatch(/^(cannot write in|this user may not write in) \/proc \(E[A-Z]+\)$/);
    expect(existsSync('/proc/nope')).toBe(false);
  });

  // Permission bits do not stop root.
  (process.getuid?.() === 0 ? it.skip : it)('refuses a read-only folder', () => {
    const root = mkdtempSync(join(tmpdir(), 'out-'));
    chmodSync(root, 0o500);
    try {
      expect(probeOutputDir(join(root, 'run'))).toBe(`this user may not create ${join(root, 'run')} (EACCES)`);
      expect(probeOutputDir(root)).toBe(`this user may not write in ${root} (EACCES)`);
    } finally {
      chmodSync(root, 0o700);
    }
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
