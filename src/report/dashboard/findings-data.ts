import type { Finding } from '../../evaluate/finding';
import { SEVERITIES, type Severity, type Status } from '../../evaluate/types';
import type { Classification } from '../../judge/classification';
import { safeHttpsUrl } from './escape';

/**
 * The findings as report.html embeds them: a JSON block (never executed) that the page's one script renders.
 * Compact so that a report of 10,000+ findings stays small and quick to load: each check's metadata (title,
 * severity, HIPAA sections, controls, remediation) once, findings as short arrays pointing at it.
 *
 *   c: [checkId, title, severity, hipaa[], controls[], remediation text, remediation https URL or '', URL as given]
 *   r: region names;  t: resource types
 *   f: [check index, status (0 FAIL, 1 ERROR, 2 PASS), region index, type index, resource id, resource ARN,
 *       message, suppression reason or null, suppression expiry or null,
 *       classification (0 ephi, 1 not-ephi, 2 unknown) or null, the finding's severity where it is not its check's
 *       (raised for a FAIL on ePHI, or set by the check for that result) or null
 *       (, suppression approvedBy or null, suppression ticket or null: only when the suppression names either)]
 *
 * Findings come in display order: grouped by check (checks with failures first, worst severity first), and
 * within a check FAIL, ERROR, PASS, open before suppressed, then region and resource.
 */
export interface FindingsData {
  c: Array<[string, string, Severity, string[], string[], string, string, string]>;
  r: string[];
  t: string[];
  f: Array<[number, number, number, number, string, string, string, string | null, string | null, number | null, Severity | null, (string | null)?, (string | null)?]>;
}

export const STATUS_CODES: readonly Status[] = ['FAIL', 'ERROR', 'PASS'];
export const CLASSIFICATION_CODES: readonly Classification[] = ['ephi', 'not-ephi', 'unknown'];
const STATUS_RANK: Record<Status, number> = { FAIL: 0, ERROR: 1, PASS: 2 };
const SEVERITY_RANK = Object.fromEntries(SEVERITIES.map((s, i) => [s, i])) as Record<Severity, number>;

/** What a group of the findings table shows once: a check as the findings carry it. */
export interface CheckGroup {
  key: string;
  checkId: string;
  title: string;
  severity: Severity;
  hipaa: string[];
  controls: string[];
  remediation: { text: string; url: string };
  findings: Finding[];
}

/**
 * The findings grouped by check, in display order. Findings of one check id normally share its metadata; a
 * finding that differs (an older report, a test) gets a group of its own, so nothing is shown under the wrong fix.
 * A group carries the check's own severity: findings raised for ePHI, or rated apart by their check, stay in their
 * check's group.
 */
export function groupByCheck(findings: readonly Finding[]): CheckGroup[] {
  const groups = new Map<string, CheckGroup>();
  for (const f of findings) {
    const severity = f.baseSeverity ?? f.severity;
    const key = JSON.stringify([f.checkId, f.title, severity, f.hipaa, f.controls, f.remediation.text, f.remediation.url]);
    const g = groups.get(key) ?? {
      key,
      checkId: f.checkId,
      title: f.title,
      severity,
      hipaa: [...f.hipaa],
      controls: [...f.controls],
      remediation: { ...f.remediation },
      findings: [],
    };
    g.findings.push(f);
    groups.set(key, g);
  }
  // A loop, not Math.min(...spread): a check may hold hundreds of thousands of findings.
  const worst = (g: CheckGroup) => g.findings.reduce((w, f) => Math.min(w, STATUS_RANK[f.status] * 2 + (f.suppressed ? 1 : 0)), Number.POSITIVE_INFINITY);
  const out = [...groups.values()];
  for (const g of out) g.findings.sort(compareInGroup);
  return out.sort(
    (a, b) =>
      worst(a) - worst(b) ||
      (SEVERITY_RANK[a.severity] ?? 9) - (SEVERITY_RANK[b.severity] ?? 9) ||
      a.checkId.localeCompare(b.checkId) ||
      a.key.localeCompare(b.key),
  );
}

