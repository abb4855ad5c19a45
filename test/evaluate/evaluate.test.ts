import { DEFAULT_CONFIG, type AuditConfig } from '../../src/config/types';
import { evaluate, findingId } from '../../src/evaluate/evaluate';
import { accountResource, fail, pass } from '../../src/evaluate/results';
import { selectChecks } from '../../src/evaluate/select';
import { summarize } from '../../src/evaluate/summary';
import type { Check, CheckMeta } from '../../src/evaluate/types';
import { UsageError } from '../../src/errors';
import { inventory } from '../support/inventory';

const meta = (id: string, severity: CheckMeta['severity'] = 'high'): CheckMeta => ({
  id,
  title: `title of ${id}`,
  severity,
  hipaa: ['164.312(a)(1)'],
  controls: ['X.1'],
  description: 'd',
  remediation: { text: 'fix it', url: 'https://docs.aws.amazon.com/' },
  reads: ['s3.buckets'],
});

const bucket = (name: string) => ({ type: 'AwsS3Bucket', id: name, arn: `arn:aws:s3:::${name}` });

const bucketCheck: Check = {
  ...meta('s3.demo'),
  evaluate: () => [fail('us-east-1', bucket('phi'), 'bucket phi is open'), pass('us-east-1', bucket('ok'), 'bucket ok is fine'), fail('eu-west-1', bucket('eu'), 'bucket eu is open')],
};

describe('evaluate', () => {
  const inv = inventory({ regions: ['us-east-1', 'eu-west-1'] });
  const now = new Date('2026-06-02T00:00:00Z');

  it('turns results into findings with stable ids and the check metadata', () => {
    const { findings } = evaluate(inv, [bucketCheck], DEFAULT_CONFIG, now);
    expect(findings).toHaveLength(3);
    expect(findings[0]).toEqual({
      id: findingId('s3.demo', '111122223333', 'us-east-1', 'arn:aws:s3:::phi'),
      checkId: 's3.demo',
      title: 'title of s3.demo',
      status: 'FAIL',
      severity: 'high',
      accountId: '111122223333',
      region: 'us-east-1',
      resource: bucket('phi'),
      message: 'bucket phi is open',
      hipaa: ['164.312(a)(1)'],
      controls: ['X.1'],
      remediation: { text: 'fix it', url: 'https://docs.aws.amazon.com/' },
      // The inventory holds no tags: whether the bucket holds ePHI is not known (test/evaluate/classification.test.ts).
      classification: 'unknown',
    });
    const again = evaluate(inv, [bucketCheck], DEFAULT_CONFIG, new Date('2027-01-01'));
    expect(again.findings.map((f) => f.id)).toEqual(findings.map((f) => f.id));
    expect(new Set(findings.map((f) => f.id)).size).toBe(3);
  });

  it('ids differ by check, account, region and resource', () => {
    const base = findingId('a.b', '111122223333', 'us-east-1', 'arn:x');
    expect(findingId('a.c', '111122223333', 'us-east-1', 'arn:x')).not.toBe(base);
    expect(findingId('a.b', '111122223334', 'us-east-1', 'arn:x')).not.toBe(base);
    expect(findingId('a.b', '111122223333', 'us-east-2', 'arn:x')).not.toBe(base);
    expect(findingId('a.b', '111122223333', 'us-east-1', 'arn:y')).not.toBe(base);
    expect(base).toMatch(/^a\.b\/111122223333\/us-east-1\/[0-9a-f]{24}$/);
  });

  it('applies active suppressions to failures only, and reports expired ones without applying them', () => {
    const config: AuditConfig = {
      ...DEFAULT_CONFIG,
      suppressions: [
        { checkId: 's3.demo', resource: 'arn:aws:s3:::phi', reason: 'accepted until migration', expires: '2026-12-31' },
        { checkId: 's3.demo', resource: 'ok', reason: 'never needed' },
        { checkId: 's3.demo', resource: 'eu', reason: 'old exception', expires: '2026-01-01' },
      ],
    };
    const { findings, expiredSuppressions } = evaluate(inv, [bucketCheck], config, now);
    expect(findings.find((f) => f.resource.id === 'phi')?.suppressed).toEqual({ reason: 'accepted until migration', expires: '2026-12-31' });
    expect(findings.find((f) => f.resource.id === 'ok')?.suppressed).toBeUndefined();
    expect(findings.find((f) => f.resource.id === 'eu')?.suppressed).toBeUndefined();
    expect(expiredSuppressions.map((s) => s.reason)).toEqual(['old exception']);
  });

  it('keeps only the audited regions (and global) when an inventory is narrowed', () => {
    const { findings } = evaluate({ ...inv, regions: ['eu-west-1'] }, [bucketCheck], DEFAULT_CONFIG, now);
    expect(findings.map((f) => f.resource.id)).toEqual(['eu']);
  });

  it('turns a check that throws into one ERROR finding and runs the others', () => {
    const broken: Check = { ...meta('s3.broken'), evaluate: () => { throw new Error('boom'); } };
    const { findings } = evaluate(inv, [broken, bucketCheck], DEFAULT_CONFIG, now);
    expect(findings[0]).toMatchObject({ checkId: 's3.broken', status: 'ERROR', message: 'check failed to evaluate: boom', resource: accountResource(inv) });
    expect(findings).toHaveLength(4);
  });

  it('merges two results on one resource into the worst, so none is hidden', () => {
    const twice: Check = { ...meta('s3.twice'), evaluate: () => [pass('us-east-1', bucket('b'), 'fine here'), fail('us-east-1', bucket('b'), 'broken there')] };
    const { findings } = evaluate(inv, [twice], DEFAULT_CONFIG, now);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ status: 'FAIL', message: 'broken there; fine here' });
  });
});

