import type { Check } from '../../src/evaluate/types';
import type { EbsVolume } from '../../src/inventory/ec2';
import { accountResource, eachRegion, fail, pass, withRead } from '../../src/evaluate/results';

/** Volumes on their way out hold nothing we can still protect. */
const GONE = new Set(['deleting', 'deleted']);

function describe(volume: EbsVolume): string {
  const name = volume.tags.Name ? `${volume.tags.Name}, ` : '';
  const attached =
    volume.attachedInstanceIds.length > 0 ? `attached to ${volume.attachedInstanceIds.join(', ')}` : 'not attached';
  return `volume ${volume.volumeId} (${name}${attached})`;
}

const check: Check = {
  id: 'ec2.ebs-volume-encryption',
  title: 'EBS volumes are encrypted at rest',
  severity: 'medium',
  hipaa: ['164.312(a)(2)(iv)'],
  controls: ['EC2.3'],
  description:
    'An unencrypted EBS volume stores its data, and every snapshot taken from it, in the clear. Encryption with KMS ' +
    'protects ePHI at rest on instance disks and makes key policy and CloudTrail govern and record who can read it.',
  remediation: {
    text:
      'A volume cannot be encrypted in place. Create a snapshot (`aws ec2 create-snapshot --volume-id <vol>`), copy it ' +
      'with encryption (`aws ec2 copy-snapshot --source-snapshot-id <snap> --source-region <region> --encrypted ' +
      '--kms-key-id <key>`), create a volume from the encrypted copy, swap it in for the original during a maintenance ' +
      'window, then delete the unencrypted volume and snapshots. Turn on EBS encryption by default to stop new ones.',
    url: 'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html',
  },
  reads: ['ec2.volumes'],
  evaluate(inventory) {
    const account = accountResource(inventory);
    return eachRegion(inventory, 'ec2', inventory.ec2, (data, region) =>
      withRead(data.volumes, region, account, (volumes) =>
        volumes
          .filter((v) => !GONE.has(v.state))
          .map((v) => {
            const resource = { type: 'AwsEc2Volume', id: v.volumeId, arn: v.arn };
            if (!v.encrypted) return fail(region, resource, `${describe(v)} is not encrypted`);
            const key = v.kmsKeyId ? ` with KMS key ${v.kmsKeyId}` : '';
            return pass(region, resource, `${describe(v)} is encrypted${key}`);
          }),
      ),
    );
  },
};

export default check;
