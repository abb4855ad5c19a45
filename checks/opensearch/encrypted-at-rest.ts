import type { Check } from '../../src/evaluate/types';
import { fail, pass } from '../../src/evaluate/results';
import { kmsKeyOwnership, kmsKeyPhrase } from '../../src/judge/kms-keys';
import { domainLabel, domainResource, eachDomain } from './domains';

const check: Check = {
  id: 'opensearch.encrypted-at-rest',
  title: 'OpenSearch domains encrypt their data at rest',
  severity: 'high',
  hipaa: ['164.312(a)(2)(iv)'],
  controls: ['Opensearch.1'],
  description:
    'Encryption at rest protects the indices, logs, swap files and automated snapshots of a domain with a KMS key ' +
    '(the AWS managed aws/es key or a customer managed key), so ePHI in a search domain is unreadable on the ' +
    'underlying storage. Domains do not encrypt at rest unless asked to; each domain not being deleted is judged on ' +
    'EncryptionAtRestOptions, and passing results name the key and, when the run read the KMS keys, who manages it.',
  remediation: {
    text:
      'OpenSearch and Elasticsearch 6.7+ domains: `aws opensearch update-domain-config --domain-name <name> ' +
      '--encryption-at-rest-options Enabled=true,KmsKeyId=<key>` (it cannot be turned off again). Older domains: ' +
      'create an encrypted domain and restore a manual snapshot into it.',
    url: 'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/encryption-at-rest.html',
  },
  reads: ['opensearch.domains'],
  evaluate(inventory) {
    return eachDomain(inventory, (d, region) => {
      const resource = domainResource(d);
      if (!d.encryptionAtRest) return fail(region, resource, `${domainLabel(d)}: not encrypted at rest (EncryptionAtRestOptions.Enabled false)`);
      const key = d.kmsKeyId ? ` with ${kmsKeyPhrase(kmsKeyOwnership(inventory, region, d.kmsKeyId), d.kmsKeyId)}` : '';
      return pass(region, resource, `${domainLabel(d)}: encrypted at rest${key}`);
    });
  },
};

export default check;
