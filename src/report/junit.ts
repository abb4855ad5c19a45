import type { Finding, FindingsReport } from '../evaluate/finding';

/**
 * junit.xml, for the test tabs of CI systems (Jenkins, GitLab, GitHub Actions reporters, Azure Pipelines): the
 * de-facto JUnit XML format of Ant and Jenkins. One <testsuite> per check (name = check id), one <testcase> per
 * resource the check judged (name = resource id and region, classname = check id):
 *
 * - FAIL -> <failure message="what was seen" type="<severity>">, the body holding the ARN and the remediation;
 * - ERROR (could not be judged) -> <error message=... type="ERROR">;
 * - suppressed (FAIL or ERROR under a suppression) -> <skipped message="suppressed: reason ...">;
 * - PASS -> an empty testcase.
 *
 * Everything from AWS is escaped for XML (attributes and text), and characters XML 1.0 cannot carry (control
 * characters, lone surrogates) become U+FFFD. Written a suite at a time.
 */

/** XML 1.0 allows #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]. */
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlText(value: string): string {
  return value.replace(INVALID_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An attribute value in double quotes: line breaks and tabs as character references, so parsers keep them. */
export function xmlAttr(value: string): string {
  return xmlText(value).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

const attrs = (pairs: Array<[string, string | number]>): string => pairs.map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`).join('');

/** The `xs:dateTime` form Ant's schema wants (no zone; the value is UTC). */
const timestamp = (iso: string): string => {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? '1970-01-01T00:00:00' : new Date(t).toISOString().slice(0, 19);
};

interface Tally {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

function tally(findings: readonly Finding[]): Tally {
  const t: Tally = { tests: findings.length, failures: 0, errors: 0, skipped: 0 };
  for (const f of findings) {
    if (f.suppressed) t.skipped += 1;
    else if (f.status === 'FAIL') t.failures += 1;
    else if (f.status === 'ERROR') t.errors += 1;
  }
  return t;
}

function testcase(f: Finding): string {
  const head = `    <testcase${attrs([['name', `${f.resource.id} (${f.region})`], ['classname', f.checkId], ['time', '0']])}`;
  const body = `resource: ${f.resource.arn}\nregion: ${f.region}\n${f.message}\nHIPAA: ${f.hipaa.join(', ')}${f.controls.length ? `\nSecurity Hub: ${f.controls.join(', ')}` : ''}\nRemediation: ${f.remediation.text}${f.remediation.url ? ` ${f.remediation.url}` : ''}`;
  if (f.suppressed) {
    const s = f.suppressed;
    const why = [`suppressed: ${s.reason}`, s.expires ? `until ${s.expires}` : '', s.approvedBy ? `approved by ${s.approvedBy}` : '', s.ticket ? `ticket ${s.ticket}` : ''].filter(Boolean).join('; ');
    return `${head}>\n      <skipped${attrs([['message', why]])}/>\n    </testcase>\n`;
  }
  if (f.status === 'FAIL') return `${head}>\n      <failure${attrs([['message', f.message], ['type', f.severity]])}>${xmlText(body)}</failure>\n    </testcase>\n`;
  if (f.status === 'ERROR') return `${head}>\n      <error${attrs([['message', f.message], ['type', 'ERROR']])}>${xmlText(body)}</error>\n    </testcase>\n`;
  return `${head}/>\n`;
}

export function* junitChunks(report: FindingsReport): Generator<string> {
  const { run, tool } = report;
  const byCheck = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const list = byCheck.get(f.checkId);
    if (list) list.push(f);
    else byCheck.set(f.checkId, [f]);
  }
  const all = tally(report.findings);
  const when = timestamp(run.collectedAt);
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield `<testsuites${attrs([['name', `${tool.name} ${run.accountId}`], ['tests', all.tests], ['failures', all.failures], ['errors', all.errors], ['skipped', all.skipped], ['time', '0']])}>\n`;
  let id = 0;
  for (const [checkId, findings] of byCheck) {
    const t = tally(findings);
    const first = findings[0] as Finding;
    yield (
      `  <testsuite${attrs([
        ['name', checkId],
        ['tests', t.tests],
        ['failures', t.failures],
        ['errors', t.errors],
        ['skipped', t.skipped],
        ['time', '0'],
        ['timestamp', when],
        ['hostname', run.accountId],
        ['id', id],
        ['package', tool.name],
      ])}>\n` +
      `    <properties>\n` +
      [
        ['title', first.title],
        ['severity', first.severity],
        ['hipaa', first.hipaa.join(', ')],
        ['controls', first.controls.join(', ')],
        ['run', run.id],
      ]
        .map(([name, value]) => `      <property${attrs([['name', name as string], ['value', value as string]])}/>\n`)
        .join('') +
      `    </properties>\n`
    );
    for (const f of findings) yield testcase(f);
    yield '  </testsuite>\n';
    id += 1;
  }
  yield '</testsuites>\n';
}
