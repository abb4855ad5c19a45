import type { Finding, FindingsReport } from '../../src/evaluate/finding';
import { CSV_COLUMNS, csvCell, renderCsv } from '../../src/report/csv';
import { finding, XSS } from '../support/builders/finding';


function report(findings: Finding[]): FindingsReport {
  const zero = { PASS: 0, FAIL: 0, ERROR: 0 };
  return {
    schemaVersion: '1.0',
    tool: { name: 'hipaa-posture-auditor', version: '0.1.0' },
    run: {
      id: 'run-1',
      startedAt: '2024-05-01T12:00:00.000Z',
      finishedAt: '2024-05-01T12:01:30.000Z',
      collectedAt: '2024-04-28T08:00:00.000Z',
      accountId: '111122223333',
      partition: 'aws',
      homeRegion: 'us-east-1',
      regions: ['us-east-1'],
      checks: [],
      source: 'inventory',
      apiCalls: { total: 0, attempts: 0, retries: 0, byService: {} },
    },
    summary: {
      total: findings.length,
      byStatus: { ...zero },
      bySeverity: { critical: zero, high: zero, medium: zero, low: zero, informational: zero },
      suppressed: 0,
      score: null,
      hipaa: [],
      topFailingChecks: [],
      expiredSuppressions: [],
      collectionErrors: 0,
      coverage: { judged: 3, notJudged: 1, percent: 75, complete: false, gaps: [] },
    },
    findings,
  };
}

/** Minimal RFC 4180 parser: the test's independent reading of the output (records end with CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      cell += c;
    }
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

const nasty = finding({
  id: 'f2',
  status: 'FAIL',
  resource: { type: 'AwsS3Bucket', id: `phi, "x"\n${XSS}`, arn: 'arn:aws:s3:::phi' },
  message: `bucket ${XSS} has no "default" encryption,\r\nsee tags`,
  suppressed: { reason: 'legacy, migrating', expires: '2030-01-01' },
});
const formula = finding({ id: 'f3', resource: { type: 'AwsIamUser', id: '=cmd|/C calc!A0', arn: '+arn' }, message: '@SUM(1)' });

describe('renderCsv', () => {
  const csv = renderCsv(report([finding(), nasty, formula]));
  const rows = parseCsv(csv);

  it('writes the header then one CRLF-terminated row a finding', () => {
    expect(csv.startsWith(CSV_COLUMNS.join(',') + '\r\n')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => r.length === CSV_COLUMNS.length)).toBe(true);
    expect(renderCsv(report([]))).toBe(CSV_COLUMNS.join(',') + '\r\n');
  });

  it('keeps its columns (new ones only at the end) and carries the evidence date and the coverage on every row', () => {
    expect(CSV_COLUMNS.slice(0, 3)).toEqual(['id', 'checkId', 'title']);
    expect(CSV_COLUMNS.slice(-7)).toEqual(['suppressionExpires', 'evidenceCollectedAt', 'auditCoverage', 'classification', 'baseSeverity', 'suppressionApprovedBy', 'suppressionTicket']);
    for (const r of rows.slice(1)) expect(r.slice(-6, -4)).toEqual(['2024-04-28T08:00:00.000Z', '75']);
    const none = report([finding()]);
    none.summary.coverage = { judged: 0, notJudged: 0, percent: null, complete: false, gaps: [] };
    expect(parseCsv(renderCsv(none))[1]!.at(-5)).toBe('');
  });

  it('says whether the resource holds ePHI, and the check severity where it was raised', () => {
    const raised = finding({ status: 'FAIL', severity: 'high', baseSeverity: 'medium', classification: 'ephi' });
    const [, a, b, c] = parseCsv(renderCsv(report([raised, finding({ classification: 'unknown' }), finding()])));
    expect([a, b, c].map((r) => [r![4], r!.at(-4), r!.at(-3)])).toEqual([
      ['high', 'ephi', 'medium'],
      ['high', 'unknown', ''],
      // Classification off: empty.
      ['high', '', ''],
    ]);
  });

  it('writes a finding rated apart by its check at its own severity, with the check’s in baseSeverity', () => {
    const note = finding({ checkId: 'iam.no-full-admin-policies', severity: 'informational', baseSeverity: 'high', classification: 'not-ephi' });
    const [, a] = parseCsv(renderCsv(report([note])));
    expect([a![CSV_COLUMNS.indexOf('severity')], a![CSV_COLUMNS.indexOf('baseSeverity')]]).toEqual(['informational', 'high']);
  });

  it('round-trips commas, quotes and line breaks', () => {
    const r = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, rows[2]![i]]));
    expect(r).toMatchObject({
      id: 'f2',
      status: 'FAIL',
      resourceId: nasty.resource.id,
      message: nasty.message,
      hipaa: '164.312(a)(2)(iv); 164.312(c)(1)',
      controls: 'S3.4',
      remediationUrl: 'https://docs.aws.amazon.com/s3/',
      suppressed: 'yes',
      suppressionReason: 'legacy, migrating',
      suppressionExpires: '2030-01-01',
    });
    expect(rows[1]![15]).toBe('');
    expect(csv).toContain('"phi, ""x""\n<img src=x onerror=alert(1)>"');
  });

  it('neutralises cells that a spreadsheet would read as a formula', () => {
    const r = rows[3]!;
    expect(r[8]).toBe("'=cmd|/C calc!A0");
    expect(r[9]).toBe("'+arn");
    expect(r[10]).toBe("'@SUM(1)");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
    expect(csvCell('=a,b')).toBe(`"'=a,b"`);
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell(undefined)).toBe('');
  });
});
