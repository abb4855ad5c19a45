import type { Check } from '../../src/evaluate/types';
import { accountResource, eachRegion, fail, pass, withRead } from '../../src/evaluate/results';

const check: Check = {
  id: 'ec2.ebs-default-encryption',
  title: 'EBS encryption by default is enabled in every audited region',
  severity: 'medium',
  hipaa: ['164.312(a)(2)(iv)'],
  controls: ['EC2.7'],
  description:
    'With EBS encryption by default on, every new EBS volume and snapshot copy in the region is encrypted at rest with ' +
    'KMS, whoever creates it and however. Without it, a volume that stores ePHI is encrypted only if its creator ' +
    'remembered to ask, which undermines the encryption addressable specification for ePHI at rest.',
  remediation: {
    text:
      'EC2 console > (region) > Settings > Data protection and security > EBS encryption > Manage > Enable, optionally ' +
      'choosing a customer managed KMS key; or `aws ec2 enable-ebs-encryption-by-default --region <region>` (and ' +
      '`aws ec2 modify-ebs-default-kms-key-id --kms-key-id <key> --region <region>`). Repeat in every region in use. ' +
      'Existing unencrypted volumes are not changed: copy their snapshots with encryption and replace them.',
    url: 'https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html',
  },
  reads: ['ec2.ebsEncryptionByDefault'],
  evaluate(inventory) {
    const account = accountResource(inventory);
    return eachRegion(inventory, 'ec2', inventory.ec2, (data, region) =>
      withRead(data.ebsEncryptionByDefault, region, account, (setting) => {
        if (!setting.enabled) {
          return [fail(region, account, `EBS encryption by default is disabled in ${region}: new volumes there are unencrypted unless their creator asks for encryption`)];
        }
        const key = setting.kmsKeyId ? ` (default key ${setting.kmsKeyId})` : '';
        return [pass(region, account, `EBS encryption by default is enabled in ${region}${key}`)];
      }, `EBS encryption by default in ${region}`),
    );
  },
};

export default check;
