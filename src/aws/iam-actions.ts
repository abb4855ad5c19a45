import securityAudit from './securityaudit-actions.json';

/**
 * The IAM action behind each API operation the auditor calls, and whether the AWS managed SecurityAudit policy
 * grants it: what an ERROR's fix names, what iam/auditor-policy.json must grant (a test keeps them in step), and
 * what iam/securityaudit-supplement-policy.json adds.
 */

/** The IAM service prefix of each client name the collectors record errors under, where the two differ. */
const IAM_PREFIX: Readonly<Record<string, string>> = {
  s3control: 's3',
  elbv2: 'elasticloadbalancing',
  elb: 'elasticloadbalancing',
  opensearch: 'es',
  efs: 'elasticfilesystem',
  tagging: 'tag',
  inspector: 'inspector2',
  macie: 'macie2',
};

/** Operations whose IAM action is not `<prefix>:<operation>`, keyed `<client name>:<operation>`; null: no permission needed. */
const ACTION_OF: Readonly<Record<string, string | null>> = {
  'sts:GetCallerIdentity': null,
  's3:ListBuckets': 's3:ListAllMyBuckets',
  's3:GetBucketEncryption': 's3:GetEncryptionConfiguration',
  's3:GetPublicAccessBlock': 's3:GetBucketPublicAccessBlock',
  's3:GetBucketLifecycleConfiguration': 's3:GetLifecycleConfiguration',
  's3:GetBucketReplication': 's3:GetReplicationConfiguration',
  's3:GetObjectLockConfiguration': 's3:GetBucketObjectLockConfiguration',
  's3control:GetPublicAccessBlock': 's3:GetAccountPublicAccessBlock',
  's3control:GetAccountPublicAccessBlock': 's3:GetAccountPublicAccessBlock',
};

/** The IAM action an operation needs, e.g. `s3:GetEncryptionConfiguration` for S3's GetBucketEncryption; null when none. */
export function iamActionOf(service: string, operation: string): string | null {
  const key = `${service}:${operation}`;
  if (key in ACTION_OF) return ACTION_OF[key] ?? null;
  return `${IAM_PREFIX[service] ?? service}:${operation}`;
}

const patterns = securityAudit.actions.map((a) => {
  const [prefix = '', name = ''] = a.split(':');
  return { prefix: prefix.toLowerCase(), name: new RegExp(`^${name.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i') };
});

/** Whether the AWS managed SecurityAudit policy (the version in securityaudit-actions.json) grants `action`. */
export function securityAuditGrants(action: string): boolean {
  const [prefix = '', name = ''] = action.split(':');
  return patterns.some((p) => p.prefix === prefix.toLowerCase() && p.name.test(name));
}

/** Where the SecurityAudit list comes from, for messages and the README. */
export const SECURITY_AUDIT_VERSION = `${securityAudit.versionId} of ${securityAudit.updated}`;
