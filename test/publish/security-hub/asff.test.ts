import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHECKS } from '../../../checks';
import { DEFAULT_CONFIG } from '../../../src/config/types';
import { evaluate } from '../../../src/evaluate/evaluate';
import type { Finding, FindingsReport } from '../../../src/evaluate/finding';
import type { Inventory } from '../../../src/inventory/types';
import { LIMITS, toAsff, truncate } from '../../../src/publish/security-hub';
import { ACCOUNT, asffErrors, auditRun, finding, T0, T1 } from './helpers';

const demo = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'samples', 'demo-inventory.json'), 'utf8')) as Inventory;
const observed = { firstObservedAt: T0, createdAt: T0, now: T0 };

function demoRun(now: string): FindingsReport['run'] & { findings: FindingsReport['findings'] } {
  const { findings } = evaluate(demo, CHECKS, DEFAULT_CONFIG, new Date(now));
  return {
    id: 'r',
    startedAt: now,
    finishedAt: now,
    collectedAt: demo.collectedAt,
    accountId: demo.accountId,
    partition: demo.partition,
    homeRegion: demo.homeRegion,
    regions: demo.regions,
    checks: CHECKS.map((c) => c.id),
    source: 'inventory',
    apiCalls: { total: 0, attempts: 0, retries: 0, byService: {} },
    findings,
  };
}

