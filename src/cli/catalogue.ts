import type { Check } from '../evaluate/types';

/** The catalogue as a Markdown table (the README carries this exact text). */
export function catalogueMarkdown(checks: readonly Check[]): string {
  const rows = checks.map(
    (c) => `| \`${c.id}\` | ${c.title} | ${c.hipaa.join(', ')} | ${c.controls.length ? c.controls.join(', ') : '—'} | ${c.severity} |`,
  );
  return ['| id | checks that | HIPAA | Security Hub control | severity |', '|---|---|---|---|---|', ...rows].join('\n');
}

/** The catalogue for a terminal. */
export function catalogueText(checks: readonly Check[]): string {
  const width = Math.max(...checks.map((c) => c.id.length));
  return checks
    .map((c) => `${c.id.padEnd(width)}  ${c.severity.padEnd(13)} ${c.title}\n${' '.repeat(width + 2)}HIPAA ${c.hipaa.join(', ')}; controls ${c.controls.join(', ') || '—'}`)
    .join('\n');
}
