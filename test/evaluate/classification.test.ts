import { DEFAULT_CONFIG, type AuditConfig } from '../../src/config/types';
import { evaluate } from '../../src/evaluate/evaluate';
import { accountResource, fail, pass, result } from '../../src/evaluate/results';
import { summarize } from '../../src/evaluate/summary';
import type { Check, CheckMeta, ResourceRef } from '../../src/evaluate/types';
import { raisedSeverity } from '../../src/evaluate/types';
import { DEFAULT_CLASSIFICATION } from '../../src/judge/classification';
import { readsFor, runAudit } from '../../src/run-audit';
import { PHI, tagged, tagging } from '../support/builders/tagging';
import { ACCOUNT, denied, inventory, ok } from '../support/inventory';
import { bucket, s3 } from '../support/builders/s3';
import { queue as sqsQueue } from '../support/builders/sqs';
import storesClassified from '../../checks/account/ephi-stores-classified';

const meta = (id: string, severity: CheckMeta['severity']): CheckMeta => ({
  id,
  title: id,
  severity,
  hipaa: ['164.312(a)(1)'],
  controls: [],
  description: 'd',
  remediation: { text: 'fix', url: 'https://docs.aws.amazon.com/' },
  reads: ['sqs.queues'],
});
const queue = (name: string, region = 'us-east-1'): ResourceRef => ({ type: 'AwsSqsQueue', id: name, arn: `arn:aws:sqs:${region}:${ACCOUNT}:${name}` });

const inv = inventory({
  regions: ['us-east-1', 'eu-west-1'],
  tagging: tagging({
    'us-east-1': [tagged(queue('phi').arn, PHI), tagged(queue('internal').arn, { 'data-classification': 'internal' })],
    'eu-west-1': denied('tagging', 'GetResources', 'eu-west-1'),
  }),
});
const now = new Date('2026-06-02T00:00:00Z');

/** One check failing (or passing) on an ePHI queue, an internal one, an untagged one, one in a region whose tags failed, and the account. */
function checkOf(severity: CheckMeta['severity'], status: 'PASS' | 'FAIL' = 'FAIL', extra: Partial<CheckMeta> = {}): Check {
  return {
    ...meta('sqs.demo', severity),
    ...extra,
    evaluate: (i) => [
      result(status, 'us-east-1', queue('phi'), 'queue phi is open'),
      result(status, 'us-east-1', queue('internal'), 'queue internal is open'),
      result(status, 'us-east-1', queue('untagged'), 'queue untagged is open'),
      result(status, 'eu-west-1', queue('eu', 'eu-west-1'), 'queue eu is open'),
      result(status, 'global', accountResource(i), 'the account is open'),
    ],
  };
}
const byId = (findings: ReturnType<typeof evaluate>['findings']) => Object.fromEntries(findings.map((f) => [f.resource.id, f]));

