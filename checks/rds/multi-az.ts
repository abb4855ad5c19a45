import type { Check, CheckResult } from '../../src/evaluate/types';
import { fail, pass } from '../../src/evaluate/results';
import type { DbCluster, DbInstance } from '../../src/inventory/types';
import { eachDatabase } from './databases';

const check: Check = {
  id: 'rds.multi-az',
  title: 'RDS databases span more than one Availability Zone',
  severity: 'medium',
  hipaa: ['164.308(a)(7)(ii)(B)', '164.308(a)(7)(ii)(C)', '164.312(a)(2)(ii)'],
  controls: ['RDS.5', 'RDS.15'],
  description:
    'A database in a single Availability Zone is unavailable, and its ePHI out of reach, for as long as that zone or ' +
    'host is down; Multi-AZ keeps a synchronous standby in another zone and fails over automatically, supporting the ' +
    'disaster recovery and emergency mode operation plans. Standalone instances are judged by their Multi-AZ setting ' +
    '(read replicas too, since a replica promoted in an emergency should not be single-AZ); Aurora, Multi-AZ DB ' +
    'cluster, Neptune and DocumentDB members are judged at their cluster, which is Multi-AZ when it has instances in ' +
    'more than one zone. Databases being deleted are skipped.',
  remediation: {
    text:
      'For an instance: RDS console > Databases > <instance> > Modify > Availability & durability > Create a standby ' +
      'instance, or `aws rds modify-db-instance --db-instance-identifier <id> --multi-az --apply-immediately`. For an ' +
      'Aurora cluster: add a reader in another Availability Zone (Actions > Add reader, or `aws rds create-db-instance ' +
      '--db-cluster-identifier <cluster> --availability-zone <other-az> ...`).',
    url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.html',
  },
  reads: ['rds.instances', 'rds.clusters'],
  evaluate(inventory) {
    return eachDatabase(inventory, {
      // Members: judged at the cluster. Databases being deleted: skipped.
      instance: (i, region) => (i.clusterId !== undefined || i.status === 'deleting' ? undefined : judgeInstance(i, region)),
      cluster: (c, region) => (c.status === 'deleting' ? undefined : judgeCluster(c, region)),
    });
  },
};

function judgeInstance(i: DbInstance, region: string): CheckResult {
  const resource = { type: 'AwsRdsDbInstance', id: i.id, arn: i.arn };
  const name =
    i.readReplicaSourceId !== undefined
      ? `read replica ${i.id} (${i.engine}, of ${i.readReplicaSourceId})`
      : `DB instance ${i.id} (${i.engine})`;
  return i.multiAz
    ? pass(region, resource, `${name} is Multi-AZ: a standby in another Availability Zone takes over on failure`)
    : fail(region, resource, `${name} runs in a single Availability Zone with no standby`);
}

function judgeCluster(c: DbCluster, region: string): CheckResult {
  const resource = { type: 'AwsRdsDbCluster', id: c.id, arn: c.arn };
  const name = `DB cluster ${c.id} (${c.engine})`;
  if (c.multiAz) return pass(region, resource, `${name} has instances in more than one Availability Zone`);
  const members = c.memberInstanceIds.length;
  const seen =
    members === 0
      ? 'has no DB instances'
      : members === 1
        ? `has a single DB instance (${c.memberInstanceIds[0] ?? ''})`
        : `has all ${members} DB instances in one Availability Zone`;
  return fail(region, resource, `${name} ${seen}; it is not Multi-AZ`);
}

export default check;
