/*
 * IAM: every read is a bulk one. The credential report, account summary, password policy and virtual MFA list are
 * one call each whatever the number of users; GetAccountAuthorizationDetails grows only by one page per 1000
 * users, groups, roles and policies (no ListAttached... or Get...Policy call per entity).
 */
import {
  GenerateCredentialReportCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  IAMClient,
  paginateGetAccountAuthorizationDetails,
  paginateListVirtualMFADevices,
} from '@aws-sdk/client-iam';
import { errorCode, toApiError } from '../aws/errors';
import type {
  AccountSummary,
  CredentialReport,
  CredentialReportAccessKey,
  CredentialReportUser,
  IamInventory,
  PasswordPolicy,
  VirtualMfaDevice,
} from '../inventory/iam';
import { failed, ok, type Read } from '../inventory/read';
import { attempt, attemptOrNone, collectList, expectFields, IncompleteAnswerError } from './attempt';
import type { GlobalCollector } from './collector';
import { collectAuthorizationDetails } from './iam-authorization';

const SERVICE = 'iam';
/** IAM is global: errors are recorded under this region. */
const REGION = 'global';

export interface IamCollectorOptions {
  /** Waits between credential report polls; tests pass a fake that returns at once. */
  sleep?: (ms: number) => Promise<void>;
  /** First delay between polls (doubles each time). */
  initialDelayMs?: number;
  /** Longest single delay between polls. */
  maxDelayMs?: number;
  /** Total time to wait for the report before giving up. */
  maxWaitMs?: number;
  /** How many times a missing or expired report is regenerated before giving up. */
  maxRegenerations?: number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Error codes as the SDK reports them (the AWS query code in `Code`, the exception class in `name`). */
const REPORT_IN_PROGRESS = ['ReportInProgress', 'CredentialReportNotReadyException'];
const REPORT_NOT_PRESENT = ['ReportNotPresent', 'CredentialReportNotPresentException'];
const REPORT_EXPIRED = ['ReportExpired', 'CredentialReportExpiredException'];
const NO_SUCH_ENTITY = ['NoSuchEntity', 'NoSuchEntityException'];

function hasCode(error: unknown, codes: string[]): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return codes.includes(errorCode(error)) || (typeof name === 'string' && codes.includes(name));
}

function namedError(name: string, message: string): Error {
  return Object.assign(new Error(message), { name });
}

