import type { Check, CheckResult } from '../../src/evaluate/types';
import { fail, pass, readOf, result, unreadable } from '../../src/evaluate/results';
import type { RedshiftCluster, RedshiftRegion } from '../../src/inventory/types';
import { clusterResource, eachRedshiftCluster } from './clusters';

/** Parameter apply statuses under which the group's value is the one the cluster runs with (or soon will, unaided). */
const APPLIED = ['in-sync', 'applying'];

const check: Check = {
  id: 'redshift.require-ssl',
  title: 'Redshift clusters refuse connections without SSL',
  severity: 'medium',
  hipaa: ['164.312(e)(1)'],
  controls: ['Redshift.2'],
  description:
    'Unless its parameter group sets require_ssl to true, a Redshift cluster accepts plaintext connections, and SQL ' +
    'clients that prefer but do not require SSL send credentials and query results holding ePHI in the clear. Each ' +
    'cluster is judged by the require_ssl value in its parameter group, read once per distinct group, and by whether ' +
    'the cluster runs with it: a value still pending a reboot is not in effect. A group that shows no value is not ' +
    'judged (ERROR), since the default differs between parameter groups.',
  remediation: {
    text:
      'Default parameter groups cannot be changed: create one (`aws redshift create-cluster-parameter-group ' +
      '--parameter-group-name <group> --parameter-group-family redshift-1.0 --description "require SSL"`), set ' +
      '`aws redshift modify-cluster-parameter-group --parameter-group-name <group> ' +
      '--parameters ParameterName=require_ssl,ParameterValue=true`, attach it (`aws redshift modify-cluster ' +
      '--cluster-identifier <id> --cluster-parameter-group-name <group>`) and reboot the cluster. Update clients to ' +
      'connect with SSL first.',
    url: 'https://docs.aws.amazon.com/redshift/latest/mgmt/connecting-ssl-support.html',
  },
  reads: ['redshift.clusters', 'redshift.parameters'],
  evaluate(inventory) {
    return eachRedshiftCluster(inventory, (c, data, region) => (c.status === 'deleting' ? undefined : judge(c, data, region)));
  },
};

function judge(c: RedshiftCluster, data: RedshiftRegion, region: string): CheckResult {
  const resource = clusterResource(c);
  const name = `Redshift cluster ${c.id}`;
  const notJudged = (why: string) => result('ERROR', region, resource, `not judged: ${name}: ${why}`);
  if (c.parameterGroup === undefined) return notJudged('the DescribeClusters answer named no parameter group for it');
  const group = c.parameterGroup.name;
  const read = readOf(data.parameterGroups?.[group], 'redshift', region, 'DescribeClusterParameters');
  if (!read.ok) return unreadable(region, resource, read.error, `the require_ssl parameter of parameter group ${group}, used by ${name}`);
  const found = read.value.require_ssl;
  if (found === undefined) return notJudged(`its parameter group ${group} has no require_ssl parameter`);
  if (found.value === undefined) return notJudged(`parameter group ${group} shows no require_ssl value, and the default differs between parameter groups; set it explicitly`);

  const seen = `require_ssl = ${found.value} in parameter group ${group}${found.source !== undefined ? ` (source: ${found.source})` : ''}`;
  if (found.value.trim().toLowerCase() !== 'true') return fail(region, resource, `${name} accepts connections without SSL: ${seen}`);
  const status = c.parameterGroup.parameterStatus.require_ssl;
  if (status !== undefined && !APPLIED.includes(status)) {
    return fail(region, resource, `${name} still accepts connections without SSL: ${seen}, but that value is not applied (${status}); it takes effect when the cluster reboots`);
  }
  if (status === undefined && c.parameterGroup.applyStatus === 'pending-reboot') {
    return notJudged(`${seen}, but the group is pending a reboot and Redshift did not say which parameters wait for it`);
  }
  return pass(region, resource, `${name} refuses connections without SSL: ${seen}`);
}

export default check;
