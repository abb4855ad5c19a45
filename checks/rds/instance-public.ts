import type { Check } from '../../src/evaluate/types';
import { accountResource, eachRegion, fail, pass, withRead } from '../../src/evaluate/results';
import type { DbInstance } from '../../src/inventory/types';

const check: Check = {
  id: 'rds.instance-public',
  title: 'RDS DB instances are not publicly accessible',
  severity: 'critical',
  hipaa: ['164.312(a)(1)', '164.312(e)(1)'],
  controls: ['RDS.2'],
  description:
    'A publicly accessible DB instance gets a DNS name that resolves to a public IP address, so only its security ' +
    'groups and credentials stand between the internet and the ePHI it stores. Databases holding ePHI belong in ' +
    'private subnets, reached through the application tier, a VPN or a bastion. Judged per instance, Aurora cluster ' +
    'members included, since the setting is per instance.',
  remediation: {
    text:
      'Modify the instance and turn off public access: RDS console > Databases > <instance> > Modify > Connectivity > ' +
      'Additional configuration > Not publicly accessible, or `aws rds modify-db-instance --db-instance-identifier <id> ' +
      '--no-publicly-accessible --apply-immediately`. Also keep it in private subnets and restrict its security groups.',
    url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html#USER_VPC.Hiding',
  },
  reads: ['rds.instances'],
  evaluate(inventory) {
    return eachRegion(inventory, 'rds', inventory.rds, (data, region) =>
      withRead(
        data.instances,
        region,
        accountResource(inventory),
        (instances) =>
          instances.map((i) => {
            const resource = { type: 'AwsRdsDbInstance', id: i.id, arn: i.arn };
            const name = describe(i);
            return i.publiclyAccessible
              ? fail(region, resource, `${name} is publicly accessible: its endpoint resolves to a public IP address`)
              : pass(region, resource, `${name} is not publicly accessible`);
          }),
        `RDS DB instances in ${region}`,
      ),
    );
  },
};

function describe(i: DbInstance): string {
  const member = i.clusterId !== undefined ? `, member of cluster ${i.clusterId}` : '';
  const replica = i.readReplicaSourceId !== undefined ? `, read replica of ${i.readReplicaSourceId}` : '';
  return `DB instance ${i.id} (${i.engine}${member}${replica})`;
}

export default check;
