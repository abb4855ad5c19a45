import { kmsKeyOwnership, kmsKeyPhrase } from '../../src/judge/kms-keys';
import { ALL_READS, KMS_UNKNOWN } from '../../src/inventory/types';
import { denied, failed, inventory, ok } from '../support/inventory';
import { kmsKey } from '../support/builders/kms';

const arn = (id: string, region = 'us-east-1', account = '111122223333') => `arn:aws:kms:${region}:${account}:key/${id}`;
const inv = inventory({
  regions: ['us-east-1', 'eu-west-1'],
  kms: {
    'us-east-1': {
      keys: ok([
        kmsKey('aws-1', { manager: 'AWS', aliases: ['alias/aws/dynamodb'] }),
        // An alias/aws/ alias is decisive even before DescribeKey (which the collector skips for such keys).
        kmsKey('aws-2', { manager: KMS_UNKNOWN, aliases: ['alias/aws/es'] }),
        kmsKey('cmk', { aliases: ['alias/claims'] }),
        kmsKey('refused', { manager: KMS_UNKNOWN, rotation: failed(denied('kms', 'DescribeKey')) }),
      ]),
    },
    'eu-west-1': { keys: failed(denied('kms', 'ListKeys', 'eu-west-1')) },
  },
});

describe('KMS key ownership', () => {
  it('reads who manages a key from the KMS inventory, by ARN or key id', () => {
    expect(kmsKeyOwnership(inv, 'us-east-1', arn('aws-1'))).toEqual({ manager: 'AWS', source: 'alias/aws/dynamodb; per the KMS inventory' });
    expect(kmsKeyOwnership(inv, 'us-east-1', arn('aws-2'))).toEqual({ manager: 'AWS', source: 'alias/aws/es; per the KMS inventory' });
    expect(kmsKeyOwnership(inv, 'us-east-1', 'cmk')).toEqual({ manager: 'CUSTOMER', source: 'alias/claims; per the KMS inventory' });
  });

  it('knows a key of another account is customer managed without looking it up', () => {
    expect(kmsKeyOwnership(inv, 'us-east-1', arn('x', 'us-east-1', '444455556666'))).toEqual({ manager: 'CUSTOMER', source: 'it is in account 444455556666' });
  });

  it('looks a key up in its own region and says why it cannot tell', () => {
    expect(kmsKeyOwnership(inv, 'us-east-1', arn('cmk', 'eu-west-1'))).toEqual({ manager: undefined, reason: 'the KMS keys of eu-west-1 could not be read (AccessDenied)' });
    expect(kmsKeyOwnership(inv, 'us-east-1', arn('cmk', 'ap-south-1'))).toEqual({ manager: undefined, reason: 'the inventory holds no KMS keys of ap-south-1' });
    expect(kmsKeyOwnership(inv, 'us-east-1', arn('nope'))).toEqual({ manager: undefined, reason: 'the key is not among the KMS keys read in us-east-1' });
    expect(kmsKeyOwnership(inv, 'us-east-1', arn('refused'))).toEqual({ manager: undefined, reason: 'DescribeKey was refused for the key' });
    const noKms = { ...inv, reads: ALL_READS.filter((r) => r !== 'kms.keys') };
    expect(kmsKeyOwnership(noKms, 'us-east-1', arn('cmk')).manager).toBeUndefined();
  });

  it('phrases each case for a message', () => {
    expect(kmsKeyPhrase({ manager: 'AWS', source: 'alias/aws/es; per the KMS inventory' }, 'k')).toBe('the AWS managed KMS key k (alias/aws/es; per the KMS inventory)');
    expect(kmsKeyPhrase({ manager: 'CUSTOMER', source: 'it is in account 444455556666' }, 'k')).toBe('the customer managed KMS key k (it is in account 444455556666)');
    expect(kmsKeyPhrase({ manager: undefined, reason: 'why' }, 'k')).toBe('KMS key k (AWS managed or customer managed: not known, as why)');
  });
});
