import { createHash } from 'node:crypto';

/**
 * What a run audited: the account, the checks and the regions, and `ephi` for a run that kept only ePHI findings
 * (--scope ephi). Runs compare in a trend only when their scopes are equal (a run of 7 checks next to one of 30
 * would show a score jump that is no change in the account). A short hash of the sorted lists, stable across runs
 * and machines; a run of every resource hashes as it did before classification existed.
 */
export function scopeKey(accountId: string, checks: readonly string[], regions: readonly string[], classification?: 'ephi'): string {
  const canonical = JSON.stringify([accountId, [...checks].sort(), [...regions].sort(), ...(classification ? [classification] : [])]);
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

export const scopeOfRun = (run: { accountId: string; checks: readonly string[]; regions: readonly string[]; scope?: 'ephi' }): string =>
  scopeKey(run.accountId, run.checks, run.regions, run.scope);
