import type { Finding, FindingsReport } from '../../src/evaluate/finding';
import { changeSince, formatChange, openFailures, parseOpenFailures, previousRun } from '../../src/report/change';
import { diffRuns, formatDiff } from '../../src/report/diff';
import { scopeOfRun } from '../../src/report/scope';
import { sampleReport } from '../support/report';

function f(id: string, status: Finding['status'], extra: Partial<Finding> = {}): Finding {
  const resource = extra.resource ?? { type: 'AwsS3Bucket', id, arn: `arn:aws:s3:::${id}` };
  return {
    id: `chk/${id}`,
    checkId: 's3.bucket-versioning',
    title: 'versioning',
    status,
    severity: 'high',
    accountId: '111122223333',
    region: 'us-east-1',
    resource,
    message: `${id} is ${status}`,
    hipaa: ['164.312(c)(1)'],
    controls: [],
    remediation: { text: 't', url: 'https://docs.aws.amazon.com/' },
    ...extra,
  };
}

function run(id: string, collectedAt: string, findings: Finding[], checks = ['s3.bucket-versioning']): FindingsReport {
  const r = sampleReport();
  return { ...r, run: { ...r.run, id, collectedAt, startedAt: collectedAt, checks }, findings };
}

const sup = { suppressed: { reason: 'accepted' } };
// OLD and NEW hold one finding of each kind of change, plus unchanged ones.
const OLD = run('old', '2026-05-01T00:00:00.000Z', [
  f('still-failing', 'FAIL'),
  f('regressed', 'PASS'),
  f('was-error', 'ERROR'),
  f('was-suppressed', 'FAIL', sup),
  f('fixed', 'FAIL'),
  f('to-suppress', 'FAIL'),
  f('to-error', 'FAIL'),
  f('deleted', 'FAIL'),
  f('deleted', 'PASS', { id: 'other/deleted', checkId: 's3.other' }),
  f('unchanged-pass', 'PASS'),
  f('check-dropped', 'FAIL', { id: 'dropped/check-dropped', checkId: 's3.dropped', resource: { type: 'AwsS3Bucket', id: 'unchanged-pass', arn: 'arn:aws:s3:::unchanged-pass' } }),
]);
const NEW = run('new', '2026-06-01T00:00:00.000Z', [
  f('still-failing', 'FAIL'),
  f('regressed', 'FAIL'),
  f('was-error', 'FAIL'),
  f('was-suppressed', 'FAIL'),
  f('brand-new', 'FAIL'),
  f('fixed', 'PASS'),
  f('to-suppress', 'FAIL', sup),
  f('to-error', 'ERROR'),
  f('unchanged-pass', 'PASS'),
]);

describe('hipaa-audit diff', () => {
  const d = diffRuns(OLD, NEW);
  const ids = (items: Array<{ resource: { id: string } }>) => items.map((i) => i.resource.id).sort();

  it('lists exactly the changes, each in its category', () => {
    expect(ids(d.newFailures)).toEqual(['brand-new', 'was-error', 'was-suppressed']);
    expect(ids(d.regressions)).toEqual(['regressed']);
    expect(ids(d.fixed)).toEqual(['fixed']);
    expect(ids(d.nowSuppressed)).toEqual(['to-suppress']);
    expect(ids(d.nowNotJudged)).toEqual(['to-error']);
    expect(d.noLongerReported.map((i) => i.id)).toEqual(['dropped/check-dropped']);
    expect(d.resourcesGone).toEqual([{ accountId: '111122223333', region: 'us-east-1', type: 'AwsS3Bucket', id: 'deleted', arn: 'arn:aws:s3:::deleted', findings: 2, openFailures: 1 }]);
    expect(d.regressions[0]).toMatchObject({ before: 'PASS', after: 'FAIL' });
    expect(d.newFailures.find((i) => i.resource.id === 'was-suppressed')).toMatchObject({ before: 'FAIL (suppressed)', after: 'FAIL' });
    expect(d.sameScope).toBe(true);
    expect(d.scopeNote).toBeUndefined();
  });

  it('a run compared with itself has no change', () => {
    const same = diffRuns(NEW, NEW);
    expect([same.newFailures, same.regressions, same.fixed, same.nowSuppressed, same.nowNotJudged, same.noLongerReported, same.resourcesGone].every((l) => l.length === 0)).toBe(true);
  });

  it('says when the scopes differ', () => {
    const other = diffRuns(OLD, run('x', '2026-06-02T00:00:00.000Z', NEW.findings, ['s3.bucket-versioning', 'iam.root-mfa']));
    expect(other.sameScope).toBe(false);
    expect(other.scopeNote).toContain('1 and 2 checks');
  });

  it('prints the counts and one line a change', () => {
    const text = formatDiff(d);
    expect(text).toContain('+4 / \u22121: 3 new failure(s), 1 regression(s), 1 fixed, 1 now suppressed, 1 now not judged, 1 no longer reported, 1 resource(s) gone');
    expect(text).toContain('high          s3.bucket-versioning  regressed (us-east-1)  PASS -> FAIL: regressed is FAIL');
  });
});

describe('+N / −M since the previous run', () => {
  it('agrees with diff: N = new failures + regressions, M = fixed, gone and unresolved apart', () => {
    const stored = parseOpenFailures(JSON.stringify(openFailures(OLD)))!;
    expect(stored.ids).toEqual(['chk/deleted', 'chk/fixed', 'chk/still-failing', 'chk/to-error', 'chk/to-suppress', 'dropped/check-dropped']);
    const c = changeSince(stored, { runId: 'old', startedAt: OLD.run.startedAt, collectedAt: OLD.run.collectedAt }, NEW.findings);
    expect(c).toEqual({ previous: { runId: 'old', startedAt: OLD.run.startedAt, collectedAt: OLD.run.collectedAt }, newFailures: 4, fixed: 1, gone: 2, unresolved: 2 });
    expect(formatChange(c)).toBe('+4 / \u22121 since the previous run of the same scope (evidence of 2026-05-01 00:00 UTC; 2 gone, 2 now not judged or suppressed)');
  });

  it('picks the newest earlier run of the same scope, not a later one nor another scope', () => {
    const scope = scopeOfRun(NEW.run);
    const point = (runId: string, at: string, s = scope) => ({ runId, startedAt: at, collectedAt: at, scope: s, score: 1, fail: 0, pass: 1, error: 0 });
    const points = [point('a', '2026-04-01T00:00:00.000Z'), point('b', '2026-05-01T00:00:00.000Z'), point('c', '2026-05-15T00:00:00.000Z', 'other'), point('d', '2026-07-01T00:00:00.000Z')];
    expect(previousRun(points, NEW)?.runId).toBe('b');
    expect(previousRun([point('new', '2026-05-01T00:00:00.000Z')], NEW)).toBeUndefined();
  });

  it('refuses a malformed open-failures file', () => {
    expect(parseOpenFailures('{"runId":"x"}')).toBeNull();
    expect(parseOpenFailures('not json')).toBeNull();
    expect(parseOpenFailures('{"runId":"x","accountId":"1","scope":"s","ids":[1]}')).toBeNull();
  });
});
