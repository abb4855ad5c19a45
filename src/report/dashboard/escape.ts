/** Escaping for HTML and SVG text: every value that came from AWS (names, tags, messages) is attacker-controlled. */

/** Escapes text for use in HTML/SVG element content and double- or single-quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** The URL when it is an absolute https:// URL, else null (javascript:, data:, http:, relative...). */
export function safeHttpsUrl(url: string | undefined): string | null {
  if (!url || !/^https:\/\//i.test(url.trim())) return null;
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** ISO timestamps as `YYYY-MM-DD HH:MM:SS UTC`; anything unparseable as given. */
export function utc(value: string): string {
  const t = Date.parse(value);
  return Number.isNaN(t) ? value : new Date(t).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

/** A percentage as `59.1%`, or `n/a` when nothing was judged. */
export const pct = (value: number | null | undefined): string =>
  value === null || value === undefined || !Number.isFinite(value) ? 'n/a' : `${value}%`;
