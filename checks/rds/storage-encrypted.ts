import type { Check, CheckResult, ResourceRef } from '../../src/evaluate/types';
import { fail, pass } from '../../src/evaluate/results';
import { eachDatabase } from './databases';

const check: Check = {
  id: 'rds.storage-encrypted',
  title: 'RDS DB instances and clusters encrypt their storage',
  severity: 'high',
  hipaa: ['164.312(a)(2)(iv)'],
  controls: ['RDS.3'],
  description:
    'Encryption at rest with AWS KMS protects the ePHI in a database, its automated backups, snapshots and read ' +
    'replicas if the underlying storage or a copy of it is exposed, and KMS key policies add a second access control. ' +
    'Aurora, Multi-AZ DB cluster, Neptune and DocumentDB storage is encrypted per cluster, so cluster members are ' +
    'judged at their cluster rather than one by one; standalone instances (read replicas included) are judged each.',
  remediation: {
    text:
      'Encryption cannot be turned on for an existing database: take a snapshot, copy it with encryption ' +
      '(`aws rds copy-db-snapshot --source-db-snapshot-identifier <snap> --target-db-snapshot-identifier <snap>-enc --kms-key-id <key>`), ' +
      'restore a new instance or cluster from the encrypted copy, move the application to it and delete the old one. ' +
      'Enable "Enable encryption" when creating new databases.',
    url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html',
  },
  reads: ['rds.instances', 'rds.clusters'],
  evaluate(inventory) {
    return eachDatabase(inventory, {
      instance: (i, region) => {
        if (i.clusterId !== undefined) return undefined; // judged at its cluster
        const replica = i.readReplicaSourceId !== undefined ? `, read replica of ${i.readReplicaSourceId}` : '';
        return judge(region, { type: 'AwsRdsDbInstance', id: i.id, arn: i.arn }, `DB instance ${i.id} (${i.engine}${replica})`, i.storageEncrypted, i.kmsKeyId);
      },
      cluster: (c, region) =>
        judge(region, { type: 'AwsRdsDbCluster', id: c.id, arn: c.arn }, `DB cluster ${c.id} (${c.engine})`, c.storageEncrypted, c.kmsKeyId),
    });
  },
};

function judge(region: string, resource: ResourceRef, name: string, encrypted: boolean, kmsKeyId: string | undefined): CheckResult {
  return encrypted
    ? pass(region, resource, `${name} storage is encrypted${kmsKeyId ? ` with KMS key ${kmsKeyId}` : ''}`)
    : fail(region, resource, `${name} storage is not encrypted`);
}

export default check;
