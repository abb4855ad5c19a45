import { UsageError } from '../../errors';

/**
 * The S3 layout, under an optional prefix:
 *
 *   findings/account=<id>/date=<YYYY-MM-DD>/run=<run id>.jsonl.gz   one finding a line (Athena table hipaa_findings)
 *   summaries/account=<id>/date=<YYYY-MM-DD>/run=<run id>.json      the run's summary, one line (hipaa_run_summaries)
 *   runs/<id>/<run id>/findings.json | inventory.json.gz | report.html | summary.json | framework.json |
 *                     open-failures.json, then manifest.json (| manifest.sig.json) last   the evidence of the run
 *   latest/<id>/summary.json                                         the pointer to the account's newest run
 *   latest/<id>/report.html                                          a copy of that run's report
 *   latest/index.html                                                every account's latest score
 *
 * `date` is the UTC day the run started.
 */

/** `/a//b/` -> `a/b`; empty stays empty. Refuses `.`/`..` segments, which S3 consoles and sync tools mishandle. */
export function normalisePrefix(prefix: string | undefined): string {
  const parts = (prefix ?? '').split('/').filter((p) => p !== '');
  if (parts.some((p) => p === '.' || p === '..')) throw new UsageError(`--output-prefix '${prefix}': '.' and '..' are not allowed in the prefix.`);
  return parts.join('/');
}

const ACCOUNT = /^\d{12}$/;
const RUN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** Account and run ids become key segments: only the shapes the tool produces are accepted. */
export function assertKeySafe(accountId: string, runId: string): void {
  if (!ACCOUNT.test(accountId)) throw new Error(`cannot publish: account id '${accountId}' is not 12 digits`);
  if (!RUN.test(runId) || runId.includes('..')) throw new Error(`cannot publish: run id '${runId}' is not a safe S3 key segment`);
}

/** The UTC day of an ISO timestamp, `YYYY-MM-DD`. */
export function utcDay(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new Error(`cannot publish: run start '${iso}' is not a timestamp`);
  return new Date(t).toISOString().slice(0, 10);
}

export interface RunKeys {
  /** runs/<account>/<run>: the run's folder. */
  folder: string;
  framework: string;
  openFailures: string;
  manifest: string;
  signature: string;
  findingsData: string;
  summary: string;
  findingsJson: string;
  /** The run's own copy of its summary, beside its evidence. */
  runSummary: string;
  inventory: string;
  report: string;
  latestSummary: string;
  latestReport: string;
}

export class S3Layout {
  readonly prefix: string;

  constructor(prefix: string | undefined) {
    this.prefix = normalisePrefix(prefix);
  }

  key(...segments: string[]): string {
    return [this.prefix, ...segments].filter((s) => s !== '').join('/');
  }

  /** The key relative to the prefix (what the summaries and the org index link to). */
  relative(key: string): string {
    return this.prefix && key.startsWith(`${this.prefix}/`) ? key.slice(this.prefix.length + 1) : key;
  }

  run(accountId: string, runId: string, startedAt: string): RunKeys {
    assertKeySafe(accountId, runId);
    const day = utcDay(startedAt);
    return {
      folder: this.key('runs', accountId, runId),
      framework: this.key('runs', accountId, runId, 'framework.json'),
      openFailures: this.key('runs', accountId, runId, 'open-failures.json'),
      manifest: this.key('runs', accountId, runId, 'manifest.json'),
      signature: this.key('runs', accountId, runId, 'manifest.sig.json'),
      findingsData: this.key('findings', `account=${accountId}`, `date=${day}`, `run=${runId}.jsonl.gz`),
      summary: this.key('summaries', `account=${accountId}`, `date=${day}`, `run=${runId}.json`),
      findingsJson: this.key('runs', accountId, runId, 'findings.json'),
      runSummary: this.key('runs', accountId, runId, 'summary.json'),
      inventory: this.key('runs', accountId, runId, 'inventory.json.gz'),
      report: this.key('runs', accountId, runId, 'report.html'),
      latestSummary: this.latestSummary(accountId),
      latestReport: this.key('latest', accountId, 'report.html'),
    };
  }

  /** Where an account's summaries are listed from for the trend (trailing slash: a folder). */
  summariesOf(accountId: string): string {
    return `${this.key('summaries', `account=${accountId}`)}/`;
  }

  latestSummary(accountId: string): string {
    return this.key('latest', accountId, 'summary.json');
  }

  latestFolder(): string {
    return `${this.key('latest')}/`;
  }

  orgIndex(): string {
    return this.key('latest', 'index.html');
  }

  /** The Security Hub lifecycle state of an account, beside its reports. */
  securityHubState(accountId: string): string {
    assertKeySafe(accountId, 'state');
    return this.key('state', accountId, 'security-hub.json');
  }
}
