import { escapeHtml } from './escape';

/** One stored run of an account, as the trend chart draws it. */
export interface TrendPoint {
  runId: string;
  /** When the run was evaluated. */
  startedAt: string;
  /** When its evidence was collected (older stored runs lack it: their startedAt stands in). Points are placed by it. */
  collectedAt?: string;
  /** The run's scope (src/report/scope.ts); older stored runs lack it. */
  scope?: string;
  /** Judged / all findings in percent; null when nothing at all; absent in older stored runs. */
  coverage?: number | null;
  /** PASS / (PASS + unsuppressed FAIL) in percent; null when nothing was judged. */
  score: number | null;
  fail: number;
  pass: number;
  error: number;
}

export type Tone = 'good' | 'warn' | 'bad' | 'none';

/** The colour band of a score: 90+ good, 70+ warning, else bad. */
export function toneOf(score: number | null | undefined): Tone {
  if (score === null || score === undefined || !Number.isFinite(score)) return 'none';
  return score >= 90 ? 'good' : score >= 70 ? 'warn' : 'bad';
}

/** When a point's evidence was collected: where it sits on the time axis. */
export const placedAt = (p: TrendPoint): string => p.collectedAt ?? p.startedAt;

const num = (n: number): string => (Math.round(n * 10) / 10).toString();

/** A ring gauge of the score (0-100); the number itself is drawn by the caller in HTML over its centre. */
export function scoreRing(score: number | null, size = 132): string {
  const stroke = 12;
  const r = (size - stroke) / 2;
  const c = 2 * Math.PI * r;
  const value = score === null || !Number.isFinite(score) ? 0 : Math.max(0, Math.min(100, score));
  const dash = (c * value) / 100;
  return (
    `<svg class="ring" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}" role="img" aria-hidden="true">` +
    `<circle cx="${size / 2}" cy="${size / 2}" r="${num(r)}" fill="none" stroke-width="${stroke}" class="ring-track"/>` +
    `<circle cx="${size / 2}" cy="${size / 2}" r="${num(r)}" fill="none" stroke-width="${stroke}" stroke-linecap="round" ` +
    `class="ring-value tone-${toneOf(score)}" stroke-dasharray="${num(dash)} ${num(c)}" transform="rotate(-90 ${size / 2} ${size / 2})"/>` +
    `</svg>`
  );
}

const shortDate = (iso: string): string => {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso.slice(0, 10) : new Date(t).toISOString().slice(5, 10);
};
const fullDate = (iso: string): string => {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : new Date(t).toISOString().replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');
};

/** Up to `max` evenly spread indexes of `n` items, always the first and the last. */
function labelIndexes(n: number, max: number): number[] {
  if (n <= max) return [...Array(n).keys()];
  const out = new Set<number>();
  for (let i = 0; i < max; i++) out.add(Math.round((i * (n - 1)) / (max - 1)));
  return [...out];
}

/**
 * The score over runs (line, left axis, 0-100%) and the FAIL count of each run (bars, right axis), oldest to
 * newest. Points without a score leave a gap in the line. Every run has a tooltip (<title>).
 */
export function trendChart(points: readonly TrendPoint[]): string {
  const W = 720;
  const H = 230;
  const left = 46;
  const right = W - 46;
  const top = 14;
  const bottom = H - 34;
  const n = points.length;
  const inset = 14;
  const step = n > 1 ? (right - left - 2 * inset) / (n - 1) : 0;
  const x = (i: number): number => (n > 1 ? left + inset + i * step : (left + right) / 2);
  const y = (score: number): number => bottom - ((bottom - top) * Math.max(0, Math.min(100, score))) / 100;
  const maxFail = Math.max(1, ...points.map((p) => p.fail));
  // Bars use the lower part of the plot so the score line stays readable above them.
  const failScale = niceCeiling(maxFail * 1.6);
  const yFail = (v: number): number => bottom - ((bottom - top) * v) / failScale;
  const barWidth = Math.max(3, Math.min(18, step * 0.55 || 18));

  const parts: string[] = [];
  for (const g of [0, 25, 50, 75, 100]) {
    parts.push(`<line class="grid" x1="${left}" x2="${right}" y1="${num(y(g))}" y2="${num(y(g))}"/>`);
    parts.push(`<text class="axis" x="${left - 8}" y="${num(y(g) + 4)}" text-anchor="end">${g}%</text>`);
  }
  for (const v of [0, failScale / 2, failScale]) {
    parts.push(`<text class="axis axis-fail" x="${right + 8}" y="${num(yFail(v) + 4)}" text-anchor="start">${num(v)}</text>`);
  }
  points.forEach((p, i) => {
    const h = bottom - yFail(p.fail);
    parts.push(
      `<rect class="trend-bar" x="${num(x(i) - barWidth / 2)}" y="${num(bottom - h)}" width="${num(barWidth)}" height="${num(Math.max(0, h))}">` +
        `<title>${escapeHtml(fullDate(placedAt(p)))}: ${p.fail} FAIL</title></rect>`,
    );
  });
  // The line, broken where a run had no score.
  let segment: string[] = [];
  const segments: string[][] = [];
  points.forEach((p, i) => {
    if (p.score === null || !Number.isFinite(p.score)) {
      if (segment.length) segments.push(segment);
      segment = [];
    } else segment.push(`${num(x(i))},${num(y(p.score))}`);
  });
  if (segment.length) segments.push(segment);
  for (const s of segments) {
    if (s.length > 1) {
      const first = s[0]!.split(',')[0];
      const last = s[s.length - 1]!.split(',')[0];
      parts.push(`<polygon class="trend-area" points="${first},${bottom} ${s.join(' ')} ${last},${bottom}"/>`);
      parts.push(`<polyline class="trend-line" points="${s.join(' ')}"/>`);
    }
  }
  points.forEach((p, i) => {
    if (p.score === null || !Number.isFinite(p.score)) return;
    const latest = i === n - 1;
    parts.push(
      `<circle class="trend-point${latest ? ' latest' : ''}" cx="${num(x(i))}" cy="${num(y(p.score))}" r="${latest ? 5 : 3.5}">` +
        `<title>${escapeHtml(fullDate(placedAt(p)))}: score ${escapeHtml(p.score)}%, ${p.fail} FAIL, ${p.pass} PASS, ${p.error} ERROR (run ${escapeHtml(p.runId)})</title></circle>`,
    );
  });
  for (const i of labelIndexes(n, 7)) {
    parts.push(`<text class="axis" x="${num(x(i))}" y="${H - 12}" text-anchor="middle">${escapeHtml(shortDate(placedAt(points[i]!)))}</text>`);
  }
  parts.push(`<line class="baseline" x1="${left}" x2="${right}" y1="${bottom}" y2="${bottom}"/>`);
  return (
    `<svg id="trend-chart" class="trend" viewBox="0 0 ${W} ${H}" preserveAspectRatio="xMidYMid meet" role="img" ` +
    `aria-label="HIPAA score over the last ${n} runs" data-points="${n}">${parts.join('')}</svg>`
  );
}

/** A round number (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 times a power of ten) at or above `v`, so the right axis reads in round numbers. */
function niceCeiling(v: number): number {
  const pow = 10 ** Math.floor(Math.log10(Math.max(1, v)));
  for (const m of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * pow >= v) return m * pow;
  return 10 * pow;
}
