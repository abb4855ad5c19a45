import type { Check } from '../../src/evaluate/types';
import { fail, pass, readOf, unreadable } from '../../src/evaluate/results';
import { eachTable, tableResource } from './tables';

/** RecoveryPeriodInDays when the answer names none. */
const DEFAULT_RECOVERY_DAYS = 35;

const check: Check = {
  id: 'dynamodb.pitr',
  title: 'DynamoDB tables have point-in-time recovery enabled',
  severity: 'medium',
  hipaa: ['164.308(a)(7)(ii)(A)', '164.312(a)(2)(ii)'],
  controls: ['DynamoDB.2'],
  description:
    'Point-in-time recovery keeps continuous backups of a table, so ePHI lost to an accidental write or delete, a ' +
    'bad deployment or ransomware can be restored to any second of the recovery period (35 days unless set ' +
    'shorter): the exact, retrievable copies the data backup plan requires, and the means to recover them in an ' +
    'emergency. It is off unless turned on; each table not being deleted is judged on DescribeContinuousBackups.',
  remediation: {
    text:
      'DynamoDB console > Tables > <table> > Backups > Point-in-time recovery > Edit > Turn on, or `aws dynamodb ' +
      'update-continuous-backups --table-name <name> --point-in-time-recovery-specification ' +
      'PointInTimeRecoveryEnabled=true[,RecoveryPeriodInDays=35]`.',
    url: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery.html',
  },
  reads: ['dynamodb.pitr'],
  evaluate(inventory) {
    return eachTable(inventory, (t, region) => {
      const resource = tableResource(t);
      const pitr = readOf(t.pitr, 'dynamodb', region, 'DescribeContinuousBackups');
      if (!pitr.ok) return unreadable(region, resource, pitr.error, `the continuous backups of table ${t.name}`);
      const { status, recoveryPeriodDays } = pitr.value;
      if (status === 'ENABLED') {
        const days = recoveryPeriodDays ?? DEFAULT_RECOVERY_DAYS;
        return pass(region, resource, `table ${t.name}: point-in-time recovery is on; it can be restored to any second of the last ${days} days`);
      }
      const seen = status ? `PointInTimeRecoveryStatus ${status}` : 'no point-in-time recovery description returned';
      return fail(region, resource, `table ${t.name}: point-in-time recovery is off (${seen})`);
    });
  },
};

export default check;