function compareInGroup(a: Finding, b: Finding): number {
  return (
    (STATUS_RANK[a.status] ?? 9) - (STATUS_RANK[b.status] ?? 9) ||
    Number(!!a.suppressed) - Number(!!b.suppressed) ||
    a.region.localeCompare(b.region) ||
    a.resource.id.localeCompare(b.resource.id) ||
    a.resource.arn.localeCompare(b.resource.arn)
  );
}

/** Numbers for the values findings share (regions, resource types), in order of first use. */
class Dictionary {
  private readonly ids = new Map<string, number>();
  id(value: string): number {
    let i = this.ids.get(value);
    if (i === undefined) {
      i = this.ids.size;
      this.ids.set(value, i);
    }
    return i;
  }
  values(): string[] {
    return [...this.ids.keys()];
  }
}

interface Header {
  c: FindingsData['c'];
  regions: Dictionary;
  types: Dictionary;
}

function headerOf(groups: readonly CheckGroup[]): Header {
  const regions = new Dictionary();
  const types = new Dictionary();
  const c: FindingsData['c'] = [];
  for (const g of groups) {
    c.push([g.checkId, g.title, g.severity, g.hipaa, g.controls, g.remediation.text, safeHttpsUrl(g.remediation.url) ?? '', g.remediation.url]);
    for (const f of g.findings) {
      regions.id(f.region);
      types.id(f.resource.type);
    }
  }
  return { c, regions, types };
}

function rowOf(f: Finding, check: number, header: Header): FindingsData['f'][number] {
  const row: FindingsData['f'][number] = [
    check,
    STATUS_RANK[f.status] ?? 1,
    header.regions.id(f.region),
    header.types.id(f.resource.type),
    f.resource.id,
    f.resource.arn,
    f.message,
    f.suppressed?.reason ?? null,
    f.suppressed?.expires ?? null,
    f.classification === undefined ? null : CLASSIFICATION_CODES.indexOf(f.classification),
    f.baseSeverity !== undefined ? f.severity : null,
  ];
  // Who approved it and the ticket only where a suppression names them: most findings carry neither.
  if (f.suppressed?.approvedBy || f.suppressed?.ticket) row.push(f.suppressed.approvedBy ?? null, f.suppressed.ticket ?? null);
  return row;
}

/** The rows in display order, with the index of their check. */
function* rowsOf(groups: readonly CheckGroup[], header: Header): Generator<FindingsData['f'][number]> {
  for (let ci = 0; ci < groups.length; ci += 1) for (const f of (groups[ci] as CheckGroup).findings) yield rowOf(f, ci, header);
}

export function findingsData(groups: readonly CheckGroup[]): FindingsData {
  const header = headerOf(groups);
  return { c: header.c, r: header.regions.values(), t: header.types.values(), f: [...rowsOf(groups, header)] };
}

/**
 * JSON safe inside <script type="application/json">: `<` is escaped, so no value (a resource name such as
 * `</script><script>...`) can close the element or open a comment; U+2028/2029 are escaped for old parsers.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/**
 * The same text as jsonForScript(findingsData(groups)), a thousand findings at a time: each slice's rows are built
 * as it is written, so the block never exists whole in memory.
 */
export function* findingsDataChunks(groups: readonly CheckGroup[], slice = 1000): Generator<string> {
  const header = headerOf(groups);
  yield `{"c":${jsonForScript(header.c)},"r":${jsonForScript(header.regions.values())},"t":${jsonForScript(header.types.values())},"f":[`;
  let part: FindingsData['f'] = [];
  let first = true;
  const flush = function* (): Generator<string> {
    if (part.length === 0) return;
    yield `${first ? '' : ','}${jsonForScript(part).slice(1, -1)}`;
    first = false;
    part = [];
  };
  for (const row of rowsOf(groups, header)) {
    part.push(row);
    if (part.length >= slice) yield* flush();
  }
  yield* flush();
  yield ']}';
}