describe('classification of findings', () => {
  it('gives every finding its resource’s classification: ePHI with what decided, not ePHI, unknown, and not-ephi for the account', () => {
    const f = byId(evaluate(inv, [checkOf('low', 'PASS')], DEFAULT_CONFIG, now).findings);
    expect(f.phi).toMatchObject({ classification: 'ephi', classifiedBy: { tag: { key: 'data-classification', value: 'phi' } } });
    expect(f.internal?.classification).toBe('not-ephi');
    expect(f.untagged?.classification).toBe('not-ephi');
    expect(f.eu?.classification).toBe('unknown');
    expect(f[ACCOUNT]?.classification).toBe('not-ephi');
    expect(f.internal).not.toHaveProperty('classifiedBy');
  });

  it('raises a FAIL on ePHI one level, keeps the check’s severity and says why; nothing else moves', () => {
    const f = byId(evaluate(inv, [checkOf('medium')], DEFAULT_CONFIG, now).findings);
    expect(f.phi).toMatchObject({
      severity: 'high',
      baseSeverity: 'medium',
      message: 'queue phi is open [severity raised from medium to high: ePHI by tag data-classification=phi]',
    });
    for (const id of ['internal', 'untagged', 'eu', ACCOUNT]) {
      expect(f[id]?.severity).toBe('medium');
      expect(f[id]).not.toHaveProperty('baseSeverity');
    }
    // A PASS on ePHI keeps its severity.
    expect(byId(evaluate(inv, [checkOf('medium', 'PASS')], DEFAULT_CONFIG, now).findings).phi).toMatchObject({ severity: 'medium', message: 'queue phi is open' });
  });

  it('starts from a result’s own severity: a note keeps it, a FAIL on ePHI is raised from it, baseSeverity keeps the check’s', () => {
    const rated: Check = {
      ...meta('sqs.rated', 'high'),
      evaluate: (i) => [
        { ...result('FAIL', 'us-east-1', queue('phi'), 'queue phi is open'), severity: 'low' },
        { ...result('FAIL', 'us-east-1', queue('internal'), 'queue internal is open'), severity: 'informational' },
        result('FAIL', 'us-east-1', queue('untagged'), 'queue untagged is open'),
        { ...pass('global', accountResource(i), 'a note for review'), severity: 'informational' },
      ],
    };
    const findings = evaluate(inv, [rated], DEFAULT_CONFIG, now).findings;
    const f = byId(findings);
    expect(f.phi).toMatchObject({ severity: 'medium', baseSeverity: 'high', message: 'queue phi is open [severity raised from low to medium: ePHI by tag data-classification=phi]' });
    expect(f.internal).toMatchObject({ severity: 'informational', baseSeverity: 'high', message: 'queue internal is open' });
    expect(f.untagged?.severity).toBe('high');
    expect(f.untagged).not.toHaveProperty('baseSeverity');
    // A PASS is never raised, on ePHI or not: the note stays informational.
    expect(f[ACCOUNT]).toMatchObject({ status: 'PASS', severity: 'informational', baseSeverity: 'high', message: 'a note for review' });
    const s = summarize(findings, []);
    expect(s.bySeverity).toMatchObject({ high: { FAIL: 1, PASS: 0 }, medium: { FAIL: 1 }, informational: { FAIL: 1, PASS: 1 } });
    // One check, at its own severity, however its findings were rated.
    expect(s.topFailingChecks).toEqual([{ checkId: 'sqs.rated', title: 'sqs.rated', severity: 'high', failed: 3 }]);
    const phiPass: Check = { ...meta('sqs.note', 'high'), evaluate: () => [{ ...pass('us-east-1', queue('phi'), 'fine'), severity: 'low' }] };
    expect(evaluate(inv, [phiPass], DEFAULT_CONFIG, now).findings[0]).toMatchObject({ severity: 'low', baseSeverity: 'high', message: 'fine' });
  });

  it('raises by one level, critical stays critical', () => {
    expect(['informational', 'low', 'medium', 'high', 'critical'].map((s) => raisedSeverity(s as CheckMeta['severity']))).toEqual(['low', 'medium', 'high', 'critical', 'critical']);
    const critical = byId(evaluate(inv, [checkOf('critical')], DEFAULT_CONFIG, now).findings).phi;
    expect(critical).toMatchObject({ severity: 'critical', message: 'queue phi is open' });
    expect(critical).not.toHaveProperty('baseSeverity');
  });

  it('does not raise when the config says so, nor for checks that judge only ePHI', () => {
    const off: AuditConfig = { ...DEFAULT_CONFIG, classification: { ...DEFAULT_CLASSIFICATION, raiseSeverity: false } };
    expect(byId(evaluate(inv, [checkOf('medium')], off, now).findings).phi).toMatchObject({ severity: 'medium', classification: 'ephi' });
    expect(byId(evaluate(inv, [checkOf('medium', 'FAIL', { ephiOnly: true })], DEFAULT_CONFIG, now).findings).phi).toMatchObject({ severity: 'medium', classification: 'ephi' });
  });

  it('leaves findings unclassified when classification is off', () => {
    const off: AuditConfig = { ...DEFAULT_CONFIG, classification: { ...DEFAULT_CLASSIFICATION, enabled: false } };
    const f = byId(evaluate(inv, [checkOf('medium')], off, now).findings);
    expect(f.phi).not.toHaveProperty('classification');
    expect(f.phi?.severity).toBe('medium');
    expect(summarize(Object.values(f), []).byClassification).toBeUndefined();
  });

  it('still suppresses a raised failure', () => {
    const config: AuditConfig = { ...DEFAULT_CONFIG, suppressions: [{ checkId: 'sqs.demo', resource: '*:phi', reason: 'accepted: decommissioning' }] };
    expect(byId(evaluate(inv, [checkOf('low')], config, now).findings).phi).toMatchObject({ severity: 'medium', suppressed: { reason: 'accepted: decommissioning' } });
  });
});

