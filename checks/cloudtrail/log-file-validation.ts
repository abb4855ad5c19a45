import type { Check } from '../../src/evaluate/types';
import { fail, pass } from '../../src/evaluate/results';
import { eachTrail } from './trails';

const check: Check = {
  id: 'cloudtrail.log-file-validation',
  title: 'CloudTrail trails validate their log files',
  severity: 'medium',
  hipaa: ['164.312(c)(1)', '164.312(c)(2)'],
  controls: ['CloudTrail.4'],
  description:
    'With log file validation, CloudTrail delivers a signed SHA-256 digest file every hour, so anyone can prove later ' +
    'that the audit logs of access to ePHI were not modified, deleted or forged after delivery (integrity controls ' +
    'and a mechanism to authenticate the audit record). Without it, an intruder with write access to the log bucket ' +
    'can silently erase their tracks. Judged per trail, in its home region; an organization trail seen in a member ' +
    'account is judged too, and must be fixed in the account that owns it.',
  remediation: {
    text:
      'CloudTrail console > Trails > the trail > General details > Edit > Additional settings > Log file validation: ' +
      'Enabled; or `aws cloudtrail update-trail --name <trail> --enable-log-file-validation` (run it in the trail\'s ' +
      'home Region, from the account that owns it). Verify with `aws cloudtrail validate-logs`.',
    url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-enabling.html',
  },
  reads: ['cloudtrail.trails'],
  evaluate(inventory) {
    return eachTrail(inventory, (trail, { resource, label, bucket, fixWhere }) => {
      if (trail.logFileValidationEnabled) {
        return pass(trail.homeRegion, resource, `${label} delivers signed digest files, so tampering with its logs${bucket} can be detected`);
      }
      return fail(trail.homeRegion, resource, `${label} has log file validation disabled: changes to its logs${bucket} cannot be detected${fixWhere}`);
    });
  },
};

export default check;
