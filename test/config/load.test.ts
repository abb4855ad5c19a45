import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, parseConfig } from '../../src/config/load';
import { compileResourcePattern, isExpired } from '../../src/config/suppressions';
import { DEFAULT_THRESHOLDS } from '../../src/config/types';
import { UsageError } from '../../src/errors';

const ids = ['s3.bucket-versioning', 'iam.root-mfa'];
const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
const file = (name: string, body: string) => {
  const p = join(dir, name);
  writeFileSync(p, body);
  return p;
};

describe('config file', () => {
  it('returns the defaults when no file is given', () => {
    expect(loadConfig(undefined, ids)).toEqual({ thresholds: DEFAULT_THRESHOLDS, suppressions: [] });
  });

  it('merges YAML thresholds over the defaults and keeps suppressions', () => {
    const cfg = loadConfig(
      file(
        'ok.yaml',
        [
          'thresholds:',
          '  accessKeyMaxAgeDays: 30',
          '  adminPorts: [22, 3389]',
          '  passwordPolicy:',
          '    minimumLength: 16',
          '    maxAgeDays: null',
          'suppressions:',
          '  - checkId: s3.bucket-versioning',
          '    resource: "arn:aws:s3:::logs-*"',
          '    reason: log buckets are write-once and replicated',
          '    expires: 2027-01-31',
        ].join('\n'),
      ),
      ids,
    );
    expect(cfg.thresholds.accessKeyMaxAgeDays).toBe(30);
    expect(cfg.thresholds.unusedCredentialDays).toBe(45);
    expect(cfg.thresholds.adminPorts).toEqual([22, 3389]);
    expect(cfg.thresholds.passwordPolicy).toMatchObject({ minimumLength: 16, maxAgeDays: null, reusePrevention: 24 });
    expect(cfg.suppressions).toEqual([
      { checkId: 's3.bucket-versioning', resource: 'arn:aws:s3:::logs-*', reason: 'log buckets are write-once and replicated', expires: '2027-01-31' },
    ]);
  });

  it('reads dynamodbRequireCustomerManagedKey (default false) and refuses a non-boolean', () => {
    expect(DEFAULT_THRESHOLDS.dynamodbRequireCustomerManagedKey).toBe(false);
    expect(loadConfig(file('cmk.yaml', 'thresholds:\n  dynamodbRequireCustomerManagedKey: true\n'), ids).thresholds.dynamodbRequireCustomerManagedKey).toBe(true);
    expect(() => loadConfig(file('cmk.json', '{"thresholds":{"dynamodbRequireCustomerManagedKey":"yes"}}'), ids)).toThrow(/\/thresholds\/dynamodbRequireCustomerManagedKey: must be boolean/);
  });

  it('accepts JSON', () => {
    expect(loadConfig(file('ok.json', '{"thresholds":{"backupRetentionDays":14}}'), ids).thresholds.backupRetentionDays).toBe(14);
  });

  it.each([
    ['a threshold of the wrong type', '{"thresholds":{"accessKeyMaxAgeDays":"ninety"}}', /\/thresholds\/accessKeyMaxAgeDays: must be integer/],
    ['an unknown field', '{"thresholds":{"keyAge":9}}', /\/thresholds: unknown field 'keyAge'/],
    ['a suppression without reason', '{"suppressions":[{"checkId":"iam.root-mfa","resource":"*"}]}', /\/suppressions\/0: must have required property 'reason'/],
    ['a malformed expiry date', '{"suppressions":[{"checkId":"iam.root-mfa","resource":"*","reason":"why not","expires":"next year"}]}', /\/suppressions\/0\/expires: must match format "date"/],
    ['an unknown check id', '{"suppressions":[{"checkId":"iam.nope","resource":"*","reason":"because"}]}', /\/suppressions\/0\/checkId: unknown check 'iam.nope'/],
    ['a broken regular expression', '{"suppressions":[{"checkId":"iam.root-mfa","resource":"/(unclosed/","reason":"because"}]}', /\/suppressions\/0\/resource: invalid regular expression/],
    ['an admin port out of range', '{"thresholds":{"adminPorts":[70000]}}', /\/thresholds\/adminPorts\/0: must be <= 65535/],
  ])('rejects %s with the path of the bad field', (_, body, message) => {
    const path = file('bad.json', body);
    expect(() => loadConfig(path, ids)).toThrow(UsageError);
    expect(() => loadConfig(path, ids)).toThrow(message);
  });

  it('rejects unparsable YAML and a missing file with the file name', () => {
    expect(() => loadConfig(file('broken.yaml', 'thresholds: [1,\n'), ids)).toThrow(/broken.yaml is not valid YAML or JSON/);
    expect(() => loadConfig(join(dir, 'absent.yaml'), ids)).toThrow(/cannot read config file .*absent.yaml/);
  });

  it('treats an empty file as no settings', () => {
    expect(loadConfig(file('empty.yaml', ''), ids)).toEqual({ thresholds: DEFAULT_THRESHOLDS, suppressions: [] });
    expect(parseConfig({ suppressions: [] }, 'inline', ids).suppressions).toEqual([]);
  });
});

describe('suppression patterns', () => {
  it('globs match across the slashes and colons of ARNs', () => {
    const m = compileResourcePattern('arn:aws:ec2:*:111122223333:volume/*');
    expect(m('arn:aws:ec2:us-east-1:111122223333:volume/vol-1')).toBe(true);
    expect(m('arn:aws:ec2:us-east-1:999999999999:volume/vol-1')).toBe(false);
    expect(compileResourcePattern('*')('arn:aws:s3:::a/b')).toBe(true);
  });

  it('reads /.../ as a regular expression', () => {
    const m = compileResourcePattern('/^vpc-0a/');
    expect(m('vpc-0a12')).toBe(true);
    expect(m('vpc-0b12')).toBe(false);
  });

  it('expires on its expiry day, not before', () => {
    const s = { checkId: 'x.y', resource: '*', reason: 'r', expires: '2026-03-01' };
    expect(isExpired(s, new Date('2026-02-28T23:59:59Z'))).toBe(false);
    expect(isExpired(s, new Date('2026-03-01T00:00:00Z'))).toBe(true);
    expect(isExpired({ ...s, expires: undefined }, new Date('2099-01-01'))).toBe(false);
  });
});
