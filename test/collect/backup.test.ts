import {
  BackupClient,
  DescribeRegionSettingsCommand,
  GetBackupPlanCommand,
  GetBackupSelectionCommand,
  GetBackupVaultAccessPolicyCommand,
  ListBackupPlansCommand,
  ListBackupSelectionsCommand,
  ListBackupVaultsCommand,
  ListProtectedResourcesCommand,
} from '@aws-sdk/client-backup';
import { mockClient } from 'aws-sdk-client-mock';
import { backupCollector, bareTagKey, policyMatters } from '../../src/collect/backup';
import { awsError, collectContext } from '../support/inventory';
import { tokenPages } from '../support/pages';

const backup = mockClient(BackupClient);
beforeEach(() => backup.reset());

const planArn = (id: string) => `arn:aws:backup:us-east-1:111122223333:backup-plan:${id}`;
const role = 'arn:aws:iam::111122223333:role/service-role/AWSBackupDefaultServiceRole';

describe('backup collector', () => {
  it('reads plans, then each plan selections across pages, then each selection, normalising tag keys', async () => {
    backup
      .on(ListBackupPlansCommand)
      .resolvesOnce({ NextToken: 'p2', BackupPlansList: [{ BackupPlanId: 'plan-1', BackupPlanName: 'phi-daily', BackupPlanArn: planArn('plan-1') }] })
      .resolvesOnce({ BackupPlansList: [{ BackupPlanId: 'plan-2', BackupPlanName: 'empty', BackupPlanArn: planArn('plan-2') }] });
    backup
      .on(ListBackupSelectionsCommand, { BackupPlanId: 'plan-1' })
      .resolvesOnce({ NextToken: 's2', BackupSelectionsList: [{ SelectionId: 'sel-a', SelectionName: 'tagged', BackupPlanId: 'plan-1' }] })
      .resolvesOnce({ BackupSelectionsList: [{ SelectionId: 'sel-b', SelectionName: 'volumes', BackupPlanId: 'plan-1' }] });
    backup.on(ListBackupSelectionsCommand, { BackupPlanId: 'plan-2' }).resolves({ BackupSelectionsList: [] });
    backup.on(GetBackupSelectionCommand, { BackupPlanId: 'plan-1', SelectionId: 'sel-a' }).resolves({
      SelectionId: 'sel-a',
      BackupPlanId: 'plan-1',
      BackupSelection: {
        SelectionName: 'tagged',
        IamRoleArn: role,
        ListOfTags: [
          { ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'daily' },
          { ConditionType: 'STRINGEQUALS', ConditionKey: 'aws:ResourceTag/tier', ConditionValue: 'phi' },
        ],
      },
    });
    backup.on(GetBackupSelectionCommand, { BackupPlanId: 'plan-1', SelectionId: 'sel-b' }).resolves({
      SelectionId: 'sel-b',
      BackupPlanId: 'plan-1',
      BackupSelection: {
        SelectionName: 'volumes',
        IamRoleArn: role,
        Resources: ['arn:aws:ec2:*:*:volume/*'],
        NotResources: ['arn:aws:ec2:*:*:volume/vol-scratch'],
        ListOfTags: [],
        Conditions: {
          StringEquals: [{ ConditionKey: 'aws:ResourceTag/backup', ConditionValue: 'daily' }],
          StringNotEquals: [{ ConditionKey: 'aws:ResourceTag/env', ConditionValue: 'dev' }],
          StringLike: [{ ConditionKey: 'aws:ResourceTag/app', ConditionValue: 'phi-*' }],
          StringNotLike: [{ ConditionKey: 'aws:ResourceTag/owner', ConditionValue: '*-sandbox' }],
        },
      },
    });
    backup.on(ListProtectedResourcesCommand).resolves({ Results: [] });

    // Only the reads backup.resources-protected needs: no rules, no vaults.
    const ctx = collectContext(['us-east-1'], ['backup.plans', 'backup.protectedResources']);
    const data = await backupCollector.collect(ctx, 'us-east-1');
    expect(data.vaults).toBeUndefined();
    expect(data.plans).toEqual({
      ok: true,
      value: [
        {
          planId: 'plan-1',
          planName: 'phi-daily',
          arn: planArn('plan-1'),
          selections: {
            ok: true,
            value: [
              {
                selectionId: 'sel-a',
                selectionName: 'tagged',
                resources: [],
                notResources: [],
                listOfTags: [
                  { operator: 'StringEquals', key: 'backup', value: 'daily' },
                  { operator: 'StringEquals', key: 'tier', value: 'phi' },
                ],
                conditions: [],
              },
              {
                selectionId: 'sel-b',
                selectionName: 'volumes',
                resources: ['arn:aws:ec2:*:*:volume/*'],
                notResources: ['arn:aws:ec2:*:*:volume/vol-scratch'],
                listOfTags: [],
                conditions: [
                  { operator: 'StringEquals', key: 'backup', value: 'daily' },
                  { operator: 'StringNotEquals', key: 'env', value: 'dev' },
                  { operator: 'StringLike', key: 'app', value: 'phi-*' },
                  { operator: 'StringNotLike', key: 'owner', value: '*-sandbox' },
                ],
              },
            ],
          },
        },
        { planId: 'plan-2', planName: 'empty', arn: planArn('plan-2'), selections: { ok: true, value: [] } },
      ],
    });
    expect(ctx.aws.apiCalls.byOperation()).toEqual({
      'backup:ListBackupPlans': 2,
      'backup:ListBackupSelections': 3,
      'backup:GetBackupSelection': 2,
      'backup:ListProtectedResources': 1,
    });
  });

  it('follows ListProtectedResources pages and writes ISO times', async () => {
    backup.on(ListBackupPlansCommand).resolves({ BackupPlansList: [] });
    backup
      .on(ListProtectedResourcesCommand)
      .resolvesOnce({
        NextToken: 'n',
        Results: [
          {
            ResourceArn: 'arn:aws:ec2:us-east-1:111122223333:volume/vol-1',
            ResourceType: 'EBS',
            LastBackupTime: new Date('2026-05-31T05:00:00Z'),
          },
        ],
      })
      .resolvesOnce({ Results: [{ ResourceArn: 'arn:aws:rds:us-east-1:111122223333:cluster:claims', ResourceType: 'Aurora' }] });
    const data = await backupCollector.collect(collectContext(), 'us-east-1');
    expect(data.protectedResources).toEqual({
      ok: true,
      value: [
        { arn: 'arn:aws:ec2:us-east-1:111122223333:volume/vol-1', resourceType: 'EBS', lastBackupTime: '2026-05-31T05:00:00.000Z' },
        { arn: 'arn:aws:rds:us-east-1:111122223333:cluster:claims', resourceType: 'Aurora' },
      ],
    });
    expect(backup.commandCalls(ListProtectedResourcesCommand)).toHaveLength(2);
    expect(data.plans).toEqual({ ok: true, value: [] });
  });

  it('records a failed selection read on that plan only', async () => {
    backup.on(ListBackupPlansCommand).resolves({
      BackupPlansList: [
        { BackupPlanId: 'p1', BackupPlanName: 'ok-plan', BackupPlanArn: planArn('p1') },
        { BackupPlanId: 'p2', BackupPlanName: 'denied-plan', BackupPlanArn: planArn('p2') },
      ],
    });
    backup.on(ListBackupSelectionsCommand, { BackupPlanId: 'p1' }).resolves({ BackupSelectionsList: [{ SelectionId: 's1' }] });
    backup.on(ListBackupSelectionsCommand, { BackupPlanId: 'p2' }).resolves({ BackupSelectionsList: [{ SelectionId: 's2' }] });
    backup.on(GetBackupSelectionCommand, { SelectionId: 's1' }).resolves({ BackupSelection: { SelectionName: 'all', IamRoleArn: role, Resources: ['*'] } });
    backup.on(GetBackupSelectionCommand, { SelectionId: 's2' }).rejects(awsError('AccessDeniedException', 'no GetBackupSelection', 403));
    backup.on(ListProtectedResourcesCommand).rejects(awsError('AccessDeniedException', 'no ListProtectedResources', 403));

    const data = await backupCollector.collect(collectContext(), 'us-east-1');
    const plans = data.plans!.ok ? data.plans!.value : [];
    expect(plans[0]?.selections).toEqual({
      ok: true,
      value: [{ selectionId: 's1', selectionName: 'all', resources: ['*'], notResources: [], listOfTags: [], conditions: [] }],
    });
    expect(plans[1]?.selections).toEqual({
      ok: false,
      error: { service: 'backup', region: 'us-east-1', operation: 'GetBackupSelection', code: 'AccessDeniedException', message: 'no GetBackupSelection' },
    });
    expect(data.protectedResources).toMatchObject({ ok: false, error: { operation: 'ListProtectedResources' } });
  });

  it('records a denied ListBackupSelections with its operation', async () => {
    backup.on(ListBackupPlansCommand).resolves({ BackupPlansList: [{ BackupPlanId: 'p1', BackupPlanName: 'x', BackupPlanArn: planArn('p1') }] });
    backup.on(ListBackupSelectionsCommand).rejects(awsError('AccessDeniedException', 'denied', 403));
    backup.on(ListProtectedResourcesCommand).resolves({ Results: [] });
    const data = await backupCollector.collect(collectContext(), 'us-east-1');
    expect(data.plans!.ok && data.plans!.value[0]?.selections).toMatchObject({ ok: false, error: { operation: 'ListBackupSelections' } });
    expect(backup.commandCalls(GetBackupSelectionCommand)).toHaveLength(0);
  });

  it('records AccessDenied on ListBackupPlans while still listing protected resources', async () => {
    backup.on(ListBackupPlansCommand).rejects(awsError('AccessDeniedException', 'denied plans', 403));
    backup.on(ListProtectedResourcesCommand).resolves({ Results: [] });
    const data = await backupCollector.collect(collectContext(), 'eu-west-1');
    expect(data.plans).toEqual({
      ok: false,
      error: { service: 'backup', region: 'eu-west-1', operation: 'ListBackupPlans', code: 'AccessDeniedException', message: 'denied plans' },
    });
    expect(data.protectedResources).toEqual({ ok: true, value: [] });
  });

  it('strips the aws:ResourceTag/ prefix whatever its case, and only it', () => {
    expect(bareTagKey('aws:ResourceTag/backup')).toBe('backup');
    expect(bareTagKey('AWS:ResourceTag/Backup')).toBe('Backup');
    expect(bareTagKey('backup')).toBe('backup');
    expect(bareTagKey('team/aws:ResourceTag/x')).toBe('team/aws:ResourceTag/x');
  });
});

