import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import { UsageError } from '../errors';
import { AwsContext } from './context';
import { assertProfileExists, resolveCredentials } from './credentials';
import { errorCode, errorMessage } from './errors';

export interface SessionOptions {
  profile?: string;
  roleArn?: string;
  externalId?: string;
  /** Home region: STS, region discovery and global services. */
  region?: string;
  endpointUrl?: string;
  concurrency?: number;
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
  const credentials = resolveCredentials({
    region: homeRegion,
    ...(options.profile ? { profile: options.profile } : {}),
    ...(options.roleArn ? { roleArn: options.roleArn } : {}),
    ...(options.externalId ? { externalId: options.externalId } : {}),
    ...(options.endpointUrl ? { endpointUrl: options.endpointUrl } : {}),
  });
  const aws = new AwsContext({
    credentials,
    ...(options.endpointUrl ? { endpointUrl: options.endpointUrl } : {}),
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
  });
  try {
    const identity = await aws.client('sts', STSClient, homeRegion).send(new GetCallerIdentityCommand({}));
    const arn = identity.Arn ?? '';
    return { aws, accountId: identity.Account ?? '', partition: arn.split(':')[1] ?? 'aws', callerArn: arn, homeRegion };
  } catch (error) {
    aws.destroy();
    const who = options.profile ? `profile '${options.profile}'` : 'the default credential chain';
    const role = options.roleArn ? ` then role ${options.roleArn}` : '';
    const fix = /sso|token/i.test(errorMessage(error))
      ? `run 'aws sso login${options.profile ? ` --profile ${options.profile}` : ''}'`
      : options.roleArn && /AccessDenied/i.test(errorCode(error))
        ? 'check the role trust policy and --external-id'
        : 'check the credentials (aws sts get-caller-identity) or pass --profile';
    throw new UsageError(`could not authenticate to AWS with ${who}${role}: ${errorCode(error)}: ${errorMessage(error)}. Fix: ${fix}.`);
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
    const fallback = Array.isArray(requested) ? requested : [session.homeRegion];
    return {
      regions: fallback,
      warning: `could not list regions (ec2:DescribeRegions: ${errorCode(error)}); auditing ${fallback.join(', ')} only. Fix: allow ec2:DescribeRegions or pass --regions.`,
    };
  }
  if (!Array.isArray(requested)) return { regions: listed.filter((r) => r.enabled).map((r) => r.name).sort() };
  for (const r of requested) {
    const known = listed.find((l) => l.name === r);
    if (!known) throw new UsageError(`--regions: region '${r}' does not exist in partition ${session.partition}. Fix: choose from ${listed.map((l) => l.name).sort().join(', ')}.`);
    if (!known.enabled) throw new UsageError(`--regions: region '${r}' is not enabled for account ${session.accountId} (opt-in region). Fix: enable it in the account settings or leave it out.`);
  }
  return { regions: [...new Set(requested)] };
}
