import type { BackupPlan, BackupRegion, BackupRegionSettings, BackupRule, BackupSelection, BackupVault, ProtectedResource, Read } from '../../../src/inventory/types';
import { ACCOUNT, ok } from '../inventory';

/* Typed AWS Backup inventory for check tests: complete objects with defaults, overridable field by field. */

/** A backup selection named phi-tagged that selects nothing until a test adds resources, tags or conditions. */
export function backupSelection(extra: Partial<BackupSelection> = {}): BackupSelection {
  return { selectionId: 'sel-1', selectionName: 'phi-tagged', resources: [], notResources: [], listOfTags: [], conditions: [], ...extra };
}

/** A backup plan in us-east-1 with these selections. */
export function backupPlan(name: string, selections: Read<BackupSelection[]>): BackupPlan {
  return { planId: `${name}-id`, planName: name, arn: `arn:aws:backup:us-east-1:${ACCOUNT}:backup-plan:${name}-id`, selections };
}

/** Service opt-in as a region answers it, every type this project judges opted in unless `overrides` says otherwise. */
export function optIn(overrides: Record<string, boolean> = {}): BackupRegionSettings {
  return { optIn: { Aurora: true, DocumentDB: true, DynamoDB: true, EBS: true, EC2: true, EFS: true, Neptune: true, RDS: true, S3: false, ...overrides } };
}

/** An AWS Backup region with these plans, recovery points (none by default) and service opt-in (every judged type by default). */
export function backupRegion(
  plans: Read<BackupPlan[]>,
  protectedResources: Read<ProtectedResource[]> = ok([]),
  regionSettings: Read<BackupRegionSettings> = ok(optIn()),
): BackupRegion {
  return { plans, protectedResources, regionSettings };
}

/** A backup vault in us-east-1 holding 10 recovery points, unlocked, with no access policy. */
export function backupVault(name: string, extra: Partial<BackupVault> = {}): BackupVault {
  return { name, arn: `arn:aws:backup:us-east-1:${ACCOUNT}:backup-vault:${name}`, vaultType: 'BACKUP_VAULT', recoveryPoints: 10, locked: false, accessPolicy: ok(null), ...extra };
}

/** A backup rule named daily: every day at 05:00 UTC, recovery points kept 35 days, no copies. */
export function backupRule(extra: Partial<BackupRule> = {}): BackupRule {
  return { ruleName: 'daily', targetVaultName: 'Default', scheduleExpression: 'cron(0 5 ? * * *)', deleteAfterDays: 35, continuous: false, copies: [], ...extra };
}
