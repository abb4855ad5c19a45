import { UsageError } from '../errors';
import { SEVERITIES, type Check, type Severity } from './types';

export interface Selection {
  /** Ids or prefixes (`s3.`, or `s3` for the whole service). */
  include?: string[];
  exclude?: string[];
  minSeverity?: Severity;
}

function matcher(all: readonly Check[], pattern: string, flag: string): (c: Check) => boolean {
  const p = pattern.trim();
  const asPrefix = p.endsWith('.') ? p : `${p}.`;
  const test = (c: Check) => c.id === p || c.id.startsWith(asPrefix);
  if (!all.some(test)) {
    const services = [...new Set(all.map((c) => c.id.split('.')[0]))].join(', ');
    throw new UsageError(`${flag}: unknown check '${p}'. Fix: use a check id from 'npm run checks' or a service prefix (${services}).`);
  }
  return test;
}

/** The checks a run evaluates, in catalogue order. Unknown ids or prefixes are a usage error. */
export function selectChecks(all: readonly Check[], selection: Selection): Check[] {
  const include = (selection.include ?? []).filter((p) => p.trim() !== '').map((p) => matcher(all, p, '--checks'));
  const exclude = (selection.exclude ?? []).filter((p) => p.trim() !== '').map((p) => matcher(all, p, '--exclude-checks'));
  const floor = SEVERITIES.indexOf(selection.minSeverity ?? 'informational');
  const chosen = all.filter(
    (c) =>
      (include.length === 0 || include.some((m) => m(c))) &&
      !exclude.some((m) => m(c)) &&
      SEVERITIES.indexOf(c.severity) <= floor,
  );
  if (chosen.length === 0) throw new UsageError('the selection leaves no check to run. Fix: widen --checks, --exclude-checks or --min-severity.');
  return chosen;
}
