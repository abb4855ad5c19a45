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
