import type { Check, CheckResult } from '../../src/evaluate/types';
import { accountResource, eachRegion, fail, pass, withRead } from '../../src/evaluate/results';
import type { ConfigRecorder, Inventory } from '../../src/inventory/types';

const check: Check = {
  id: 'config.recorder',
  title: 'AWS Config records resource configurations in every audited region',
  severity: 'medium',
  hipaa: ['164.312(b)', '164.308(a)(1)(ii)(D)'],
  controls: ['Config.1'],
  description:
    'The AWS Config recorder keeps a history of how every resource was configured: when a bucket holding ePHI became ' +
    'public, when a security group was opened, when encryption was turned off. That history supports audit controls, ' +
    'information system activity review and incident investigation, and Config rules and Security Hub depend on it. ' +
    'Judged per region: the account\'s own (customer-managed) recorder must exist and be recording. Service-linked ' +
    'recorders record only what their AWS service needs and do not count.',
  remediation: {
    text:
      'AWS Config console > Settings (or 1-click setup) in the region: record all resource types, pick an S3 bucket ' +
      'and the AWSServiceRoleForConfig role, and start recording; include global resource types (IAM) in exactly one ' +
      'region, usually the home region. CLI: `aws configservice put-configuration-recorder`, ' +
      '`aws configservice put-delivery-channel`, then `aws configservice start-configuration-recorder ' +
      '--configuration-recorder-name default`. In an organization, deploy it to all accounts and regions with ' +
      'CloudFormation StackSets or Control Tower.',
    url: 'https://docs.aws.amazon.com/config/latest/developerguide/gs-console.html',
  },
  reads: ['config.recorders'],
  evaluate(inventory) {
    const account = accountResource(inventory);
    return eachRegion(inventory, 'config', inventory.config, (data, region) =>
      withRead(
        data.recorders,
        region,
        account,
        (recorders): CheckResult[] => {
          const own = recorders.filter((r) => !r.servicePrincipal);
          const linked = recorders.filter((r) => r.servicePrincipal);
          const recording = own.find((r) => r.recording);
          if (recording) return [pass(region, account, passMessage(recording, region, inventory))];
          const stopped = own[0];
          if (stopped) {
            const last = stopped.lastStatus ? ` (last status: ${stopped.lastStatus})` : '';
            return [fail(region, account, `configuration recorder ${stopped.name} exists in ${region} but is not recording${last}`)];
          }
          const note = linked.length
            ? ` (only service-linked recorder${linked.length > 1 ? 's' : ''} for ${linked.map((r) => r.servicePrincipal).join(', ')}, ` +
              `which record${linked.length > 1 ? '' : 's'} only what ${linked.length > 1 ? 'those services need' : 'that service needs'})`
            : '';
          return [fail(region, account, `no configuration recorder in ${region}${note}`)];
        },
        `AWS Config recorders in ${region}`,
      ),
    );
  },
};

function passMessage(r: ConfigRecorder, region: string, inventory: Inventory): string {
  const scope = r.allSupported
    ? 'all supported resource types'
    : r.recordingStrategy === 'EXCLUSION_BY_RESOURCE_TYPES'
      ? 'all supported resource types except an exclusion list'
      : 'only a chosen subset of resource types';
  let global: string;
  if (r.allSupported && r.includeGlobalResourceTypes) global = 'including global resource types (IAM users, roles, policies)';
  else if (!r.allSupported) global = 'global resource types (IAM) only as far as its resource type list covers them';
  else if (region === inventory.homeRegion) {
    global = `without global resource types (IAM users, roles, policies) although ${region} is the home region: make sure one region records them`;
  } else global = 'without global resource types (they are best recorded in one region only)';
  const last = r.lastStatus === 'Failure' ? '; warning: its last recording attempt failed (last status: Failure)' : '';
  return `configuration recorder ${r.name} is recording ${scope} in ${region}, ${global}${last}`;
}

export default check;