describe('--scope ephi', () => {
  it('keeps findings on ePHI resources, on resources whose tags could not be read, and account-level ones; counts the rest', () => {
    const { findings, outOfScope } = evaluate(inv, [checkOf('medium')], DEFAULT_CONFIG, now, { scope: 'ephi' });
    expect(findings.map((f) => [f.resource.id, f.classification])).toEqual([
      ['phi', 'ephi'],
      ['eu', 'unknown'],
      [ACCOUNT, 'not-ephi'],
    ]);
    expect(outOfScope).toBe(2);
    expect(evaluate(inv, [checkOf('medium')], DEFAULT_CONFIG, now).outOfScope).toBeUndefined();
  });

  it('keeps every finding of a check kept in every scope (the classification check): its not-ePHI resources are not counted out', () => {
    const { findings, outOfScope } = evaluate(inv, [checkOf('informational', 'FAIL', { keptInEveryScope: true }), checkOf('medium')].map((c, i) => ({ ...c, id: `sqs.demo${i}` })), DEFAULT_CONFIG, now, { scope: 'ephi' });
    expect(findings.filter((f) => f.checkId === 'sqs.demo0').map((f) => [f.resource.id, f.classification])).toEqual([
      ['phi', 'ephi'],
      ['internal', 'not-ephi'],
      ['untagged', 'not-ephi'],
      ['eu', 'unknown'],
      [ACCOUNT, 'not-ephi'],
    ]);
    // The other check is still filtered: its internal and untagged findings are the only ones left out.
    expect(findings.filter((f) => f.checkId === 'sqs.demo1').map((f) => f.resource.id)).toEqual(['phi', 'eu', ACCOUNT]);
    expect(outOfScope).toBe(2);
  });

  it('keeps the real account.ephi-stores-classified FAILs on untagged stores under --scope ephi, as the full run reports them', () => {
    const stores = inventory({
      s3: s3([bucket('phi-records'), bucket('scratch')]),
      sqs: { 'us-east-1': { queues: ok([sqsQueue('intake')]) } },
      tagging: tagging({ 'us-east-1': [tagged('arn:aws:s3:::phi-records', PHI)] }),
    });
    const failing = (scope: 'all' | 'ephi') =>
      evaluate(stores, [storesClassified], DEFAULT_CONFIG, now, { scope })
        .findings.filter((f) => f.status === 'FAIL' && f.resource.type !== 'AwsAccount')
        .map((f) => [f.resource.id, f.classification]);
    expect(failing('ephi')).toEqual([
      ['scratch', 'not-ephi'],
      ['intake', 'not-ephi'],
    ]);
    expect(failing('ephi')).toEqual(failing('all'));
  });

  it('keeps the ERROR of a check that could not be judged at all', () => {
    const unjudged: Check = { ...meta('sqs.unjudged', 'high'), reads: ['sqs.queues'], evaluate: () => [] };
    const { findings } = evaluate({ ...inv, reads: [] }, [unjudged], DEFAULT_CONFIG, now, { scope: 'ephi' });
    expect(findings).toEqual([expect.objectContaining({ status: 'ERROR', classification: 'not-ephi' })]);
  });
});

