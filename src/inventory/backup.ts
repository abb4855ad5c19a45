import type { Read } from './read';

export interface BackupCondition {
  /** StringEquals | StringLike | StringNotEquals | StringNotLike (ListOfTags entries are StringEquals). */
  operator: 'StringEquals' | 'StringLike' | 'StringNotEquals' | 'StringNotLike';
  /**
   * The bare tag key, e.g. `backup`. The API spells it `aws:ResourceTag/backup` in Conditions and usually `backup`
   * in ListOfTags; the collector strips the `aws:ResourceTag/` prefix from both so they compare alike.
   */
  key: string;
  value: string;
}

export interface BackupSelection {
  selectionId: string;
  selectionName: string;
  /** ARNs or wildcard patterns such as `arn:aws:ec2:*:*:volume/*` or `*`. */
  resources: string[];
  notResources: string[];
  /** Legacy ListOfTags: a resource matching any of them is selected. */
  listOfTags: BackupCondition[];
  /** Conditions: a resource must match all of them. */
  conditions: BackupCondition[];
}

/** A copy a rule makes of each recovery point (CopyActions). */
export interface BackupCopy {
  /** `arn:aws:backup:<region>:<account>:backup-vault:<name>`: its region and account say where the copy goes. */
  destinationVaultArn: string;
  /** Days until the copy is deleted; absent: kept until someone deletes it. */
  deleteAfterDays?: number;
}

/** One rule of a backup plan (GetBackupPlan), as AWS returned it. */
export interface BackupRule {
  ruleName: string;
  targetVaultName: string;
  /** `cron(...)` (or `rate(...)`) as written; absent: AWS Backup's default `cron(0 5 ? * * *)`, daily at 05:00 UTC. */
  scheduleExpression?: string;
  /** IANA time zone of the schedule; absent: UTC. */
  scheduleTimezone?: string;
  /** Days after creation that recovery points are deleted (Lifecycle.DeleteAfterDays); absent: kept until someone deletes them. */
  deleteAfterDays?: number;
  /** An event after which recovery points are deleted, whichever comes first with deleteAfterDays (Lifecycle.DeleteAfterEvent). */
  deleteAfterEvent?: string;
  moveToColdStorageAfterDays?: number;
  /** EnableContinuousBackup: point-in-time restore (at most 35 days) for resources that support it; false when not set. */
  continuous: boolean;
  copies: BackupCopy[];
}

export interface BackupPlan {
  planId: string;
  planName: string;
  arn: string;
  selections: Read<BackupSelection[]>;
  /** The plan's rules (GetBackupPlan); absent when `backup.planRules` was not read. */
  rules?: Read<BackupRule[]>;
}

/** A backup vault (ListBackupVaults), with its access policy where the lock alone does not protect it. */
export interface BackupVault {
  name: string;
  arn: string;
  /** BACKUP_VAULT | LOGICALLY_AIR_GAPPED_BACKUP_VAULT | RESTORE_ACCESS_BACKUP_VAULT; absent when not reported. */
  vaultType?: string;
  /** CREATING | AVAILABLE | FAILED */
  state?: string;
  /** NumberOfRecoveryPoints; absent when not reported. */
  recoveryPoints?: number;
  encryptionKeyArn?: string;
  /** Whether Vault Lock applies (Locked); absent when the answer did not say. */
  locked?: boolean;
  /** Vault Lock's minimum and maximum retention; absent: not enforced. */
  minRetentionDays?: number;
  maxRetentionDays?: number;
  /**
   * When the lock becomes immutable (compliance mode); before it, the lock can still be removed (grace time).
   * Absent for a lock without a lock date (governance mode: removable at any time by whoever is allowed
   * backup:DeleteBackupVaultLockConfiguration).
   */
  lockDate?: string;
  /**
   * The vault access policy document; null: the vault has none (ResourceNotFoundException). Read only for vaults
   * that may hold recovery points and are not locked (where the policy is their only protection); absent otherwise.
   */
  accessPolicy?: Read<string | null>;
}

/**
 * The region's AWS Backup service opt-in (DescribeRegionSettings ResourceTypeOptInPreference): resource type
 * (`EBS`, `EC2`, `RDS`, `Aurora`, `DynamoDB`, `EFS`, ...) to whether AWS Backup protects that type's resources in
 * the region. Per AWS, it applies to resources a selection includes by tag, by service (`arn:aws:ec2:*`) or by `*`;
 * a selection naming the resource type (`arn:aws:ec2:*:*:instance/*`) or the resource includes it regardless,
 * except for Aurora, Neptune and DocumentDB, which always need the opt-in.
 */
export interface BackupRegionSettings {
  optIn: Record<string, boolean>;
}

export interface ProtectedResource {
  arn: string;
  resourceType: string;
  lastBackupTime?: string;
}

/**
 * `plans`: plans with their selections (ListBackupPlans, ListBackupSelections, GetBackupSelection);
 * `protectedResources`: ListProtectedResources; `vaults`: ListBackupVaults, and GetBackupVaultAccessPolicy per
 * unlocked vault that holds recovery points; `planRules`: GetBackupPlan per plan (lists the plans and their
 * selections too, as `plans` does); `regionSettings`: DescribeRegionSettings (one call).
 */
export const BACKUP_READS = ['plans', 'protectedResources', 'vaults', 'planRules', 'regionSettings'] as const;

/** A field is absent when its read was not asked for (no selected check needed it). */
export interface BackupRegion {
  plans?: Read<BackupPlan[]>;
  protectedResources?: Read<ProtectedResource[]>;
  vaults?: Read<BackupVault[]>;
  regionSettings?: Read<BackupRegionSettings>;
}