const vaultArn = (name: string) => `arn:aws:backup:us-east-1:111122223333:backup-vault:${name}`;
const DENY_DELETE = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Deny', Principal: '*', Action: ['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle'], Resource: '*' }],
});

describe('backup collector: vaults', () => {
  it('follows ListBackupVaults pages and reads the access policy only of unlocked vaults that may hold recovery points', async () => {
    const pages = tokenPages('NextToken', [
      [
        undefined,
        {
          NextToken: 'v2',
          BackupVaultList: [
            {
              BackupVaultName: 'phi-locked',
              BackupVaultArn: vaultArn('phi-locked'),
              VaultType: 'BACKUP_VAULT',
              VaultState: 'AVAILABLE',
              NumberOfRecoveryPoints: 12,
              EncryptionKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/k1',
              Locked: true,
              MinRetentionDays: 35,
              MaxRetentionDays: 365,
              LockDate: new Date('2026-01-01T00:00:00Z'),
            },
            { BackupVaultName: 'Default', BackupVaultArn: vaultArn('Default'), NumberOfRecoveryPoints: 4, Locked: false },
          ],
        },
      ],
      [
        'v2',
        {
          BackupVaultList: [
            { BackupVaultName: 'empty', BackupVaultArn: vaultArn('empty'), NumberOfRecoveryPoints: 0, Locked: false },
            { BackupVaultName: 'no-policy', BackupVaultArn: vaultArn('no-policy'), NumberOfRecoveryPoints: 1, Locked: false },
            { BackupVaultName: 'uncounted', BackupVaultArn: vaultArn('uncounted') },
            { BackupVaultName: 'restore', BackupVaultArn: vaultArn('restore'), VaultType: 'RESTORE_ACCESS_BACKUP_VAULT', NumberOfRecoveryPoints: 3, Locked: false },
          ],
        },
      ],
    ]);
    backup.on(ListBackupVaultsCommand).callsFake(pages.fake);
    backup.on(GetBackupVaultAccessPolicyCommand, { BackupVaultName: 'Default' }).resolves({ BackupVaultName: 'Default', Policy: DENY_DELETE });
    backup.on(GetBackupVaultAccessPolicyCommand, { BackupVaultName: 'no-policy' }).rejects(awsError('ResourceNotFoundException', 'Backup vault no-policy has no policy', 404));
    backup.on(GetBackupVaultAccessPolicyCommand, { BackupVaultName: 'uncounted' }).rejects(awsError('AccessDeniedException', 'not authorized to perform backup:GetBackupVaultAccessPolicy', 403));

    const ctx = collectContext(['us-east-1'], ['backup.vaults']);
    const data = await backupCollector.collect(ctx, 'us-east-1');
    expect(pages.inputs).toEqual([{}, { NextToken: 'v2' }]);
    expect(data.vaults).toEqual({
      ok: true,
      value: [
        {
          name: 'phi-locked',
          arn: vaultArn('phi-locked'),
          vaultType: 'BACKUP_VAULT',
          state: 'AVAILABLE',
          recoveryPoints: 12,
          encryptionKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/k1',
          locked: true,
          minRetentionDays: 35,
          maxRetentionDays: 365,
          lockDate: '2026-01-01T00:00:00.000Z',
        },
        { name: 'Default', arn: vaultArn('Default'), recoveryPoints: 4, locked: false, accessPolicy: { ok: true, value: DENY_DELETE } },
        { name: 'empty', arn: vaultArn('empty'), recoveryPoints: 0, locked: false },
        { name: 'no-policy', arn: vaultArn('no-policy'), recoveryPoints: 1, locked: false, accessPolicy: { ok: true, value: null } },
        {
          name: 'uncounted',
          arn: vaultArn('uncounted'),
          accessPolicy: {
            ok: false,
            error: { service: 'backup', region: 'us-east-1', operation: 'GetBackupVaultAccessPolicy', code: 'AccessDeniedException', message: 'not authorized to perform backup:GetBackupVaultAccessPolicy' },
          },
        },
        { name: 'restore', arn: vaultArn('restore'), vaultType: 'RESTORE_ACCESS_BACKUP_VAULT', recoveryPoints: 3, locked: false },
      ],
    });
    expect(backup.commandCalls(GetBackupVaultAccessPolicyCommand).map((c) => c.args[0].input.BackupVaultName).sort()).toEqual(['Default', 'no-policy', 'uncounted']);
    expect(ctx.aws.apiCalls.byOperation()).toEqual({ 'backup:ListBackupVaults': 2, 'backup:GetBackupVaultAccessPolicy': 3 });
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
  });

  it('decides which vaults need their policy read', () => {
    expect(policyMatters({ recoveryPoints: 3, locked: false })).toBe(true);
    expect(policyMatters({ recoveryPoints: undefined, locked: undefined })).toBe(true);
    expect(policyMatters({ recoveryPoints: 3, locked: true })).toBe(false);
    expect(policyMatters({ recoveryPoints: 0, locked: false })).toBe(false);
    expect(policyMatters({ recoveryPoints: 3, locked: false, vaultType: 'RESTORE_ACCESS_BACKUP_VAULT' })).toBe(false);
  });

  it('records a denied ListBackupVaults, and an answer without the list or the policy as IncompleteAnswer', async () => {
    backup.on(ListBackupVaultsCommand).rejects(awsError('AccessDeniedException', 'no backup:ListBackupVaults', 403));
    const denied = await backupCollector.collect(collectContext(['us-east-1'], ['backup.vaults']), 'us-east-1');
    expect(denied.vaults).toEqual({
      ok: false,
      error: { service: 'backup', region: 'us-east-1', operation: 'ListBackupVaults', code: 'AccessDeniedException', message: 'no backup:ListBackupVaults' },
    });

    backup.reset();
    backup.on(ListBackupVaultsCommand).resolves({});
    const empty = await backupCollector.collect(collectContext(['us-east-1'], ['backup.vaults']), 'us-east-1');
    expect(empty.vaults).toMatchObject({ ok: false, error: { operation: 'ListBackupVaults', code: 'IncompleteAnswer' } });

    backup.reset();
    backup.on(ListBackupVaultsCommand).resolves({ BackupVaultList: [{ BackupVaultName: 'v', BackupVaultArn: vaultArn('v'), NumberOfRecoveryPoints: 2, Locked: false }] });
    backup.on(GetBackupVaultAccessPolicyCommand).resolves({ BackupVaultName: 'v' });
    const noPolicy = await backupCollector.collect(collectContext(['us-east-1'], ['backup.vaults']), 'us-east-1');
    expect(noPolicy.vaults!.ok && noPolicy.vaults!.value[0]?.accessPolicy).toMatchObject({
      ok: false,
      error: { operation: 'GetBackupVaultAccessPolicy', code: 'IncompleteAnswer', message: 'the answer lacks Policy, which AWS always returns' },
    });
  });

  it('makes no vault call when vaults are not wanted', async () => {
    backup.on(ListBackupPlansCommand).resolves({ BackupPlansList: [] });
    backup.on(ListProtectedResourcesCommand).resolves({ Results: [] });
    const ctx = collectContext(['us-east-1'], ['backup.plans', 'backup.protectedResources']);
    const data = await backupCollector.collect(ctx, 'us-east-1');
    expect(data.vaults).toBeUndefined();
    expect(backup.commandCalls(ListBackupVaultsCommand)).toHaveLength(0);
    expect(backup.commandCalls(GetBackupVaultAccessPolicyCommand)).toHaveLength(0);
  });
});

