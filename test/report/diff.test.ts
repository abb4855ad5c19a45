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
    expect(d.scopeDifferences).toEqual([]);
    expect(d.scopeNote).toBeUndefined();
    expect(d.resourcesOutOfScope).toEqual([]);
  });

  it('a run compared with itself has no change', () => {
    const same = diffRuns(NEW, NEW);
    expect([same.newFailures, same.regressions, same.fixed, same.nowSuppressed, same.nowNotJudged, same.noLongerReported, same.resourcesGone].every((l) => l.length === 0)).toBe(true);
  });

  it('says when the scopes differ, naming the checks each run alone ran', () => {
    const other = diffRuns(OLD, run('x', '2026-06-02T00:00:00.000Z', NEW.findings, ['s3.bucket-versioning', 'iam.root-mfa']));
    expect(other.sameScope).toBe(false);
    expect(other.scopeDifferences).toEqual(['checks 1 and 2: 1 only in the new run (iam.root-mfa)']);
    expect(other.scopeNote).toContain('(checks 1 and 2: 1 only in the new run (iam.root-mfa)): part of the change is the scope');
  });

  it('prints the counts, saying which are findings and which resources, and one line a change', () => {
    const text = formatDiff(d);
    expect(text).toContain('\n  findings: +4 / \u22121 open failures: 3 new failure(s), 1 regression(s), 1 fixed, 1 now suppressed, 1 now not judged, 1 no longer reported\n  resources: 1 gone\n');
    expect(text).toContain('high          s3.bucket-versioning  regressed (us-east-1)  PASS -> FAIL: regressed is FAIL');
  });
});

