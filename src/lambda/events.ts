import { SCOPES, type AuditScope } from '../evaluate/types';
import { ALL_READS, type ReadId } from '../inventory/types';
import { InvalidEventError } from './errors';

/**
 * The events each handler accepts, validated field by field. A malformed event is rejected before any AWS call
 * with an InvalidEvent error that names the handler, the bad field, what was found and the expected shape.
 */

export interface OrgAccount {
  id: string;
  name?: string;
}

/** Manual overrides for one run of the single-account audit (`serverless invoke -f audit --data '{...}'`). */
export interface AuditOverrides {
  regions?: string[] | 'all';
  checks?: string[];
  /** `ephi`: report only findings on ePHI resources and account-level checks (the CLI's --scope). */
  scope?: AuditScope;
}

export interface ListAccountsEvent {
  runId: string;
}

export interface AccountEvent {
  runId: string;
  account: OrgAccount;
}

export interface RegionChunk {
  index: number;
  regions: string[];
  /** The reads this invocation makes (the global IAM reads happen in chunk 0 only). */
  reads: ReadId[];
}

export interface CollectEvent extends AccountEvent {
  chunk: RegionChunk;
}

export interface FinishEvent extends AccountEvent {
  partials: Array<{ key: string }>;
}

export interface SummarizeEvent {
  runId: string;
  accountsKey: string;
  /** The Distributed Map's output when it exports its results (ResultWriter). */
  results: { MapRunArn?: string; ResultWriterDetails: { Bucket: string; Key: string } };
}

const SHAPES = {
  audit:
    'an EventBridge Scheduled Event, {} or {"regions": ["us-east-1", ...] | "all", "checks": ["s3.", "iam.root-mfa", ...], "scope": "all" | "ephi"}',
  listAccounts: '{"runId": "<execution name: letters, digits, - or _>"}',
  account: '{"runId": "...", "account": {"id": "<12 digits>", "name": "..."}}',
  collect:
    '{"runId": "...", "account": {"id": "<12 digits>", "name": "..."}, "chunk": {"index": 0, "regions": ["us-east-1"], "reads": ["iam.credentialReport", "s3.buckets", ...]}}',
  finish: '{"runId": "...", "account": {"id": "<12 digits>", "name": "..."}, "partials": [{"key": "runs/<runId>/partial/<account>/<n>.json.gz"}]}',
  summarize:
    '{"runId": "...", "accountsKey": "runs/<runId>/accounts.json", "results": {"MapRunArn": "...", "ResultWriterDetails": {"Bucket": "...", "Key": ".../manifest.json"}}}',
} as const;

type Shape = keyof typeof SHAPES;

const RUN_ID = /^[A-Za-z0-9_-]{1,80}$/;
const ACCOUNT_ID = /^\d{12}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

class Reader {
  constructor(private readonly handler: Shape) {}

  fail(path: string, problem: string): never {
    throw new InvalidEventError(`${this.handler}: invalid event: ${path}: ${problem}. Expected ${SHAPES[this.handler]}.`);
  }

  object(value: unknown, path: string, allowed: readonly string[]): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(path, `must be an object, got ${describe(value)}`);
    const record = value as Record<string, unknown>;
    const unknown = Object.keys(record).find((k) => !allowed.includes(k));
    if (unknown !== undefined) this.fail(path === '(event)' ? unknown : `${path}.${unknown}`, `unknown field (allowed: ${allowed.join(', ')})`);
    return record;
  }

  string(value: unknown, path: string, pattern?: RegExp, hint?: string): string {
    if (typeof value !== 'string' || value === '') this.fail(path, `must be a non-empty string, got ${describe(value)}`);
    if (pattern && !pattern.test(value)) this.fail(path, `${describe(value)} is not ${hint ?? `of the form ${pattern.source}`}`);
    return value;
  }

  strings(value: unknown, path: string, pattern?: RegExp, hint?: string): string[] {
    if (!Array.isArray(value) || value.length === 0) this.fail(path, `must be a non-empty array of strings, got ${describe(value)}`);
    return value.map((v, i) => this.string(v, `${path}[${i}]`, pattern, hint));
  }

  integer(value: unknown, path: string): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) this.fail(path, `must be an integer >= 0, got ${describe(value)}`);
    return value;
  }

  runId(record: Record<string, unknown>, path = 'runId'): string {
    return this.string(record.runId, path, RUN_ID, 'a run id (1 to 80 letters, digits, - or _)');
  }

  account(value: unknown, path = 'account'): OrgAccount {
    const a = this.object(value, path, ['id', 'name']);
    const id = this.string(a.id, `${path}.id`, ACCOUNT_ID, 'a 12-digit AWS account id');
    if (a.name === undefined) return { id };
    return { id, name: this.string(a.name, `${path}.name`) };
  }
}

