import { minimatch } from 'minimatch';
import type { Suppression } from './types';

export type ResourceMatcher = (value: string) => boolean;

/** `/.../` is a regular expression; anything else a glob (`*` may cross `/` and `:`, as ARNs need). */
export function compileResourcePattern(pattern: string): ResourceMatcher {
  const regex = /^\/(.+)\/([a-z]*)$/.exec(pattern);
  if (regex) {
    let re: RegExp;
    try {
      re = new RegExp(regex[1] as string, regex[2]);
    } catch (error) {
      throw new Error(`invalid regular expression ${pattern}: ${(error as Error).message}`);
    }
    return (value) => re.test(value);
  }
  // ARNs hold slashes; a glob user means "anything" by *, so match as if there were no path segments.
  const re = minimatch.makeRe(pattern.replace(/\//g, '\u0000'), { dot: true, nocomment: true, nonegate: true });
  if (!re) throw new Error(`invalid glob ${pattern}`);
  return (value) => re.test(value.replace(/\//g, '\u0000'));
}

/** True when the suppression has expired on `now` (it applies up to, not including, its expiry day). */
export function isExpired(suppression: Suppression, now: Date): boolean {
  return suppression.expires !== undefined && now.toISOString().slice(0, 10) >= suppression.expires;
}

/**
 * What a suppression is matched against: one result of one check. `tags` is the resource's tags where they are
 * known (src/judge/classification.ts), absent where they are not.
 */
export interface SuppressionSubject {
  checkId: string;
  accountId: string;
  region: string;
  resource: { id: string; arn: string };
  tags?: Readonly<Record<string, string>>;
}

export type SubjectMatcher = (subject: SuppressionSubject) => boolean;

/** A plain glob over a short token (an account id, a region name, a tag value): `*` and `?` only, the whole value. */
function tokenGlob(pattern: string, flags = ''): (value: string) => boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\-]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, flags);
  return (value) => re.test(value);
}

const anyOf = (patterns: readonly string[]): ((value: string) => boolean) => {
  const tests = patterns.map((p) => tokenGlob(p));
  return (value) => tests.some((t) => t(value));
};

/**
 * Each scope a suppression may narrow, as a matcher built from the suppression, or null when it does not use that
 * scope. A suppression applies when every matcher it uses agrees.
 */
const SCOPE_MATCHERS: ReadonlyArray<(s: Suppression) => SubjectMatcher | null> = [
  (s) => (subject) => subject.checkId === s.checkId,
  (s) => {
    const matches = compileResourcePattern(s.resource);
    return (subject) => matches(subject.resource.arn) || matches(subject.resource.id);
  },
  (s) => {
    if (!s.accounts) return null;
    const matches = anyOf(s.accounts);
    return (subject) => matches(subject.accountId);
  },
  (s) => {
    if (!s.regions) return null;
    const matches = anyOf(s.regions);
    return (subject) => matches(subject.region);
  },
  (s) => {
    if (!s.tags) return null;
    const wanted = Object.entries(s.tags).map(([key, value]) => ({ key: key.toLowerCase(), matches: tokenGlob(value, 'i') }));
    // Unknown tags never match: a suppression scoped by tag must not hide a finding whose tags were not read.
    return (subject) => {
      if (!subject.tags) return false;
      const tags = Object.entries(subject.tags);
      return wanted.every((w) => tags.some(([k, v]) => k.toLowerCase() === w.key && w.matches(v)));
    };
  },
];

/** Whether any suppression is scoped by tag (the run then needs the resources' tags). */
export const usesTags = (suppressions: readonly Suppression[]): boolean => suppressions.some((s) => s.tags !== undefined);

/** One matcher for the whole suppression: check, resource, and the accounts, regions and tags when it names them. */
export function compileSuppression(s: Suppression): SubjectMatcher {
  const matchers = SCOPE_MATCHERS.map((build) => build(s)).filter((m): m is SubjectMatcher => m !== null);
  return (subject) => matchers.every((m) => m(subject));
}

/** What a finding carries of the suppression that covers it (findings.json `suppressed`). */
export function suppressionNote(s: Suppression): { reason: string; expires?: string; approvedBy?: string; ticket?: string } {
  return {
    reason: s.reason,
    ...(s.expires ? { expires: s.expires } : {}),
    ...(s.approvedBy ? { approvedBy: s.approvedBy } : {}),
    ...(s.ticket ? { ticket: s.ticket } : {}),
  };
}

/** `approved by X, ticket Y` (or either, or ''), for one-line outputs. */
export function approvalText(s: { approvedBy?: string; ticket?: string }): string {
  return [s.approvedBy ? `approved by ${s.approvedBy}` : '', s.ticket ? `ticket ${s.ticket}` : ''].filter(Boolean).join(', ');
}
