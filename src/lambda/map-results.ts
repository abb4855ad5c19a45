import type { AwsContext } from '../aws/context';
import type { OrgAccount } from './events';
import { getJson } from './store';

/**
 * Reading what the Distributed Map exported (ResultWriter): a manifest listing result files by status, each a
 * JSON array of child executions with their Input and Output as JSON strings (Error and Cause when they
 * failed). Each account step ends either `audited` or, through its Catch, `failed` with the error; a child
 * execution that itself failed, timed out or was aborted is a failure too.
 */

export interface AccountOutcome {
  account: OrgAccount;
  status: 'audited' | 'failed';
  reason?: string;
}

interface Manifest {
  ResultFiles?: Partial<Record<'SUCCEEDED' | 'FAILED' | 'PENDING', Array<{ Key: string }>>>;
}

interface ChildExecution {
  Status?: string;
  Input?: unknown;
  Output?: unknown;
  Error?: string;
  Cause?: string;
}

const REASON_MAX = 500;

function json(value: unknown): Record<string, unknown> {
  if (typeof value === 'string') {
    try {
      const parsed: unknown = JSON.parse(value);
      return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function clip(text: string): string {
  return text.length > REASON_MAX ? `${text.slice(0, REASON_MAX - 3)}...` : text;
}

/** "MemberRoleUnavailable: cannot assume ..." from a Step Functions error and its cause (a Lambda error as JSON, or text). */
export function reasonOf(error: unknown, cause: unknown): string {
  const name = typeof error === 'string' && error !== '' ? error : 'Error';
  let message = '';
  if (typeof cause === 'string' && cause !== '') {
    const parsed = json(cause);
    message = typeof parsed.errorMessage === 'string' ? parsed.errorMessage : cause;
  }
  return clip(message ? `${name}: ${message}` : name);
}

function accountOf(input: Record<string, unknown>): OrgAccount | undefined {
  const a = json(input.account);
  if (typeof a.id !== 'string') return undefined;
  return { id: a.id, ...(typeof a.name === 'string' ? { name: a.name } : {}) };
}

function outcomeOf(entry: ChildExecution): AccountOutcome | undefined {
  const account = accountOf(json(entry.Input));
  if (!account) return undefined;
  if (entry.Status === 'SUCCEEDED') {
    const output = json(entry.Output);
    if (output.status === 'audited') return { account, status: 'audited' };
    if (output.status === 'failed') return { account, status: 'failed', reason: reasonOf(output.error, output.cause) };
    return { account, status: 'failed', reason: 'the account step ended without a result' };
  }
  const status = entry.Status ?? 'PENDING';
  return { account, status: 'failed', reason: entry.Error || entry.Cause ? reasonOf(entry.Error, entry.Cause) : `the account step ${status === 'PENDING' ? 'never ran' : `ended ${status}`}` };
}

/** One outcome per account found in the results; an account audited by any attempt (a redrive) counts as audited. */
export async function readMapResults(aws: AwsContext, region: string, manifestBucket: string, manifestKey: string): Promise<Map<string, AccountOutcome>> {
  const store = { bucket: manifestBucket, region };
  const manifest = await getJson<Manifest>(aws, store, manifestKey);
  const files = (['SUCCEEDED', 'FAILED', 'PENDING'] as const).flatMap((s) => manifest.ResultFiles?.[s] ?? []);
  const outcomes = new Map<string, AccountOutcome>();
  for (const file of files) {
    const entries = await getJson<ChildExecution[]>(aws, store, file.Key);
    for (const entry of Array.isArray(entries) ? entries : []) {
      const outcome = outcomeOf(entry);
      if (!outcome) continue;
      const seen = outcomes.get(outcome.account.id);
      if (!seen || (seen.status === 'failed' && outcome.status === 'audited')) outcomes.set(outcome.account.id, outcome);
    }
  }
  return outcomes;
}
