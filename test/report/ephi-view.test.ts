import type { Finding, FindingsReport } from '../../src/evaluate/finding';
import { byClassification, summarize } from '../../src/evaluate/summary';
import type { FindingsData } from '../../src/report/dashboard/findings-data';
import { ephiView, VIEW_ROWS } from '../../src/report/dashboard/ephi-view';
import { renderHtml } from '../../src/report/html';
import { finding, XSS } from '../support/builders/finding';
import storesClassified from '../../checks/account/ephi-stores-classified';
import versioning from '../../checks/s3/bucket-versioning';
import { DEFAULT_CONFIG } from '../../src/config/types';
import { evaluate } from '../../src/evaluate/evaluate';
import { bucket, s3 } from '../support/builders/s3';
import { queue } from '../support/builders/sqs';
import { PHI, tagged, tagging } from '../support/builders/tagging';
import { COLLECTED_AT, inventory, ok } from '../support/inventory';

const arn = (service: string, rest: string, region = 'us-east-1') => `arn:aws:${service}:${region}:111122223333:${rest}`;
const PHI_TAG = { tag: { key: 'data-classification', value: 'phi' } };

/** An ePHI table failing two checks (one raised), an ePHI bucket passing, an ineligible database, an unclassified queue, a resource with unreadable tags. */
const findings: Finding[] = [
  finding({ id: 'a', checkId: 'dynamodb.pitr', status: 'FAIL', severity: 'high', baseSeverity: 'medium', classification: 'ephi', classifiedBy: PHI_TAG, resource: { type: 'AwsDynamoDbTable', id: 'claims', arn: arn('dynamodb', 'table/claims') } }),
  finding({ id: 'b', checkId: 'dynamodb.encryption', status: 'FAIL', severity: 'critical', classification: 'ephi', classifiedBy: PHI_TAG, resource: { type: 'AwsDynamoDbTable', id: 'claims', arn: arn('dynamodb', 'table/claims') } }),
  finding({ id: 'c', status: 'PASS', classification: 'ephi', classifiedBy: { arnPattern: 'arn:aws:s3:::phi-*' }, resource: { type: 'AwsS3Bucket', id: `phi-${XSS}`, arn: `arn:aws:s3:::phi-${XSS}` } }),
  finding({ id: 'd', checkId: 'account.ephi-in-eligible-services', status: 'FAIL', severity: 'high', classification: 'ephi', classifiedBy: PHI_TAG, resource: { type: 'Other', id: 'forms', arn: arn('lightsail', 'RelationalDatabase/forms') } }),
  finding({ id: 'e', checkId: 'account.ephi-stores-classified', status: 'FAIL', severity: 'informational', classification: 'not-ephi', resource: { type: 'AwsSqsQueue', id: 'intake', arn: arn('sqs', 'intake') } }),
  finding({ id: 'f', status: 'ERROR', classification: 'unknown', region: 'eu-west-1', resource: { type: 'AwsS3Bucket', id: 'eu', arn: 'arn:aws:s3:::eu' } }),
  finding({ id: 'g', checkId: 'guardduty.enabled', status: 'PASS', classification: 'not-ephi', resource: { type: 'AwsAccount', id: '111122223333', arn: 'AWS::::Account:111122223333' } }),
];

function report(fs: Finding[], checks = ['account.ephi-stores-classified']): FindingsReport {
  return {
    schemaVersion: '1.0',
    tool: { name: 'hipaa-posture-auditor', version: '0.1.0' },
    run: {
      id: 'run-1',
      startedAt: '2026-06-01T12:00:00.000Z',
      finishedAt: '2026-06-01T12:00:00.000Z',
      collectedAt: '2026-06-01T12:00:00.000Z',
      accountId: '111122223333',
      partition: 'aws',
      homeRegion: 'us-east-1',
      regions: ['us-east-1', 'eu-west-1'],
      checks,
      source: 'live',
      apiCalls: { total: 0, attempts: 0, retries: 0, byService: {} },
    },
    summary: summarize(fs, []),
    findings: fs,
  };
}

