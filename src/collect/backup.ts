import {
  BackupClient,
  DescribeRegionSettingsCommand,
  GetBackupPlanCommand,
  GetBackupSelectionCommand,
  GetBackupVaultAccessPolicyCommand,
  paginateListBackupPlans,
  paginateListBackupSelections,
  paginateListBackupVaults,
  paginateListProtectedResources,
  type BackupRule as SdkBackupRule,
  type BackupVaultListMember,
  type Condition,
  type ConditionParameter,
  type Conditions,
} from '@aws-sdk/client-backup';
import type { BackupCondition, BackupPlan, BackupRegion, BackupRegionSettings, BackupRule, BackupSelection, BackupVault } from '../inventory/backup';
import { allOk, type Read } from '../inventory/read';
import { arnsIn, type ArnOf } from './arn';
import { attempt, attemptList, attemptOrNone, collectList, expectFields, mapBounded } from './attempt';
import type { RegionalCollector } from './collector';

/**
 * AWS Backup in one region: ListBackupPlans, ListProtectedResources and ListBackupVaults (paginated), then per
 * plan ListBackupSelections (paginated) and per selection GetBackupSelection - the only way to read what a
 * selection covers - and, for `backup.planRules`, GetBackupPlan per plan (ListBackupPlans does not return rules).
 * Selections of one plan form one Read: a plan is judged on all its selections or not at all.
 * GetBackupVaultAccessPolicy (no bulk read exists) is called only for vaults that may hold recovery points and are
 * not locked: a locked vault's recovery points cannot be deleted whatever its policy says. DescribeRegionSettings
 * (`backup.regionSettings`) is one call per region.
 */
export const backupCollector: RegionalCollector<'backup'> = {
  scope: 'regional',
  async collect(ctx, region): Promise<BackupRegion> {
    const client = ctx.aws.client('backup', BackupClient, region);
    const site = { service: 'backup', region };
    const arn = arnsIn(ctx, 'backup', region);
    const limit = ctx.aws.concurrencyOf('backup');

    const selectionsOf = async (planId: string): Promise<Read<BackupSelection[]>> => {
      const listed = await attempt({ ...site, operation: 'ListBackupSelections' }, () =>
        collectList(paginateListBackupSelections({ client }, { BackupPlanId: planId }), 'BackupSelectionsList'),
      );
      if (!listed.ok) return listed;
      const details = await mapBounded(listed.value, limit, (member) =>
        attempt({ ...site, operation: 'GetBackupSelection' }, async (): Promise<BackupSelection> => {
          const selectionId = member.SelectionId ?? '';
          const out = await client.send(new GetBackupSelectionCommand({ BackupPlanId: planId, SelectionId: selectionId }));
          const body = expectFields(out, ['BackupSelection']).BackupSelection;
          return {
            selectionId,
            selectionName: body.SelectionName ?? member.SelectionName ?? selectionId,
            resources: body.Resources ?? [],
            notResources: body.NotResources ?? [],
            listOfTags: (body.ListOfTags ?? []).flatMap(fromListOfTags),
            conditions: fromConditions(body.Conditions),
          };
        }),
      );
      return allOk(details);
    };

    const rulesOf = (planId: string): Promise<Read<BackupRule[]>> =>
      attempt({ ...site, operation: 'GetBackupPlan' }, async () => {
        const out = expectFields(await client.send(new GetBackupPlanCommand({ BackupPlanId: planId })), ['BackupPlan']);
        return expectFields(out.BackupPlan, ['Rules']).Rules.map(toRule);
      });

    const wantsRules = ctx.wants('backup.planRules');
    const [plans, protectedResources, vaults, regionSettings] = await Promise.all([
      !ctx.wants('backup.plans') && !wantsRules ? undefined : attempt({ ...site, operation: 'ListBackupPlans' }, async () => {
        const listed = await collectList(paginateListBackupPlans({ client }, {}), 'BackupPlansList');
        return mapBounded(listed, limit, async (p): Promise<BackupPlan> => {
          const planId = p.BackupPlanId ?? '';
          const [selections, rules] = await Promise.all([selectionsOf(planId), wantsRules ? rulesOf(planId) : undefined]);
          return {
            planId,
            planName: p.BackupPlanName ?? planId,
            arn: p.BackupPlanArn ?? arn(`backup-plan:${planId}`),
            selections,
            ...(rules ? { rules } : {}),
          };
        });
      }),
      !ctx.wants('backup.protectedResources') ? undefined : attemptList({ ...site, operation: 'ListProtectedResources' }, paginateListProtectedResources({ client }, {}), 'Results', (r) => ({
        arn: r.ResourceArn ?? '',
        resourceType: r.ResourceType ?? 'unknown',
        ...(r.LastBackupTime ? { lastBackupTime: r.LastBackupTime.toISOString() } : {}),
      })),
      !ctx.wants('backup.vaults') ? undefined : attempt({ ...site, operation: 'ListBackupVaults' }, async () => {
        const listed = await collectList(paginateListBackupVaults({ client }, {}), 'BackupVaultList');
        return mapBounded(listed, limit, async (v): Promise<BackupVault> => {
          const vault = toVault(v, arn);
          if (!policyMatters(vault)) return vault;
          const accessPolicy = await attemptOrNone({ ...site, operation: 'GetBackupVaultAccessPolicy' }, ['ResourceNotFoundException'], async () => {
            const out = await client.send(new GetBackupVaultAccessPolicyCommand({ BackupVaultName: vault.name }));
            return expectFields(out, ['Policy']).Policy;
          });
          return { ...vault, accessPolicy };
        });
      }),
      !ctx.wants('backup.regionSettings') ? undefined : attempt({ ...site, operation: 'DescribeRegionSettings' }, async (): Promise<BackupRegionSettings> => {
        // AWS lists every resource type the region supports; an answer without the map is not an answer.
        const out = expectFields(await client.send(new DescribeRegionSettingsCommand({})), ['ResourceTypeOptInPreference']);
        return { optIn: { ...out.ResourceTypeOptInPreference } };
      }),
    ]);
    return { plans, protectedResources, vaults, regionSettings };
  },
};

