import Ajv from 'ajv';
import { XMLParser } from 'fast-xml-parser';
import type { Finding, FindingsReport } from '../../src/evaluate/finding';
import { summarize } from '../../src/evaluate/summary';
import { junitChunks, xmlAttr, xmlText } from '../../src/report/junit';
import { markdownChunks, mdText } from '../../src/report/markdown';
import { ocsfChunks, toOcsf } from '../../src/report/ocsf';
import { sampleReport } from '../support/report';
import ocsfSchema from './schemas/ocsf-1.1.0-compliance-finding.schema.json';
import junitSchema from './schemas/junit.schema.json';

const NASTY = '</x>"\'&<script>alert(1)</script>\u0001[link](https://evil.example)|@team `x`';

/** The sample report with every status and suppression kind, and an attacker-named resource. */
function report(): FindingsReport {
  const r = sampleReport();
  const base = r.findings.find((f) => f.status === 'FAIL')!;
  const extra: Finding[] = [
    { ...base, id: 'f-nasty', resource: { type: 'AwsS3Bucket', id: NASTY, arn: `arn:aws:s3:::${NASTY}` }, message: `seen ${NASTY}\nsecond line`, severity: 'critical' },
    { ...base, id: 'f-error', status: 'ERROR', message: 'AccessDenied on GetBucketVersioning' },
    { ...base, id: 'f-sup', resource: { type: 'AwsS3Bucket', id: 'scratch', arn: 'arn:aws:s3:::scratch' }, suppressed: { reason: 'no ePHI', expires: '2027-01-01', approvedBy: 'Ann', ticket: 'RISK-1' } },
    { ...base, id: 'f-iam', checkId: 'iam.root-mfa', title: 'Root MFA', region: 'global', resource: { type: 'AwsAccount', id: '111122223333', arn: 'arn:aws:iam::111122223333:root' }, hipaa: ['164.312(d)'] },
  ];
  r.findings.push(...extra);
  r.summary = summarize(r.findings, []);
  return r;
}

describe('OCSF 1.1.0 Compliance Finding lines', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(ocsfSchema);
  const r = report();
  const text = [...ocsfChunks(r)].join('');
  const lines = text.split('\n');

  it('writes one JSON object a line, each valid against the schema written from the OCSF reference', () => {
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(r.findings.length);
    for (const line of lines) {
      const event = JSON.parse(line);
      expect(validate(event) ? [] : validate.errors).toEqual([]);
    }
  });

  it('maps status, severity, suppression and the resource', () => {
    const by = (id: string) => toOcsf(r.findings.find((f) => f.id === id)!, r);
    const failing = by('f-nasty');
    expect(failing).toMatchObject({
      class_uid: 2003, category_uid: 2, activity_id: 1, type_uid: 200301, severity_id: 5, severity: 'Critical', status_id: 1,
      compliance: { standards: ['HIPAA Security Rule (45 CFR Part 164 Subpart C)'], requirements: ['164.312(c)(1)'], control: 's3.bucket-versioning', status_id: 3, status: 'Fail' },
      resource: { uid: `arn:aws:s3:::${NASTY}`, name: NASTY, type: 'AwsS3Bucket', region: 'us-east-1', cloud_partition: 'aws' },
      cloud: { provider: 'AWS', region: 'us-east-1', account: { uid: '111122223333', type_id: 10 } },
      metadata: { version: '1.1.0', product: { name: 'hipaa-posture-auditor', vendor_name: 'hipaa-posture-auditor' } },
      time: Date.parse(r.run.collectedAt),
    });
    expect(by('f-error')).toMatchObject({ severity_id: 1, compliance: { status_id: 2, status: 'Warning' }, unmapped: { finding_status: 'ERROR', check_severity: 'medium' } });
    expect(by('f-sup')).toMatchObject({ status_id: 3, status: 'Suppressed', comment: 'Suppressed: no ePHI; until 2027-01-01; approved by Ann; ticket RISK-1' });
    const pass = toOcsf(r.findings.find((f) => f.status === 'PASS')!, r);
    expect(pass).toMatchObject({ severity_id: 1, compliance: { status_id: 1, status: 'Pass' } });
    // A global resource: the home region for cloud.region, no resource region.
    const global = by('f-iam');
    expect(global.cloud.region).toBe('us-east-1');
    expect(global.resource.region).toBeUndefined();
  });

  it('is rejected by the schema when a required attribute or an enum is wrong (the schema bites)', () => {
    const event = toOcsf(r.findings[0]!, r) as unknown as Record<string, unknown>;
    for (const broken of [
      { ...event, class_uid: 2001 },
      { ...event, type_uid: 200302 },
      { ...event, severity_id: 7 },
      { ...event, finding_info: { title: 'x' } },
      { ...event, compliance: { control: 'x' } },
      { ...event, metadata: { version: '1.1.0', product: { name: 'x' } } },
      { ...event, time: '2026-06-01' },
      { ...event, resources: [] },
    ]) {
      expect(validate(broken)).toBe(false);
    }
    const { cloud: _cloud, ...noCloud } = event;
    expect(validate(noCloud)).toBe(false);
  });
});

