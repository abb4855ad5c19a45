import type { Check } from '../../src/evaluate/types';
import { fail, pass, result } from '../../src/evaluate/results';
import { clusterResource, eachRedshiftCluster } from './clusters';

const check: Check = {
  id: 'redshift.encrypted',
  title: 'Redshift clusters are encrypted at rest',
  severity: 'high',
  hipaa: ['164.312(a)(2)(iv)'],
  controls: ['Redshift.10'],
  description:
    'An encrypted cluster encrypts its data blocks, system metadata and snapshots with a KMS key, so the ePHI in a ' +
    'warehouse stays unreadable if storage or a snapshot copy is exposed, and the key policy becomes a second access ' +
    'control. Every provisioned cluster is judged (clusters being deleted are skipped); Redshift Serverless ' +
    'namespaces are always encrypted.',
  remediation: {
    text:
      'Redshift console > Clusters > <cluster> > Properties > Edit encryption > Use AWS KMS, or `aws redshift ' +
      'modify-cluster --cluster-identifier <id> --encrypted --kms-key-id <key>`: Redshift migrates the data to an ' +
      'encrypted cluster (the cluster is read-only meanwhile).',
    url: 'https://docs.aws.amazon.com/redshift/latest/mgmt/changing-cluster-encryption.html',
  },
  reads: ['redshift.clusters'],
  evaluate(inventory) {
    return eachRedshiftCluster(inventory, (c, _data, region) => {
      if (c.status === 'deleting') return undefined;
      const resource = clusterResource(c);
      const name = `Redshift cluster ${c.id}`;
      if (c.encrypted === undefined) return result('ERROR', region, resource, `not judged: ${name}: the DescribeClusters answer did not say whether it is encrypted`);
      return c.encrypted
        ? pass(region, resource, `${name} is encrypted at rest${c.kmsKeyId ? ` with KMS key ${c.kmsKeyId}` : ''}`)
        : fail(region, resource, `${name} is not encrypted at rest`);
    });
  },
};

export default check;
