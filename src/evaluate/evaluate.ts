import { createHash } from 'node:crypto';
import { compileSuppression, isExpired, suppressionNote, type SubjectMatcher } from '../config/suppressions';
import type { AuditConfig, Suppression } from '../config/types';
import type { Inventory } from '../inventory/types';
import type { Finding } from './finding';
import { accountResource, GLOBAL, unreadable } from './results';
import type { Check, CheckResult } from './types';

/** Stable across runs: the same check on the same resource in the same account and region. */
export function findingId(checkId: string, accountId: string, region: string, resourceArn: string): string {
  const digest = createHash('sha256').update(`${checkId}|${accountId}|${region}|${resourceArn}`).digest('hex').slice(0, 24);
  return `${checkId}/${accountId}/${region}/${digest}`;
}

interface CompiledSuppression {
  suppression: Suppression;
  matches: SubjectMatcher;
}

export interface Evaluation {
  findings: Finding[];
  expiredSuppressions: Suppression[];
}

/**
 * Runs the checks over the inventory. Ages are measured at collection time; suppression expiry at `now`.
 * A check that throws yields one ERROR finding: a bug in one check never loses the others.
 */
export function evaluate(inventory: Inventory, checks: readonly Check[], config: AuditConfig, now: Date): Evaluation {
  const context = { thresholds: config.thresholds, now: new Date(inventory.collectedAt) };
  const expired = config.suppressions.filter((s) => isExpired(s, now));
  const active: CompiledSuppression[] = config.suppressions
    .filter((s) => !isExpired(s, now))
    .map((s) => ({ suppression: s, matches: compileSuppression(s) }));
  const wanted = new Set([...inventory.regions, GLOBAL]);

  const held = new Set(inventory.reads);
  const findings: Finding[] = [];
  for (const check of checks) {
    let results: CheckResult[];
    const absent = check.reads.filter((r) => !held.has(r));
    try {
      // A saved inventory collected for other checks: judging on part of the evidence would invent verdicts.
      results = absent.length ? [notJudged(inventory, absent)] : check.evaluate(inventory, context);
    } catch (error) {
      results = [
        { status: 'ERROR', region: GLOBAL, resource: accountResource(inventory), message: `check failed to evaluate: ${(error as Error).message}` },
      ];
    }
    for (const r of results) {
      if (!wanted.has(r.region)) continue;
      const finding: Finding = {
        id: findingId(check.id, inventory.accountId, r.region, r.resource.arn),
        checkId: check.id,
        title: check.title,
        status: r.status,
        severity: check.severity,
        accountId: inventory.accountId,
        region: r.region,
        resource: r.resource,
        message: r.message,
        hipaa: [...check.hipaa],
        controls: [...check.controls],
        remediation: { ...check.remediation },
      };
      if (r.status !== 'PASS') {
        const subject = { checkId: check.id, accountId: inventory.accountId, region: r.region, resource: r.resource };
        const hit = active.find((s) => s.matches(subject));
        if (hit) finding.suppressed = suppressionNote(hit.suppression);
      }
      findings.push(finding);
    }
  }
  return { findings: dedupe(findings), expiredSuppressions: expired };
}

function notJudged(inventory: Inventory, absent: string[]): CheckResult {
  const error = { service: 'inventory', region: GLOBAL, operation: absent.join(', '), code: 'NotCollected', message: `the inventory holds no ${absent.join(', ')} (it was collected for other checks)` };
  return unreadable(GLOBAL, accountResource(inventory), error, absent.join(', '));
}

/** Two results on one resource from one check would collide on id: keep the worst, so nothing is hidden. */
function dedupe(findings: Finding[]): Finding[] {
  const rank = { FAIL: 0, ERROR: 1, PASS: 2 } as const;
  const byId = new Map<string, Finding>();
  for (const f of findings) {
    const seen = byId.get(f.id);
    if (!seen) byId.set(f.id, f);
    else if (rank[f.status] < rank[seen.status]) byId.set(f.id, { ...f, message: `${f.message}; ${seen.message}` });
    else if (rank[f.status] === rank[seen.status] && f.message !== seen.message) byId.set(f.id, { ...seen, message: `${seen.message}; ${f.message}` });
  }
  return [...byId.values()];
}
