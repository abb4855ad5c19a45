import { GetObjectLockConfigurationCommand } from '@aws-sdk/client-s3';
import type { AwsContext } from '../../aws/context';
import { errorCode } from '../../aws/errors';
import type { FindingsReport } from '../../evaluate/finding';
import { buildManifest, manifestBytes, sha256Hex, type Manifest, type RelatedEntry } from '../../evidence/manifest';
import { signatureBytes, type ManifestSigner } from '../../evidence/sign';
import { changeSince, parseOpenFailures, previousRun, type ChangeSincePrevious } from '../../report/change';
import type { TrendPoint } from '../../report/html';
import type { S3Layout } from './keys';
import { CONTENT_TYPES, getText, putObject, s3Client, type ObjectLockRetention } from './objects';
import type { S3Target, WrittenObject } from './types';

/**
 * The S3 side of the evidence package, kept apart from the publisher's order of writes so it fits any: Object Lock
 * retention for the run's objects, the manifest of the run's folder (written after the objects it lists) and its
 * signature, and the change since the previous run of the same scope.
 */

export interface EvidenceOptions {
  /** Signs the manifest (kms:Sign); unsigned when absent. */
  signer?: ManifestSigner;
  /** Object Lock retention in days for the run's objects (not latest/); the bucket must have Object Lock. */
  objectLockDays?: number;
  objectLockMode?: ObjectLockRetention['mode'];
  /** For tests: the clock retention is counted from. */
  now?: Date;
}

export interface LockPlan {
  /** Retention to put on each of the run's objects; absent: none set by us. */
  lock?: ObjectLockRetention;
  /** A line for the outcome: what protects the objects. */
  note?: string;
  warning?: string;
}

/**
 * What Object Lock protects the run's objects: one GetObjectLockConfiguration on the report bucket. With
 * --object-lock-days and Object Lock enabled, each object is written with that retention; a bucket default rule
 * applies to every new object anyway (S3 adds it), so it is reported either way. A bucket without Object Lock
 * cannot take retention (S3 refuses the write): the objects are written without it, with a warning.
 */
export async function objectLockPlan(aws: AwsContext, target: S3Target, options: EvidenceOptions): Promise<LockPlan> {
  let enabled = false;
  let rule: { mode?: string; days?: number; years?: number } | undefined;
  try {
    const out = await s3Client(aws, target).send(new GetObjectLockConfigurationCommand({ Bucket: target.bucket }));
    enabled = out?.ObjectLockConfiguration?.ObjectLockEnabled === 'Enabled';
    const d = out?.ObjectLockConfiguration?.Rule?.DefaultRetention;
    if (d) rule = { ...(d.Mode ? { mode: d.Mode } : {}), ...(d.Days ? { days: d.Days } : {}), ...(d.Years ? { years: d.Years } : {}) };
  } catch (error) {
    const code = errorCode(error);
    if (code !== 'ObjectLockConfigurationNotFoundError') {
      return options.objectLockDays
        ? { warning: `Object Lock: cannot read the bucket's configuration (${code}; needs s3:GetBucketObjectLockConfiguration): objects written without retention` }
        : {};
    }
  }
  const defaultText = rule ? `bucket default ${rule.mode ?? ''} ${rule.days ? `${rule.days} days` : `${rule.years ?? 0} years`}`.replace(/\s+/g, ' ') : '';
  if (!options.objectLockDays) return enabled && rule ? { note: `Object Lock: ${defaultText} applies to every object` } : {};
  if (!enabled) return { warning: `Object Lock: bucket ${target.bucket} does not have Object Lock enabled; objects written without retention (--object-lock-days needs a bucket created with Object Lock)` };
  const mode = options.objectLockMode ?? 'GOVERNANCE';
  const until = new Date((options.now ?? new Date()).getTime() + options.objectLockDays * 86_400_000).toISOString();
  return { lock: { mode, retainUntil: until }, note: `Object Lock: ${mode} until ${until.slice(0, 10)} on the run's objects${defaultText ? ` (${defaultText} otherwise)` : ''}` };
}

/**
 * Writes the run folder's manifest.json (and manifest.sig.json when signing), last: `written` are the run's objects
 * already stored, with their sizes and hashes; those under the folder are its files, the others (Athena rows,
 * summary) its related objects. Returns what it wrote.
 */
export async function writeRunManifest(
  aws: AwsContext,
  target: S3Target,
  layout: S3Layout,
  report: Pick<FindingsReport, 'run' | 'tool'>,
  keys: { folder: string; manifest: string; signature: string },
  written: readonly WrittenObject[],
  options: { signer?: ManifestSigner; lock?: ObjectLockRetention },
): Promise<{ written: WrittenObject[]; manifest: Manifest; warning?: string }> {
  const inFolder = `${keys.folder}/`;
  const files = written
    .filter((w) => w.key.startsWith(inFolder) && !w.key.slice(inFolder.length).includes('/'))
    .map((w) => ({ name: w.key.slice(inFolder.length), bytes: w.bytes, sha256: w.sha256 }));
  const related: RelatedEntry[] = written.filter((w) => !w.key.startsWith(inFolder)).map((w) => ({ key: layout.relative(w.key), bytes: w.bytes, sha256: w.sha256 }));
  const manifest = buildManifest(report, files, { folder: layout.relative(keys.folder), related });
  const body = manifestBytes(manifest);
  const lock = options.lock ? { lock: options.lock } : {};
  const stored = (key: string, bytes: Buffer): WrittenObject => ({ key, bytes: bytes.length, sha256: sha256Hex(bytes) });
  await putObject(aws, target, { key: keys.manifest, body, contentType: CONTENT_TYPES.json, ...lock });
  const out = [stored(keys.manifest, body)];
  if (options.signer) {
    let signature;
    try {
      signature = await options.signer.sign(body);
    } catch (error) {
      // The evidence is stored and listed: a signing failure leaves it unsigned rather than unpublished.
      return { written: out, manifest, warning: `manifest not signed: ${(error as Error).message}` };
    }
    const sig = signatureBytes(signature);
    await putObject(aws, target, { key: keys.signature, body: sig, contentType: CONTENT_TYPES.json, ...lock });
    out.push(stored(keys.signature, sig));
  }
  return { written: out, manifest };
}

/**
 * "+N / −M" for a run published to S3: the previous run of the same scope among the stored history, and its
 * runs/<account>/<run>/open-failures.json (one GetObject). Undefined when there is none or it cannot be read.
 */
export async function s3Change(
  aws: AwsContext,
  target: S3Target,
  layout: S3Layout,
  points: readonly TrendPoint[],
  report: FindingsReport,
): Promise<{ change?: ChangeSincePrevious; warning?: string }> {
  const previous = previousRun(points, report);
  if (!previous) return {};
  let key: string;
  try {
    key = layout.run(report.run.accountId, previous.runId, previous.startedAt).openFailures;
  } catch {
    return {};
  }
  try {
    const text = await getText(aws, target, key);
    const stored = text === null ? null : parseOpenFailures(text);
    if (!stored || stored.runId !== previous.runId) return {};
    return { change: changeSince(stored, previous, report.findings) };
  } catch (error) {
    return { warning: `change since the previous run unavailable: cannot read s3://${target.bucket}/${key} (${errorCode(error)})` };
  }
}