describe('where ePHI lives', () => {
  const r = report(findings);
  const view = ephiView(r)!;

  it('lists each ePHI resource once, by service and region, with its open failures worst first; ineligible first', () => {
    expect(view.groups.map((g) => [g.service, g.region, g.resources.map((x) => x.id)])).toEqual([
      ['lightsail', 'us-east-1', ['forms']],
      ['dynamodb', 'us-east-1', ['claims']],
      ['s3', 'us-east-1', [`phi-${XSS}`]],
    ]);
    expect(view.groups[1]!.resources[0]!.failures.map((f) => [f.checkId, f.severity])).toEqual([
      ['dynamodb.encryption', 'critical'],
      ['dynamodb.pitr', 'high'],
    ]);
    expect(view).toMatchObject({ resources: 3, withFailures: 2, ineligible: 1, unknown: 1, storesChecked: true });
    expect(view.unclassified).toEqual([{ id: 'intake', type: 'AwsSqsQueue', region: 'us-east-1', arn: arn('sqs', 'intake'), suppressed: false }]);
  });

  it('is absent when the findings carry no classification (classification off, an older report)', () => {
    const plain = findings.map(({ classification: _c, classifiedBy: _b, baseSeverity: _s, ...f }) => f);
    expect(ephiView(report(plain))).toBeUndefined();
    expect(renderHtml(report(plain))).not.toContain('id="ephi-card"');
    expect(renderHtml(report(plain))).toMatch(/<select id="filter-classification" aria-label="Classification" hidden>/);
  });

  it('renders the card, escaped, with both scores, the classification filter and the print copy', () => {
    const html = renderHtml(r);
    const card = html.slice(html.indexOf('<section class="card" id="ephi-card"'), html.indexOf('</section>', html.indexOf('id="ephi-card"')));
    expect(card).toContain('Where ePHI lives');
    expect(card).not.toContain(XSS);
    expect(card).toContain('phi-&lt;img src=x onerror=alert(1)&gt;');
    expect(card).toContain('ARN pattern arn:aws:s3:::phi-*');
    expect(card).toContain('not HIPAA eligible');
    // 1 PASS against 3 open FAILs on ePHI; the others 1 PASS, 1 FAIL.
    expect(card).toMatch(/ePHI resources: score<\/div><div class="ephi-tile-score">25%<\/div><div class="muted small">coverage 100% &middot; 3 resources, 3 open failures/);
    expect(card).toMatch(/Other resources: score<\/div><div class="ephi-tile-score">50%/);
    expect(card).toContain('data-filter="filter-classification" data-value="ephi" data-status="FAIL"');
    expect(card).toMatch(/<table id="ephi-unclassified"[\s\S]*intake/);
    expect(html).toMatch(/<select id="filter-classification" aria-label="Classification">/);
    const print = html.slice(html.indexOf('<section id="print-copy"'));
    expect(print).toMatch(/<h2>Where ePHI lives<\/h2><p class="pc-meta">3 ePHI resources, 2 with open failures, 1 in a service that is not HIPAA eligible; 1 data store without a classification tag; 1 resource whose tags could not be read\. Score on ePHI resources <b>25%<\/b>/);
  });

  it('embeds each finding’s classification and raised severity; a raised failure stays in its check’s group', () => {
    const html = renderHtml(r);
    const data = JSON.parse(html.match(/<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/)![1]!) as FindingsData;
    const pitr = data.c.findIndex((c) => c[0] === 'dynamodb.pitr');
    expect(data.c[pitr]![2]).toBe('medium');
    const row = data.f.find((f) => f[0] === pitr)!;
    expect(row.slice(9)).toEqual([0, 'high']);
    expect(data.f.find((f) => f[4] === 'eu')!.slice(9)).toEqual([2, null]);
  });

  it('lists the unclassified stores of a --scope ephi run, the same as the full run (untagged means not-ePHI, yet they stay in view)', () => {
    const inv = inventory({
      s3: s3([bucket('phi-records'), bucket('scratch')]),
      sqs: { 'us-east-1': { queues: ok([queue('intake')]) } },
      tagging: tagging({ 'us-east-1': [tagged('arn:aws:s3:::phi-records', PHI)] }),
    });
    const checks = [storesClassified, versioning];
    const reportOf = (scope: 'all' | 'ephi') => {
      const fs = evaluate(inv, checks, DEFAULT_CONFIG, new Date(COLLECTED_AT), { scope }).findings;
      return { ...report(fs, checks.map((c) => c.id)), summary: { ...summarize(fs, []), byClassification: byClassification(fs) } };
    };
    const scoped = ephiView(reportOf('ephi'))!;
    expect(scoped.unclassified.map((u) => u.id)).toEqual(['intake', 'scratch']);
    expect(scoped.unclassified).toEqual(ephiView(reportOf('all'))!.unclassified);
    expect(scoped.resources).toBe(1);
    // The scoped run still drops the untagged bucket's other findings.
    expect(reportOf('ephi').findings.filter((f) => f.checkId === versioning.id).map((f) => f.resource.id)).toEqual(['phi-records']);
    expect(renderHtml(reportOf('ephi'))).toMatch(/<table id="ephi-unclassified"[\s\S]*intake[\s\S]*scratch/);
  });

  it('says when the stores check did not run, and keeps big groups short', () => {
    expect(ephiView(report(findings, []))!.storesChecked).toBe(false);
    expect(renderHtml(report(findings, []))).toContain('Data stores without a classification tag are listed when account.ephi-stores-classified runs.');
    const many = Array.from({ length: VIEW_ROWS + 5 }, (_, i) =>
      finding({ id: `q${i}`, status: 'PASS', classification: 'ephi', resource: { type: 'AwsSqsQueue', id: `q${i}`, arn: arn('sqs', `q${i}`) } }),
    );
    const html = renderHtml({ ...report(many), summary: { ...summarize(many, []), byClassification: byClassification(many) } });
    expect(html.match(/<li class="ephi-res/g)).toHaveLength(VIEW_ROWS);
    expect(html).toContain('and 5 more: filter the findings below by ePHI and this region.');
  });
});
