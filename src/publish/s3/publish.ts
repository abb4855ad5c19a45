import type { AwsContext } from '../../aws/context';
import { htmlChunks } from '../../report/html';
import { jsonDocument } from '../../report/json-stream';
import type { AuditRun } from '../../run-audit';
import { frameworkView } from '../../framework/view';
import { formatChange, openFailures, type ChangeSincePrevious } from '../../report/change';
import { objectLockPlan, s3Change, writeRunManifest, type EvidenceOptions } from './evidence';
import { readHistory } from './history';
import { S3Layout } from './keys';
import { CONTENT_TYPES, copyObject, getText, NO_CACHE, uploadObject, type StreamSpec } from './objects';
import { findingRows, parseSummaryRecord, summaryRecord } from './records';
import type { PublishStep, S3Outcome, S3Target, WrittenObject } from './types';

/**
 * Publishes one run to S3 (see keys.ts for the layout) as a transaction in five steps, each only when every earlier
 * one succeeded:
 *
 * 1. evidence: the run's findings.json, inventory.json.gz, report.html, summary.json, framework.json and
 *    open-failures.json under runs/<account>/<run>/, streamed (a report of any size in bounded memory), with
 *    Object Lock retention when asked for (evidence.ts);
 * 2. Athena: the run's finding rows and summary row, so a query never sees a run whose evidence is missing;
 * 3. manifest: runs/<account>/<run>/manifest.json, the size and SHA-256 of every object above (signed into
 *    manifest.sig.json with `options.signer`), written after what it lists;
 * 4. latest: latest/<account>/summary.json, the one pointer that names the account's latest run (its report and
 *    findings keys): the org index and dashboards follow it, so they switch to the new run together, in one PUT;
 * 5. the copy of that report at latest/<account>/report.html (server-side), refreshed after the pointer.
 *
 * A failure stops there and is returned (the key and its fix), never thrown: the previous complete run stays the
 * latest, publishing is reported partial, and the caller goes on to Security Hub. latest/ is left alone when it
 * already names a newer run (a retried or delayed publish never moves it back).
 */
export async function publishToS3(aws: AwsContext, run: AuditRun, target: S3Target, options: EvidenceOptions = {}): Promise<S3Outcome> {
  const layout = new S3Layout(target.prefix);
  const t: S3Target = { ...target, prefix: layout.prefix };
  const { report, inventory } = run;
  const keys = layout.run(report.run.accountId, report.run.id, report.run.startedAt);
  const warnings: string[] = [];
  const written: WrittenObject[] = [];
  let change: ChangeSincePrevious | undefined;
  let lockNote: string | undefined;
  const outcome = (failed?: S3Outcome['failed'], latestSwitched = false): S3Outcome => ({
    keys: written.map((w) => w.key),
    written,
    latestReportKey: keys.latestReport,
    summaryKey: keys.summary,
    latestSwitched,
    ...(written.some((w) => w.key === keys.manifest) ? { manifestKey: keys.manifest } : {}),
    ...(written.some((w) => w.key === keys.signature) ? { signatureKey: keys.signature } : {}),
    ...(lockNote ? { objectLock: lockNote } : {}),
    ...(change ? { change } : {}),
    ...(warnings.length ? { warnings } : {}),
    ...(failed ? { failed } : {}),
  });

  const history = await readHistory(aws, t, report.run);
  if (history.warning) warnings.push(history.warning);
  const since = await s3Change(aws, t, layout, history.points, report);
  change = since.change;
  if (since.warning) warnings.push(since.warning);
  const plan = await objectLockPlan(aws, t, options);
  if (plan.warning) warnings.push(plan.warning);
  lockNote = plan.note;
  const lock = plan.lock ? { lock: plan.lock } : {};
  const framework = frameworkView(report);
  const html = {
    framework,
    ...(change ? { change } : {}),
    history: history.points,
    otherScopes: history.otherScopes,
    trendSource: `runs stored in s3://${t.bucket}/${layout.summariesOf(report.run.accountId)}`,
    ...(history.warning && history.points.length === 0 ? { trendNote: `The trend is not available: ${history.warning.replace(/^trend( unavailable)?: /, '')}.` } : {}),
  };
  const summaryLine = `${JSON.stringify(summaryRecord(report, { report: layout.relative(keys.report), findingsJson: layout.relative(keys.findingsJson) }, change))}\n`;

  const steps: Array<{ step: PublishStep; objects: StreamSpec[] }> = [
    {
      step: 'evidence',
      objects: [
        { key: keys.findingsJson, chunks: () => jsonDocument(report, 3), contentType: CONTENT_TYPES.json, ...lock },
        { key: keys.inventory, chunks: () => jsonDocument(inventory, 5), gzip: true, contentType: CONTENT_TYPES.gzip, ...lock },
        { key: keys.report, chunks: () => htmlChunks(report, html), contentType: CONTENT_TYPES.html, ...lock },
        { key: keys.runSummary, chunks: () => [summaryLine], contentType: CONTENT_TYPES.json, ...lock },
        { key: keys.framework, chunks: () => [JSON.stringify(framework, null, 2)], contentType: CONTENT_TYPES.json, ...lock },
        { key: keys.openFailures, chunks: () => [JSON.stringify(openFailures(report))], contentType: CONTENT_TYPES.json, ...lock },
      ],
    },
    {
      step: 'athena',
      objects: [
        { key: keys.findingsData, chunks: () => findingRowLines(report), gzip: true, contentType: CONTENT_TYPES.gzip, ...lock },
        { key: keys.summary, chunks: () => [summaryLine], contentType: CONTENT_TYPES.json, ...lock },
      ],
    },
  ];
  for (const { step, objects } of steps) {
    const failure = await uploadEach(aws, t, objects, written);
    if (failure) return outcome({ step, ...failure });
  }
  // The manifest lists what is stored, so it comes after it; latest/ is a copy and is not listed.
  try {
    const evidence = await writeRunManifest(aws, t, layout, report, keys, written, { ...(options.signer ? { signer: options.signer } : {}), ...lock });
    written.push(...evidence.written);
    if (evidence.warning) warnings.push(evidence.warning);
  } catch (error) {
    return outcome({ step: 'manifest', key: keys.manifest, message: (error as Error).message });
  }

  const newer = await newerLatest(aws, t, keys.latestSummary, report.run.startedAt);
  if (newer) {
    warnings.push(`latest/ kept: it already shows a newer run (${newer}); this run is stored under ${layout.relative(keys.report)}`);
    return outcome();
  }
  const pointer = await uploadEach(aws, t, [{ key: keys.latestSummary, chunks: () => [summaryLine], contentType: CONTENT_TYPES.json, cacheControl: NO_CACHE }], written);
  if (pointer) return outcome({ step: 'latest', ...pointer });
  try {
    await copyObject(aws, t, keys.report, keys.latestReport, CONTENT_TYPES.html, NO_CACHE);
    written.push({ ...(written.find((w) => w.key === keys.report) as WrittenObject), key: keys.latestReport });
  } catch (error) {
    return outcome({ step: 'latest-copy', key: keys.latestReport, message: (error as Error).message }, true);
  }
  return outcome(undefined, true);
}