export function createIamCollector(options: IamCollectorOptions = {}): GlobalCollector<'iam'> {
  const sleep = options.sleep ?? realSleep;
  const timing = {
    initialDelayMs: options.initialDelayMs ?? 500,
    maxDelayMs: options.maxDelayMs ?? 8_000,
    maxWaitMs: options.maxWaitMs ?? 60_000,
    maxRegenerations: options.maxRegenerations ?? 3,
  };
  return {
    scope: 'global',
    async collect(ctx): Promise<IamInventory> {
      const client = ctx.aws.client(SERVICE, IAMClient, ctx.homeRegion);
      const site = { service: SERVICE, region: REGION };
      const [credentialReport, accountSummary, passwordPolicy, virtualMfaDevices, authorizationDetails] = await Promise.all([
        ctx.wants('iam.credentialReport') ? readCredentialReport(client, sleep, timing) : undefined,
        !ctx.wants('iam.accountSummary') ? undefined : attempt({ ...site, operation: 'GetAccountSummary' }, async (): Promise<AccountSummary> => {
          const out = await client.send(new GetAccountSummaryCommand({}));
          const map = expectFields(out, ['SummaryMap']).SummaryMap;
          // Every account's summary carries these counters, zero or not.
          expectFields(map, ['AccountMFAEnabled', 'AccountAccessKeysPresent']);
          return {
            mfaEnabled: (map.AccountMFAEnabled ?? 0) > 0,
            accessKeysPresent: (map.AccountAccessKeysPresent ?? 0) > 0,
            passwordPresent: map.AccountPasswordPresent === undefined ? null : map.AccountPasswordPresent > 0,
            signingCertificatesPresent: (map.AccountSigningCertificatesPresent ?? 0) > 0,
          };
        }),
        !ctx.wants('iam.passwordPolicy') ? undefined : attemptOrNone({ ...site, operation: 'GetAccountPasswordPolicy' }, NO_SUCH_ENTITY, async (): Promise<PasswordPolicy> => {
          const out = await client.send(new GetAccountPasswordPolicyCommand({}));
          const p = expectFields(out, ['PasswordPolicy']).PasswordPolicy;
          const maxAge = p.MaxPasswordAge;
          return {
            // IAM's documented default when the parameter is not given.
            minimumPasswordLength: p.MinimumPasswordLength ?? 6,
            requireSymbols: p.RequireSymbols ?? false,
            requireNumbers: p.RequireNumbers ?? false,
            requireUppercaseCharacters: p.RequireUppercaseCharacters ?? false,
            requireLowercaseCharacters: p.RequireLowercaseCharacters ?? false,
            allowUsersToChangePassword: p.AllowUsersToChangePassword ?? false,
            maxPasswordAge: p.ExpirePasswords !== false && maxAge !== undefined && maxAge > 0 ? maxAge : null,
            passwordReusePrevention: p.PasswordReusePrevention !== undefined && p.PasswordReusePrevention > 0 ? p.PasswordReusePrevention : null,
            hardExpiry: p.HardExpiry ?? false,
          };
        }),
        !ctx.wants('iam.virtualMfaDevices') ? undefined : attempt({ ...site, operation: 'ListVirtualMFADevices' }, async () =>
          (await collectList(paginateListVirtualMFADevices({ client }, { AssignmentStatus: 'Any' }), 'VirtualMFADevices')).map(
            (d): VirtualMfaDevice => ({ serialNumber: d.SerialNumber ?? '', ...(d.User?.Arn ? { userArn: d.User.Arn } : {}) }),
          ),
        ),
        // Users, groups, roles and customer managed policies with every document, 1000 entities a page. AWS managed
        // policies are left out: their documents are large and fixed, and the attachment lists already name them.
        !ctx.wants('iam.authorizationDetails') ? undefined : attempt({ ...site, operation: 'GetAccountAuthorizationDetails' }, () =>
          collectAuthorizationDetails(
            paginateGetAccountAuthorizationDetails({ client, pageSize: 1000 }, { Filter: ['User', 'Group', 'Role', 'LocalManagedPolicy'] }),
          ),
        ),
      ]);
      return { credentialReport, accountSummary, passwordPolicy, virtualMfaDevices, authorizationDetails };
    },
  };
}

export const iamCollector: GlobalCollector<'iam'> = createIamCollector();

interface Timing {
  initialDelayMs: number;
  maxDelayMs: number;
  maxWaitMs: number;
  maxRegenerations: number;
}

/**
 * GenerateCredentialReport until it says COMPLETE, then GetCredentialReport. Waits with exponential backoff
 * (capped per wait and in total); a report that vanished or expired in between is regenerated.
 */
