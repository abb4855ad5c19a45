import check from '../../../checks/efs/encrypted';
import { checkContext, denied, failed, inventory, ok, statuses } from '../../support/inventory';
import { fileSystem } from '../../support/builders/efs';
import { kmsKey } from '../../support/builders/kms';

const AWS_KEY = 'arn:aws:kms:us-east-1:111122223333:key/aws-efs';
const FOREIGN = 'arn:aws:kms:us-east-1:444455556666:key/shared';

describe('efs.encrypted', () => {
  it('fails an unencrypted file system and names the key of an encrypted one', () => {
    const inv = inventory({
      kms: { 'us-east-1': { keys: ok([kmsKey('aws-efs', { manager: 'AWS', aliases: ['alias/aws/elasticfilesystem'] })]) } },
      efs: {
        'us-east-1': {
          fileSystems: ok([
            fileSystem('fs-0plain', { encrypted: false, name: 'scanned-referrals' }),
            fileSystem('fs-0aws', { kmsKeyId: AWS_KEY }),
            fileSystem('fs-0shared', { kmsKeyId: FOREIGN }),
            fileSystem('fs-0nokey'),
            fileSystem('fs-0gone', { state: 'deleting', encrypted: false }),
          ]),
        },
      },
    });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ 'us-east-1/fs-0plain': 'FAIL', 'us-east-1/fs-0aws': 'PASS', 'us-east-1/fs-0shared': 'PASS', 'us-east-1/fs-0nokey': 'PASS' });
    expect(results[0]?.message).toBe('file system fs-0plain (scanned-referrals) is not encrypted at rest (Encrypted false)');
    expect(results[0]?.resource).toEqual({ type: 'AwsEfsFileSystem', id: 'fs-0plain', arn: 'arn:aws:elasticfilesystem:us-east-1:111122223333:file-system/fs-0plain' });
    expect(results[1]?.message).toBe(`file system fs-0aws is encrypted at rest with the AWS managed KMS key ${AWS_KEY} (alias/aws/elasticfilesystem; per the KMS inventory)`);
    // AWS managed keys live in the resource's own account: a key elsewhere is customer managed, without a lookup.
    expect(results[2]?.message).toBe(`file system fs-0shared is encrypted at rest with the customer managed KMS key ${FOREIGN} (it is in account 444455556666)`);
    expect(results[3]?.message).toBe('file system fs-0nokey is encrypted at rest');
  });

  it('reports ERROR when the file systems could not be read', () => {
    const [only] = check.evaluate(inventory({ efs: { 'us-east-1': { fileSystems: failed(denied('efs', 'DescribeFileSystems')) } } }), checkContext());
    expect(only).toMatchObject({ status: 'ERROR', region: 'us-east-1' });
    expect(only?.message).toContain('could not read EFS file systems in us-east-1: AccessDenied');
    expect(only?.message).toContain('Fix: allow elasticfilesystem:DescribeFileSystems');
  });

  it('reports ERROR for a region the inventory holds no EFS data for', () => {
    const results = check.evaluate(inventory({ regions: ['us-east-1', 'eu-west-1'], efs: { 'us-east-1': { fileSystems: ok([]) } } }), checkContext());
    expect(statuses(results)).toEqual({ 'eu-west-1/111122223333': 'ERROR' });
  });
});
