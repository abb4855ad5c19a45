import { writeOrgIndex, type AccountFailure } from '../../publish/s3';
import { readOrgSettings } from '../../lambda/config';
import { parseSummarizeEvent, type OrgAccount } from '../../lambda/events';
import { readMapResults } from '../../lambda/map-results';
import { withBaseSession } from '../../lambda/org';
import { reportTarget } from '../../lambda/publish';
import { lambdaHandler, type HandlerDeps } from '../../lambda/runtime';
import { getJson } from '../../lambda/store';

export interface SummarizeResult {
  runId: string;
  accounts: number;
  audited: number;
  failed: number;
  /** The first failures (the index in S3 lists them all): keeps the execution's output small. */
  failures: AccountFailure[];
  indexKey: string;
}

const FAILURES_IN_OUTPUT = 20;

/**
 * Organization mode, last step: every listed account's outcome from the Distributed Map's exported results,
 * then the organization index in the report bucket (writeOrgIndex) with the failed accounts and why. An account
 * with no result at all (the map run was stopped) is reported failed too: nothing is silently left out.
 */
export function createSummarizeRunHandler(overrides: Partial<HandlerDeps> = {}) {
  return lambdaHandler('summarizeRun', overrides, async (event, deps): Promise<SummarizeResult> => {
    const { runId, accountsKey, results } = parseSummarizeEvent(event);
    const settings = readOrgSettings(deps.env);
    return withBaseSession(deps, settings, async (session) => {
      const accounts = await getJson<OrgAccount[]>(session.aws, { bucket: settings.workBucket, region: settings.region }, accountsKey);
      const outcomes = await readMapResults(session.aws, settings.region, results.ResultWriterDetails.Bucket, results.ResultWriterDetails.Key);
      const failures: AccountFailure[] = [];
      let audited = 0;
      for (const account of accounts) {
        const outcome = outcomes.get(account.id);
        if (outcome?.status === 'audited') {
          audited += 1;
          continue;
        }
        failures.push({
          accountId: account.id,
          ...(account.name ? { accountName: account.name } : {}),
          reason: outcome?.reason ?? 'no result: the account step did not run (the map run stopped before it)',
        });
      }
      const target = await reportTarget(session.aws, settings);
      const indexKey = await writeOrgIndex(session.aws, target, failures);
      deps.metrics.add({ name: 'AccountsFailed', unit: 'Count', value: failures.length });
      deps.log.info('organization run summarized', { runId, accounts: accounts.length, audited, failed: failures.length, indexKey });
      for (const f of failures) deps.log.warn('account not audited', { runId, accountId: f.accountId, reason: f.reason });
      return { runId, accounts: accounts.length, audited, failed: failures.length, failures: failures.slice(0, FAILURES_IN_OUTPUT), indexKey };
    });
  });
}

export const handler = createSummarizeRunHandler();
