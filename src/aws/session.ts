import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import { UsageError } from '../errors';
import { AwsContext, type AwsContextOptions } from './context';
import { assertProfileExists, isSsoProfile, resolveCredentials } from './credentials';
import { errorCode, errorMessage } from './errors';
import { causeOf } from './remedy';

export interface SessionOptions {
  profile?: string;
  roleArn?: string;
  externalId?: string;
  /** Home region: STS, region discovery and global services. */
  region?: string;
  endpointUrl?: string;
  concurrency?: number;
  /** Epoch ms by which the run must end (CLI --deadline): identity is bound by it too. */
  deadline?: number;
  /** Per-attempt timeouts and attempts of every client (default: src/aws/limits.ts); tests shorten them. */
  limits?: Pick<AwsContextOptions, 'connectionTimeoutMs' | 'requestTimeoutMs' | 'maxAttempts'>;
}

export interface Session {
  aws: AwsContext;
  accountId: string;
  partition: string;
  /** The caller's ARN (logged so users see which identity audited). */
  callerArn: string;
  homeRegion: string;
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

export function assertRegionName(region: string, flag: string): void {
  if (!REGION.test(region)) {
    throw new UsageError(`${flag}: '${region}' is not an AWS region name. Fix: use a name like us-east-1 or eu-west-2.`);
  }
}

async function homeRegionFor(options: SessionOptions): Promise<string> {
  if (options.region) return options.region;
  const fromEnv = process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  if (fromEnv) return fromEnv;
  const { configFile } = await loadSharedConfigFiles();
  const profile = options.profile ?? process.env.AWS_PROFILE ?? 'default';
  return configFile[profile]?.region ?? 'us-east-1';
}

/** Resolves credentials and the account they belong to; a failure is a UsageError that says how to fix it. */
export async function openSession(options: SessionOptions): Promise<Session> {
  if (options.region) assertRegionName(options.region, '--region');
  if (options.profile) await assertProfileExists(options.profile);
  const homeRegion = await homeRegionFor(options);
  assertRegionName(homeRegion, 'home region');
  const { credentials, sts } = resolveCredentials({
    region: homeRegion,
    ...(options.profile ? { profile: options.profile } : {}),
    ...(options.roleArn ? { roleArn: options.roleArn } : {}),
    ...(options.externalId ? { externalId: options.externalId } : {}),
    ...(options.endpointUrl ? { endpointUrl: options.endpointUrl } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
  });
  const aws = new AwsContext({
    credentials,
    ...(options.endpointUrl ? { endpointUrl: options.endpointUrl } : {}),
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...options.limits,
  });
  if (sts) aws.adopt('sts', sts, homeRegion);
  let identity: { Account?: string | undefined; Arn?: string | undefined };
  // The call under way, for the message when it fails.
  let operation = 'sts:GetCallerIdentity';
  try {
    // Identity is part of the run: a hung STS (or credential source) ends at the deadline like any read.
    identity = await aws.withDeadline(options.deadline, async () => {
      if (options.roleArn) {
        // Assumed first, on its own, so that a failure names AssumeRole and not the call waiting for it.
        operation = 'sts:AssumeRole';
        await aws.untilDeadline(credentials());
        operation = 'sts:GetCallerIdentity';
      }
      return aws.client('sts', STSClient, homeRegion).send(new GetCallerIdentityCommand({}));
    });
  } catch (error) {
    aws.destroy();
    const sso = await isSsoProfile(options.profile ?? process.env.AWS_PROFILE);
    throw new UsageError(authenticationFailure(error, { ...options, operation, sso }, aws.endpointUrl));
  }
  // Everything that follows (ARNs, finding ids, Security Hub) is built on these: a malformed answer stops the run.
  const arn = identity.Arn ?? '';
  const partition = CALLER_ARN.exec(arn)?.[1];
  if (!identity.Account || !/^\d{12}$/.test(identity.Account) || !partition) {
    aws.destroy();
    throw new UsageError(
      `sts:GetCallerIdentity gave no usable identity (account ${JSON.stringify(identity.Account ?? null)}, ARN ${JSON.stringify(identity.Arn ?? null)}): ` +
        'the answer is incomplete. Fix: rerun; if it persists, check --endpoint-url or the proxy in between.',
    );
  }
  return { aws, accountId: identity.Account, partition, callerArn: arn, homeRegion };
}

const CALLER_ARN = /^arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-[a-z]|aws-eusc):(?:sts|iam)::\d{12}:/;

/** The access key itself is refused: unknown (deleted, mistyped) or its secret does not match. */
const BAD_KEY = /InvalidClientTokenId|SignatureDoesNotMatch|InvalidAccessKeyId|UnrecognizedClientException|IncompleteSignature/;
/** Temporary credentials past their expiry. */
const EXPIRED = /ExpiredToken|TokenExpired|TokenRefreshRequired/i;
/** A request signed too long ago or too far ahead: the machine's clock. */
const CLOCK = /RequestExpired|RequestTimeTooSkewed|SignatureExpired|ClockSkew/i;
/** The credential source itself speaks of SSO (an expired or missing SSO session). */
const SSO = /\bSSO\b|sso login/i;

/** One line naming why authentication failed, by cause: network, endpoint, throttling, deadline, or which credentials and why. */
function authenticationFailure(
  error: unknown,
  context: SessionOptions & { operation: string; sso: boolean },
  endpoint: string | undefined,
): string {
  const { operation: op } = context;
  const who = context.profile ? `profile '${context.profile}'` : 'the default credential chain';
  const role = context.roleArn ? ` then role ${context.roleArn}` : '';
  const code = errorCode(error);
  const message = errorMessage(error);
  const what = `${code}: ${message}`;
  const where = endpoint ? `the endpoint ${endpoint}` : 'AWS STS';
  const path = `the network path (proxy, firewall${endpoint ? ', --endpoint-url' : ''})`;
  switch (causeOf({ code, message })) {
    case 'network':
      return `could not reach ${where} to authenticate (${what}). Fix: check the network, proxy and firewall${endpoint ? ' and --endpoint-url' : ''}, then rerun.`;
    case 'timeout':
      return code === 'DeadlineExceeded'
        ? `${where} did not answer ${op}${op === 'sts:AssumeRole' ? ` for ${context.roleArn}` : ''} before the run's deadline (${what}). Fix: check ${path}, or rerun with a longer --deadline.`
        : `${where} did not answer ${op} in time (${what}). Fix: transient: rerun; if it persists, check ${path}.`;
    case 'throttled':
      return `AWS STS throttled ${op} (${what}): transient. Fix: rerun in a minute.`;
    case 'server':
      return `AWS STS failed ${op} with a server error (${what}): transient. Fix: rerun in a minute.`;
    case 'incomplete':
      return `${where} answered ${op} with an unreadable body (${what}). Fix: transient: rerun; if it persists, a proxy or the endpoint is altering answers (check --endpoint-url and any proxy in between).`;
    default: {
      const login = `run 'aws sso login${context.profile ? ` --profile ${context.profile}` : ''}'`;
      let fix: string;
      if (SSO.test(message) || (EXPIRED.test(code) && context.sso)) fix = login;
      else if (EXPIRED.test(code)) fix = 'the temporary credentials have expired: get new ones (a new session token from the tool that issued them), then rerun';
      else if (BAD_KEY.test(code)) {
        fix = `the access key is wrong or was deleted or deactivated: check the key id and secret of ${who} (aws configure list), or create a new access key in IAM`;
      } else if (CLOCK.test(code)) fix = "this machine's clock is off: synchronise it (NTP), then rerun";
      else if (op === 'sts:AssumeRole' && /AccessDenied/i.test(code)) fix = 'check the role trust policy and --external-id';
      else fix = 'check the credentials (aws sts get-caller-identity) or pass --profile';
      return `could not authenticate to AWS with ${who}${role}: ${what}. Fix: ${fix}.`;
    }
  }
}

export interface RegionChoice {
  regions: string[];
  /** Set when the regions could not be listed and the run fell back to the home region. */
  warning?: string;
}

/**
 * The regions to audit: every region enabled for the account (DescribeRegions), or the requested ones after
 * checking each exists and is enabled.
 */
export async function resolveRegions(session: Session, requested: string[] | 'all' | undefined): Promise<RegionChoice> {
  if (Array.isArray(requested)) for (const r of requested) assertRegionName(r, '--regions');
  let listed: Array<{ name: string; enabled: boolean }>;
  try {
    const ec2 = session.aws.client('ec2', EC2Client, session.homeRegion);
    const out = await ec2.send(new DescribeRegionsCommand({ AllRegions: true }));
    listed = (out.Regions ?? []).map((r) => ({ name: r.RegionName ?? '', enabled: r.OptInStatus !== 'not-opted-in' }));
  } catch (error) {
    if (session.aws.expired) throw new UsageError(`ec2:DescribeRegions did not answer before the run's deadline. Fix: rerun with a longer --deadline, or pass --regions.`);
    const fallback = Array.isArray(requested) ? requested : [session.homeRegion];
    return {
      regions: fallback,
      warning: `could not list regions (ec2:DescribeRegions: ${errorCode(error)}); auditing ${fallback.join(', ')} only. Fix: allow ec2:DescribeRegions or pass --regions.`,
    };
  }
  // Every partition has regions, and the home region among them: anything else is an incomplete answer.
  if (listed.length === 0 || listed.some((r) => !REGION.test(r.name)) || !listed.some((r) => r.name === session.homeRegion)) {
    throw new UsageError(
      `ec2:DescribeRegions gave an incomplete list of regions (${listed.length ? listed.map((r) => r.name || '""').join(', ') : 'none'}). ` +
        'Fix: rerun; if it persists, check --endpoint-url or the proxy in between.',
    );
  }
  if (!Array.isArray(requested)) return { regions: listed.filter((r) => r.enabled).map((r) => r.name).sort() };
  for (const r of requested) {
    const known = listed.find((l) => l.name === r);
    if (!known) throw new UsageError(`--regions: region '${r}' does not exist in partition ${session.partition}. Fix: choose from ${listed.map((l) => l.name).sort().join(', ')}.`);
    if (!known.enabled) throw new UsageError(`--regions: region '${r}' is not enabled for account ${session.accountId} (opt-in region). Fix: enable it in the account settings or leave it out.`);
  }
  return { regions: [...new Set(requested)] };
}
