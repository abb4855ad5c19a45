import { STSClient } from '@aws-sdk/client-sts';
import { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { UsageError } from '../errors';
import { assumedRoleProvider } from './assume-role';
import { clientConfig, type AwsContextOptions } from './context';

export interface CredentialOptions {
  profile?: string;
  roleArn?: string;
  externalId?: string;
  /** Region for the STS call that assumes the role. */
  region: string;
  /** Endpoint override (also used for STS). */
  endpointUrl?: string;
  /** Per-attempt timeouts and attempts of the STS client (default: those of every client, src/aws/limits.ts). */
  limits?: Pick<AwsContextOptions, 'connectionTimeoutMs' | 'requestTimeoutMs' | 'maxAttempts'>;
}

export interface ResolvedCredentials {
  credentials: AwsCredentialIdentityProvider;
  /** The STS client that assumes --role-arn: the session's AwsContext adopts it (counted, bound to the deadline, destroyed with it). */
  sts?: STSClient;
}

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@\/-]+$/;

/** Fails early, with the fix, when a named profile is in neither shared file. */
export async function assertProfileExists(profile: string): Promise<void> {
  const { configFile, credentialsFile } = await loadSharedConfigFiles();
  if (configFile[profile] || credentialsFile[profile]) return;
  const known = [...new Set([...Object.keys(configFile), ...Object.keys(credentialsFile)])].sort();
  throw new UsageError(
    `unknown AWS profile '${profile}': it is in neither ~/.aws/config nor ~/.aws/credentials` +
      (known.length ? ` (known profiles: ${known.join(', ')})` : '') +
      `. Fix: create it with 'aws configure --profile ${profile}' or 'aws configure sso', or pass another --profile.`,
  );
}

/** Whether `profile` signs in through IAM Identity Center (SSO): its expired session is renewed with `aws sso login`. */
export async function isSsoProfile(profile: string | undefined): Promise<boolean> {
  if (!profile) return false;
  try {
    const { configFile } = await loadSharedConfigFiles();
    const section = configFile[profile];
    return Boolean(section?.sso_session || section?.sso_start_url);
  } catch {
    return false;
  }
}

/**
 * One credential provider for every client of the run: the profile (SSO included) or the default chain,
 * then an assumed role when asked (assumed once, not once per client).
 */
export function resolveCredentials(options: CredentialOptions): ResolvedCredentials {
  const base = options.profile ? fromIni({ profile: options.profile }) : fromNodeProviderChain();
  if (!options.roleArn) return { credentials: base };
  if (!ROLE_ARN.test(options.roleArn)) {
    throw new UsageError(`--role-arn '${options.roleArn}' is not an IAM role ARN. Fix: pass one like arn:aws:iam::123456789012:role/HipaaAuditor.`);
  }
  // Configured as every other client (timeouts, attempts, endpoint): a hung AssumeRole ends like any other call.
  const sts = new STSClient(clientConfig('sts', options.region, { credentials: base, ...options.limits, ...(options.endpointUrl ? { endpointUrl: options.endpointUrl } : {}) }));
  // The same provider the Lambda uses for member roles: assumed once, shared, renewed before expiry.
  const role = assumedRoleProvider(sts, {
    RoleArn: options.roleArn,
    RoleSessionName: 'hipaa-posture-auditor',
    DurationSeconds: 3600,
    ...(options.externalId ? { ExternalId: options.externalId } : {}),
  });
  return { credentials: role.credentials, sts };
}
