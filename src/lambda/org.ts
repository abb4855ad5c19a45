import { OrganizationsClient, paginateListAccounts } from '@aws-sdk/client-organizations';
import { STSClient } from '@aws-sdk/client-sts';
import { assumedRoleProvider } from '../aws/assume-role';
import { AwsContext } from '../aws/context';
import { errorCode, errorMessage, isAccessDenied } from '../aws/errors';
import type { Session } from '../aws/session';
import type { OrgSettings } from './config';
import { MemberRoleUnavailableError } from './errors';
import type { OrgAccount } from './events';
import type { HandlerDeps } from './runtime';

/**
 * The organization's accounts that can be audited: Organizations ListAccounts, every page, keeping ACTIVE
 * accounts. `State` (newer) wins over `Status` (retired in 2026) when both are present, so suspended,
 * closing and closed accounts are skipped whichever field the API returns.
 */
export async function listActiveAccounts(aws: AwsContext, region: string): Promise<OrgAccount[]> {
  const client = aws.client('organizations', OrganizationsClient, region);
  const accounts: OrgAccount[] = [];
  for await (const page of paginateListAccounts({ client }, {})) {
    for (const a of page.Accounts ?? []) {
      const state = a.State ?? a.Status;
      if (!a.Id || state !== 'ACTIVE') continue;
      accounts.push({ id: a.Id, ...(a.Name ? { name: a.Name } : {}) });
    }
  }
  return accounts.sort((x, y) => x.id.localeCompare(y.id));
}

export function memberRoleArn(partition: string, accountId: string, roleName: string): string {
  return `arn:${partition}:iam::${accountId}:role/${roleName}`;
}

export interface MemberTarget {
  accountId: string;
  roleName: string;
  externalId: string;
  /** Shown in the member account's CloudTrail as the session name. */
  sessionName: string;
  /** Clock for credential refresh (tests inject one). */
  now?: () => number;
}

const DURATION_SECONDS = 3600;

/**
 * A session in a member account: the auditor's own session when the account is its own (the management or
 * delegated-admin account audits itself with its own role), otherwise the member role assumed with the
 * external id, through the auditor's AwsContext (so the call is counted and retried like any other).
 * Credentials are refreshed 5 minutes before they expire. A denied AssumeRole is a MemberRoleUnavailable
 * error naming the role and the fix; other errors (throttling, network) are thrown as they are, to be retried.
 */
export async function openMemberSession(base: Session, target: MemberTarget): Promise<Session> {
  if (target.accountId === base.accountId) return base;
  const roleArn = memberRoleArn(base.partition, target.accountId, target.roleName);
  const sts = base.aws.client('sts', STSClient, base.homeRegion);
  const role = assumedRoleProvider(sts, {
    RoleArn: roleArn,
    RoleSessionName: target.sessionName.replace(/[^\w+=,.@-]/g, '-').slice(0, 64),
    ExternalId: target.externalId,
    DurationSeconds: DURATION_SECONDS,
  }, target.now);
  const credentials = role.credentials;

  try {
    await credentials();
  } catch (error) {
    if (isAccessDenied(error)) {
      throw new MemberRoleUnavailableError(
        target.accountId,
        `cannot assume ${roleArn} (${errorCode(error)}: ${errorMessage(error)}). Fix: deploy deploy/member-role.yml in account ${target.accountId} ` +
          '(the StackSet in docs/deploy.md) trusting this auditor\'s role, with the same external id.',
      );
    }
    throw error;
  }
  return {
    aws: new AwsContext({ credentials }),
    accountId: target.accountId,
    partition: base.partition,
    callerArn: role.assumedArn() ?? roleArn,
    homeRegion: base.homeRegion,
  };
}

/** Runs `fn` with the auditor's own session in the deployment's region, and destroys the session afterwards. */
export async function withBaseSession<T>(
  deps: Pick<HandlerDeps, 'openSession'>,
  settings: Pick<OrgSettings, 'region'>,
  fn: (base: Session) => Promise<T>,
): Promise<T> {
  const base = await deps.openSession({ region: settings.region });
  try {
    return await fn(base);
  } finally {
    base.aws.destroy();
  }
}

/**
 * Runs `fn` with the run's session in a member account: openMemberSession with the deployment's member role and
 * external id, named `hipaa-audit-<runId>` in the member's CloudTrail. The session is destroyed afterwards,
 * unless it is `base` itself (the account audits itself); `base` is the caller's to destroy.
 */
export async function withMemberSession<T>(
  base: Session,
  settings: Pick<OrgSettings, 'memberRoleName' | 'externalId'>,
  accountId: string,
  runId: string,
  fn: (member: Session) => Promise<T>,
): Promise<T> {
  const member = await openMemberSession(base, {
    accountId,
    roleName: settings.memberRoleName,
    externalId: settings.externalId,
    sessionName: `hipaa-audit-${runId}`,
  });
  try {
    return await fn(member);
  } finally {
    if (member !== base) member.aws.destroy();
  }
}