describe('ASFF documents', () => {
  it('every check of the catalogue yields valid ASFF over the demo account, with its metadata in the right fields', () => {
    const run = demoRun(T0);
    const seen = new Set(run.findings.map((f) => f.checkId));
    expect([...seen].sort()).toEqual(CHECKS.map((c) => c.id).sort());
    for (const f of run.findings) {
      const doc = toAsff(f, run, observed);
      expect({ id: f.id, errors: asffErrors(doc) }).toEqual({ id: f.id, errors: [] });
      const check = CHECKS.find((c) => c.id === f.checkId);
      const region = f.region === 'global' ? 'us-east-1' : f.region;
      expect(doc).toMatchObject({
        Id: f.id,
        GeneratorId: `hipaa-posture-auditor/${f.checkId}`,
        ProductArn: `arn:aws:securityhub:${region}:${demo.accountId}:product/${demo.accountId}/default`,
        AwsAccountId: demo.accountId,
        Title: check?.title,
        Types: ['Software and Configuration Checks/Industry and Regulatory Standards/HIPAA Controls (USA)'],
        Resources: [{ Type: f.resource.type, Id: f.resource.arn, Partition: 'aws', Region: region }],
        Remediation: { Recommendation: { Url: check?.remediation.url } },
        RecordState: 'ACTIVE',
      });
      expect(doc.Description).toBe(f.message.length <= 1024 ? f.message : expect.any(String));
      expect(doc.Compliance?.Status).toBe({ PASS: 'PASSED', FAIL: 'FAILED', ERROR: 'NOT_AVAILABLE' }[f.status]);
      expect(doc.Compliance?.RelatedRequirements).toEqual([...(check?.hipaa ?? []).map((h) => `HIPAA ${h}`), ...(check?.controls ?? []).map((c) => `Security Hub ${c}`)]);
      expect(doc.FindingProviderFields).toEqual({ Severity: doc.Severity, Types: doc.Types });
      expect(doc.ProductFields).toMatchObject({ ProviderName: 'hipaa-posture-auditor', 'hipaa-posture-auditor/CheckId': f.checkId, 'hipaa-posture-auditor/Version': expect.any(String) });
      expect(doc).not.toHaveProperty('Workflow');
      expect(doc).not.toHaveProperty('SourceUrl');
    }
  });

  it('ids are stable across runs: a later evaluation of the same account imports the same Ids', () => {
    const r0 = demoRun(T0);
    const r1 = demoRun(T1);
    const first = r0.findings.map((f) => toAsff(f, r0, observed).Id).sort();
    const again = r1.findings.map((f) => toAsff(f, r1, observed).Id).sort();
    expect(again).toEqual(first);
    expect(new Set(first).size).toBe(first.length);
  });

  it('maps severity: the check severity while failing, INFORMATIONAL once passed or not judged', () => {
    const run = auditRun([]).report.run;
    const label = (status: 'PASS' | 'FAIL' | 'ERROR', severity: 'critical' | 'high' | 'medium' | 'low' | 'informational') =>
      toAsff(finding({ status, severity }), run, observed).Severity;
    expect(label('FAIL', 'critical')).toEqual({ Label: 'CRITICAL', Original: 'CRITICAL' });
    expect(label('FAIL', 'high')?.Label).toBe('HIGH');
    expect(label('FAIL', 'medium')?.Label).toBe('MEDIUM');
    expect(label('FAIL', 'low')?.Label).toBe('LOW');
    expect(label('FAIL', 'informational')?.Label).toBe('INFORMATIONAL');
    expect(label('PASS', 'critical')).toEqual({ Label: 'INFORMATIONAL', Original: 'CRITICAL' });
    expect(label('ERROR', 'high')).toEqual({ Label: 'INFORMATIONAL', Original: 'HIGH' });
  });

  it('global resources go to the home region; the partition follows the run', () => {
    const run = { ...auditRun([]).report.run, partition: 'aws-us-gov', homeRegion: 'us-gov-west-1' };
    const doc = toAsff(finding({ checkId: 'iam.user-console-mfa', region: 'global', resource: 'bob' }), run, observed);
    expect(doc.ProductArn).toBe(`arn:aws-us-gov:securityhub:us-gov-west-1:${ACCOUNT}:product/${ACCOUNT}/default`);
    expect(doc.Resources?.[0]).toMatchObject({ Partition: 'aws-us-gov', Region: 'us-gov-west-1' });
    expect(doc.ProductFields?.['hipaa-posture-auditor/FindingRegion']).toBe('global');
  });

  it('carries the classification in ProductFields and the classifying tag as the resource tag, to filter on', () => {
    const RUN = auditRun([]).report.run;
    const OBSERVED = observed;
    const raised: Finding = { ...finding({ status: 'FAIL', severity: 'critical' }), classification: 'ephi', classifiedBy: { tag: { key: 'data-classification', value: 'phi' } }, baseSeverity: 'high' };
    const doc = toAsff(raised, RUN, OBSERVED);
    expect(doc.ProductFields).toMatchObject({
      'hipaa-posture-auditor/Classification': 'ephi',
      'hipaa-posture-auditor/ClassifiedBy': 'tag data-classification=phi',
      'hipaa-posture-auditor/BaseSeverity': 'high',
    });
    expect(doc.Severity).toEqual({ Label: 'CRITICAL', Original: 'CRITICAL' });
    expect(doc.Resources?.[0]?.Tags).toEqual({ 'data-classification': 'phi' });
    // By ARN pattern: no tag to show; not ePHI: no tag, and no field it does not have.
    const byPattern = toAsff({ ...raised, classifiedBy: { arnPattern: 'arn:aws:s3:::phi-*' } }, RUN, OBSERVED);
    expect(byPattern.Resources?.[0]).not.toHaveProperty('Tags');
    expect(byPattern.ProductFields?.['hipaa-posture-auditor/ClassifiedBy']).toBe('ARN pattern arn:aws:s3:::phi-*');
    const plain = toAsff({ ...finding({}), classification: 'not-ephi' }, RUN, OBSERVED);
    expect(plain.ProductFields?.['hipaa-posture-auditor/Classification']).toBe('not-ephi');
    expect(plain.ProductFields).not.toHaveProperty('hipaa-posture-auditor/BaseSeverity');
    expect(plain.Resources?.[0]).not.toHaveProperty('Tags');
    // Attacker-controlled tag text is cut to the limits, never dropped into a pattern.
    const long = toAsff({ ...raised, classifiedBy: { tag: { key: 'k'.repeat(300), value: 'v'.repeat(600) } } }, RUN, OBSERVED);
    const [[key, value]] = Object.entries(long.Resources?.[0]?.Tags ?? {}) as [[string, string]];
    expect(Buffer.byteLength(key)).toBeLessThanOrEqual(128);
    expect(Buffer.byteLength(value)).toBeLessThanOrEqual(256);
  });

  it('sends a finding rated apart by its check at its own severity, the check’s in BaseSeverity', () => {
    const RUN = auditRun([]).report.run;
    const note: Finding = { ...finding({ checkId: 'iam.no-full-admin-policies', status: 'PASS', severity: 'informational' }), baseSeverity: 'high' };
    const doc = toAsff(note, RUN, observed);
    expect(doc.Severity).toEqual({ Label: 'INFORMATIONAL', Original: 'INFORMATIONAL' });
    expect(doc.ProductFields).toMatchObject({ 'hipaa-posture-auditor/CheckSeverity': 'informational', 'hipaa-posture-auditor/BaseSeverity': 'high' });
    // A FAIL rated low by its check is sent LOW, not at the check's severity.
    const low = toAsff({ ...note, status: 'FAIL', severity: 'low' }, RUN, observed);
    expect(low.Severity).toEqual({ Label: 'LOW', Original: 'LOW' });
    expect(asffErrors(low)).toEqual([]);
  });

  it('a suppressed failure stays FAILED with its reason and expiry in ProductFields, and never sets Workflow', () => {
    const f = finding({ status: 'FAIL', suppressed: { reason: 'rebuilt from source; holds no ePHI', expires: '2027-03-31' } });
    const doc = toAsff(f, auditRun([f]).report.run, observed);
    expect(doc.Compliance?.Status).toBe('FAILED');
    expect(doc.Severity?.Label).toBe('HIGH');
    expect(doc.ProductFields).toMatchObject({
      'hipaa-posture-auditor/Suppressed': 'true',
      'hipaa-posture-auditor/SuppressionReason': 'rebuilt from source; holds no ePHI',
      'hipaa-posture-auditor/SuppressionExpires': '2027-03-31',
    });
    expect(doc).not.toHaveProperty('Workflow');
    expect(doc).not.toHaveProperty('WorkflowState');
    expect(asffErrors(doc)).toEqual([]);
  });

  it('an archived copy keeps its timestamps and says ARCHIVED', () => {
    const f = finding({});
    const doc = toAsff(f, auditRun([f]).report.run, { firstObservedAt: T0, createdAt: T0, lastObservedAt: T0, now: T1 }, { recordState: 'ARCHIVED' });
    expect(doc).toMatchObject({ RecordState: 'ARCHIVED', CreatedAt: T0, FirstObservedAt: T0, LastObservedAt: T0, UpdatedAt: T1 });
  });

  it('truncates every bounded field within the limits, never in the middle of a surrogate pair', () => {
    const emoji = '\u{1F512}'; // 4 bytes in UTF-8, 2 UTF-16 code units
    const long = (n: number) => `x${emoji.repeat(n)}`;
    const f = {
      ...finding({ message: long(2000), suppressed: { reason: long(3000), expires: '2027-01-01' } }),
      title: long(300),
      hipaa: Array.from({ length: 40 }, (_, i) => `164.312(${i})${'y'.repeat(200)}`),
      controls: ['S3.1', 'S3.2'],
      remediation: { text: long(1000), url: 'https://example.com/fix' },
      resource: { type: 'AwsS3Bucket', id: long(1500), arn: 'arn:aws:s3:::b' },
    };
    const doc = toAsff(f, auditRun([f]).report.run, observed);
    expect(asffErrors(doc)).toEqual([]);
    expect(doc.Title?.endsWith('…')).toBe(true);
    expect(Buffer.byteLength(doc.Description ?? '', 'utf8')).toBeLessThanOrEqual(1024);
    expect(Buffer.byteLength(doc.Description ?? '', 'utf8')).toBeGreaterThan(1000);
    expect(doc.Compliance?.RelatedRequirements).toHaveLength(32);
    for (const r of doc.Compliance?.RelatedRequirements ?? []) expect(Buffer.byteLength(r, 'utf8')).toBeLessThanOrEqual(128);
    expect(Buffer.byteLength(doc.ProductFields?.['hipaa-posture-auditor/SuppressionReason'] ?? '', 'utf8')).toBeLessThanOrEqual(2048);
    expect(Buffer.byteLength(doc.Remediation?.Recommendation?.Text ?? '', 'utf8')).toBeLessThanOrEqual(512);
  });

  it('truncate cuts on code points and keeps short text as it is', () => {
    expect(truncate('short', 10)).toBe('short');
    expect(truncate('abcdefghij', 10)).toBe('abcdefghij');
    expect(truncate('abcdefghijk', 10)).toBe('abcdefg…');
    const cut = truncate(`ab${'\u{1F600}'.repeat(10)}`, 12); // 2 + 4 + 4 = 10 bytes, then the ellipsis would overflow
    expect(Buffer.byteLength(cut, 'utf8')).toBeLessThanOrEqual(12);
    expect(cut).toBe(`ab${'\u{1F600}'}…`);
    expect(cut).not.toMatch(/[\uD800-\uDBFF]$|[\uD800-\uDBFF]…/);
    expect(LIMITS.description).toBe(1024);
  });

  it('never sends a blank text field', () => {
    const f = { ...finding({ message: '   ' }), remediation: { text: '', url: '' } };
    const doc = toAsff(f, auditRun([f]).report.run, observed);
    expect(doc.Description).toBe(f.title);
    expect(doc.Remediation?.Recommendation?.Text).toMatch(/\S/);
    expect(doc.Remediation?.Recommendation).not.toHaveProperty('Url');
    expect(asffErrors(doc)).toEqual([]);
  });
});
