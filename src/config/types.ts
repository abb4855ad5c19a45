import type { ClassificationConfig } from '../judge/classification';
import { DEFAULT_ELB_SSL_POLICIES } from '../judge/tls';

export interface PasswordPolicyThresholds {
  minimumLength: number;
  requireUppercase: boolean;
  requireLowercase: boolean;
  requireNumbers: boolean;
  requireSymbols: boolean;
  /** Passwords must expire within this many days; null: expiry not required. */
  maxAgeDays: number | null;
  /** At least this many previous passwords remembered; null: not required. */
  reusePrevention: number | null;
}

export interface Thresholds {
  /** iam.access-key-rotation: active keys older than this fail. */
  accessKeyMaxAgeDays: number;
  /** iam.unused-credentials: passwords and keys unused for longer than this fail. */
  unusedCredentialDays: number;
  /** rds.backup-retention: automated backups must be kept at least this many days. */
  backupRetentionDays: number;
  /** backup.plan-retention: an AWS Backup plan's daily rule must keep recovery points at least this many days. */
  backupPlanRetentionDays: number;
  /** ec2.security-group-open-admin-ports: ports that must not be open to the internet. */
  adminPorts: number[];
  /** elb.tls-policy: ALB/NLB security policies accepted (exact names, or `*` for any characters). */
  elbSslPolicies: string[];
  /** elb.listeners-encrypted: ports where an NLB TCP listener passes TLS through to its targets (Classic TCP always fails). */
  elbTlsPassthroughPorts: number[];
  /** acm.certificates-valid: certificates in use must expire more than this many days away. */
  acmMinDaysToExpiry: number;
  /** logs.audit-log-retention: log groups receiving CloudTrail or flow logs must keep events at least this many days. */
  auditLogRetentionDays: number;
  /** dynamodb.encryption: tables must use a customer managed KMS key (not the AWS owned or AWS managed key). */
  dynamodbRequireCustomerManagedKey: boolean;
  passwordPolicy: PasswordPolicyThresholds;
  /** iam.root-not-used: a root sign-in or root key use within this many days fails. */
  rootUnusedDays: number;
  /** ec2.instance-public-ip: instances carrying one of these tags may have a public IP (no value: any value). */
  publicInstanceAllowTags: AllowTag[];
  /** s3.ephi-bucket-object-lock: a lifecycle rule may expire an ePHI bucket's noncurrent versions no sooner than this. */
  noncurrentVersionRetentionDays: number;
}

/** A tag that marks a resource as deliberately exposed; without `value` any value of the key matches. */
export interface AllowTag {
  key: string;
  value?: string;
}

export interface Suppression {
  checkId: string;
  /** A glob (`arn:aws:s3:::logs-*`) or, between slashes, a regular expression (`/^arn:.*:vpc-0a/`). Matched against the resource ARN and id. */
  resource: string;
  reason: string;
  /** YYYY-MM-DD; from that day on the suppression no longer applies and is reported as expired. */
  expires?: string;
  /** Only in these accounts: 12-digit ids or globs (`1111*`). Absent: every account. */
  accounts?: string[];
  /** Only in these regions: names or globs (`eu-*`); `global` for account-wide and IAM findings. Absent: every region. */
  regions?: string[];
  /**
   * Only on resources carrying every one of these tags: key (case-insensitive) to a value glob (`*`, `?`,
   * case-insensitive). A resource whose tags are not known (unread region, account-level finding) is not matched.
   */
  tags?: Record<string, string>;
  /** Who accepted the risk (a name or an email), shown wherever the suppression is. */
  approvedBy?: string;
  /** The change or risk ticket that records the decision (an id or a URL), shown wherever the suppression is. */
  ticket?: string;
}

export interface AuditConfig {
  thresholds: Thresholds;
  suppressions: Suppression[];
  /** Which resources hold ePHI and what that changes; absent: DEFAULT_CLASSIFICATION (src/judge/classification.ts). */
  classification?: ClassificationConfig;
}

/** Defaults follow CIS AWS Foundations and the Security Hub controls they map to. */
export const DEFAULT_THRESHOLDS: Thresholds = {
  accessKeyMaxAgeDays: 90,
  unusedCredentialDays: 45,
  backupRetentionDays: 7,
  backupPlanRetentionDays: 35,
  adminPorts: [20, 21, 22, 23, 135, 445, 1433, 1434, 1521, 2375, 2376, 3306, 3389, 5432, 5439, 5601, 5984, 6379, 9042, 9200, 9300, 11211, 27017, 27018],
  elbSslPolicies: [...DEFAULT_ELB_SSL_POLICIES],
  // Nothing declared: a TCP listener on 443 may as well carry clear text, and only the operator knows its targets
  // terminate TLS, so every NLB TCP listener fails until its port is declared.
  elbTlsPassthroughPorts: [],
  // Security Hub ACM.1's default; ACM starts renewing its own certificates 60 days ahead.
  acmMinDaysToExpiry: 30,
  // Six years, as HIPAA keeps documentation (164.316(b)(2)(i)); a CloudWatch Logs retention setting of its own.
  auditLogRetentionDays: 2192,
  dynamodbRequireCustomerManagedKey: false,
  passwordPolicy: {
    minimumLength: 14,
    requireUppercase: true,
    requireLowercase: true,
    requireNumbers: true,
    requireSymbols: true,
    maxAgeDays: 90,
    reusePrevention: 24,
  },
  rootUnusedDays: 90,
  publicInstanceAllowTags: [],
  // Time to notice an overwrite, a deletion or ransomware and restore the prior version of an ePHI object.
  noncurrentVersionRetentionDays: 30,
};

export const DEFAULT_CONFIG: AuditConfig = { thresholds: DEFAULT_THRESHOLDS, suppressions: [] };
