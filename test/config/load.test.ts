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

  it('reads the transmission thresholds: accepted ELB policies, TLS pass-through ports (none unless declared) and certificate days', () => {
    const cfg = loadConfig(
      file('tls.yaml', ['thresholds:', '  elbSslPolicies: [ELBSecurityPolicy-TLS13-1-3-*]', '  elbTlsPassthroughPorts: [443, 2575]', '  acmMinDaysToExpiry: 45'].join('\n')),
      ids,
    );
    expect(cfg.thresholds).toMatchObject({ elbSslPolicies: ['ELBSecurityPolicy-TLS13-1-3-*'], elbTlsPassthroughPorts: [443, 2575], acmMinDaysToExpiry: 45 });
    // Undeclared means none: a TCP listener on 443 is not assumed to carry TLS.
    expect(loadConfig(file('empty.yaml', 'thresholds:\n  acmMinDaysToExpiry: 45\n'), ids).thresholds.elbTlsPassthroughPorts).toEqual([]);
    expect(DEFAULT_THRESHOLDS).toMatchObject({ elbTlsPassthroughPorts: [], acmMinDaysToExpiry: 30 });
    expect(DEFAULT_THRESHOLDS.elbSslPolicies).toContain('ELBSecurityPolicy-TLS13-1-2-*');
  });
  it('reads dynamodbRequireCustomerManagedKey (default false) and refuses a non-boolean', () => {
    expect(DEFAULT_THRESHOLDS.dynamodbRequireCustomerManagedKey).toBe(false);
    expect(loadConfig(file('cmk.yaml', 'thresholds:\n  dynamodbRequireCustomerManagedKey: true\n'), ids).thresholds.dynamodbRequireCustomerManagedKey).toBe(true);
    expect(() => loadConfig(file('cmk.json', '{"thresholds":{"dynamodbRequireCustomerManagedKey":"yes"}}'), ids)).toThrow(/\/thresholds\/dynamodbRequireCustomerManagedKey: must be boolean/);
  });

  it('accepts JSON', () => {
    expect(loadConfig(file('ok.json', '{"thresholds":{"backupRetentionDays":14}}'), ids).thresholds.backupRetentionDays).toBe(14);
  });

  it('takes the AWS Backup plan retention from the file, 35 days by default, and refuses zero', () => {
    expect(loadConfig(file('plan.json', '{"thresholds":{"backupPlanRetentionDays":90}}'), ids).thresholds.backupPlanRetentionDays).toBe(90);
    expect(loadConfig(file('none.json', '{}'), ids).thresholds.backupPlanRetentionDays).toBe(35);
    expect(() => loadConfig(file('zero.json', '{"thresholds":{"backupPlanRetentionDays":0}}'), ids)).toThrow(/\/thresholds\/backupPlanRetentionDays: must be >= 1/);
  });

  it('keeps six years of audit log retention unless set', () => {
    expect(loadConfig(file('empty.yaml', ''), ids).thresholds.auditLogRetentionDays).toBe(2192);
    expect(loadConfig(file('ten.yaml', 'thresholds:\n  auditLogRetentionDays: 3653\n'), ids).thresholds.auditLogRetentionDays).toBe(3653);
  });

  it.each([
    ['a threshold of the wrong type', '{"thresholds":{"accessKeyMaxAgeDays":"ninety"}}', /\/thresholds\/accessKeyMaxAgeDays: must be integer/],
    ['an unknown field', '{"thresholds":{"keyAge":9}}', /\/thresholds: unknown field 'keyAge'/],
    ['a suppression without reason', '{"suppressions":[{"checkId":"iam.root-mfa","resource":"*"}]}', /\/suppressions\/0: must have required property 'reason'/],
    ['a malformed expiry date', '{"suppressions":[{"checkId":"iam.root-mfa","resource":"*","reason":"why not","expires":"next year"}]}', /\/suppressions\/0\/expires: must match format "date"/],
    ['an unknown check id', '{"suppressions":[{"checkId":"iam.nope","resource":"*","reason":"because"}]}', /\/suppressions\/0\/checkId: unknown check 'iam.nope'/],
    ['a broken regular expression', '{"suppressions":[{"checkId":"iam.root-mfa","resource":"/(unclosed/","reason":"because"}]}', /\/suppressions\/0\/resource: invalid regular expression/],
    ['an admin port out of range', '{"thresholds":{"adminPorts":[70000]}}', /\/thresholds\/adminPorts\/0: must be <= 65535/],
    ['an empty list of accepted ELB policies', '{"thresholds":{"elbSslPolicies":[]}}', /\/thresholds\/elbSslPolicies: must NOT have fewer than 1 items/],
    ['a pass-through port of 0', '{"thresholds":{"elbTlsPassthroughPorts":[0]}}', /\/thresholds\/elbTlsPassthroughPorts\/0: must be >= 1/],
    ['a certificate window over a year', '{"thresholds":{"acmMinDaysToExpiry":400}}', /\/thresholds\/acmMinDaysToExpiry: must be <= 365/],
    ['a log retention CloudWatch Logs cannot keep', '{"thresholds":{"auditLogRetentionDays":4000}}', /\/thresholds\/auditLogRetentionDays: must be <= 3653/],
  ])('rejects %s with the path of the bad field', (_, body, message) => {
    const path = file('bad.json', body);
    expect(() => loadConfig(path, ids)).toThrow(UsageError);
    expect(() => loadConfig(path, ids)).toThrow(message);
  });

  it('rejects unparsable YAML and a missing file with the file name', () => {
    expect(() => loadConfig(file('broken.yaml', 'thresholds: [1,\n'), ids)).toThrow(/broken.yaml is not valid YAML or JSON/);
    expect(() => loadConfig(join(dir, 'absent.yaml'), ids)).toThrow(/cannot read config file .*absent.yaml/);
  });

  it('reads rootUnusedDays and publicInstanceAllowTags, keeping their defaults when unset', () => {
    expect(DEFAULT_THRESHOLDS.rootUnusedDays).toBe(90);
    expect(DEFAULT_THRESHOLDS.publicInstanceAllowTags).toEqual([]);
    const cfg = loadConfig(
      file('exposure.yaml', ['thresholds:', '  rootUnusedDays: 30', '  publicInstanceAllowTags:', '    - key: exposure', '      value: public', '    - key: bastion'].join('\n')),
      ids,
    );
    expect(cfg.thresholds.rootUnusedDays).toBe(30);
    expect(cfg.thresholds.publicInstanceAllowTags).toEqual([{ key: 'exposure', value: 'public' }, { key: 'bastion' }]);
    expect(cfg.thresholds.accessKeyMaxAgeDays).toBe(90);
  });

  it.each([
    ['an allow tag without key', '{"thresholds":{"publicInstanceAllowTags":[{"value":"x"}]}}', /\/thresholds\/publicInstanceAllowTags\/0: must have required property 'key'/],
    ['an allow tag with an unknown field', '{"thresholds":{"publicInstanceAllowTags":[{"key":"a","Value":"x"}]}}', /unknown field 'Value'/],
    ['a root period of zero days', '{"thresholds":{"rootUnusedDays":0}}', /\/thresholds\/rootUnusedDays: must be >= 1/],
  ])('rejects %s', (_, body, message) => {
    expect(() => loadConfig(file('bad-exposure.json', body), ids)).toThrow(message);
  });

  it('reads the classification: tags (replacing the defaults), ARN patterns, the severity switch, added eligible services', () => {
    expect(parseConfig({}, 'c', ids).classification).toBeUndefined();
    const cfg = parseConfig(
      {
        classification: {
          tags: [{ key: 'Sensitivity', values: ['PHI', 'restricted'] }],
          arns: ['arn:aws:s3:::ehr-*', '/:table\\/claims$/'],
          raiseSeverity: false,
          eligibleServices: ['lightsail'],
        },
        thresholds: { noncurrentVersionRetentionDays: 90 },
      },
      'c.yaml',
      ids,
    );
    expect(cfg.classification).toEqual({
      enabled: true,
      tags: [{ key: 'Sensitivity', values: ['PHI', 'restricted'] }],
      arns: ['arn:aws:s3:::ehr-*', '/:table\\/claims$/'],
      raiseSeverity: false,
      eligibleServices: ['lightsail'],
    });
    expect(cfg.thresholds.noncurrentVersionRetentionDays).toBe(90);
    expect(DEFAULT_THRESHOLDS.noncurrentVersionRetentionDays).toBe(30);
    expect(parseConfig({ classification: { enabled: false } }, 'c', ids).classification).toMatchObject({ enabled: false, raiseSeverity: true, tags: [{ key: 'data-classification', values: ['phi', 'ephi'] }, { key: 'phi', values: ['true', 'yes'] }] });
  });

  it('refuses a bad classification: a tag without values, an unknown field, a bad pattern or service name', () => {
    expect(() => parseConfig({ classification: { tags: [{ key: 'phi', values: [] }] } }, 'c.yaml', ids)).toThrow('config file c.yaml: /classification/tags/0/values: must NOT have fewer than 1 items');
    expect(() => parseConfig({ classification: { tag: [] } }, 'c.yaml', ids)).toThrow("/classification: unknown field 'tag'");
    expect(() => parseConfig({ classification: { arns: ['/(unclosed/'] } }, 'c.yaml', ids)).toThrow(/\/classification\/arns\/0: invalid regular expression/);
    expect(() => parseConfig({ classification: { eligibleServices: ['Light Sail'] } }, 'c.yaml', ids)).toThrow('/classification/eligibleServices/0: must match pattern');
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
