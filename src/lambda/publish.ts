import type { AwsContext } from '../aws/context';
import { kmsSigner, type ManifestSigner } from '../evidence/sign';
import { publishToS3, findBucketRegion, type S3Outcome, type S3Target } from '../publish/s3';
import { publishToSecurityHub, reportStateStore, type SecurityHubOutcome } from '../publish/security-hub';
import type { AuditRun } from '../run-audit';
import type { Settings } from './config';
import type { Log, MetricsSink } from './observability';

/** Fails the invocation (after Security Hub was published and metrics recorded) when the S3 report was partial. */
export function assertPublished(published: Published): void {
  const f = published.s3.failed;
  if (f) throw new Error(`report publishing was partial at the ${f.step} step (${published.s3.latestSwitched ? 'latest/ names this run' : 'latest/ still shows the previous complete run'}): ${f.message}`);
}

/** The report bucket as the S3 publisher wants it; its region is looked up once when the deployment did not set it. */
export async function reportTarget(aws: AwsContext, settings: Settings): Promise<S3Target> {
  const region = settings.report.region ?? (await findBucketRegion(aws, settings.report.bucket, settings.region));
  return {
    bucket: settings.report.bucket,
    prefix: settings.report.prefix,
    region,
    ...(settings.report.kmsKeyId ? { kmsKeyId: settings.report.kmsKeyId } : {}),
  };
}

export interface Published {
  s3: Pick<S3Outcome, 'latestReportKey' | 'summaryKey' | 'latestSwitched' | 'failed'> & { objects: number; manifestKey?: string; signed: boolean };
  securityHub:
    | { enabled: false }
    | ({ enabled: true } & Pick<SecurityHubOutcome, 'created' | 'updated' | 'resolved' | 'archived' | 'partial'> & {
          failed: number;
          regions: Array<{ region: string; status: string; sent: number }>;
        });
}

export interface PublishParams {
  run: AuditRun;
  settings: Settings;
  target: S3Target;
  /** Credentials that write the report bucket (the auditor's own). */
  reportAws: AwsContext;
  /** Credentials of the audited account, whose Security Hub receives its findings. */
  findingsAws: AwsContext;
  log: Log;
  metrics: MetricsSink;
  /** Waits between Security Hub batches (tests inject one that does not wait). */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * The report goes to S3 first (the evidence), then the findings to the audited account's Security Hub with
 * their state kept beside the reports. A region without Security Hub is a warning, not a failure.
 */
export async function publishRun(p: PublishParams): Promise<Published> {
  const signer = await signerOf(p);
  const s3 = await publishToS3(p.reportAws, p.run, p.target, signer ? { signer } : {});
  p.log.info('report written', {
    bucket: p.target.bucket,
    latestReportKey: s3.latestReportKey,
    summaryKey: s3.summaryKey,
    manifestKey: s3.manifestKey,
    signed: Boolean(s3.signatureKey),
    objects: s3.keys.length,
    latestSwitched: s3.latestSwitched,
  });
  for (const warning of s3.warnings ?? []) p.log.warn(warning);
  // An S3 failure is logged with its key and fix, and Security Hub is still published; the caller fails the run.
  if (s3.failed) p.log.error('report publishing partial', { step: s3.failed.step, key: s3.failed.key, errorMessage: s3.failed.message });
  const s3Result = {
    latestReportKey: s3.latestReportKey,
    summaryKey: s3.summaryKey,
    objects: s3.keys.length,
    latestSwitched: s3.latestSwitched,
    ...(s3.manifestKey ? { manifestKey: s3.manifestKey } : {}),
    signed: Boolean(s3.signatureKey),
    ...(s3.failed ? { failed: s3.failed } : {}),
  };
  if (!p.settings.securityHub.enabled) return { s3: s3Result, securityHub: { enabled: false } };

  const accountId = p.run.report.run.accountId;
  const state = reportStateStore(p.reportAws, p.target, accountId);
  const outcome = await publishToSecurityHub(p.findingsAws, p.run, {
    state,
    failedOnly: p.settings.securityHub.failedOnly,
    ...(p.sleep ? { sleep: p.sleep } : {}),
    onWarning: (message) => p.log.warn(message, { accountId }),
  });
  const regions = outcome.regions.map(({ region, status, sent }) => ({ region, status, sent }));
  p.log.info('findings sent to Security Hub', {
    accountId,
    created: outcome.created,
    updated: outcome.updated,
    resolved: outcome.resolved,
    archived: outcome.archived,
    failed: outcome.failed.length,
    partial: outcome.partial,
    regions,
  });
  for (const r of outcome.regions) if (r.status !== 'published') p.log.warn(`Security Hub ${r.status} in ${r.region}`, { accountId, region: r.region, message: r.message });
  p.metrics.add({ name: 'SecurityHubFindingsSent', unit: 'Count', value: outcome.regions.reduce((n, r) => n + r.sent, 0) });
  p.metrics.add({ name: 'SecurityHubImportFailures', unit: 'Count', value: outcome.failed.length });
  return {
    s3: s3Result,
    securityHub: {
      enabled: true,
      created: outcome.created,
      updated: outcome.updated,
      resolved: outcome.resolved,
      archived: outcome.archived,
      partial: outcome.partial,
      failed: outcome.failed.length,
      regions,
    },
  };
}

/**
 * The manifest signer of the deployment's signKeyArn (kms:GetPublicKey once). A key that cannot sign does not lose
 * the run's evidence: it is published unsigned, with an error in the logs and the ManifestSigningFailures metric.
 */
async function signerOf(p: PublishParams): Promise<ManifestSigner | undefined> {
  if (!p.settings.signKeyArn) return undefined;
  try {
    return await kmsSigner(p.reportAws, p.settings.signKeyArn, p.settings.region);
  } catch (error) {
    p.log.error('the run is published unsigned: the signing key cannot sign', { signKeyArn: p.settings.signKeyArn, error: (error as Error).message });
    p.metrics.add({ name: 'ManifestSigningFailures', unit: 'Count', value: 1 });
    return undefined;
  }
}
