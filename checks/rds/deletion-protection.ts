import type { Check, CheckResult, ResourceRef } from '../../src/evaluate/types';
import { fail, pass, result } from '../../src/evaluate/results';
import { eachDatabase } from './databases';

const check: Check = {
  id: 'rds.deletion-protection',
  title: 'RDS databases have deletion protection',
  severity: 'medium',
  hipaa: ['164.308(a)(7)(ii)(A)', '164.312(c)(1)'],
  controls: ['RDS.7', 'RDS.8'],
  description:
    'With deletion protection on, a DeleteDBInstance or DeleteDBCluster call fails until someone first turns it off: ' +
    'a mistaken script, a console slip or a stolen session cannot destroy a database of ePHI, and its automated ' +
    'backups with it, in one step. Standalone instances and clusters (Aurora, Multi-AZ DB clusters, Neptune, ' +
    'DocumentDB) are judged; cluster members are judged at their cluster, whose setting protects it; read replicas ' +
    'are skipped (deleting one loses no data: it is a copy of its source) and so are databases already being deleted.',
  remediation: {
    text:
      'RDS console > Databases > <database> > Modify > Deletion protection > Enable deletion protection, or ' +
      '`aws rds modify-db-instance --db-instance-identifier <id> --deletion-protection --apply-immediately` ' +
      '(`aws rds modify-db-cluster --db-cluster-identifier <id> --deletion-protection --apply-immediately` for a cluster).',
    url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html#USER_DeletionProtection',
  },
  reads: ['rds.instances', 'rds.clusters'],
  evaluate(inventory) {
    return eachDatabase(inventory, {
      instance: (i, region) =>
        i.clusterId !== undefined || i.readReplicaSourceId !== undefined || i.status === 'deleting'
          ? undefined
          : judge(region, { type: 'AwsRdsDbInstance', id: i.id, arn: i.arn }, `DB instance ${i.id} (${i.engine})`, i.deletionProtection),
      cluster: (c, region) =>
        c.status === 'deleting' ? undefined : judge(region, { type: 'AwsRdsDbCluster', id: c.id, arn: c.arn }, `DB cluster ${c.id} (${c.engine})`, c.deletionProtection),
    });
  },
};

function judge(region: string, resource: ResourceRef, name: string, protectedFromDeletion: boolean | undefined): CheckResult {
  if (protectedFromDeletion === undefined) {
    return result('ERROR', region, resource, `not judged: ${name}: the inventory does not record DeletionProtection (collected by an older version, or the RDS answer lacked it); collect again`);
  }
  return protectedFromDeletion
    ? pass(region, resource, `${name} has deletion protection: it cannot be deleted until that is turned off`)
    : fail(region, resource, `${name} has no deletion protection: a single delete call removes it`);
}

export default check;
