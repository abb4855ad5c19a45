import type { Inventory, ReadId } from '../inventory/types';
import type { Thresholds } from '../config/types';
import type { ClassificationConfig } from '../judge/classification';

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'informational'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** One level up, for a FAIL on an ePHI resource (critical stays critical). */
export function raisedSeverity(severity: Severity): Severity {
  return SEVERITIES[Math.max(0, SEVERITIES.indexOf(severity) - 1)] as Severity;
}

/** What a run audits: every resource, or only ePHI resources (and those whose classification is unknown) plus the account-level checks. */
export const SCOPES = ['all', 'ephi'] as const;
export type AuditScope = (typeof SCOPES)[number];

export const STATUSES = ['PASS', 'FAIL', 'ERROR'] as const;
export type Status = (typeof STATUSES)[number];

/** The resource a result is about. `type` is the ASFF resource type (AwsS3Bucket, AwsIamUser, AwsAccount, ...). */
export interface ResourceRef {
  type: string;
  id: string;
  arn: string;
}

/** What a check says about one resource. */
export interface CheckResult {
  status: Status;
  /** A region name, or `global` for resources without one (IAM, the account). */
  region: string;
  resource: ResourceRef;
  /** What was seen, specific enough to act on. */
  message: string;
  /**
   * This result's severity when it is not the check's: e.g. `informational` for a note the check reports beside its
   * verdicts. The ePHI raise for a FAIL starts from it.
   */
  severity?: Severity;
}

export interface CheckContext {
  thresholds: Thresholds;
  /** The moment the inventory was collected: ages are measured from it, so a replay judges the same. */
  now: Date;
  /** Which resources hold ePHI (the ePHI checks read it through tagIndexOf); absent: DEFAULT_CLASSIFICATION. */
  classification?: ClassificationConfig;
}

/** A check's public metadata; `id` is a public interface and never changes. */
export interface CheckMeta {
  id: string;
  title: string;
  severity: Severity;
  /** HIPAA Security Rule (45 CFR) section ids, e.g. `164.312(d)`. */
  hipaa: string[];
  /** AWS Security Hub control ids, e.g. `IAM.5`; empty where none exists. */
  controls: string[];
  /** What the check verifies and why it matters for ePHI. */
  description: string;
  remediation: { text: string; url: string };
  /**
   * The reads the check judges from (`s3.bucketAcl`): a run collects only the reads of its selected checks, and a
   * check is judged on a saved inventory only when the inventory holds all of them.
   */
  reads: ReadId[];
  /**
   * The check judges only ePHI resources: its severity already is the severity for ePHI, so a FAIL is never raised
   * again for the resource holding ePHI.
   */
  ephiOnly?: boolean;
  /**
   * The check's findings are kept whatever the run's scope: it judges the classification itself, so the resources
   * `--scope ephi` would drop (untagged, hence not-ePHI) are the very ones it reports.
   */
  keptInEveryScope?: boolean;
}

export interface Check extends CheckMeta {
  /** Pure: inventory in, one result per judged resource out. */
  evaluate(inventory: Inventory, context: CheckContext): CheckResult[];
}
