import type { Finding, FindingsReport } from '../../src/evaluate/finding';
import { frameworkView } from '../../src/framework/view';
import type { RuleEntry } from '../../src/framework/security-rule';
import { validateFramework } from '../../src/report/schema';
import { sampleReport } from '../support/report';

const entry = (id: string, over: Partial<RuleEntry> = {}): RuleEntry => ({
  id,
  kind: 'specification',
  title: `title ${id}`,
  requirement: 'required',
  safeguard: 'technical',
  standard: '164.312(a)(1)',
  aws: 'yes',
  evidence: `evidence for ${id}`,
  ...over,
});
const RULE: RuleEntry[] = [
  entry('164.312(a)(1)', { kind: 'standard', requirement: null, standard: undefined }),
  entry('164.312(a)(2)(i)'),
  entry('164.312(a)(2)(ii)', { aws: 'partly' }),
  entry('164.312(a)(2)(iii)', { aws: 'partly', requirement: 'addressable' }),
  entry('164.312(a)(2)(iv)', { requirement: 'addressable' }),
  entry('164.312(b)', { kind: 'standard', standard: undefined }),
  entry('164.312(c)(1)', { kind: 'standard', requirement: 'required', standard: undefined }),
  entry('164.310(b)', { kind: 'standard', safeguard: 'physical', aws: 'no', standard: undefined }),
  entry('164.312(d)', { kind: 'standard', standard: undefined }),
];
const CATALOGUE = [
  { id: 'a.one', hipaa: ['164.312(a)(2)(i)'] },
  { id: 'a.two', hipaa: ['164.312(a)(2)(ii)', '164.312(b)'] },
  { id: 'a.four', hipaa: ['164.312(a)(2)(iv)'] },
  { id: 'a.five', hipaa: ['164.312(a)(2)(iv)'] },
  { id: 'c.one', hipaa: ['164.312(c)(1)'] },
  { id: 'd.one', hipaa: ['164.312(d)'] },
];

let n = 0;
function finding(checkId: string, hipaa: string[], status: Finding['status'], extra: Partial<Finding> = {}): Finding {
  n += 1;
  return {
    id: `${checkId}/${n}`,
    checkId,
    title: checkId,
    status,
    severity: 'high',
    accountId: '111122223333',
    region: 'us-east-1',
    resource: { type: 'AwsS3Bucket', id: `r${n}`, arn: `arn:aws:s3:::r${n}` },
    message: 'm',
    hipaa,
    controls: [],
    remediation: { text: 't', url: 'https://docs.aws.amazon.com/' },
    ...extra,
  };
}

function report(checks: string[], findings: Finding[]): Pick<FindingsReport, 'run' | 'findings'> {
  const base = sampleReport();
  return { run: { ...base.run, checks }, findings };
}

describe('framework view', () => {
  const failing = finding('a.one', ['164.312(a)(2)(i)'], 'FAIL');
  const view = frameworkView(
    report(
      ['a.one', 'a.two', 'a.four', 'c.one'],
      [
        failing,
        finding('a.one', ['164.312(a)(2)(i)'], 'PASS'),
        finding('a.two', ['164.312(a)(2)(ii)', '164.312(b)'], 'PASS'),
        finding('a.four', ['164.312(a)(2)(iv)'], 'PASS'),
        finding('a.four', ['164.312(a)(2)(iv)'], 'FAIL', { suppressed: { reason: 'accepted' } }),
      ],
    ),
    CATALOGUE,
    RULE,
  );
  const byId = (id: string) => view.entries.find((e) => e.id === id)!;

  it('gives each entry its status, first that applies', () => {
    expect(byId('164.312(a)(2)(i)')).toMatchObject({ status: 'failing', failing: [failing.id], failingResources: 1, counts: { pass: 1, fail: 1, error: 0, suppressed: 0 } });
    // aws: partly, judged without failure
    expect(byId('164.312(a)(2)(ii)')).toMatchObject({ status: 'partly-assessed', checks: ['a.two'], checksRun: ['a.two'] });
    expect(byId('164.312(a)(2)(ii)').note).toContain('AWS shows only its technical part');
    // AWS could show it, no check cites it
    expect(byId('164.312(a)(2)(iii)')).toMatchObject({ status: 'not-covered', checks: [] });
    // a check of it did not run: partly, with a suppressed failure counted apart
    expect(byId('164.312(a)(2)(iv)')).toMatchObject({ status: 'partly-assessed', checks: ['a.four', 'a.five'], checksRun: ['a.four'], counts: { pass: 1, fail: 0, suppressed: 1 } });
    expect(byId('164.312(a)(2)(iv)').note).toContain('checks not run: a.five');
    expect(byId('164.312(b)')).toMatchObject({ status: 'passing', counts: { pass: 1, fail: 0, error: 0, suppressed: 0 } });
    // ran, found nothing to judge
    expect(byId('164.312(c)(1)')).toMatchObject({ status: 'no-resources', checksRun: ['c.one'] });
    expect(byId('164.310(b)')).toMatchObject({ status: 'not-assessable', requirement: 'required', evidence: 'evidence for 164.310(b)' });
    expect(byId('164.312(d)')).toMatchObject({ status: 'not-assessed', checksRun: [] });
    expect(view.totals).toEqual({ failing: 2, 'partly-assessed': 2, passing: 1, 'no-resources': 1, 'not-assessed': 1, 'not-covered': 1, 'not-assessable': 1 });
  });

  it('rolls a standard up over its specifications (each finding once)', () => {
    const standard = byId('164.312(a)(1)');
    expect(standard.status).toBe('failing');
    expect(standard.checks).toEqual(['a.one', 'a.two', 'a.four', 'a.five']);
    expect(standard.counts).toEqual({ pass: 3, fail: 1, error: 0, suppressed: 1 });
  });

  it('an ERROR makes an otherwise passing entry partly assessed', () => {
    const v = frameworkView(report(['d.one'], [finding('d.one', ['164.312(d)'], 'PASS'), finding('d.one', ['164.312(d)'], 'ERROR')]), CATALOGUE, RULE);
    expect(v.entries.find((e) => e.id === '164.312(d)')).toMatchObject({ status: 'partly-assessed', counts: { pass: 1, error: 1 } });
  });

  it('validates against framework.schema.json, over the real rule and catalogue', () => {
    const real = frameworkView(sampleReport());
    expect(validateFramework(real)).toEqual([]);
    expect(real.entries).toHaveLength(65);
    expect(real.entries.find((e) => e.id === '164.312(c)(1)')).toMatchObject({ status: 'failing' });
    expect(validateFramework({ ...real, entries: [{ ...real.entries[0], status: 'great' }] })).not.toEqual([]);
  });
});
