import type { Check, CheckResult } from '../../src/evaluate/types';
import { accountResource, eachRegion, fail, pass, result } from '../../src/evaluate/results';
import type { ApiError, DbCluster, DbInstance } from '../../src/inventory/types';

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
  requires: ['rds'],
  evaluate(inventory) {
    return eachRegion(inventory, 'rds', inventory.rds, (data, region) => {
      const results: CheckResult[] = [];
      const unread: Array<{ what: string; error: ApiError }> = [];

      if (data.instances.ok) {
        for (const i of data.instances.value) {
          if (i.clusterId !== undefined || i.status === 'deleting') continue; // members: judged at the cluster
          results.push(judgeInstance(i, region));
        }
      } else unread.push({ what: `RDS DB instances in ${region}`, error: data.instances.error });

      if (data.clusters.ok) {
        for (const c of data.clusters.value) {
          if (c.status === 'deleting') continue;
          results.push(judgeCluster(c, region));
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
