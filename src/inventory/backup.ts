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

export interface BackupPlan {
  planId: string;
  planName: string;
  arn: string;
  selections: Read<BackupSelection[]>;
}

export interface ProtectedResource {
  arn: string;
  resourceType: string;
  lastBackupTime?: string;
}

/** `plans`: plans with their selections (ListBackupPlans, ListBackupSelections, GetBackupSelection); `protectedResources`: ListProtectedResources. */
export const BACKUP_READS = ['plans', 'protectedResources'] as const;

/** A field is absent when its read was not asked for (no selected check needed it). */
export interface BackupRegion {
  plans?: Read<BackupPlan[]>;
  protectedResources?: Read<ProtectedResource[]>;
}
