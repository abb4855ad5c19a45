import type { Check } from '../../src/evaluate/types';
import { accountResource, eachRegion, fail, pass, readOf, withRead } from '../../src/evaluate/results';

const check: Check = {
  id: 'macie.enabled',
  title: 'Amazon Macie is enabled in every audited region',
  severity: 'medium',
  hipaa: ['164.308(a)(1)(ii)(A)'],
  controls: ['Macie.1'],
  description:
    'Macie discovers sensitive data, ePHI included, in the S3 buckets of its region and watches their security, ' +
    'feeding the risk analysis with where ePHI actually sits. Judged from GetMacieSession in each region: a session ' +
    'with status ENABLED passes (also when a Macie administrator enabled the account), PAUSED (suspended) fails, and ' +
    'the "Macie is not enabled" answer fails. A real permission denial is an ERROR, never a FAIL.',
  remediation: {
    text:
      'Enable Macie in the region (Macie console > Get started > Enable Macie, or `aws macie2 enable-macie`); a paused ' +
      'session resumes with `aws macie2 update-macie-session --status ENABLED`. In an organization, enable it for all ' +
      'members from the delegated Macie administrator.',
    url: 'https://docs.aws.amazon.com/macie/latest/user/getting-started.html',
  },
  reads: ['macie.session'],
  evaluate(inventory) {
    const account = accountResource(inventory);
    return eachRegion(inventory, 'macie', inventory.macie, (data, region) =>
      withRead(readOf(data.session, 'macie', region, 'GetMacieSession'), region, account, (session) => {
        if (!session.enabled) return [fail(region, account, `Macie is not enabled in ${region}: GetMacieSession answered ${session.reason}`)];
        const since = session.createdAt ? ` (session created ${session.createdAt})` : '';
        if (session.status === 'ENABLED') return [pass(region, account, `Macie is enabled in ${region}${since}`)];
        const state = session.status === 'PAUSED' ? 'paused (suspended: it discovers nothing until resumed)' : `in status ${session.status}`;
        return [fail(region, account, `Macie is ${state} in ${region}${since}`)];
      }),
    );
  },
};

export default check;
