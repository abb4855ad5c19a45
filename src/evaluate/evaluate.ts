import { createHash } from 'node:crypto';
import { compileSuppression, isExpired, suppressionNote, usesTags, type SubjectMatcher } from '../config/suppressions';
import type { AuditConfig, Suppression } from '../config/types';
import type { Inventory } from '../inventory/types';
import { DEFAULT_CLASSIFICATION, tagIndexOf, type ClassifiedBy, type ResourceClassification } from '../judge/classification';
import type { Finding } from './finding';
import { accountResource, GLOBAL, unreadable } from './results';
import { raisedSeverity, type AuditScope, type Check, type CheckResult, type ResourceRef } from './types';

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
  /** With scope `ephi`: the findings left out, on resources classified as not holding ePHI. */
  outOfScope?: number;
}

export interface EvaluateOptions {
  /**
   * `ephi`: keep only findings on ePHI resources (or resources whose tags could not be read), account-level ones and
   * those of checks kept in every scope.
   */
  scope?: AuditScope;
}

/** Account- and region-level results: about the account, never about a resource that could hold ePHI. */
const isAccountLevel = (resource: ResourceRef): boolean => resource.type === 'AwsAccount';
const ACCOUNT_LEVEL: ResourceClassification = { classification: 'not-ephi' };

const describeBy = (by: ClassifiedBy): string => ('tag' in by ? `tag ${by.tag.key}=${by.tag.value}` : `ARN pattern ${by.arnPattern}`);

/**
 * Runs the checks over the inventory. Ages are measured at collection time; suppression expiry at `now`.
 * A check that throws yields one ERROR finding: a bug in one check never loses the others.
 */
export function evaluate(inventory: Inventory, checks: readonly Check[], config: AuditConfig, now: Date, options: EvaluateOptions = {}): Evaluation {
  const classification = config.classification ?? DEFAULT_CLASSIFICATION;
  const context = { thresholds: config.thresholds, now: new Date(inventory.collectedAt), classification };
  // Built once from the inventory's tags; a replay without tags classifies resources as unknown, with no error.
  const index = classification.enabled ? tagIndexOf(inventory, classification) : undefined;
  const scope = index ? (options.scope ?? 'all') : 'all';
  let outOfScope = 0;
  const expired = config.suppressions.filter((s) => isExpired(s, now));
  const active: CompiledSuppression[] = config.suppressions
    .filter((s) => !isExpired(s, now))
    .map((s) => ({ suppression: s, matches: compileSuppression(s) }));
  const wanted = new Set([...inventory.regions, GLOBAL]);
  // Suppressions scoped by tag read the same index, classification on or off.
  const tagged = usesTags(active.map((a) => a.suppression)) ? (index ?? tagIndexOf(inventory, classification)) : undefined;

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
      const c = index ? (isAccountLevel(r.resource) ? ACCOUNT_LEVEL : index.lookup(r.resource.arn, r.region)) : undefined;
      if (scope === 'ephi' && c?.classification === 'not-ephi' && !isAccountLevel(r.resource) && !check.keptInEveryScope) {
        outOfScope += 1;
        continue;
      }
      const base = r.severity ?? check.severity;
      const raise = c?.classification === 'ephi' && r.status === 'FAIL' && classification.raiseSeverity && !check.ephiOnly && raisedSeverity(base) !== base;
      const severity = raise ? raisedSeverity(base) : base;
      const why = c?.by ? `: ePHI by ${describeBy(c.by)}` : '';
      const finding: Finding = {
        id: findingId(check.id, inventory.accountId, r.region, r.resource.arn),
        checkId: check.id,
        title: check.title,
        status: r.status,
        severity,
        accountId: inventory.accountId,
        region: r.region,
        resource: r.resource,
        message: raise ? `${r.message} [severity raised from ${base} to ${severity}${why}]` : r.message,
        // Shared with the check, not copied: tens of thousands of findings would each carry the same three values.
        hipaa: check.hipaa,
        controls: check.controls,
        remediation: check.remediation,
        ...(c ? { classification: c.classification } : {}),
        ...(c?.by ? { classifiedBy: c.by } : {}),
        // Reports group findings under their check's severity, which they can only learn from here.
        ...(severity !== check.severity ? { baseSeverity: check.severity } : {}),
      };
      if (r.status !== 'PASS') {
        const tags = tagged && !isAccountLevel(r.resource) ? tagged.lookup(r.resource.arn, r.region).tags : undefined;
        const subject = { checkId: check.id, accountId: inventory.accountId, region: r.region, resource: r.resource, ...(tags ? { tags } : {}) };
        const hit = active.find((s) => s.matches(subject));
        if (hit) finding.suppressed = suppressionNote(hit.suppression);
      }
      findings.push(finding);
    }
  }
  return { findings: dedupe(findings), expiredSuppressions: expired, ...(scope === 'ephi' ? { outOfScope } : {}) };
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