describe('hipaa-audit diff across scopes', () => {
  const PHI = { classification: 'ephi' as const, classifiedBy: { tag: { key: 'data-classification', value: 'phi' } } };
  const NOT = { classification: 'not-ephi' as const };
  const ACCOUNT_RES = { type: 'AwsAccount', id: '111122223333', arn: 'AWS::::Account:111122223333' };
  const CHECKS_RUN = ['s3.bucket-versioning', 'account.ephi-stores-classified', 'guardduty.enabled'];
  const scoped = (r: FindingsReport, scope?: 'ephi', regions = r.run.regions): FindingsReport => ({ ...r, run: { ...r.run, regions, ...(scope ? { scope } : {}) } });
  // Every resource, then --scope ephi: the same account, minus a deleted ePHI bucket.
  const ALL = scoped(
    run('all', '2026-05-01T00:00:00.000Z', [
      f('phi-db', 'FAIL', PHI),
      f('phi-deleted', 'FAIL', PHI),
      f('internal', 'FAIL', NOT),
      f('eu-internal', 'FAIL', { ...NOT, region: 'eu-west-1' }),
      // An untagged store: the classification check keeps it in every scope, so its absence means it is gone.
      f('untagged-gone', 'FAIL', { ...NOT, id: 'cls/untagged-gone', checkId: 'account.ephi-stores-classified' }),
      f('acct', 'PASS', { ...NOT, id: 'gd/acct', checkId: 'guardduty.enabled', resource: ACCOUNT_RES }),
    ], CHECKS_RUN),
    undefined,
    ['us-east-1', 'eu-west-1'],
  );
  const EPHI = scoped(
    run('ephi', '2026-06-01T00:00:00.000Z', [f('phi-db', 'FAIL', PHI), f('acct', 'PASS', { ...NOT, id: 'gd/acct', checkId: 'guardduty.enabled', resource: ACCOUNT_RES })], CHECKS_RUN),
    'ephi',
    ['us-east-1', 'eu-west-1'],
  );

  it('counts resources the --scope ephi run leaves out apart from those really gone, and names the ePHI scope', () => {
    const d = diffRuns(ALL, EPHI);
    expect(d.sameScope).toBe(false);
    expect(d.old.resources).toBe('all');
    expect(d.new.resources).toBe('ephi');
    expect(d.scopeDifferences).toEqual(['resources: every resource in the old run, ePHI resources only (--scope ephi) in the new run']);
    expect(d.resourcesGone.map((g) => g.id).sort()).toEqual(['phi-deleted', 'untagged-gone']);
    expect(d.resourcesOutOfScope.map((g) => [g.id, g.why])).toEqual([
      ['eu-internal', ['--scope ephi leaves out resources that hold no ePHI']],
      ['internal', ['--scope ephi leaves out resources that hold no ePHI']],
    ]);
    expect(d.scopeNote).toBe(
      "the runs audited different scopes (resources: every resource in the old run, ePHI resources only (--scope ephi) in the new run): part of the change is the scope's, not the account's; " +
        '2 resource(s) absent from the new run only because its scope leaves them out are listed apart, not as gone',
    );
    const text = formatDiff(d);
    expect(text).toContain("\n  resources: 2 gone, 2 out of the new run's scope (not comparable)\n");
    expect(text).toContain("\nResources out of the new run's scope, not gone (2):\n");
    expect(text).toContain('\n  AwsS3Bucket internal (us-east-1)  1 finding(s), 1 open failure(s) before; --scope ephi leaves out resources that hold no ePHI');
    expect(text).toContain('\nResources gone (2):\n');
  });

  it('names every difference at once, and tells regions and checks left out from resources gone', () => {
    const narrower = scoped({ ...EPHI, run: { ...EPHI.run, checks: ['s3.bucket-versioning', 'iam.root-mfa'] }, findings: [f('phi-db', 'FAIL', PHI)] }, 'ephi', ['us-east-1']);
    const d = diffRuns(ALL, narrower);
    expect(d.scopeDifferences).toEqual([
      'regions eu-west-1,us-east-1 and us-east-1',
      'checks 3 and 2: 2 only in the old run (account.ephi-stores-classified, guardduty.enabled), 1 only in the new run (iam.root-mfa)',
      'resources: every resource in the old run, ePHI resources only (--scope ephi) in the new run',
    ]);
    expect(Object.fromEntries(d.resourcesOutOfScope.map((g) => [g.id, g.why]))).toEqual({
      internal: ['--scope ephi leaves out resources that hold no ePHI'],
      'eu-internal': ['region eu-west-1 not audited'],
      'untagged-gone': ['its checks not run'],
      '111122223333': ['its checks not run'],
    });
    expect(d.resourcesGone.map((g) => g.id)).toEqual(['phi-deleted']);
  });

  it('the other way round, counts the new failures the old run\'s scope left out', () => {
    const d = diffRuns(EPHI, ALL);
    expect(d.newFailures.map((i) => i.resource.id).sort()).toEqual(['eu-internal', 'internal', 'phi-deleted', 'untagged-gone']);
    // phi-deleted is ePHI and untagged-gone's check keeps every store: the scoped run would have reported both.
    expect(d.newOutsideOldScope).toBe(2);
    expect(d.scopeNote).toContain("2 of the new failures are findings the old run's scope left out");
    expect(formatDiff(d)).toContain("4 new failure(s) (2 outside the old run's scope)");
    expect(d.resourcesGone).toEqual([]);
  });
});

describe('+N / −M since the previous run', () => {
  it('agrees with diff: N = new failures + regressions, M = fixed, gone and unresolved apart', () => {
    const stored = parseOpenFailures(JSON.stringify(openFailures(OLD)))!;
    expect(stored.ids).toEqual(['chk/deleted', 'chk/fixed', 'chk/still-failing', 'chk/to-error', 'chk/to-suppress', 'dropped/check-dropped']);
    const c = changeSince(stored, { runId: 'old', startedAt: OLD.run.startedAt, collectedAt: OLD.run.collectedAt }, NEW.findings);
    expect(c).toEqual({ previous: { runId: 'old', startedAt: OLD.run.startedAt, collectedAt: OLD.run.collectedAt }, newFailures: 4, fixed: 1, gone: 2, unresolved: 2 });
    // Findings, not resources: diff counts one resource gone for the same change.
    expect(formatChange(c)).toBe('+4 / \u22121 open failures since the previous run of the same scope (evidence of 2026-05-01 00:00 UTC; 2 failing findings gone, 2 now not judged or suppressed)');
    expect(formatChange({ ...c, gone: 1 })).toContain('; 1 failing finding gone,');
    expect(diffRuns(OLD, NEW).resourcesGone).toHaveLength(1);
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
