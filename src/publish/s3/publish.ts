import { gzipSync } from 'node:zlib';
import type { AwsContext } from '../../aws/context';
import { renderHtml } from '../../report/html';
import type { AuditRun } from '../../run-audit';
import { frameworkView } from '../../framework/view';
import { formatChange, openFailures } from '../../report/change';
import { objectLockPlan, s3Change, writeRunManifest, type EvidenceOptions } from './evidence';
import { readHistory } from './history';
import { S3Layout } from './keys';
import { CONTENT_TYPES, getText, NO_CACHE, putAll, putObject, type ObjectSpec } from './objects';
import { findingRows, parseSummaryRecord, summaryRecord, toJsonLines } from './records';
import type { S3Outcome, S3Target } from './types';

const json = (value: unknown, pretty = false): Buffer => Buffer.from(`${JSON.stringify(value, null, pretty ? 2 : undefined)}\n`, 'utf8');

/**
 * Publishes one run to S3 (see keys.ts for the layout). Reads the account's stored summaries first for the trend,
 * then writes the run's evidence and its Athena data, and only when all of that is stored the account's latest/
 * (report, then summary): latest never points at missing evidence. latest/ is left alone when it already holds a
 * newer run (a retried or delayed publish never moves it back).
 *
 * The run's folder (runs/<account>/<run>/) also gets framework.json and open-failures.json, then, once the run's
 * objects are stored, manifest.json (signed into manifest.sig.json with `options.signer`); with Object Lock
 * retention (`options.objectLockDays`) on every object of the run, latest/ excepted (evidence.ts).
 */
export async function publishToS3(aws: AwsContext, run: AuditRun, target: S3Target, options: EvidenceOptions = {}): Promise<S3Outcome> {
  const layout = new S3Layout(target.prefix);
  const t: S3Target = { ...target, prefix: layout.prefix };
  const { report, inventory } = run;
  const keys = layout.run(report.run.accountId, report.run.id, report.run.startedAt);
  const warnings: string[] = [];

  const history = await readHistory(aws, t, report.run);
  if (history.warning) warnings.push(history.warning);
  const { change, warning: changeWarning } = await s3Change(aws, t, layout, history.points, report);
  if (changeWarning) warnings.push(changeWarning);
  const plan = await objectLockPlan(aws, t, options);
  if (plan.warning) warnings.push(plan.warning);
  const framework = frameworkView(report);
  const html = Buffer.from(
    renderHtml(report, {
      framework,
      ...(change ? { change } : {}),
      history: history.points,
      otherScopes: history.otherScopes,
      trendSource: `runs stored in s3://${t.bucket}/${layout.summariesOf(report.run.accountId)}`,
      ...(history.warning && history.points.length === 0 ? { trendNote: `The trend is not available: ${history.warning.replace(/^trend( unavailable)?: /, '')}.` } : {}),
    }),
    'utf8',
  );
  const summary = json(summaryRecord(report, { report: layout.relative(keys.report), findingsJson: layout.relative(keys.findingsJson) }, change));

  const stored: ObjectSpec[] = [
    { key: keys.findingsJson, body: json(report, true), contentType: CONTENT_TYPES.json },
    { key: keys.inventory, body: gzipSync(json(inventory)), contentType: CONTENT_TYPES.gzip },
    { key: keys.report, body: html, contentType: CONTENT_TYPES.html },
    { key: keys.findingsData, body: gzipSync(Buffer.from(toJsonLines(findingRows(report)), 'utf8')), contentType: CONTENT_TYPES.gzip },
    { key: keys.summary, body: summary, contentType: CONTENT_TYPES.json },
    { key: keys.framework, body: json(framework, true), contentType: CONTENT_TYPES.json },
    { key: keys.openFailures, body: json(openFailures(report)), contentType: CONTENT_TYPES.json },
  ].map((s) => (plan.lock ? { ...s, lock: plan.lock } : s));
  await putAll(aws, t, stored);
  const written = stored.map((s) => s.key);
  // The manifest lists what is stored, so it comes after it; latest/ is a copy and is not listed.
  const evidence = await writeRunManifest(aws, t, layout, report, keys, stored, { ...(options.signer ? { signer: options.signer } : {}), ...(plan.lock ? { lock: plan.lock } : {}) });
  written.push(...evidence.keys);
  if (evidence.warning) warnings.push(evidence.warning);

  const newer = await newerLatest(aws, t, keys.latestSummary, report.run.startedAt);
  if (newer) {
    warnings.push(`latest/ kept: it already shows a newer run (${newer}); this run is stored under ${layout.relative(keys.report)}`);
  } else {
    // Report first, then the summary the org index reads: a listed account always has its report.
    await putObject(aws, t, { key: keys.latestReport, body: html, contentType: CONTENT_TYPES.html, cacheControl: NO_CACHE });
    await putObject(aws, t, { key: keys.latestSummary, body: summary, contentType: CONTENT_TYPES.json, cacheControl: NO_CACHE });
    written.push(keys.latestReport, keys.latestSummary);
  }
  return {
    keys: written,
    latestReportKey: keys.latestReport,
    summaryKey: keys.summary,
    manifestKey: keys.manifest,
    ...(evidence.keys.includes(keys.signature) ? { signatureKey: keys.signature } : {}),
    ...(plan.note ? { objectLock: plan.note } : {}),
    ...(change ? { change } : {}),
    ...(warnings.length ? { warnings } : {}),
  };
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
  const lines = [
    `  S3: ${outcome.keys.length} objects written to ${base} (${sse}, ${target.region})`,
    `    latest report: s3://${target.bucket}/${outcome.latestReportKey}`,
  ];
  if (outcome.manifestKey) lines.push(`    evidence: s3://${target.bucket}/${outcome.manifestKey.replace(/\/manifest\.json$/, '/')} (manifest${outcome.signatureKey ? ', signed' : ''}; hipaa-audit verify checks it)`);
  if (outcome.objectLock) lines.push(`    ${outcome.objectLock}`);
  if (outcome.change) lines.push(`    ${formatChange(outcome.change)}`);
  for (const w of outcome.warnings ?? []) lines.push(`    warning: ${w}`);
  return lines.join('\n');
}

const normalise = (prefix: string): string => new S3Layout(prefix).prefix;
