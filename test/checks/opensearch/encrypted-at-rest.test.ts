import check from '../../../checks/opensearch/encrypted-at-rest';
import { ALL_READS, type Inventory } from '../../../src/inventory/types';
import { checkContext, denied, failed, inventory, ok, statuses } from '../../support/inventory';
import { kmsKey } from '../../support/builders/kms';
import { searchDomain as domain } from '../../support/builders/opensearch';

const AWS_KEY = 'arn:aws:kms:us-east-1:111122223333:key/aws-es';
const CMK = 'arn:aws:kms:us-east-1:111122223333:key/cmk-1';

const withKms: Partial<Inventory> = {
  kms: { 'us-east-1': { keys: ok([kmsKey('aws-es', { manager: 'AWS', aliases: ['alias/aws/es'] }), kmsKey('cmk-1', { aliases: ['alias/phi-search'] })]) } },
};

describe('opensearch.encrypted-at-rest', () => {
  it('fails an unencrypted domain and names the key of an encrypted one, and who manages it per the KMS inventory', () => {
    const inv = inventory({
      ...withKms,
      opensearch: {
        'us-east-1': {
          domains: ok([domain('plain', { encryptionAtRest: false }), domain('aws-key', { kmsKeyId: AWS_KEY }), domain('cmk', { kmsKeyId: CMK }), domain('gone', { deleted: true, encryptionAtRest: false })]),
        },
      },
    });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ 'us-east-1/plain': 'FAIL', 'us-east-1/aws-key': 'PASS', 'us-east-1/cmk': 'PASS' });
    expect(results[0]?.message).toBe('domain plain (OpenSearch 2.11, in a VPC): not encrypted at rest (EncryptionAtRestOptions.Enabled false)');
    expect(results[1]?.message).toBe(`domain aws-key (OpenSearch 2.11, in a VPC): encrypted at rest with the AWS managed KMS key ${AWS_KEY} (alias/aws/es; per the KMS inventory)`);
    expect(results[2]?.message).toBe(`domain cmk (OpenSearch 2.11, in a VPC): encrypted at rest with the customer managed KMS key ${CMK} (alias/phi-search; per the KMS inventory)`);
  });

  it('says what it cannot know about a key when the run did not read the KMS keys', () => {
    const inv = inventory({ reads: ALL_READS.filter((r) => !r.startsWith('kms.')), opensearch: { 'us-east-1': { domains: ok([domain('d', { kmsKeyId: CMK })]) } } });
    const [only] = check.evaluate(inv, checkContext());
    expect(only?.status).toBe('PASS');
    expect(only?.message).toBe(
      `domain d (OpenSearch 2.11, in a VPC): encrypted at rest with KMS key ${CMK} (AWS managed or customer managed: not known, as the run did not read the KMS keys, which tell them apart (any kms.* check reads them))`,
    );
  });

  it('reports ERROR when the domains could not be read', () => {
    const [only] = check.evaluate(inventory({ opensearch: { 'us-east-1': { domains: failed(denied('opensearch', 'ListDomainNames')) } } }), checkContext());
    expect(only).toMatchObject({ status: 'ERROR', resource: { type: 'AwsAccount' } });
    expect(only?.message).toContain('Fix: allow es:ListDomainNames');
  });
});
