/**
 * Whether an AWS Backup schedule expression runs at least once every day. A pure helper for
 * backup.plan-retention, not a check.
 *
 * AWS cron has six fields: `cron(minutes hours day-of-month month day-of-week year)`, with `*`, `?`, lists,
 * ranges, `/` steps, names (JAN-DEC, SUN-SAT with SUN = 1) and the special `L`, `W` and `#`. Any minutes and hours
 * fire at least once a day, so an expression runs every day when its day-of-month, month, day-of-week and year
 * fields let every day through. `rate(N minutes|hours|days)` runs every day when N units are at most one day.
 */

export interface Frequency {
  /** true: every day; false: not every day; null: the expression was not understood. */
  daily: boolean | null;
  /** Why, for messages: `every day`, `only on day-of-week SUN`, ... */
  how: string;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** The values a cron field lets through within [min, max], or null when it uses L, W, # or is malformed. */
export function expandField(field: string, min: number, max: number, names: string[] = []): Set<number> | null {
  const value = (token: string): number | null => {
    const named = names.indexOf(token.toUpperCase());
    if (named >= 0) return named + min;
    if (!/^\d+$/.test(token)) return null;
    const n = Number(token);
    return n >= min && n <= max ? n : null;
  };
  const out = new Set<number>();
  for (const part of field.split(',')) {
    const [range = '', stepText] = part.split('/');
    const step = stepText === undefined ? 1 : /^\d+$/.test(stepText) && Number(stepText) > 0 ? Number(stepText) : null;
    if (step === null) return null;
    let from: number | null;
    let to: number | null;
    if (range === '*' || range === '?') {
      from = min;
      to = max;
    } else if (range.includes('-')) {
      const [a = '', b = ''] = range.split('-');
      from = value(a);
      to = value(b);
    } else {
      from = value(range);
      // `5/10` runs from 5 to the end of the range.
      to = stepText === undefined ? from : max;
    }
    if (from === null || to === null || from > to) return null;
    for (let v = from; v <= to; v += step) out.add(v);
  }
  return out;
}

const covers = (set: Set<number> | null, min: number, max: number): boolean | null => {
  if (set === null) return null;
  for (let v = min; v <= max; v += 1) if (!set.has(v)) return false;
  return true;
};

/** The default AWS Backup uses when a rule has no schedule expression. */
export const DEFAULT_SCHEDULE = 'cron(0 5 ? * * *)';

export function scheduleFrequency(expression: string): Frequency {
  const text = expression.trim();
  const rate = /^rate\(\s*(\d+)\s+(minutes?|hours?|days?)\s*\)$/i.exec(text);
  if (rate) {
    const n = Number(rate[1]);
    const unit = (rate[2] ?? '').toLowerCase();
    const minutes = n * (unit.startsWith('minute') ? 1 : unit.startsWith('hour') ? 60 : 1440);
    return minutes <= 1440 && n > 0 ? { daily: true, how: 'at least every day' } : { daily: false, how: `every ${n} ${unit}` };
  }
  const cron = /^cron\((.*)\)$/i.exec(text);
  const fields = cron?.[1]?.trim().split(/\s+/) ?? [];
  if (fields.length !== 6) return { daily: null, how: `the schedule ${expression} is not a six-field cron or rate expression` };
  const [minutes = '', hours = '', dom = '', month = '', dow = '', year = ''] = fields;
  if (expandField(minutes, 0, 59) === null || expandField(hours, 0, 23) === null) return { daily: null, how: `the schedule ${expression} was not understood` };
  const monthsAll = covers(expandField(month, 1, 12, MONTHS), 1, 12);
  // AWS requires `?` in one of the two day fields; the other one decides. Both set: both must let every day through.
  const domAll = dom === '?' ? true : covers(expandField(dom, 1, 31), 1, 31);
  const dowAll = dow === '?' ? true : covers(expandField(dow, 1, 7, WEEKDAYS), 1, 7);
  if (domAll === null || dowAll === null || monthsAll === null) {
    const special = [dom, dow, month].find((f) => /[LW#]/i.test(f));
    if (special !== undefined) return { daily: false, how: `only on days matching ${special}` };
    return { daily: null, how: `the schedule ${expression} was not understood` };
  }
  if (!domAll) return { daily: false, how: `only on day-of-month ${dom}` };
  if (!dowAll) return { daily: false, how: `only on day-of-week ${dow}` };
  if (!monthsAll) return { daily: false, how: `only in month ${month}` };
  if (year !== '*') return { daily: false, how: `only in year ${year}` };
  return { daily: true, how: 'every day' };
}
