import type { Finding, FindingsReport } from '../evaluate/finding';

/**
 * findings.csv: one row a finding, header row first.
 *
 * - RFC 4180: records end with CRLF (`\r\n`, the RFC's line break and what Excel expects), including the last;
 *   a field containing a comma, a double quote, CR or LF is wrapped in double quotes with inner quotes doubled.
 * - Formula injection (OWASP "CSV injection"): resource names, tags and messages are attacker-controlled, so any
 *   cell starting with `=`, `+`, `-`, `@`, tab or CR gets a leading `'` and a spreadsheet shows it as text.
 *   This applies to every cell, so a message such as `-1 days` reads `'-1 days`.
 * - Lists (hipaa, controls) are joined with `; `. `suppressed` is `yes` or empty; who approved a suppression and its
 *   ticket are the last two columns.
 * - Still one row a finding, the run's facts repeated on each: `evidenceCollectedAt` (when the inventory was
 *   collected: for a replay, before the evaluation) and `auditCoverage` (the percentage of findings judged; below
 *   100 the audit is incomplete and the ERROR rows say what could not be read). Columns are only ever added.
 * - `classification` (ephi, not-ephi, unknown; empty when classification is off) and `baseSeverity` (the check's
 *   own severity when `severity` differs: raised for a FAIL on ePHI, or set for one result such as an informational
 *   note) come last, after the run's facts.
 */
export const CSV_COLUMNS = [
  'id',
  'checkId',
  'title',
  'status',
  'severity',
  'accountId',
  'region',
  'resourceType',
  'resourceId',
  'resourceArn',
  'message',
  'hipaa',
  'controls',
  'remediation',
  'remediationUrl',
  'suppressed',
  'suppressionReason',
  'suppressionExpires',
  'evidenceCollectedAt',
  'auditCoverage',
  'classification',
  'baseSeverity',
  'suppressionApprovedBy',
  'suppressionTicket',
] as const;

const EOL = '\r\n';
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One cell: neutralises a formula, then quotes per RFC 4180 when needed. */
export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function row(f: Finding, run: { collectedAt: string; coverage: string }): string[] {
  return [
    f.id,
    f.checkId,
    f.title,
    f.status,
    f.severity,
    f.accountId,
    f.region,
    f.resource.type,
    f.resource.id,
    f.resource.arn,
    f.message,
    f.hipaa.join('; '),
    f.controls.join('; '),
    f.remediation.text,
    f.remediation.url,
    f.suppressed ? 'yes' : '',
    f.suppressed?.reason ?? '',
    f.suppressed?.expires ?? '',
    run.collectedAt,
    run.coverage,
    f.classification ?? '',
    f.baseSeverity ?? '',
    f.suppressed?.approvedBy ?? '',
    f.suppressed?.ticket ?? '',
  ];
}

/** The CSV a row at a time (header first), for writing without holding the whole file. */
export function* csvChunks(report: FindingsReport): Generator<string> {
  const percent = report.summary.coverage.percent;
  const run = { collectedAt: report.run.collectedAt, coverage: percent === null ? '' : String(percent) };
  yield (CSV_COLUMNS as readonly string[]).map(csvCell).join(',') + EOL;
  for (const f of report.findings) yield row(f, run).map(csvCell).join(',') + EOL;
}

export function renderCsv(report: FindingsReport): string {
  return [...csvChunks(report)].join('');
}
