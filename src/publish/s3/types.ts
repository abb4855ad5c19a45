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

export interface S3Outcome {
  /** Every key written, in write order. */
  keys: string[];
  /** latest/<account>/report.html (written last). */
  latestReportKey: string;
  /** summaries/account=<id>/date=<d>/run=<id>.json */
  summaryKey: string;
  /** Non-fatal problems (history unreadable, latest kept because it is newer). */
  warnings?: string[];
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
