/**
 * Calls in flight at once per service and region, by default: what each service tolerates. S3 configuration
 * reads of different buckets do not contend, so S3 runs wide; IAM's control plane and EC2's Describe* buckets
 * throttle early; the rest sit in between. `--concurrency N` sets one figure for every service instead. The
 * SDK's adaptive retry backs off on any throttling that still happens.
 */
export const DEFAULT_CONCURRENCY: Readonly<Record<string, number>> = {
  s3: 64,
  iam: 4,
  ec2: 16,
  sqs: 16,
  sns: 16,
  lambda: 8,
  kms: 8,
  rds: 8,
};

/** Services not listed above. */
export const FALLBACK_CONCURRENCY = 8;

/** Per-attempt timeouts: connecting, and the whole request and response of one attempt. */
export const DEFAULT_TIMEOUTS = { connectionMs: 5_000, requestMs: 20_000 } as const;

/** Attempts per call (the first and its retries): a hung call costs at most attempts x requestMs. */
export const DEFAULT_MAX_ATTEMPTS = 4;