describe('JUnit XML', () => {
  const r = report();
  const xml = [...junitChunks(r)].join('');
  const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseAttributeValue: false, parseTagValue: false, htmlEntities: true, isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name) }).parse(xml);
  const validate = new Ajv({ allErrors: true, strict: false }).compile(junitSchema);

  it('is well-formed XML valid against the JUnit schema', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')).toBe(true);
    expect(validate(parsed) ? [] : validate.errors).toEqual([]);
  });

  it('has a suite per check and a case per resource: FAIL failure, ERROR error, suppressed skipped', () => {
    const suites = parsed.testsuites.testsuite as Array<Record<string, any>>;
    expect(suites.map((s) => s['@_name'])).toEqual(['s3.bucket-versioning', 'iam.root-mfa']);
    const s3 = suites[0]!;
    expect(s3).toMatchObject({ '@_tests': '5', '@_failures': '2', '@_errors': '1', '@_skipped': '1', '@_hostname': '111122223333', '@_package': 'hipaa-posture-auditor' });
    expect(parsed.testsuites).toMatchObject({ '@_tests': '6', '@_failures': '3', '@_errors': '1', '@_skipped': '1' });
    const cases = s3.testcase as Array<Record<string, any>>;
    const nasty = cases.find((c) => c.failure && c['@_name'].startsWith('</x>'))!;
    // Escaped on the way out, read back exactly (the control character becomes U+FFFD).
    expect(nasty['@_name']).toBe(`${NASTY.replace('\u0001', '\uFFFD')} (us-east-1)`);
    expect(nasty.failure['@_type']).toBe('critical');
    expect(nasty.failure['@_message']).toBe(`seen ${NASTY.replace('\u0001', '\uFFFD')}\nsecond line`);
    expect(nasty.failure['#text']).toContain('Remediation: Enable versioning.');
    expect(cases.find((c) => c.error)?.error).toMatchObject({ '@_type': 'ERROR', '@_message': 'AccessDenied on GetBucketVersioning' });
    expect(cases.find((c) => c.skipped)?.skipped).toEqual({ '@_message': 'suppressed: no ePHI; until 2027-01-01; approved by Ann; ticket RISK-1' });
    expect(cases.filter((c) => !c.failure && !c.error && !c.skipped)).toHaveLength(1);
    expect(xml).not.toContain('<script>');
  });

  it('escapes text and attributes, and replaces characters XML cannot carry', () => {
    expect(xmlText('a<b>&c\u0000\uD800')).toBe('a&lt;b&gt;&amp;c\uFFFD\uFFFD');
    expect(xmlAttr('"\'\n\t')).toBe('&quot;&apos;&#10;&#9;');
    expect(xmlText('\uD83D\uDE00')).toBe('\uD83D\uDE00');
  });
});

describe('Markdown summary', () => {
  const r = report();
  const md = [...markdownChunks(r, { change: { previous: { runId: 'p', startedAt: '2026-05-01T00:00:00.000Z' }, newFailures: 3, fixed: 5, gone: 1, unresolved: 0 } })].join('');

  it('is short and carries score, coverage, severities, the change and the worst failures', () => {
    expect(md).toContain('## HIPAA posture of AWS account 111122223333');
    expect(md).toContain('+3 new / \u22125 fixed, 1 failing finding gone');
    expect(md).toContain('**Open failures by severity:** critical 1');
    expect(md).toContain('### Worst failing checks');
    expect(md).toContain('<details><summary>Worst open failures</summary>');
    expect(md.split('\n').length).toBeLessThan(40);
    expect([...markdownChunks(r)].join('')).toContain('no earlier run of this scope');
  });

  it('escapes resource names and messages: no tag, link, mention or table break gets through', () => {
    expect(md).not.toContain('<script>');
    expect(md).not.toContain('](https');
    expect(md).not.toContain(' @team');
    const row = md.split('\n').find((l) => l.startsWith('| critical |'))!;
    // Four cells: the | inside the name is escaped.
    expect(row.split(/(?<!\\)\|/).length).toBe(6);
    expect(mdText('<b>*x*</b>')).toBe('&lt;b&gt;\\*x\\*&lt;/b&gt;');
  });

  it('opens with the incomplete-audit notice when findings could not be judged', () => {
    const incomplete = report();
    incomplete.summary.coverage = { judged: 5, notJudged: 1, percent: 83.3, complete: false, gaps: [{ service: 's3', operation: 'GetBucketVersioning', code: 'AccessDenied', regions: ['us-east-1'], count: 1, fix: 'allow s3:GetBucketVersioning' }] };
    const text = [...markdownChunks(incomplete)].join('');
    expect(text.indexOf('Incomplete audit')).toBeLessThan(text.indexOf('| Score'));
    expect(text).toContain('s3 GetBucketVersioning \\(AccessDenied\\)');
  });
});
