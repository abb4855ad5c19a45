import type { Check } from '../../src/evaluate/types';
import { accountResource, eachRegion, fail, pass, withRead } from '../../src/evaluate/results';
import { kmsKeyOwnership, kmsKeyPhrase } from '../../src/judge/kms-keys';

/** File systems on their way out hold nothing left to protect. */
const GONE = new Set(['deleting', 'deleted']);

const check: Check = {
  id: 'efs.encrypted',
  title: 'EFS file systems encrypt their data at rest',
  severity: 'high',
  hipaa: ['164.312(a)(2)(iv)'],
  controls: ['EFS.1'],
  description:
    'EFS file systems hold shared application data, scanned documents and exports, often ePHI. Encryption at rest ' +
    'protects the file data and metadata with a KMS key (the AWS managed aws/elasticfilesystem key or a customer ' +
    'managed key). It can only be chosen when a file system is created; each file system that is not being deleted ' +
    'is judged on Encrypted, and passing results name the key and, when the run read the KMS keys, who manages it.',
  remediation: {
    text:
      'Create an encrypted file system (`aws efs create-file-system --encrypted [--kms-key-id <key>]`), copy the data ' +
      'across (AWS DataSync, or restore an AWS Backup recovery point into the new file system), move the mount ' +
      'targets and clients, then delete the unencrypted one. Enforce it with the elasticfilesystem:Encrypted condition ' +
      'key in IAM or SCP policies.',
    url: 'https://docs.aws.amazon.com/efs/latest/ug/encryption-at-rest.html',
  },
  reads: ['efs.fileSystems'],
  evaluate(inventory) {
    return eachRegion(inventory, 'efs', inventory.efs, (data, region) =>
      withRead(
        data.fileSystems,
        region,
        accountResource(inventory),
        (fileSystems) =>
          fileSystems
            .filter((f) => !GONE.has(f.state))
            .map((f) => {
              const resource = { type: 'AwsEfsFileSystem', id: f.id, arn: f.arn };
              const label = `file system ${f.id}${f.name ? ` (${f.name})` : ''}`;
              if (!f.encrypted) return fail(region, resource, `${label} is not encrypted at rest (Encrypted false)`);
              const key = f.kmsKeyId ? ` with ${kmsKeyPhrase(kmsKeyOwnership(inventory, region, f.kmsKeyId), f.kmsKeyId)}` : '';
              return pass(region, resource, `${label} is encrypted at rest${key}`);
            }),
        `EFS file systems in ${region}`,
      ),
    );
  },
};

export default check;
