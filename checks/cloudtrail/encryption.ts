import type { Check } from '../../src/evaluate/types';
import { fail, pass } from '../../src/evaluate/results';
import { eachTrail } from './trails';

const check: Check = {
  id: 'cloudtrail.encryption',
  title: 'CloudTrail logs are encrypted with a KMS key',
  severity: 'medium',
  hipaa: ['164.312(a)(2)(iv)'],
  controls: ['CloudTrail.2'],
  description:
    'CloudTrail logs name the people, roles, resources and sometimes request parameters involved with ePHI. By default ' +
    'they are encrypted only with S3-managed keys (SSE-S3), which anyone allowed to read the bucket can decrypt. ' +
    'SSE-KMS with a customer-managed key adds a second, separately audited permission (kms:Decrypt) and logs every ' +
    'use of it. Judged per trail, in its home region; an organization trail seen in a member account is judged too, ' +
    'and must be fixed in the account that owns it.',
  remediation: {
    text:
      'Create a symmetric customer-managed KMS key whose key policy lets cloudtrail.amazonaws.com use it (CloudTrail ' +
      'can create one for you), then CloudTrail console > Trails > the trail > General details > Edit > Log file ' +
      'SSE-KMS encryption: Enabled; or `aws cloudtrail update-trail --name <trail> --kms-key-id <key-arn>`. Grant ' +
      'kms:Decrypt to the people and tools that read the logs.',
    url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html',
  },
  reads: ['cloudtrail.trails'],
  evaluate(inventory) {
    return eachTrail(inventory, (trail, { resource, label, bucket, fixWhere }) => {
      if (trail.kmsKeyId) {
        return pass(trail.homeRegion, resource, `${label} encrypts its logs${bucket} with KMS key ${trail.kmsKeyId}`);
      }
      return fail(
        trail.homeRegion,
        resource,
        `${label} has no KMS key: its logs${bucket} get only the bucket's default encryption (SSE-S3 unless the bucket defaults to SSE-KMS)${fixWhere}`,
      );
    });
  },
};

export default check;