describe('the summary by classification', () => {
  it('splits score and coverage between ePHI resources and the rest', () => {
    const mixed: Check = {
      ...meta('sqs.mixed', 'medium'),
      evaluate: (i) => [
        fail('us-east-1', queue('phi'), 'open'),
        pass('us-east-1', queue('phi2'), 'closed'),
        pass('us-east-1', queue('internal'), 'closed'),
        result('ERROR', 'eu-west-1', queue('eu', 'eu-west-1'), 'could not read'),
        pass('global', accountResource(i), 'fine'),
      ],
    };
    const tagged2 = { ...inv, tagging: tagging({ 'us-east-1': [tagged(queue('phi').arn, PHI), tagged(queue('phi2').arn, { phi: 'yes' })], 'eu-west-1': denied('tagging', 'GetResources', 'eu-west-1') }) };
    const s = summarize(evaluate(tagged2, [mixed], DEFAULT_CONFIG, now).findings, []);
    expect(s.byClassification).toEqual({
      ephi: { findings: 2, resources: 2, byStatus: { PASS: 1, FAIL: 1, ERROR: 0 }, suppressed: 0, score: 50, coverage: { judged: 2, notJudged: 0, percent: 100 } },
      'not-ephi': { findings: 2, resources: 2, byStatus: { PASS: 2, FAIL: 0, ERROR: 0 }, suppressed: 0, score: 100, coverage: { judged: 2, notJudged: 0, percent: 100 } },
      unknown: { findings: 1, resources: 1, byStatus: { PASS: 0, FAIL: 0, ERROR: 1 }, suppressed: 0, score: null, coverage: { judged: 0, notJudged: 1, percent: 0 } },
    });
    // The worst checks list a check once, at its own severity, though its ePHI failures were raised.
    expect(s.topFailingChecks).toEqual([{ checkId: 'sqs.mixed', title: 'sqs.mixed', severity: 'medium', failed: 1 }]);
    expect(s.bySeverity.high.FAIL).toBe(1);
  });
});

describe('runAudit and classification', () => {
  it('refuses --scope ephi when the config turns classification off', async () => {
    const off: AuditConfig = { ...DEFAULT_CONFIG, classification: { ...DEFAULT_CLASSIFICATION, enabled: false } };
    await expect(runAudit({ source: { kind: 'inventory', inventory: inv }, config: off, scope: 'ephi', checks: [checkOf('low')] })).rejects.toThrow(
      '--scope ephi needs classification, which the config turns off (classification.enabled: false)',
    );
  });

  it('reads the tags for every run whose checks read more than IAM, unless classification is off; a replay without them warns', async () => {
    const s3Check = { ...checkOf('low'), reads: ['s3.buckets'] } as Check;
    const iamCheck = { ...checkOf('low'), id: 'iam.demo', reads: ['iam.credentialReport'] } as Check;
    expect(readsFor([s3Check])).toEqual(['s3.buckets', 'tagging.resources']);
    expect(readsFor([s3Check], false)).toEqual(['s3.buckets']);
    expect(readsFor([iamCheck])).toEqual(['iam.credentialReport']);
    const warnings: string[] = [];
    const { report } = await runAudit({
      source: { kind: 'inventory', inventory: { ...inv, reads: ['sqs.queues'], tagging: undefined } },
      config: DEFAULT_CONFIG,
      checks: [checkOf('low')],
      onEvent: (e) => void (e.type === 'warning' && warnings.push(e.message)),
    });
    expect(warnings).toEqual(['the inventory holds no tagging.resources data: resources without tags of their own are classified unknown']);
    // No error for it: the findings are judged, their classification unknown.
    expect(report.summary.coverage.gaps).toEqual([]);
    expect(report.findings.find((f) => f.resource.id === 'phi')?.classification).toBe('unknown');
  });
});
