import type { Check } from '../../src/evaluate/types';
import { accountResource, eachRegion, fail, pass, readOf, withRead } from '../../src/evaluate/results';

const check: Check = {
  id: 'inspector.enabled',
  title: 'Amazon Inspector scans EC2, ECR and Lambda in every audited region',
  severity: 'medium',
  hipaa: ['164.308(a)(1)(ii)(A)', '164.308(a)(5)(ii)(B)'],
  controls: ['Inspector.1', 'Inspector.2', 'Inspector.4'],
  description:
    'Inspector continuously scans EC2 instances, ECR container images and Lambda functions for known software ' +
    'vulnerabilities and network exposure: the vulnerability input of the risk analysis and of protection from ' +
    'malicious software. Judged from BatchGetAccountStatus for the audited account in each region (an account ' +
    "enabled by the organization's delegated administrator reports its own status): EC2, ECR and Lambda standard " +
    'scanning must each be ENABLED. Where AWS reports no Lambda status (Lambda scanning is not offered in every ' +
    'region), EC2 and ECR are judged. Lambda code scanning (Inspector.3) is reported, not required.',
  remediation: {
    text:
      'Activate the scan types in the region (Inspector console > Settings > Account management > Activate, or ' +
      '`aws inspector2 enable --resource-types EC2 ECR LAMBDA`); in an organization, activate them for all members from ' +
      'the delegated administrator.',
    url: 'https://docs.aws.amazon.com/inspector/latest/user/activate-scans.html',
  },
  reads: ['inspector.account'],
  evaluate(inventory) {
    const account = accountResource(inventory);
    return eachRegion(inventory, 'inspector', inventory.inspector, (data, region) =>
      withRead(readOf(data.account, 'inspector', region, 'BatchGetAccountStatus'), region, account, (status) => {
        const judged: Array<[string, string | undefined]> = [
          ['EC2', status.ec2],
          ['ECR', status.ecr],
          ['Lambda standard', status.lambda],
        ];
        const off = judged.filter(([, s]) => s !== undefined && s !== 'ENABLED').map(([name, s]) => `${name} ${(s ?? '').toLowerCase()}`);
        const on = judged.filter(([, s]) => s === 'ENABLED').map(([name]) => name);
        const lambdaNote = status.lambda === undefined ? '; no Lambda scanning status reported in this region' : '';
        const codeNote = status.lambdaCode !== undefined ? `; Lambda code scanning ${status.lambdaCode.toLowerCase()}` : '';
        if (off.length === 0) {
          return [pass(region, account, `Amazon Inspector scans ${on.join(', ')} in ${region}${lambdaNote}${codeNote}`)];
        }
        const overall = status.status === 'ENABLED' ? '' : ` (Inspector is ${status.status.toLowerCase()} for the account)`;
        const partly = on.length ? `; enabled: ${on.join(', ')}` : '';
        return [fail(region, account, `Amazon Inspector scanning is not enabled in ${region} for ${off.join(', ')}${overall}${partly}${lambdaNote}${codeNote}`)];
      }),
    );
  },
};

export default check;
