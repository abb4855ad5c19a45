import check from '../../../checks/acm/certificates-valid';
import { DEFAULT_THRESHOLDS } from '../../../src/config/types';
import type { Certificate } from '../../../src/inventory/types';
import { checkContext, denied, failed, inventory, ok, statuses } from '../../support/inventory';
import { certificate } from '../../support/builders/acm';

// The test clock (COLLECTED_AT) is 2026-06-01T12:00:00Z.
const run = (certs: Certificate[], ctx = checkContext()) => check.evaluate(inventory({ acm: { 'us-east-1': { certificates: ok(certs) } } }), ctx);

describe('acm.certificates-valid', () => {
  it('passes an issued certificate in use with a long validity and a 2048-bit key, naming its expiry', () => {
    const [only] = run([certificate('good')]);
    expect(only).toMatchObject({ status: 'PASS', region: 'us-east-1' });
    expect(only?.message).toBe('amazon-issued certificate for good.example.com, in use: ISSUED, expires in 213 days, on 2027-01-01, RSA_2048 key');
    expect(only?.resource).toEqual({ type: 'AwsCertificateManagerCertificate', id: 'good', arn: 'arn:aws:acm:us-east-1:111122223333:certificate/good' });
  });

  it('fails a certificate expiring within the threshold, one already expired, and one not ISSUED', () => {
    const results = run([
      certificate('soon', { notAfter: '2026-06-20T00:00:00.000Z', type: 'IMPORTED' }),
      certificate('edge', { notAfter: '2026-07-01T12:00:00.000Z' }),
      certificate('past', { status: 'EXPIRED', notAfter: '2026-05-01T00:00:00.000Z' }),
      certificate('revoked', { status: 'REVOKED' }),
    ]);
    expect(statuses(results)).toEqual({ 'us-east-1/soon': 'FAIL', 'us-east-1/edge': 'FAIL', 'us-east-1/past': 'FAIL', 'us-east-1/revoked': 'FAIL' });
    expect(results[0]?.message).toBe('imported certificate for soon.example.com, in use: it expires in 18 days, on 2026-06-20, within the 30-day threshold');
    expect(results[1]?.message).toContain('it expires in 30 days');
    expect(results[2]?.message).toBe('amazon-issued certificate for past.example.com, in use: its status is EXPIRED, not ISSUED; it expired on 2026-05-01');
    expect(results[3]?.message).toContain('its status is REVOKED, not ISSUED');
  });

  it('follows the configured number of days', () => {
    const thresholds = { ...DEFAULT_THRESHOLDS, acmMinDaysToExpiry: 7 };
    const [only] = run([certificate('soon', { notAfter: '2026-06-20T00:00:00.000Z' })], checkContext({ thresholds }));
    expect(only?.status).toBe('PASS');
  });

  it('fails RSA keys shorter than 2048 bits and accepts ECDSA and larger RSA keys', () => {
    const results = run([certificate('weak', { keyAlgorithm: 'RSA_1024' }), certificate('ec', { keyAlgorithm: 'EC_secp384r1' }), certificate('big', { keyAlgorithm: 'RSA_4096' })]);
    expect(statuses(results)).toEqual({ 'us-east-1/weak': 'FAIL', 'us-east-1/ec': 'PASS', 'us-east-1/big': 'PASS' });
    expect(results[0]?.message).toContain('its key is RSA_1024, shorter than 2048-bit RSA');
  });

  it('judges only certificates in use, and names what uses them when known', () => {
    const results = run([
      certificate('unused', { inUse: false, status: 'EXPIRED' }),
      certificate('used', { inUseBy: ['arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/portal/1'] }),
    ]);
    expect(statuses(results)).toEqual({ 'us-east-1/used': 'PASS' });
    expect(results[0]?.message).toContain('used by arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/portal/1');
  });

  it('reports ERROR when certificates could not be listed, and for a region without acm data', () => {
    const denyList = check.evaluate(inventory({ acm: { 'us-east-1': { certificates: failed(denied('acm', 'ListCertificates')) } } }), checkContext());
    expect(denyList).toHaveLength(1);
    expect(denyList[0]).toMatchObject({ status: 'ERROR', resource: { type: 'AwsAccount' } });
    expect(denyList[0]?.message).toContain('could not read ACM certificates in us-east-1: AccessDenied');
    const missing = check.evaluate(inventory({ regions: ['us-east-1', 'eu-west-1'], acm: { 'us-east-1': { certificates: ok([]) } } }), checkContext());
    expect(statuses(missing)).toEqual({ 'eu-west-1/111122223333': 'ERROR' });
  });
});
