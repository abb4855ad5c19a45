import type { ChangeSincePrevious } from '../../report/change';

export interface S3Target {
  bucket: string;
  /** Key prefix; normalised (no leading/trailing slash), may be empty. */
  prefix: string;
  /** SSE-KMS with this key (id, ARN or alias ARN); SSE-S3 (AES256) when absent. */
  kmsKeyId?: string;
  /** The bucket's region (findBucketRegion). */
  region: string;
}

/** One object written: its key, size and SHA-256 (hex), as a manifest lists them. */
export interface WrittenObject {
  key: string;
  bytes: number;
  sha256: string;
}

/** The steps of publishing a run, in order; a step runs only when every earlier one succeeded. */
export type PublishStep = 'evidence' | 'athena' | 'manifest' | 'latest' | 'latest-copy';

export interface S3Outcome {
  /** Every key written, in write order. */
  keys: string[];
  /** The objects written, with size and hash. */
  written: WrittenObject[];
  /** latest/<account>/report.html (the copy of the latest run's report). */
  latestReportKey: string;
  /** summaries/account=<id>/date=<d>/run=<id>.json */
  summaryKey: string;
  /** Whether latest/<account>/summary.json, the pointer to the account's latest run, now names this run. */
  latestSwitched: boolean;
  /** Non-fatal problems (history unreadable, latest kept because it is newer). */
  warnings?: string[];
  /** The step that failed, the object it could not write and the fix: nothing after it was written. */
  failed?: { step: PublishStep; key: string; message: string };
  /** runs/<account>/<run>/manifest.json, and its signature when signed. */
  manifestKey?: string;
  signatureKey?: string;
  /** What Object Lock protects the run's objects with, when it does. */
  objectLock?: string;
  /** Since the previous stored run of the same scope. */
  change?: ChangeSincePrevious;
}

export interface AccountFailure {
  accountId: string;
  accountName?: string;
  reason: string;
}
