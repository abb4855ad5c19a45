import type { AwsContext } from '../../aws/context';
import { renderOrgIndex, type OrgAccountEntry, type OrgAccountFailure } from '../../report/dashboard/org-index';
import { TOOL } from '../../tool';
import { listAll } from './history';
import { S3Layout } from './keys';
import { CONTENT_TYPES, getText, NO_CACHE, putObject } from './objects';
import { parseSummaryRecord, type RunSummaryRecord } from './records';
import type { AccountFailure, S3Target } from './types';

export function orgEntry(record: RunSummaryRecord): OrgAccountEntry {
  return {
    accountId: record.account_id,
    runId: record.run_id,
    startedAt: record.run_started_at,
    score: record.score,
    pass: record.pass,
    fail: record.fail,
    error: record.error,
    suppressed: record.suppressed ?? 0,
    failBySeverity: {
      critical: record.fail_critical,
      high: record.fail_high,
      medium: record.fail_medium,
      low: record.fail_low,
      informational: record.fail_informational,
    },
    regions: Array.isArray(record.regions) ? record.regions.length : 0,
    // The report of the run the account's pointer names (immutable evidence), relative to latest/index.html so the
    // page works wherever the prefix is served or synced: the index and the pointer always agree.
    reportHref: record.report_key ? `../${record.report_key}` : `${record.account_id}/report.html`,
  };
}

/**
 * latest/index.html: lists latest/<account>/summary.json (paginated), reads each, and writes one page with every
 * account's latest score, FAIL counts by severity, last run and a relative link to its report. Accounts whose
 * audit failed this round (`failures`, from the org aggregation) show as failed with the reason; a summary that
 * cannot be read shows as failed too. Returns the key written.
 */
export async function writeOrgIndex(aws: AwsContext, target: S3Target, failures: AccountFailure[] = [], options: { now?: () => Date } = {}): Promise<string> {
  const layout = new S3Layout(target.prefix);
  const folder = layout.latestFolder();
  const listed = await listAll(aws, target, folder);
  const accountIds = [
    ...new Set(
      listed
        .map((o) => /^(\d{12})\/summary\.json$/.exec((o.Key ?? '').slice(folder.length))?.[1])
        .filter((id): id is string => id !== undefined),
    ),
  ].sort();

  const unreadable: OrgAccountFailure[] = [];
  const entries = (
    await Promise.all(
      accountIds.map(async (accountId) => {
        let record: RunSummaryRecord | null = null;
        try {
          const text = await getText(aws, target, layout.latestSummary(accountId));
          record = text === null ? null : parseSummaryRecord(text);
        } catch {
          record = null;
        }
        if (!record || record.account_id !== accountId) {
          unreadable.push({ accountId, reason: `latest summary at ${layout.relative(layout.latestSummary(accountId))} could not be read` });
          return null;
        }
        return orgEntry(record);
      }),
    )
  ).filter((e): e is OrgAccountEntry => e !== null);

  const names = new Map(failures.filter((f) => f.accountName).map((f) => [f.accountId, f.accountName as string]));
  for (const e of entries) if (names.has(e.accountId)) e.accountName = names.get(e.accountId);
  const html = renderOrgIndex({
    accounts: entries,
    failures: [...failures, ...unreadable.filter((u) => !failures.some((f) => f.accountId === u.accountId))],
    generatedAt: (options.now?.() ?? new Date()).toISOString(),
    tool: { ...TOOL },
  });
  const key = layout.orgIndex();
  await putObject(aws, target, { key, body: Buffer.from(html, 'utf8'), contentType: CONTENT_TYPES.html, cacheControl: NO_CACHE });
  return key;
}
