import type { Check, CheckResult, ResourceRef } from '../../src/evaluate/types';
import { accountResource, eachRegion, fail, pass, result } from '../../src/evaluate/results';
import type { ApiError } from '../../src/inventory/types';

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
  requires: ['rds'],
  evaluate(inventory) {
    return eachRegion(inventory, 'rds', inventory.rds, (data, region) => {
      const results: CheckResult[] = [];
      const unread: Array<{ what: string; error: ApiError }> = [];
      const judge = (resource: ResourceRef, name: string, encrypted: boolean, kmsKeyId: string | undefined) =>
        encrypted
          ? pass(region, resource, `${name} storage is encrypted${kmsKeyId ? ` with KMS key ${kmsKeyId}` : ''}`)
          : fail(region, resource, `${name} storage is not encrypted`);

      if (data.instances.ok) {
        for (const i of data.instances.value) {
          if (i.clusterId !== undefined) continue; // judged at its cluster
          const replica = i.readReplicaSourceId !== undefined ? `, read replica of ${i.readReplicaSourceId}` : '';
          results.push(
            judge({ type: 'AwsRdsDbInstance', id: i.id, arn: i.arn }, `DB instance ${i.id} (${i.engine}${replica})`, i.storageEncrypted, i.kmsKeyId),
          );
        }
      } else unread.push({ what: `RDS DB instances in ${region}`, error: data.instances.error });

      if (data.clusters.ok) {
        for (const c of data.clusters.value) {
          results.push(judge({ type: 'AwsRdsDbCluster', id: c.id, arn: c.arn }, `DB cluster ${c.id} (${c.engine})`, c.storageEncrypted, c.kmsKeyId));
        }
      } else unread.push({ what: `RDS DB clusters in ${region}`, error: data.clusters.error });

      if (unread.length > 0) {
        // One ERROR for the account in the region, whichever lists failed (one result per resource and region).
        const detail = unread.map((u) => `${u.what} (${u.error.service} ${u.error.operation}): ${u.error.code}: ${u.error.message}`);
        results.push(result('ERROR', region, accountResource(inventory), `could not read ${detail.join('; ')}`));
      }
      return results;
    });
  },
};

export default check;
