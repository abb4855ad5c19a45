import { AssumeRoleCommand, type STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';

const REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * Credentials of a role assumed with `params`: assumed on first use, reused, and assumed again once they are
 * within 5 minutes of expiring. Concurrent first calls share one AssumeRole; a failed one is not cached.
 */
export function assumedRoleProvider(
  sts: STSClient,
  params: { RoleArn: string; RoleSessionName: string; ExternalId?: string; DurationSeconds: number },
  now: () => number = Date.now,
): { credentials: AwsCredentialIdentityProvider; assumedArn: () => string | undefined } {
  let assumedArn: string | undefined;
  const assume = async (): Promise<AwsCredentialIdentity> => {
    const out = await sts.send(new AssumeRoleCommand(params));
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error(`sts:AssumeRole ${params.RoleArn} returned no credentials`);
    assumedArn = out.AssumedRoleUser?.Arn;
    return {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}),
      ...(c.Expiration ? { expiration: new Date(c.Expiration) } : {}),
    };
  };
  let current: Promise<AwsCredentialIdentity> | undefined;
  const renew = () => {
    const attempt = assume();
    current = attempt;
    attempt.catch(() => {
      if (current === attempt) current = undefined;
    });
    return attempt;
  };
  const fresh = (c: AwsCredentialIdentity) => c.expiration === undefined || c.expiration.getTime() - now() > REFRESH_MARGIN_MS;
  return {
    credentials: () => (current ? current.then((c) => (fresh(c) ? c : renew())) : renew()),
    assumedArn: () => assumedArn,
  };
}
