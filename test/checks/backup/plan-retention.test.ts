import check from '../../../checks/backup/plan-retention';
import { DEFAULT_THRESHOLDS } from '../../../src/config/types';
import type { BackupPlan, BackupRule } from '../../../src/inventory/types';
import { backupPlan, backupRegion, backupRule, backupSelection } from '../../support/builders/backup';
import { checkContext, denied, failed, inventory, ok, statuses } from '../../support/inventory';

const regions = ['us-east-1', 'eu-west-1'];

/** A plan that selects resources and has these rules. */
const plan = (name: string, ...rules: BackupRule[]): BackupPlan => ({ ...backupPlan(name, ok([backupSelection({ resources: ['*'] })])), rules: ok(rules) });
const judge = (...plans: BackupPlan[]) => check.evaluate(inventory({ backup: { 'us-east-1': backupRegion(ok(plans)) } }), checkContext());

describe('backup.plan-retention', () => {
  it('passes a plan with a daily rule that keeps recovery points 35 days, and fails a weekly one', () => {
    const results = judge(plan('phi-daily', backupRule()), plan('weekly', backupRule({ ruleName: 'weekly', scheduleExpression: 'cron(0 5 ? * SUN *)', deleteAfterDays: 90 })));
    expect(statuses(results)).toEqual({ 'us-east-1/phi-daily': 'PASS', 'us-east-1/weekly': 'FAIL' });
    expect(results[0]?.message).toBe(
      'AWS Backup plan phi-daily (1 resource assignment): rule daily runs cron(0 5 ? * * *), every day and keeps its recovery points 35 days, ' +
        'at least the 35 days required; no rule copies recovery points to another region or account',
    );
    expect(results[0]?.resource).toEqual({ type: 'AwsBackupBackupPlan', id: 'phi-daily', arn: 'arn:aws:backup:us-east-1:111122223333:backup-plan:phi-daily-id' });
    expect(results[1]?.message).toBe(
      'AWS Backup plan weekly (1 resource assignment) has no rule that runs at least daily and keeps recovery points 35 days ' +
        '(thresholds.backupPlanRetentionDays): rule weekly runs cron(0 5 ? * SUN *): only on day-of-week SUN and keeps its recovery points 90 days; ' +
        'no rule copies recovery points to another region or account',
    );
  });

  it('fails a daily rule that keeps recovery points too briefly, and reports copies to another region and account', () => {
    const short = backupRule({
      deleteAfterDays: 7,
      copies: [
        { destinationVaultArn: 'arn:aws:backup:us-west-2:111122223333:backup-vault:dr', deleteAfterDays: 90 },
        { destinationVaultArn: 'arn:aws:backup:us-east-1:444455556666:backup-vault:vault-account' },
        { destinationVaultArn: 'arn:aws:backup:us-east-1:111122223333:backup-vault:second' },
      ],
    });
    const [only] = judge(plan('short', short));
    expect(only?.status).toBe('FAIL');
    expect(only?.message).toBe(
      'AWS Backup plan short (1 resource assignment) has no rule that runs at least daily and keeps recovery points 35 days ' +
        '(thresholds.backupPlanRetentionDays): rule daily runs cron(0 5 ? * * *), every day and keeps its recovery points 7 days (fewer than 35); ' +
        'rule daily copies to vault dr in us-west-2 (another region), kept 90 days; ' +
        'rule daily copies to vault vault-account in us-east-1 of account 444455556666 (another account), kept until deleted by hand; ' +
        'rule daily copies to vault second in us-east-1 (same region and account), kept until deleted by hand',
    );
  });

  it('takes the default schedule for a rule without one, and counts no expiry as kept', () => {
    const [only] = judge(plan('defaults', backupRule({ scheduleExpression: undefined, deleteAfterDays: undefined, scheduleTimezone: 'Europe/Paris' })));
    expect(only?.status).toBe('PASS');
    expect(only?.message).toContain(
      'rule daily runs cron(0 5 ? * * *) Europe/Paris (the default: the rule sets none), every day and keeps its recovery points until they are deleted by hand (no expiry)',
    );
  });

  it('passes when one rule of several is daily and long enough, and says so of continuous backup', () => {
    const [only] = judge(
      plan('mixed', backupRule({ ruleName: 'monthly', scheduleExpression: 'cron(0 5 1 * ? *)', deleteAfterDays: 365 }), backupRule({ ruleName: 'pitr', continuous: true })),
    );
    expect(only?.status).toBe('PASS');
    expect(only?.message).toContain('rule pitr runs cron(0 5 ? * * *), every day with continuous backup (point-in-time restore for the resources that support it) and keeps');
  });

  it('follows the configured threshold', () => {
    const inv = inventory({ backup: { 'us-east-1': backupRegion(ok([plan('p', backupRule({ deleteAfterDays: 35 }))])) } });
    const strict = checkContext({ thresholds: { ...DEFAULT_THRESHOLDS, backupPlanRetentionDays: 90 } });
    const [only] = check.evaluate(inv, strict);
    expect(only?.status).toBe('FAIL');
    expect(only?.message).toContain('keeps recovery points 90 days');
    expect(only?.message).toContain('keeps its recovery points 35 days (fewer than 90)');
    const lenient = checkContext({ thresholds: { ...DEFAULT_THRESHOLDS, backupPlanRetentionDays: 14 } });
    expect(check.evaluate(inv, lenient)[0]?.status).toBe('PASS');
  });

  it('fails a rule whose recovery points are deleted after an event, since nothing keeps them the required days', () => {
    const [only] = judge(plan('after-copy', backupRule({ deleteAfterDays: 100, deleteAfterEvent: 'DELETE_AFTER_COPY' })));
    expect(only?.status).toBe('FAIL');
    expect(only?.message).toContain('deletes its recovery points after DELETE_AFTER_COPY or 100 days, whichever comes first');
  });

  it('reports ERROR when no rule passes and a schedule that might could not be understood', () => {
    const [only] = judge(plan('odd', backupRule({ scheduleExpression: 'cron(0 5 ? *)' })));
    expect(only?.status).toBe('ERROR');
    expect(only?.message).toBe('AWS Backup plan odd (1 resource assignment): could not tell whether rule daily runs daily: the schedule cron(0 5 ? *) is not a six-field cron or rate expression');
  });

  it('does not judge a plan that selects nothing', () => {
    const empty: BackupPlan = { ...backupPlan('empty', ok([])), rules: ok([backupRule({ deleteAfterDays: 1 })]) };
    expect(judge(empty)).toEqual([]);
  });

  it('reports ERROR for a plan whose selections or rules could not be read, or were not collected', () => {
    const noSelections: BackupPlan = { ...backupPlan('no-selections', failed(denied('backup', 'ListBackupSelections'))), rules: ok([backupRule()]) };
    const noRules: BackupPlan = { ...plan('no-rules'), rules: failed(denied('backup', 'GetBackupPlan')) };
    const uncollected: BackupPlan = backupPlan('uncollected', ok([backupSelection()]));
    const results = judge(noSelections, noRules, uncollected);
    expect(statuses(results)).toEqual({ 'us-east-1/no-selections': 'ERROR', 'us-east-1/no-rules': 'ERROR', 'us-east-1/uncollected': 'ERROR' });
    expect(results[1]?.message).toContain('could not read the rules of AWS Backup plan no-rules: AccessDenied');
    expect(results[2]?.message).toContain('NotCollected');
  });

  it('reports ERROR for a region whose plans could not be listed or that the inventory does not hold', () => {
    const inv = inventory({ regions, backup: { 'us-east-1': backupRegion(failed(denied('backup', 'ListBackupPlans'))) } });
    expect(statuses(check.evaluate(inv, checkContext()))).toEqual({ 'us-east-1/111122223333': 'ERROR', 'eu-west-1/111122223333': 'ERROR' });
  });
});
