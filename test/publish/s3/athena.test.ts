import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { S3Layout } from '../../../src/publish/s3/keys';
import { findingRows, summaryRecord } from '../../../src/publish/s3/records';
import { byClassification } from '../../../src/evaluate/summary';
import { sampleReport } from '../../support/report';

const ddl = (name: string): string => readFileSync(join(__dirname, '..', '..', '..', 'athena', name), 'utf8');

/** The column names of a CREATE EXTERNAL TABLE, in order. */
function columns(sql: string): string[] {
  const body = sql.slice(sql.indexOf('(', sql.indexOf('CREATE EXTERNAL TABLE')) + 1, sql.indexOf('\n)\nPARTITIONED BY'));
  return body
    .split('\n')
    .map((l) => /^\s+([a-z_]+)\s+\S/.exec(l)?.[1])
    .filter((c): c is string => c !== undefined);
}

describe('athena DDL', () => {
  const report = sampleReport();

  it('declares exactly the columns of a finding line, in order', () => {
    expect(columns(ddl('findings.sql'))).toEqual(Object.keys(findingRows(report)[0]!));
  });

  it('declares exactly the fields of a run summary, in order', () => {
    expect(columns(ddl('summaries.sql'))).toEqual(Object.keys(summaryRecord(report, { report: 'r', findingsJson: 'f' })));
  });

  it('projects the partitions onto the keys the publisher writes', () => {
    const keys = new S3Layout('hipaa').run('111122223333', 'run-1', '2026-06-01T12:00:00.000Z');
    for (const [file, key] of [['findings.sql', keys.findingsData], ['summaries.sql', keys.summary]] as const) {
      const template = /'storage\.location\.template' = 's3:\/\/amzn-s3-demo-bucket\/([^']+)'/.exec(ddl(file))![1]!;
      const folder = template.replace('${account}', '111122223333').replace('${date}', '2026-06-01');
      expect(key.startsWith(folder)).toBe(true);
      expect(key.slice(folder.length)).not.toContain('/');
      expect(ddl(file)).toContain(`LOCATION 's3://amzn-s3-demo-bucket/${template.split('/').slice(0, 2).join('/')}/'`);
      expect(ddl(file)).toContain('PARTITIONED BY (account string, `date` string)');
    }
  });
});

describe('the ePHI columns', () => {
  it('carry each finding’s classification and raised severity, and the run’s ePHI score, coverage and scope', () => {
    const report = sampleReport();
    const [phi, ok] = report.findings;
    const raised = { ...report, findings: [{ ...phi!, classification: 'ephi' as const, severity: 'high' as const, baseSeverity: 'medium' as const }, { ...ok!, classification: 'not-ephi' as const }] };
    raised.summary = { ...raised.summary, byClassification: byClassification(raised.findings) };
    expect(findingRows(raised).map((r) => [r.classification, r.severity, r.base_severity])).toEqual([
      ['ephi', 'high', 'medium'],
      ['not-ephi', 'medium', null],
    ]);
    expect(summaryRecord({ ...raised, run: { ...raised.run, scope: 'ephi' } }, { report: 'r', findingsJson: 'f' })).toMatchObject({
      classification_scope: 'ephi',
      score_ephi: 0,
      coverage_ephi: 100,
      fail_open_ephi: 1,
      resources_ephi: 1,
      resources_unknown: 0,
    });
    // Classification off: the columns are there, null.
    const off = { ...report, summary: { ...report.summary, byClassification: undefined } };
    expect(summaryRecord(off, { report: 'r', findingsJson: 'f' })).toMatchObject({ classification_scope: 'all', score_ephi: null, resources_unknown: null });
  });
});
