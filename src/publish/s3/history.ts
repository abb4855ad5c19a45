import { ListObjectsV2Command, type _Object } from '@aws-sdk/client-s3';
import type { AwsContext } from '../../aws/context';
import { errorCode } from '../../aws/errors';
import type { TrendPoint } from '../../report/html';
import { getText, s3Client } from './objects';
import { S3Layout } from './keys';
import { parseSummaryRecord, trendPointOfRecord } from './records';
import type { S3Target } from './types';

/** How many earlier runs the trend reads (the current run is added to them). */
export const HISTORY_RUNS = 30;

export interface History {
  points: TrendPoint[];
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

/**
 * The account's newest stored runs (up to `limit`, other than `excludeRunId`), oldest first: the summaries under
 * summaries/account=<id>/ are listed (paginated), the newest picked by their date partition then their write
 * time, and read. A history that cannot be read never stops publishing: it comes back empty with a warning.
 */
export async function readHistory(
  aws: AwsContext,
  target: S3Target,
  accountId: string,
  options: { excludeRunId?: string; limit?: number } = {},
): Promise<History> {
  const layout = new S3Layout(target.prefix);
  const limit = options.limit ?? HISTORY_RUNS;
  let listed: _Object[];
  try {
    listed = await listAll(aws, target, layout.summariesOf(accountId));
  } catch (error) {
    return { points: [], warning: `trend unavailable: cannot list s3://${target.bucket}/${layout.summariesOf(accountId)} (${errorCode(error)}; needs s3:ListBucket)` };
  }
  const candidates = listed
    .map((o) => ({ key: o.Key ?? '', modified: o.LastModified?.getTime() ?? 0, match: SUMMARY_KEY.exec(o.Key ?? '') }))
    .filter((c) => c.match && c.match[2] !== options.excludeRunId)
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
  const points = records
    .filter((r): r is NonNullable<typeof r> => r !== null && r.account_id === accountId)
    .map(trendPointOfRecord)
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.runId.localeCompare(b.runId));
  return unreadable ? { points, warning: `trend: ${unreadable} stored summar${unreadable === 1 ? 'y' : 'ies'} could not be read and ${unreadable === 1 ? 'is' : 'are'} left out` } : { points };
}
