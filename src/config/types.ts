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
  /** ec2.security-group-open-admin-ports: ports that must not be open to the internet. */
  adminPorts: number[];
  /** dynamodb.encryption: tables must use a customer managed KMS key (not the AWS owned or AWS managed key). */
  dynamodbRequireCustomerManagedKey: boolean;
  passwordPolicy: PasswordPolicyThresholds;
}

export interface Suppression {
  checkId: string;
  /** A glob (`arn:aws:s3:::logs-*`) or, between slashes, a regular expression (`/^arn:.*:vpc-0a/`). Matched against the resource ARN and id. */
  resource: string;
  reason: string;
  /** YYYY-MM-DD; from that day on the suppression no longer applies and is reported as expired. */
  expires?: string;
}

export interface AuditConfig {
  thresholds: Thresholds;
  suppressions: Suppression[];
}

/** Defaults follow CIS AWS Foundations and the Security Hub controls they map to. */
export const DEFAULT_THRESHOLDS: Thresholds = {
  accessKeyMaxAgeDays: 90,
  unusedCredentialDays: 45,
  backupRetentionDays: 7,
  adminPorts: [20, 21, 22, 23, 135, 445, 1433, 1434, 1521, 2375, 2376, 3306, 3389, 5432, 5439, 5601, 5984, 6379, 9042, 9200, 9300, 11211, 27017, 27018],
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
};

export const DEFAULT_CONFIG: AuditConfig = { thresholds: DEFAULT_THRESHOLDS, suppressions: [] };
