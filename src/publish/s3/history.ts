import { ListObjectsV2Command, type _Object } from '@aws-sdk/client-s3';
import type { AwsContext } from '../../aws/context';
import { errorCode } from '../../aws/errors';
import type { TrendPoint } from '../../report/html';
import { getText, s3Client } from './objects';
import { S3Layout } from './keys';
import { parseSummaryRecord, sameScope, trendPointOfRecord } from './records';
import type { S3Target } from './types';

/** How many earlier runs the trend reads (the current run is added to them). */
export const HISTORY_RUNS = 30;

export interface History {
  /** Stored runs of the same account and scope, oldest first (by evidence collection time). */
  points: TrendPoint[];
  /** Stored runs of the account left out because they audited other checks or regions. */
  otherScopes: number;
  /** Why the history is missing or partial, for the report and the CLI. */
  warning?: string;
}

/** Every object under `prefix`, page by page (ListObjectsV2 returns at most 1,000 a call). */
export async function listAll(aws: AwsContext, target: S3Target, prefix: string): Promise<_Object[]> {
  const s3 = s3Client(aws, target);
  const objects: _Object[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: target.bucket, Prefix: prefix, ...(token ? { ContinuationToken: token } : {}) }));
    objects.push(...(page.Contents ?? []));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return objects;
}

const SUMMARY_KEY = /\/date=(\d{4}-\d{2}-\d{2})\/run=([^/]+)\.json$/;

/** The run a history is read for: its account and scope; its own stored summary is left out. */
export interface HistoryOf {
  id: string;
  accountId: string;
  checks: readonly string[];
  regions: readonly string[];
}

/**
 * The account's newest stored runs of the same scope (up to `limit`, other than the run itself), oldest first:
 * the summaries under summaries/account=<id>/ are listed (paginated), the newest picked by their date partition
 * then their write time, read, and those of another scope (checks, regions) counted apart. A history that cannot
 * be read never stops publishing: it comes back empty with a warning.
 */
export async function readHistory(aws: AwsContext, target: S3Target, run: HistoryOf, options: { limit?: number } = {}): Promise<History> {
  const accountId = run.accountId;
  const layout = new S3Layout(target.prefix);
  const limit = options.limit ?? HISTORY_RUNS;
  let listed: _Object[];
  try {
    listed = await listAll(aws, target, layout.summariesOf(accountId));
  } catch (error) {
    return { points: [], otherScopes: 0, warning: `trend unavailable: cannot list s3://${target.bucket}/${layout.summariesOf(accountId)} (${errorCode(error)}; needs s3:ListBucket)` };
  }
  const candidates = listed
    .map((o) => ({ key: o.Key ?? '', modified: o.LastModified?.getTime() ?? 0, match: SUMMARY_KEY.exec(o.Key ?? '') }))
    .filter((c) => c.match && c.match[2] !== run.id)
    .sort((a, b) => b.match![1]!.localeCompare(a.match![1]!) || b.modified - a.modified || b.key.localeCompare(a.key))
    .slice(0, limit);

  let unreadable = 0;
  const records = await Promise.all(
    candidates.map(async (c) => {
      try {
        const text = await getText(aws, target, c.key);
        const record = text === null ? null : parseSummaryRecord(text);
        if (!record) unreadable += 1;
        return record;
      } catch {
        unreadable += 1;
        return null;
      }
    }),
  );
  const mine = records.filter((r): r is NonNullable<typeof r> => r !== null && r.account_id === accountId);
  const at = (p: TrendPoint) => p.collectedAt ?? p.startedAt;
  const points = mine
    .filter((r) => sameScope(r, run))
    .map(trendPointOfRecord)
    .sort((a, b) => at(a).localeCompare(at(b)) || a.runId.localeCompare(b.runId));
  const otherScopes = mine.length - points.length;
  return unreadable
    ? { points, otherScopes, warning: `trend: ${unreadable} stored summar${unreadable === 1 ? 'y' : 'ies'} could not be read and ${unreadable === 1 ? 'is' : 'are'} left out` }
    : { points, otherScopes };
}
