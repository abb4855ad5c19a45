import { join } from 'node:path';
import type { Session } from '../aws/session';
import type { ManifestSigner } from '../evidence/sign';
import { UsageError } from '../errors';
import type { S3Target } from '../publish/s3';
import type { StateStore } from '../publish/security-hub';
import type { AuditRun } from '../run-audit';
import type { CliOptions } from './options';

export interface RemoteOutcome {
  lines: string[];
  /** Something was not published: the CLI exits 3. */
  partial: boolean;
}

/** Whether the options ask for any AWS publisher (they then need a session, even for a replay). */
export const publishesRemotely = (opts: CliOptions): boolean => Boolean(opts.securityHub || opts.securityHubFailedOnly || opts.outputBucket);

/**
 * The S3 report, then Security Hub (its state lives beside the S3 report when there is one). An S3 failure is
 * reported (the object, the fix) and makes publishing partial; it never stops Security Hub. The publishers, and
 * their SDK clients, are loaded only when asked for.
 */
export async function publishRemotely(
  opts: CliOptions,
  session: Session,
  run: AuditRun,
  warn: (message: string) => void,
  evidence: { signer?: ManifestSigner } = {},
): Promise<RemoteOutcome> {
  const lines: string[] = [];
  let partial = false;
  let target: S3Target | undefined;
  if (opts.outputBucket) {
    const { findBucketRegion, formatS3Outcome, publishToS3, writeOrgIndex } = await import('../publish/s3');
    try {
      const region = await findBucketRegion(session.aws, opts.outputBucket, session.homeRegion);
      target = { bucket: opts.outputBucket, prefix: opts.outputPrefix ?? '', region, ...(opts.outputKmsKey ? { kmsKeyId: opts.outputKmsKey } : {}) };
      const outcome = await publishToS3(session.aws, run, target, {
        ...evidence,
        ...(opts.objectLockDays ? { objectLockDays: opts.objectLockDays, objectLockMode: opts.objectLockMode } : {}),
      });
      lines.push(formatS3Outcome(outcome, target));
      if (outcome.failed) partial = true;
      if (outcome.latestSwitched) {
        try {
          await writeOrgIndex(session.aws, target);
        } catch (error) {
          partial = true;
          lines.push(`    failed to refresh the org index (the next run refreshes it): ${(error as Error).message}`);
        }
      }
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      partial = true;
      lines.push(`  S3: nothing written: ${error.message}`);
    }
  }
  if (opts.securityHub || opts.securityHubFailedOnly) {
    if (run.report.run.accountId !== session.accountId) {
      throw new UsageError(
        `--security-hub: the findings are of account ${run.report.run.accountId} but the credentials are of account ${session.accountId}; ` +
          'Security Hub takes findings only in their own account. Fix: use credentials of the audited account.',
      );
    }
    const { formatOutcome, localStateStore, publishToSecurityHub, reportStateStore } = await import('../publish/security-hub');
    const state: StateStore = target
      ? reportStateStore(session.aws, target, session.accountId)
      : localStateStore(opts.stateFile ?? join('reports', 'state', session.accountId, 'security-hub.json'));
    const outcome = await publishToSecurityHub(session.aws, run, { state, failedOnly: Boolean(opts.securityHubFailedOnly), onWarning: warn });
    lines.push(formatOutcome(outcome).replace(/^/gm, '  '));
    partial = partial || outcome.partial;
  }
  return { lines, partial };
}
