import { expandField, scheduleFrequency } from '../../../checks/backup/schedule';

describe('scheduleFrequency', () => {
  it.each<[string, boolean | null, string]>([
    ['cron(0 5 ? * * *)', true, 'every day'],
    ['cron(0 12 * * ? *)', true, 'every day'],
    ['cron(15 * ? * * *)', true, 'every day'],
    ['cron(0 0/6 ? * * *)', true, 'every day'],
    ['cron(0 5 ? * 1-7 *)', true, 'every day'],
    ['cron(0 5 ? * SUN-SAT *)', true, 'every day'],
    ['cron(0 5 ? * MON,TUE,WED,THU,FRI,SAT,SUN *)', true, 'every day'],
    ['cron(0 5 1/1 * ? *)', true, 'every day'],
    ['cron(0 5 ? JAN-DEC * *)', true, 'every day'],
    ['CRON(0 5 ? * * *)', true, 'every day'],
    ['cron(0 5 ? * SUN *)', false, 'only on day-of-week SUN'],
    ['cron(0 5 ? * MON-FRI *)', false, 'only on day-of-week MON-FRI'],
    ['cron(0 5 1 * ? *)', false, 'only on day-of-month 1'],
    ['cron(0 5 */2 * ? *)', false, 'only on day-of-month */2'],
    ['cron(0 5 ? 1,4,7,10 * *)', false, 'only in month 1,4,7,10'],
    ['cron(0 5 ? * * 2026)', false, 'only in year 2026'],
    ['cron(0 5 L * ? *)', false, 'only on days matching L'],
    ['cron(0 5 ? * 6#3 *)', false, 'only on days matching 6#3'],
    ['rate(12 hours)', true, 'at least every day'],
    ['rate(1 day)', true, 'at least every day'],
    ['rate(7 days)', false, 'every 7 days'],
    ['rate(2880 minutes)', false, 'every 2880 minutes'],
    ['cron(0 5 ? * *)', null, 'the schedule cron(0 5 ? * *) is not a six-field cron or rate expression'],
    ['cron(0 25 ? * * *)', null, 'the schedule cron(0 25 ? * * *) was not understood'],
    ['at(2026-01-01T00:00:00)', null, 'the schedule at(2026-01-01T00:00:00) is not a six-field cron or rate expression'],
  ])('%s', (expression, daily, how) => {
    expect(scheduleFrequency(expression)).toEqual({ daily, how });
  });

  it('expands lists, ranges, steps and names, and refuses what it cannot expand', () => {
    expect([...(expandField('1-3,10/10', 1, 31) ?? [])]).toEqual([1, 2, 3, 10, 20, 30]);
    expect([...(expandField('MON-WED', 1, 7, ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT']) ?? [])]).toEqual([2, 3, 4]);
    expect(expandField('5-2', 1, 31)).toBeNull();
    expect(expandField('*/0', 1, 31)).toBeNull();
    expect(expandField('15W', 1, 31)).toBeNull();
  });
});
