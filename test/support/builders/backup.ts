import type { BackupPlan, BackupRegion, BackupSelection, ProtectedResource, Read } from '../../../src/inventory/types';
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

/** An AWS Backup region with these plans and recovery points (none by default). */
export function backupRegion(plans: Read<BackupPlan[]>, protectedResources: Read<ProtectedResource[]> = ok([])): BackupRegion {
  return { plans, protectedResources };
}
