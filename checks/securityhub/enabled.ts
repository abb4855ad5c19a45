import type { Check } from '../../src/evaluate/types';
import { accountResource, eachRegion, fail, pass, readOf, withRead } from '../../src/evaluate/results';

const check: Check = {
  id: 'securityhub.enabled',
  title: 'Security Hub is enabled in every audited region',
  severity: 'medium',
  hipaa: ['164.308(a)(1)(ii)(D)', '164.308(a)(8)'],
  controls: [],
  description:
    'Security Hub (CSPM) evaluates the account against security standards continuously and gathers the findings of ' +
    'GuardDuty, Inspector, Macie and this auditor in one place, supporting information system activity review and ' +
    'the periodic technical evaluation. Judged from DescribeHub in each region: a hub means enabled (also when the ' +
    "organization's delegated administrator enabled it); \"not subscribed\" means not enabled.",
  remediation: {
    text:
      'Enable Security Hub in the region (Security Hub console > Go to Security Hub > Enable, or `aws securityhub ' +
      'enable-security-hub`); in an organization, enable it for all members from the delegated administrator, ideally ' +
      'with central configuration.',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-settingup.html',
  },
  reads: ['securityhub.hub'],
  evaluate(inventory) {
    const account = accountResource(inventory);
    return eachRegion(inventory, 'securityhub', inventory.securityhub, (data, region) =>
      withRead(readOf(data.hub, 'securityhub', region, 'DescribeHub'), region, account, (hub) => {
        if (hub.enabled) {
          const since = hub.subscribedAt ? ` since ${hub.subscribedAt}` : '';
          return [pass(region, account, `Security Hub is enabled in ${region}${since} (hub ${hub.hubArn})`)];
        }
        return [fail(region, account, `Security Hub is not enabled in ${region}: DescribeHub answered ${hub.reason}`)];
      }),
    );
  },
};

export default check;
