import type { Check, CheckResult } from '../../src/evaluate/types';
import { accountResource, eachRegion, fail, pass, readOf, result, unreadable, withRead } from '../../src/evaluate/results';
import type { BackupCopy, BackupPlan, BackupRule, Inventory } from '../../src/inventory/types';
import { DEFAULT_SCHEDULE, scheduleFrequency, type Frequency } from './schedule';

const check: Check = {
  id: 'backup.plan-retention',
  title: 'AWS Backup plans back up at least daily and keep recovery points long enough',
  severity: 'medium',
  hipaa: ['164.308(a)(7)(ii)(A)', '164.310(d)(2)(iv)'],
  controls: [],
  description:
    'The data backup plan standard requires retrievable exact copies of ePHI; a plan that backs up weekly, or keeps ' +
    'recovery points a few days, leaves too little to restore after corruption or ransomware is noticed. Each backup ' +
    'plan that selects resources passes when one of its rules runs at least once a day (its cron or rate schedule ' +
    'lets every day through; a rule without one uses AWS Backup\'s default, daily at 05:00 UTC) and keeps its ' +
    'recovery points at least thresholds.backupPlanRetentionDays days (default 35; no expiry counts as kept). ' +
    'Continuous backup (point-in-time restore, up to 35 days) is reported. Copies to another region or account ' +
    '(CopyActions) are reported with their retention; the rule\'s own recovery points are what is judged. Plans ' +
    'that select nothing are not judged.',
  remediation: {
    text:
      'AWS Backup console > Backup plans > <plan> > edit the rule: Backup frequency Daily (or more often) and Retention ' +
      'period at least the configured days, or `aws backup update-backup-plan --backup-plan-id <id> --backup-plan ' +
      'file://plan.json` with a rule whose ScheduleExpression runs daily (e.g. `cron(0 5 ? * * *)`) and whose ' +
      'Lifecycle.DeleteAfterDays is at least the threshold. Add a copy to another region or account for disaster recovery.',
    url: 'https://docs.aws.amazon.com/aws-backup/latest/devguide/creating-a-backup-plan.html',
  },
  reads: ['backup.plans', 'backup.planRules'],
  evaluate(inventory, ctx) {
    const minimum = ctx.thresholds.backupPlanRetentionDays;
    return eachRegion(inventory, 'backup', inventory.backup, (data, region) =>
      withRead(
        readOf(data.plans, 'backup', region, 'ListBackupPlans'),
        region,
        accountResource(inventory),
        (plans) => plans.flatMap((plan) => judge(inventory, plan, region, minimum)),
        `AWS Backup plans in ${region}`,
      ),
    );
  },
};

interface RuleView {
  rule: BackupRule;
  frequency: Frequency;
  /** Days the rule's own recovery points are certainly kept; Infinity: no expiry. */
  keptDays: number;
  text: string;
}

function judge(inventory: Inventory, plan: BackupPlan, region: string, minimum: number): CheckResult[] {
  const resource = { type: 'AwsBackupBackupPlan', id: plan.planName, arn: plan.arn };
  if (!plan.selections.ok) return [unreadable(region, resource, plan.selections.error, `the selections of AWS Backup plan ${plan.planName}`)];
  const selections = plan.selections.value;
  if (selections.length === 0) return []; // A plan that selects nothing backs nothing up.
  const rules = readOf(plan.rules, 'backup', region, 'GetBackupPlan');
  if (!rules.ok) return [unreadable(region, resource, rules.error, `the rules of AWS Backup plan ${plan.planName}`)];

  const views = rules.value.map((rule) => view(rule, minimum));
  const label = `AWS Backup plan ${plan.planName} (${selections.length} resource assignment${selections.length === 1 ? '' : 's'})`;
  const copies = copiesOf(rules.value, region, inventory.accountId);
  const good = views.find((v) => v.frequency.daily === true && v.keptDays >= minimum);
  if (good) {
    return [pass(region, resource, `${label}: rule ${good.text}, at least the ${minimum} days required${copies}`)];
  }
  const unclear = views.find((v) => v.frequency.daily === null && v.keptDays >= minimum);
  if (unclear) {
    return [result('ERROR', region, resource, `${label}: could not tell whether rule ${unclear.rule.ruleName} runs daily: ${unclear.frequency.how}`)];
  }
  const detail = views.length === 0 ? 'it has no rules' : views.map((v) => `rule ${v.text}`).join('; ');
  return [
    fail(
      region,
      resource,
      `${label} has no rule that runs at least daily and keeps recovery points ${minimum} days (thresholds.backupPlanRetentionDays): ${detail}${copies}`,
    ),
  ];
}