function toVault(v: BackupVaultListMember, arn: ArnOf): BackupVault {
  const name = v.BackupVaultName ?? '';
  return {
    name,
    arn: v.BackupVaultArn ?? arn(`backup-vault:${name}`),
    ...(v.VaultType ? { vaultType: v.VaultType } : {}),
    ...(v.VaultState ? { state: v.VaultState } : {}),
    ...(v.NumberOfRecoveryPoints !== undefined ? { recoveryPoints: v.NumberOfRecoveryPoints } : {}),
    ...(v.EncryptionKeyArn ? { encryptionKeyArn: v.EncryptionKeyArn } : {}),
    ...(v.Locked !== undefined ? { locked: v.Locked } : {}),
    ...(v.MinRetentionDays !== undefined ? { minRetentionDays: v.MinRetentionDays } : {}),
    ...(v.MaxRetentionDays !== undefined ? { maxRetentionDays: v.MaxRetentionDays } : {}),
    ...(v.LockDate ? { lockDate: v.LockDate.toISOString() } : {}),
  };
}

/**
 * Whether the vault's access policy is what protects its recovery points: it may hold some (an unreported count
 * counts as "may") and Vault Lock does not apply. Restore access vaults only expose the recovery points of a
 * logically air-gapped vault, which is judged where it lives.
 */
export function policyMatters(vault: Pick<BackupVault, 'recoveryPoints' | 'locked' | 'vaultType'>): boolean {
  return vault.recoveryPoints !== 0 && vault.locked !== true && vault.vaultType !== 'RESTORE_ACCESS_BACKUP_VAULT';
}

function toRule(r: SdkBackupRule): BackupRule {
  const life = r.Lifecycle;
  return {
    ruleName: r.RuleName ?? r.RuleId ?? '',
    targetVaultName: r.TargetBackupVaultName ?? '',
    ...(r.ScheduleExpression ? { scheduleExpression: r.ScheduleExpression } : {}),
    ...(r.ScheduleExpressionTimezone ? { scheduleTimezone: r.ScheduleExpressionTimezone } : {}),
    ...(life?.DeleteAfterDays !== undefined ? { deleteAfterDays: life.DeleteAfterDays } : {}),
    ...(life?.DeleteAfterEvent ? { deleteAfterEvent: life.DeleteAfterEvent } : {}),
    ...(life?.MoveToColdStorageAfterDays !== undefined ? { moveToColdStorageAfterDays: life.MoveToColdStorageAfterDays } : {}),
    continuous: r.EnableContinuousBackup === true,
    copies: (r.CopyActions ?? []).map((c) => ({
      destinationVaultArn: c.DestinationBackupVaultArn ?? '',
      ...(c.Lifecycle?.DeleteAfterDays !== undefined ? { deleteAfterDays: c.Lifecycle.DeleteAfterDays } : {}),
    })),
  };
}

const TAG_KEY_PREFIX = /^aws:ResourceTag\//i;

/** `aws:ResourceTag/backup` and `backup` both become `backup`. */
export function bareTagKey(key: string): string {
  return key.replace(TAG_KEY_PREFIX, '');
}

/** ListOfTags supports only STRINGEQUALS; an entry without a key selects nothing and is dropped. */
function fromListOfTags(c: Condition): BackupCondition[] {
  if (!c.ConditionKey) return [];
  return [{ operator: 'StringEquals', key: bareTagKey(c.ConditionKey), value: c.ConditionValue ?? '' }];
}

const OPERATORS = ['StringEquals', 'StringNotEquals', 'StringLike', 'StringNotLike'] as const;

function fromConditions(conditions: Conditions | undefined): BackupCondition[] {
  if (!conditions) return [];
  return OPERATORS.flatMap((operator) =>
    (conditions[operator] ?? []).flatMap((p: ConditionParameter): BackupCondition[] =>
      p.ConditionKey ? [{ operator, key: bareTagKey(p.ConditionKey), value: p.ConditionValue ?? '' }] : [],
    ),
  );
}