describe('backup collector: plan rules', () => {
  it('reads each plan rules with GetBackupPlan, and the plans and selections it needs, nothing else', async () => {
    const planPages = tokenPages('NextToken', [
      [undefined, { NextToken: 'p2', BackupPlansList: [{ BackupPlanId: 'p1', BackupPlanName: 'phi-daily', BackupPlanArn: planArn('p1') }] }],
      ['p2', { BackupPlansList: [{ BackupPlanId: 'p2', BackupPlanName: 'weekly', BackupPlanArn: planArn('p2') }] }],
    ]);
    backup.on(ListBackupPlansCommand).callsFake(planPages.fake);
    backup.on(ListBackupSelectionsCommand).resolves({ BackupSelectionsList: [{ SelectionId: 's1' }] });
    backup.on(GetBackupSelectionCommand).resolves({ BackupSelection: { SelectionName: 'all', IamRoleArn: role, Resources: ['*'] } });
    backup.on(GetBackupPlanCommand, { BackupPlanId: 'p1' }).resolves({
      BackupPlanId: 'p1',
      BackupPlan: {
        BackupPlanName: 'phi-daily',
        Rules: [
          {
            RuleName: 'daily',
            TargetBackupVaultName: 'phi',
            ScheduleExpression: 'cron(0 5 ? * * *)',
            ScheduleExpressionTimezone: 'America/New_York',
            Lifecycle: { DeleteAfterDays: 35, MoveToColdStorageAfterDays: 7 },
            EnableContinuousBackup: true,
            CopyActions: [
              { DestinationBackupVaultArn: 'arn:aws:backup:us-west-2:111122223333:backup-vault:dr', Lifecycle: { DeleteAfterDays: 90 } },
              { DestinationBackupVaultArn: 'arn:aws:backup:us-east-1:444455556666:backup-vault:vault-account' },
            ],
          },
        ],
      },
    });
    backup.on(GetBackupPlanCommand, { BackupPlanId: 'p2' }).resolves({
      BackupPlanId: 'p2',
      BackupPlan: {
        BackupPlanName: 'weekly',
        Rules: [
          { RuleName: 'defaults', TargetBackupVaultName: 'Default' },
          { RuleName: 'after-copy', TargetBackupVaultName: 'Default', Lifecycle: { DeleteAfterEvent: 'DELETE_AFTER_COPY' } },
        ],
      },
    });

    const ctx = collectContext(['us-east-1'], ['backup.planRules']);
    const data = await backupCollector.collect(ctx, 'us-east-1');
    expect(planPages.inputs).toEqual([{}, { NextToken: 'p2' }]);
    const plans = data.plans!.ok ? data.plans!.value : [];
    expect(plans.map((p) => p.rules)).toEqual([
      {
        ok: true,
        value: [
          {
            ruleName: 'daily',
            targetVaultName: 'phi',
            scheduleExpression: 'cron(0 5 ? * * *)',
            scheduleTimezone: 'America/New_York',
            deleteAfterDays: 35,
            moveToColdStorageAfterDays: 7,
            continuous: true,
            copies: [
              { destinationVaultArn: 'arn:aws:backup:us-west-2:111122223333:backup-vault:dr', deleteAfterDays: 90 },
              { destinationVaultArn: 'arn:aws:backup:us-east-1:444455556666:backup-vault:vault-account' },
            ],
          },
        ],
      },
      {
        ok: true,
        value: [
          { ruleName: 'defaults', targetVaultName: 'Default', continuous: false, copies: [] },
          { ruleName: 'after-copy', targetVaultName: 'Default', deleteAfterEvent: 'DELETE_AFTER_COPY', continuous: false, copies: [] },
        ],
      },
    ]);
    expect(plans.every((p) => p.selections.ok)).toBe(true);
    expect(data.vaults).toBeUndefined();
    expect(data.protectedResources).toBeUndefined();
    expect(ctx.aws.apiCalls.byOperation()).toEqual({
      'backup:ListBackupPlans': 2,
      'backup:ListBackupSelections': 2,
      'backup:GetBackupSelection': 2,
      'backup:GetBackupPlan': 2,
    });
  });

  it('records a denied or incomplete GetBackupPlan on that plan only, and makes none when rules are not wanted', async () => {
    backup.on(ListBackupPlansCommand).resolves({
      BackupPlansList: [
        { BackupPlanId: 'p1', BackupPlanName: 'denied', BackupPlanArn: planArn('p1') },
        { BackupPlanId: 'p2', BackupPlanName: 'empty', BackupPlanArn: planArn('p2') },
        { BackupPlanId: 'p3', BackupPlanName: 'ruleless', BackupPlanArn: planArn('p3') },
      ],
    });
    backup.on(ListBackupSelectionsCommand).resolves({ BackupSelectionsList: [] });
    backup.on(GetBackupPlanCommand, { BackupPlanId: 'p1' }).rejects(awsError('AccessDeniedException', 'no backup:GetBackupPlan', 403));
    backup.on(GetBackupPlanCommand, { BackupPlanId: 'p2' }).resolves({});
    backup.on(GetBackupPlanCommand, { BackupPlanId: 'p3' }).resolves({ BackupPlan: { BackupPlanName: 'ruleless', Rules: undefined } });
    const data = await backupCollector.collect(collectContext(['us-east-1'], ['backup.plans', 'backup.planRules']), 'us-east-1');
    const plans = data.plans!.ok ? data.plans!.value : [];
    expect(plans[0]?.rules).toEqual({
      ok: false,
      error: { service: 'backup', region: 'us-east-1', operation: 'GetBackupPlan', code: 'AccessDeniedException', message: 'no backup:GetBackupPlan' },
    });
    expect(plans[1]?.rules).toMatchObject({ ok: false, error: { code: 'IncompleteAnswer', message: 'the answer lacks BackupPlan, which AWS always returns' } });
    expect(plans[2]?.rules).toMatchObject({ ok: false, error: { code: 'IncompleteAnswer', message: 'the answer lacks Rules, which AWS always returns' } });

    backup.resetHistory();
    const without = await backupCollector.collect(collectContext(['us-east-1'], ['backup.plans']), 'us-east-1');
    expect(without.plans!.ok && without.plans!.value.map((p) => p.rules)).toEqual([undefined, undefined, undefined]);
    expect(backup.commandCalls(GetBackupPlanCommand)).toHaveLength(0);
    expect(backup.commandCalls(ListProtectedResourcesCommand)).toHaveLength(0);
  });
});

