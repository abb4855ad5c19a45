import type { Check } from '../../src/evaluate/types';
import { accountResource, eachRegion, fail, pass, withRead } from '../../src/evaluate/results';

const check: Check = {
  id: 'guardduty.enabled',
  title: 'GuardDuty is enabled in every audited region',
  severity: 'medium',
  hipaa: ['164.308(a)(6)(ii)', '164.308(a)(1)(ii)(D)'],
  controls: ['GuardDuty.1'],
  description:
    'GuardDuty watches CloudTrail, VPC flow logs and DNS logs for signs of compromise, supporting security incident ' +
    'identification and response and information system activity review. A region without a detector is a blind spot.',
  remediation: {
    text: 'Enable GuardDuty in the region (GuardDuty console > Get started, or `aws guardduty create-detector --enable`); in an organization, enable it for all members from the delegated administrator.',
    url: 'https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_settingup.html',
  },
  reads: ['guardduty.detectors'],
  evaluate(inventory) {
    const account = accountResource(inventory);
    return eachRegion(inventory, 'guardduty', inventory.guardduty, (data, region) =>
      withRead(data.detectors, region, account, (detectors) => {
        // Always the account in the region, so a fixed region keeps the same finding id.
        const enabled = detectors.find((d) => d.status === 'ENABLED');
        if (enabled) return [pass(region, account, `GuardDuty detector ${enabled.detectorId} is enabled in ${region}`)];
        const other = detectors[0];
        if (other) return [fail(region, account, `GuardDuty detector ${other.detectorId} in ${region} is ${other.status.toLowerCase()}`)];
        return [fail(region, account, `GuardDuty has no detector in ${region}`)];
      }),
    );
  },
};

export default check;