/** Uploads the objects in parallel; the first failure (its key and message with the fix), or undefined. */
async function uploadEach(aws: AwsContext, target: S3Target, objects: readonly StreamSpec[], written: WrittenObject[]): Promise<{ key: string; message: string } | undefined> {
  const results = await Promise.allSettled(objects.map((o) => uploadObject(aws, target, o)));
  let failure: { key: string; message: string } | undefined;
  results.forEach((r, i) => {
    if (r.status === 'fulfilled') written.push(r.value);
    else failure ??= { key: (objects[i] as StreamSpec).key, message: (r.reason as Error).message };
  });
  return failure;
}

/** The Athena rows, one JSON line a finding. */
function* findingRowLines(report: AuditRun['report']): Generator<string> {
  for (const row of findingRows(report)) yield `${JSON.stringify(row)}\n`;
}

/** The start time of the run latest/ shows when it is newer than `startedAt`; null otherwise (or unreadable). */
async function newerLatest(aws: AwsContext, target: S3Target, key: string, startedAt: string): Promise<string | null> {
  try {
    const text = await getText(aws, target, key);
    const record = text === null ? null : parseSummaryRecord(text);
    return record && Date.parse(record.run_started_at) > Date.parse(startedAt) ? record.run_started_at : null;
  } catch {
    return null;
  }
}

/** A line or two for the CLI summary. */
export function formatS3Outcome(outcome: S3Outcome, target: S3Target): string {
  const base = `s3://${target.bucket}/${target.prefix ? `${normalise(target.prefix)}/` : ''}`;
  const sse = target.kmsKeyId ? `SSE-KMS ${target.kmsKeyId}` : 'SSE-S3';
  const lines = [`  S3: ${outcome.keys.length} objects written to ${base} (${sse}, ${target.region})`];
  if (outcome.latestSwitched) lines.push(`    latest report: s3://${target.bucket}/${outcome.latestReportKey}`);
  if (outcome.manifestKey) lines.push(`    evidence: s3://${target.bucket}/${outcome.manifestKey.replace(/\/manifest\.json$/, '/')} (manifest${outcome.signatureKey ? ', signed' : ''}; hipaa-audit verify checks it)`);
  if (outcome.objectLock) lines.push(`    ${outcome.objectLock}`);
  if (outcome.change) lines.push(`    ${formatChange(outcome.change)}`);
  for (const w of outcome.warnings ?? []) lines.push(`    warning: ${w}`);
  if (outcome.failed) {
    const latest = outcome.latestSwitched ? 'latest/ names this run but its report copy is stale until the next run' : 'latest/ still shows the previous complete run';
    lines.push(`    failed at the ${outcome.failed.step} step (${latest}): ${outcome.failed.message}`);
  }
  return lines.join('\n');
}

const normalise = (prefix: string): string => new S3Layout(prefix).prefix;