function view(rule: BackupRule, minimum: number): RuleView {
  const schedule = rule.scheduleExpression ?? DEFAULT_SCHEDULE;
  const frequency = scheduleFrequency(schedule);
  const origin = rule.scheduleExpression === undefined ? ' (the default: the rule sets none)' : '';
  const zone = rule.scheduleTimezone ? ` ${rule.scheduleTimezone}` : '';
  const runs = frequency.daily === true ? `runs ${schedule}${zone}${origin}, every day` : `runs ${schedule}${zone}${origin}: ${frequency.how}`;
  const forever = rule.deleteAfterDays === undefined || rule.deleteAfterDays < 0;
  let keptDays: number;
  let keeps: string;
  if (rule.deleteAfterEvent !== undefined) {
    // Deleted after an event (e.g. once copied) or after DeleteAfterDays, whichever comes first: no floor.
    keptDays = 0;
    keeps = `deletes its recovery points after ${rule.deleteAfterEvent}${forever ? '' : ` or ${rule.deleteAfterDays} days, whichever comes first`}`;
  } else if (forever) {
    keptDays = Number.POSITIVE_INFINITY;
    keeps = 'keeps its recovery points until they are deleted by hand (no expiry)';
  } else {
    keptDays = rule.deleteAfterDays ?? 0;
    keeps = `keeps its recovery points ${keptDays} day${keptDays === 1 ? '' : 's'}${keptDays < minimum ? ` (fewer than ${minimum})` : ''}`;
  }
  const continuous = rule.continuous ? ' with continuous backup (point-in-time restore for the resources that support it)' : '';
  return { rule, frequency, keptDays, text: `${rule.ruleName} ${runs}${continuous} and ${keeps}` };
}

/** "; copies ..." naming where each copy goes and how long it is kept, or "" when no rule copies. */
function copiesOf(rules: BackupRule[], region: string, account: string): string {
  const copies = rules.flatMap((r) => r.copies.map((c) => ({ rule: r.ruleName, copy: c })));
  if (copies.length === 0) return '; no rule copies recovery points to another region or account';
  return `; ${copies.map(({ rule, copy }) => `rule ${rule} copies to ${whereTo(copy, region, account)}`).join('; ')}`;
}

function whereTo(copy: BackupCopy, region: string, account: string): string {
  const parts = copy.destinationVaultArn.split(':');
  const [vaultRegion = '', vaultAccount = ''] = [parts[3], parts[4]];
  const name = parts.slice(6).join(':') || copy.destinationVaultArn;
  const elsewhere = [
    ...(vaultRegion && vaultRegion !== region ? ['another region'] : []),
    ...(vaultAccount && vaultAccount !== account ? ['another account'] : []),
  ];
  const kept = copy.deleteAfterDays === undefined || copy.deleteAfterDays < 0 ? 'kept until deleted by hand' : `kept ${copy.deleteAfterDays} days`;
  const where = `vault ${name} in ${vaultRegion || 'an unknown region'}${vaultAccount && vaultAccount !== account ? ` of account ${vaultAccount}` : ''}`;
  return `${where} (${elsewhere.length ? elsewhere.join(' and ') : 'same region and account'}), ${kept}`;
}

export default check;
