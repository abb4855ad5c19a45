import {
  BackupClient,
  GetBackupSelectionCommand,
  ListBackupPlansCommand,
  ListBackupSelectionsCommand,
  ListProtectedResourcesCommand,
} from '@aws-sdk/client-backup';
import { mockClient } from 'aws-sdk-client-mock';
import { backupCollector, bareTagKey } from '../../src/collect/backup';
import { awsError, collectContext } from '../support/inventory';

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

    const ctx = collectContext();
    const data = await backupCollector.collect(ctx, 'us-east-1');
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