describe('backup collector: region settings', () => {
  it('reads the service opt-in with one DescribeRegionSettings call, and nothing else when only it is wanted', async () => {
    backup.on(DescribeRegionSettingsCommand).resolves({
      ResourceTypeOptInPreference: { EBS: true, EC2: true, DynamoDB: false, EFS: true, Aurora: true },
      ResourceTypeManagementPreference: { DynamoDB: false, EFS: true },
    });
    const ctx = collectContext(['us-east-1'], ['backup.regionSettings']);
    const data = await backupCollector.collect(ctx, 'us-east-1');
    expect(data.regionSettings).toEqual({ ok: true, value: { optIn: { EBS: true, EC2: true, DynamoDB: false, EFS: true, Aurora: true } } });
    expect(data.plans).toBeUndefined();
    expect(ctx.aws.apiCalls.byOperation()).toEqual({ 'backup:DescribeRegionSettings': 1 });
  });

  it('records a denial, and an answer without the opt-in map as IncompleteAnswer', async () => {
    backup.on(DescribeRegionSettingsCommand).rejectsOnce(awsError('AccessDeniedException', 'not authorized', 403)).resolvesOnce({});
    const ctx = collectContext(['us-east-1'], ['backup.regionSettings']);
    const denied = await backupCollector.collect(ctx, 'us-east-1');
    expect(denied.regionSettings).toMatchObject({ ok: false, error: { code: 'AccessDeniedException', operation: 'DescribeRegionSettings', region: 'us-east-1' } });
    const empty = await backupCollector.collect(ctx, 'us-east-1');
    expect(empty.regionSettings).toMatchObject({ ok: false, error: { code: 'IncompleteAnswer', operation: 'DescribeRegionSettings' } });
  });

  it('makes no DescribeRegionSettings call when it is not wanted', async () => {
    backup.on(ListBackupPlansCommand).resolves({ BackupPlansList: [] });
    const data = await backupCollector.collect(collectContext(['us-east-1'], ['backup.plans']), 'us-east-1');
    expect(data.regionSettings).toBeUndefined();
    expect(backup.commandCalls(DescribeRegionSettingsCommand)).toHaveLength(0);
  });
});
