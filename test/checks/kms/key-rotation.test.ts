import check from '../../../checks/kms/key-rotation';
import { checkContext, denied, failed, inventory, ok, statuses } from '../../support/inventory';
import { kmsKey as key } from '../../support/builders/kms';

const regions = ['us-east-1', 'eu-west-1'];

describe('kms.key-rotation', () => {
  it('passes a rotating key and fails one that does not rotate, naming aliases and period', () => {
    const inv = inventory({
      kms: {
        'us-east-1': {
          keys: ok([
            key('k1', { aliases: ['alias/claims-archive'], rotation: ok({ enabled: true, periodDays: 180 }) }),
            key('k2', { aliases: ['alias/phi-claims', 'alias/phi-claims-prod'], rotation: ok({ enabled: false }) }),
          ]),
        },
      },
    });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ 'us-east-1/k1': 'PASS', 'us-east-1/k2': 'FAIL' });
    expect(results[0]?.message).toBe('customer-managed key k1 (alias/claims-archive) rotates its key material automatically every 180 days');
    expect(results[1]?.message).toBe('customer-managed key k2 (alias/phi-claims, alias/phi-claims-prod) is enabled but automatic key rotation is off');
    expect(results[1]?.resource).toEqual({ type: 'AwsKmsKey', id: 'k2', arn: 'arn:aws:kms:us-east-1:111122223333:key/k2' });
  });

  it('skips keys that cannot use automatic rotation', () => {
    const inv = inventory({
      kms: {
        'us-east-1': {
          keys: ok([
            key('aws', { manager: 'AWS', state: 'UNKNOWN', spec: 'UNKNOWN', origin: 'UNKNOWN', aliases: ['alias/aws/s3'], rotation: null }),
            key('rsa', { spec: 'RSA_2048', rotation: null }),
            key('hmac', { spec: 'HMAC_256', rotation: null }),
            key('imported', { origin: 'EXTERNAL', rotation: null }),
            key('hsm', { origin: 'AWS_CLOUDHSM', rotation: null }),
            key('xks', { origin: 'EXTERNAL_KEY_STORE', rotation: null }),
            key('disabled', { state: 'Disabled', rotation: null }),
            key('deleting', { state: 'PendingDeletion', rotation: null }),
            key('replica', { multiRegionRole: 'REPLICA', rotation: null }),
          ]),
        },
      },
    });
    expect(check.evaluate(inv, checkContext())).toEqual([]);
  });

  it('judges a multi-Region primary key and says its replicas follow it', () => {
    const inv = inventory({ kms: { 'us-east-1': { keys: ok([key('mrk-1', { multiRegionRole: 'PRIMARY', rotation: ok({ enabled: false }) })]) } } });
    const [only] = check.evaluate(inv, checkContext());
    expect(only?.status).toBe('FAIL');
    expect(only?.message).toContain('multi-Region primary: its replicas follow it');
  });

  it('reports ERROR for a key that could not be described, and for a failed rotation read', () => {
    const inv = inventory({
      kms: {
        'us-east-1': {
          keys: ok([
            key('locked', {
              manager: 'UNKNOWN',
              state: 'UNKNOWN',
              spec: 'UNKNOWN',
              origin: 'UNKNOWN',
              aliases: ['alias/break-glass'],
              rotation: failed(denied('kms', 'DescribeKey')),
            }),
            key('norot', { rotation: failed(denied('kms', 'GetKeyRotationStatus')) }),
            key('fine'),
          ]),
        },
      },
    });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ 'us-east-1/locked': 'ERROR', 'us-east-1/norot': 'ERROR', 'us-east-1/fine': 'PASS' });
    expect(results[0]?.message).toBe(
      'could not read key locked (alias/break-glass) with DescribeKey: AccessDenied: User is not authorized to perform: kms:DescribeKey. ' +
        `Fix: allow kms:DescribeKey for the auditing identity (the AWS managed SecurityAudit policy includes it; where SecurityAudit is attached, a permissions boundary, SCP or resource policy denies it).`,
    );
    expect(results[1]?.message).toContain('could not read the rotation status of key norot: AccessDenied');
  });

  it('reports ERROR when an eligible key carries no rotation read', () => {
    const inv = inventory({ kms: { 'us-east-1': { keys: ok([key('k', { rotation: null })]) } } });
    expect(check.evaluate(inv, checkContext())[0]).toMatchObject({ status: 'ERROR', message: expect.stringContaining('not collected') });
  });

  it('reports ERROR for a region whose keys could not be listed, and for a missing region', () => {
    const inv = inventory({ regions, kms: { 'us-east-1': { keys: failed(denied('kms', 'ListKeys')) } } });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ 'us-east-1/111122223333': 'ERROR', 'eu-west-1/111122223333': 'ERROR' });
    expect(results[0]?.message).toBe('could not read KMS keys in us-east-1: AccessDenied: User is not authorized to perform: kms:ListKeys. Fix: allow kms:ListKeys for the auditing identity (the AWS managed SecurityAudit policy includes it; where SecurityAudit is attached, a permissions boundary, SCP or resource policy denies it).');
  });
});