/** The single-account audit: a scheduled event (no overrides), or a manual invocation with optional overrides. */
export function parseAuditEvent(event: unknown): AuditOverrides {
  const r: Reader = new Reader('audit');
  if (event === undefined || event === null) return {};
  const record = r.object(event, '(event)', Object.keys(event as object));
  if ('source' in record || 'detail-type' in record) {
    if (record.source !== 'aws.events' || record['detail-type'] !== 'Scheduled Event') {
      r.fail('source/detail-type', `an EventBridge event must be source "aws.events" with detail-type "Scheduled Event", got ${describe(record.source)} / ${describe(record['detail-type'])}`);
    }
    return {};
  }
  r.object(event, '(event)', ['regions', 'checks', 'scope']);
  const overrides: AuditOverrides = {};
  if (record.regions !== undefined) {
    overrides.regions = record.regions === 'all' ? 'all' : r.strings(record.regions, 'regions', REGION, 'an AWS region name like us-east-1');
  }
  if (record.checks !== undefined) overrides.checks = r.strings(record.checks, 'checks');
  if (record.scope !== undefined) {
    if (!(SCOPES as readonly unknown[]).includes(record.scope)) r.fail('scope', `must be one of ${SCOPES.join(', ')}, got ${describe(record.scope)}`);
    overrides.scope = record.scope as AuditScope;
  }
  return overrides;
}

export function parseListAccountsEvent(event: unknown): ListAccountsEvent {
  const r: Reader = new Reader('listAccounts');
  const record = r.object(event, '(event)', ['runId']);
  return { runId: r.runId(record) };
}

export function parseAccountEvent(event: unknown): AccountEvent {
  const r: Reader = new Reader('account');
  const record = r.object(event, '(event)', ['runId', 'account']);
  return { runId: r.runId(record), account: r.account(record.account) };
}

export function parseCollectEvent(event: unknown): CollectEvent {
  const r: Reader = new Reader('collect');
  const record = r.object(event, '(event)', ['runId', 'account', 'chunk']);
  const runId = r.runId(record);
  const account = r.account(record.account);
  const chunk = r.object(record.chunk, 'chunk', ['index', 'regions', 'reads']);
  const reads = r.strings(chunk.reads, 'chunk.reads');
  reads.forEach((s, i) => {
    if (!(ALL_READS as readonly string[]).includes(s)) r.fail(`chunk.reads[${i}]`, `unknown read ${describe(s)} (reads are <service>.<read>, e.g. s3.bucketAcl)`);
  });
  return {
    runId,
    account,
    chunk: {
      index: r.integer(chunk.index, 'chunk.index'),
      regions: r.strings(chunk.regions, 'chunk.regions', REGION, 'an AWS region name like us-east-1'),
      reads: reads as ReadId[],
    },
  };
}

export function parseFinishEvent(event: unknown): FinishEvent {
  const r: Reader = new Reader('finish');
  const record = r.object(event, '(event)', ['runId', 'account', 'partials']);
  const runId = r.runId(record);
  const account = r.account(record.account);
  if (!Array.isArray(record.partials) || record.partials.length === 0) r.fail('partials', `must be a non-empty array, got ${describe(record.partials)}`);
  const within = `runs/${runId}/partial/${account.id}/`;
  const partials = record.partials.map((p, i) => {
    const key = r.string(r.object(p, `partials[${i}]`, ['key']).key, `partials[${i}].key`);
    if (!key.startsWith(within)) r.fail(`partials[${i}].key`, `${describe(key)} is not under ${within}`);
    return { key };
  });
  return { runId, account, partials };
}

export function parseSummarizeEvent(event: unknown): SummarizeEvent {
  const r: Reader = new Reader('summarize');
  const record = r.object(event, '(event)', ['runId', 'accountsKey', 'results']);
  const runId = r.runId(record);
  const accountsKey = r.string(record.accountsKey, 'accountsKey');
  if (!accountsKey.startsWith(`runs/${runId}/`)) r.fail('accountsKey', `${describe(accountsKey)} is not under runs/${runId}/`);
  const results = r.object(record.results, 'results', ['MapRunArn', 'ResultWriterDetails']);
  const details = r.object(results.ResultWriterDetails, 'results.ResultWriterDetails', ['Bucket', 'Key']);
  return {
    runId,
    accountsKey,
    results: {
      ...(results.MapRunArn !== undefined ? { MapRunArn: r.string(results.MapRunArn, 'results.MapRunArn') } : {}),
      ResultWriterDetails: {
        Bucket: r.string(details.Bucket, 'results.ResultWriterDetails.Bucket'),
        Key: r.string(details.Key, 'results.ResultWriterDetails.Key'),
      },
    },
  };
}
