import type { ApiCallCounts } from '../aws/api-calls';
import type { Suppression } from '../config/types';
import type { ResourceRef, Severity, Status } from './types';

/** One check's verdict on one resource, with everything needed to act on it. */
export interface Finding {
  /** Deterministic from check, account, region and resource: the same problem is always the same finding. */
  id: string;
  checkId: string;
  title: string;
  status: Status;
  severity: Severity;
  accountId: string;
  region: string;
  resource: ResourceRef;
  message: string;
  hipaa: string[];
  controls: string[];
  remediation: { text: string; url: string };
  suppressed?: { reason: string; expires?: string };
}

export interface StatusCounts {
  PASS: number;
  FAIL: number;
  ERROR: number;
}

export interface HipaaScore {
  section: string;
  name: string;
  pass: number;
  /** Failures not suppressed. */
  fail: number;
  error: number;
  suppressed: number;
  /** pass / (pass + fail) as a percentage with one decimal; null when nothing was judged. */
  passRate: number | null;
  /** Distinct resources with an unsuppressed FAIL under this section. */
  failingResources: number;
}

export interface Summary {
  total: number;
  byStatus: StatusCounts;
  bySeverity: Record<Severity, StatusCounts>;
  /** FAIL findings a suppression covers (counted in byStatus, left out of score and --fail-on). */
  suppressed: number;
  /** Overall pass rate in percent over PASS and unsuppressed FAIL; null when nothing was judged. */
  score: number | null;
  hipaa: HipaaScore[];
  topFailingChecks: Array<{ checkId: string; title: string; severity: Severity; failed: number }>;
  expiredSuppressions: Suppression[];
  /** Reads that failed while collecting (each also shows as ERROR findings where a check needed it). */
  collectionErrors: number;
}

export interface RunInfo {
  id: string;
  startedAt: string;
  finishedAt: string;
  accountId: string;
  partition: string;
  homeRegion: string;
  regions: string[];
  /** Check ids evaluated. */
  checks: string[];
  /** `live` for an audit of the account, `inventory` for a replay of a saved one. */
  source: 'live' | 'inventory';
  apiCalls: ApiCallCounts;
}

/** The document written as findings.json. */
export interface FindingsReport {
  schemaVersion: '1.0';
  tool: { name: string; version: string };
  run: RunInfo;
  summary: Summary;
  findings: Finding[];
}
