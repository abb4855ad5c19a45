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

export function findingsData(groups: readonly CheckGroup[]): FindingsData {
  const regions = new Map<string, number>();
  const types = new Map<string, number>();
  const index = (m: Map<string, number>, v: string): number => {
    let i = m.get(v);
    if (i === undefined) {
      i = m.size;
      m.set(v, i);
    }
    return i;
  };
  const data: FindingsData = { c: [], r: [], t: [], f: [] };
  groups.forEach((g, ci) => {
    data.c.push([g.checkId, g.title, g.severity, g.hipaa, g.controls, g.remediation.text, safeHttpsUrl(g.remediation.url) ?? '', g.remediation.url]);
    for (const f of g.findings) {
      const row: FindingsData['f'][number] = [
        ci,
        STATUS_RANK[f.status] ?? 1,
        index(regions, f.region),
        index(types, f.resource.type),
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
      data.f.push(row);
    }
  });
  data.r = [...regions.keys()];
  data.t = [...types.keys()];
  return data;
}

/**
 * JSON safe inside <script type="application/json">: `<` is escaped, so no value (a resource name such as
 * `</script><script>...`) can close the element or open a comment; U+2028/2029 are escaped for old parsers.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** The same text as jsonForScript(data), a thousand findings at a time. */
export function* findingsDataChunks(data: FindingsData, slice = 1000): Generator<string> {
  yield `{"c":${jsonForScript(data.c)},"r":${jsonForScript(data.r)},"t":${jsonForScript(data.t)},"f":[`;
  for (let i = 0; i < data.f.length; i += slice) {
    const part = jsonForScript(data.f.slice(i, i + slice));
    yield `${i > 0 ? ',' : ''}${part.slice(1, -1)}`;
  }
  yield ']}';
}