describe('summarize', () => {
  it('counts statuses, scores HIPAA sections and leaves suppressed failures out of the score', () => {
    const inv = inventory({ regions: ['us-east-1', 'eu-west-1'] });
    const other: Check = { ...meta('iam.demo', 'critical'), hipaa: ['164.312(d)', '164.312(a)(1)'], evaluate: () => [fail('global', accountResource(inv), 'root has no MFA')] };
    const config: AuditConfig = { ...DEFAULT_CONFIG, suppressions: [{ checkId: 's3.demo', resource: 'eu', reason: 'sandbox' }] };
    const { findings } = evaluate(inv, [bucketCheck, other], config, new Date());
    const denied = { service: 'guardduty', region: 'eu-west-1', operation: 'ListDetectors', code: 'AccessDeniedException', message: 'denied' };
    const s = summarize(findings, [], [denied, { ...denied, region: 'us-east-1' }]);
    expect(s.byStatus).toEqual({ PASS: 1, FAIL: 3, ERROR: 0 });
    expect(s.suppressed).toBe(1);
    expect(s.score).toBe(33.3); // 1 pass, 2 unsuppressed failures
    expect(s.bySeverity.critical).toEqual({ PASS: 0, FAIL: 1, ERROR: 0 });
    expect(s.hipaa.map((h) => h.section)).toEqual(['164.312(a)(1)', '164.312(d)']);
    expect(s.hipaa[0]).toEqual({ section: '164.312(a)(1)', name: 'Access control', pass: 1, fail: 2, error: 0, suppressed: 1, passRate: 33.3, failingResources: 2 });
    expect(s.topFailingChecks.map((c) => c.checkId)).toEqual(['iam.demo', 's3.demo']);
    expect(s.collectionErrors).toBe(2);
  });

  it('has no score when nothing was judged', () => {
    expect(summarize([], []).score).toBeNull();
  });
});

describe('selectChecks', () => {
  const all: Check[] = [
    { ...meta('iam.root-mfa', 'critical'), evaluate: () => [] },
    { ...meta('s3.bucket-versioning', 'medium'), evaluate: () => [] },
    { ...meta('s3.bucket-tls-only', 'medium'), evaluate: () => [] },
  ];
  const ids = (cs: Check[]) => cs.map((c) => c.id);

  it('selects by id, by prefix with or without the dot, excludes, and honours --min-severity', () => {
    expect(ids(selectChecks(all, {}))).toEqual(ids(all));
    expect(ids(selectChecks(all, { include: ['s3.'] }))).toEqual(['s3.bucket-versioning', 's3.bucket-tls-only']);
    expect(ids(selectChecks(all, { include: ['s3'], exclude: ['s3.bucket-tls-only'] }))).toEqual(['s3.bucket-versioning']);
    expect(ids(selectChecks(all, { minSeverity: 'high' }))).toEqual(['iam.root-mfa']);
  });

  it('rejects an unknown id or prefix, and a selection that leaves nothing', () => {
    expect(() => selectChecks(all, { include: ['iam.root-mfaa'] })).toThrow(new UsageError("--checks: unknown check 'iam.root-mfaa'. Fix: use a check id from 'npm run checks' or a service prefix (iam, s3)."));
    expect(() => selectChecks(all, { exclude: ['ec2.'] })).toThrow(/--exclude-checks: unknown check 'ec2.'/);
    expect(() => selectChecks(all, { include: ['s3.'], minSeverity: 'critical' })).toThrow(/leaves no check to run/);
  });
});
