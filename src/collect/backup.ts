import {
  BackupClient,
  GetBackupSelectionCommand,
  paginateListBackupPlans,
  paginateListBackupSelections,
  paginateListProtectedResources,
  type Condition,
  type ConditionParameter,
  type Conditions,
} from '@aws-sdk/client-backup';
import type { BackupCondition, BackupPlan, BackupRegion, BackupSelection } from '../inventory/backup';
import { ok, type Read } from '../inventory/read';
import { attempt, collectList, expectFields, mapBounded } from './attempt';
import type { RegionalCollector } from './collector';

/**
 * AWS Backup in one region: ListBackupPlans and ListProtectedResources (paginated), then per plan
 * ListBackupSelections (paginated) and per selection GetBackupSelection - the only way to read what a selection
 * covers. Selections of one plan form one Read: a plan is judged on all its selections or not at all.
 */
export const backupCollector: RegionalCollector<'backup'> = {
  scope: 'regional',
  async collect(ctx, region): Promise<BackupRegion> {
    const client = ctx.aws.client('backup', BackupClient, region);
    const site = { service: 'backup', region };
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
      const failure = details.find((d) => !d.ok);
      if (failure && !failure.ok) return failure;
      return ok(details.flatMap((d) => (d.ok ? [d.value] : [])));
    };

    const [plans, protectedResources] = await Promise.all([
      !ctx.wants('backup.plans') ? undefined : attempt({ ...site, operation: 'ListBackupPlans' }, async () => {
        const listed = await collectList(paginateListBackupPlans({ client }, {}), 'BackupPlansList');
        return mapBounded(listed, limit, async (p): Promise<BackupPlan> => {
          const planId = p.BackupPlanId ?? '';
          return {
            planId,
            planName: p.BackupPlanName ?? planId,
            arn: p.BackupPlanArn ?? `arn:${ctx.partition}:backup:${region}:${ctx.accountId}:backup-plan:${planId}`,
            selections: await selectionsOf(planId),
          };
        });
      }),
      !ctx.wants('backup.protectedResources') ? undefined : attempt({ ...site, operation: 'ListProtectedResources' }, async () => {
        const items = await collectList(paginateListProtectedResources({ client }, {}), 'Results');
        return items.map((r) => ({
          arn: r.ResourceArn ?? '',
          resourceType: r.ResourceType ?? 'unknown',
          ...(r.LastBackupTime ? { lastBackupTime: r.LastBackupTime.toISOString() } : {}),
        }));
      }),
    ]);
    return { plans, protectedResources };
  },
};

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