async function readCredentialReport(
  client: IAMClient,
  sleep: (ms: number) => Promise<void>,
  timing: Timing,
): Promise<Read<CredentialReport>> {
  let operation = 'GenerateCredentialReport';
  try {
    let waited = 0;
    let delay = timing.initialDelayMs;
    const pause = async () => {
      if (waited >= timing.maxWaitMs) {
        throw namedError('CredentialReportTimeout', `the credential report was not ready after ${Math.round(waited / 1000)} s`);
      }
      const ms = Math.min(delay, timing.maxWaitMs - waited);
      await sleep(ms);
      waited += ms;
      delay = Math.min(delay * 2, timing.maxDelayMs);
    };
    let generate = true;
    let regenerations = 0;
    for (;;) {
      if (generate) {
        operation = 'GenerateCredentialReport';
        const state = expectFields(await client.send(new GenerateCredentialReportCommand({})), ['State']).State;
        if (state !== 'COMPLETE') {
          await pause();
          continue;
        }
        generate = false;
      }
      operation = 'GetCredentialReport';
      try {
        const out = expectFields(await client.send(new GetCredentialReportCommand({})), ['Content', 'GeneratedTime']);
        if (out.ReportFormat !== undefined && out.ReportFormat !== 'text/csv') {
          throw namedError('UnexpectedReportFormat', `the credential report came as ${out.ReportFormat}, not text/csv`);
        }
        const users = parseCredentialReport(Buffer.from(out.Content).toString('utf8'));
        // Every report has the root row: a report without it was cut short, and its users cannot be trusted.
        if (!users.some((u) => u.isRoot)) throw new IncompleteAnswerError('the credential report has no <root_account> row, which every report has');
        return ok({ generatedAt: out.GeneratedTime.toISOString(), users });
      } catch (error) {
        if (hasCode(error, REPORT_IN_PROGRESS)) {
          await pause();
        } else if (hasCode(error, REPORT_NOT_PRESENT) || hasCode(error, REPORT_EXPIRED)) {
          regenerations += 1;
          if (regenerations > timing.maxRegenerations) throw error;
          generate = true;
        } else {
          throw error;
        }
      }
    }
  } catch (error) {
    return failed(toApiError(error, SERVICE, REGION, operation));
  }
}

const ABSENT = new Set(['N/A', 'no_information', 'not_supported', '']);

function text(value: string | undefined): string | null {
  return value === undefined || ABSENT.has(value) ? null : value;
}

function timestamp(value: string | undefined): string | null {
  const raw = text(value);
  if (raw === null) return null;
  const date = new Date(raw);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function flag(value: string | undefined): boolean | null {
  const raw = text(value);
  return raw === null ? null : raw.toLowerCase() === 'true';
}

/** Splits one CSV line; double-quoted fields (with "" escapes) are honoured should IAM ever quote one. */
function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}

/**
 * IAM user names and paths may contain commas, which the report does not quote: a row then has more cells than the
 * header. The surplus belongs to the leading `user` and `arn` cells; the split is the one where the ARN ends with
 * `/<user>`.
 */
function rejoinNameCells(cells: string[], columns: string[]): string[] {
  const extra = cells.length - columns.length;
  if (extra <= 0 || columns[0] !== 'user' || columns[1] !== 'arn') return cells;
  for (let k = 0; k <= extra; k += 1) {
    const user = cells.slice(0, k + 1).join(',');
    const arn = cells.slice(k + 1, extra + 2).join(',');
    if (arn.endsWith(`/${user}`)) return [user, arn, ...cells.slice(extra + 2)];
  }
  return cells;
}

/** Parses the credential report CSV by its header names. */
export function parseCredentialReport(csv: string): CredentialReportUser[] {
  const lines = csv.split(/\r?\n/).filter((line) => line.trim() !== '');
  const header = lines.shift();
  if (header === undefined) return [];
  const columns = splitCsvLine(header).map((c) => c.trim());
  return lines.map((line) => {
    const cells = rejoinNameCells(splitCsvLine(line), columns);
    const get = (name: string): string | undefined => {
      const index = columns.indexOf(name);
      return index < 0 ? undefined : cells[index]?.trim();
    };
    const key = (n: 1 | 2): CredentialReportAccessKey => ({
      active: flag(get(`access_key_${n}_active`)) ?? false,
      lastRotated: timestamp(get(`access_key_${n}_last_rotated`)),
      lastUsed: timestamp(get(`access_key_${n}_last_used_date`)),
    });
    const user = get('user') ?? '';
    return {
      user,
      arn: get('arn') ?? '',
      isRoot: user === '<root_account>',
      userCreationTime: timestamp(get('user_creation_time')),
      passwordEnabled: flag(get('password_enabled')),
      passwordLastUsed: timestamp(get('password_last_used')),
      passwordLastChanged: timestamp(get('password_last_changed')),
      mfaActive: flag(get('mfa_active')) ?? false,
      accessKeys: [key(1), key(2)],
    };
  });
}
