import check from '../../../checks/cloudfront/viewer-https';
import type { Distribution } from '../../../src/inventory/types';
import { checkContext, denied, failed, inventory, ok, statuses } from '../../support/inventory';
import { behavior, distribution } from '../../support/builders/cloudfront';

const run = (distributions: Distribution[]) => check.evaluate(inventory({ cloudfront: { distributions: ok(distributions) } }), checkContext());
const defaultCert = { cloudFrontDefaultCertificate: true, minimumProtocolVersion: 'TLSv1' };

describe('cloudfront.viewer-https', () => {
  it('passes when every behaviour forces HTTPS, and fails a distribution with any behaviour that allows HTTP, naming it', () => {
    const results = run([
      distribution('E1GOOD', { behaviors: [behavior('*', 'redirect-to-https'), behavior('/api/*', 'https-only')] }),
      distribution('E2BAD', { behaviors: [behavior('*', 'https-only'), behavior('/legacy/*', 'allow-all')], aliases: ['portal.example.com'] }),
    ]);
    expect(statuses(results)).toEqual({ 'global/E1GOOD': 'PASS', 'global/E2BAD': 'FAIL' });
    expect(results[0]?.message).toBe(
      'distribution E1GOOD (e1good.cloudfront.net): default behaviour redirect-to-https, behaviour /api/* https-only; its custom certificate arn:aws:acm:us-east-1:111122223333:certificate/c1 uses security policy TLSv1.2_2021',
    );
    expect(results[0]?.resource).toEqual({ type: 'AwsCloudFrontDistribution', id: 'E1GOOD', arn: 'arn:aws:cloudfront::111122223333:distribution/E1GOOD' });
    expect(results[1]?.message).toBe('distribution E2BAD (e2bad.cloudfront.net, portal.example.com): behaviour /legacy/* serves HTTP (allow-all)');
  });

  it('fails the default behaviour alone when it allows HTTP, and judges disabled distributions too', () => {
    const [only] = run([distribution('E3', { enabled: false, behaviors: [behavior('*', 'allow-all')] })]);
    expect(only).toMatchObject({ status: 'FAIL', message: 'distribution E3 (e3.cloudfront.net; disabled): default behaviour serves HTTP (allow-all)' });
  });

  it('fails a custom certificate whose security policy is older than TLSv1.2_2019 (TLSv1.2_2018 keeps non-forward-secret ciphers)', () => {
    const cert = (minimumProtocolVersion: string) => ({ ...distribution('x').viewerCertificate, minimumProtocolVersion });
    const results = run([
      distribution('E2018', { viewerCertificate: cert('TLSv1.2_2018') }),
      distribution('E2016', { viewerCertificate: cert('TLSv1.1_2016') }),
      distribution('E2019', { viewerCertificate: cert('TLSv1.2_2019') }),
      distribution('E13', { viewerCertificate: cert('TLSv1.3_2025') }),
    ]);
    expect(statuses(results)).toEqual({ 'global/E2018': 'FAIL', 'global/E2016': 'FAIL', 'global/E2019': 'PASS', 'global/E13': 'PASS' });
    expect(results[0]?.message).toContain('its custom certificate uses security policy TLSv1.2_2018, older than TLSv1.2_2019');
  });

  it('judges a security policy CloudFront adds later by its name, and says so', () => {
    const cert = (minimumProtocolVersion: string) => ({ ...distribution('x').viewerCertificate, minimumProtocolVersion });
    const results = run([distribution('ENEW', { viewerCertificate: cert('TLSv1.3_2027') }), distribution('EODD', { viewerCertificate: cert('TLSv1.1_2030') })]);
    expect(statuses(results)).toEqual({ 'global/ENEW': 'PASS', 'global/EODD': 'FAIL' });
    expect(results[0]?.message).toContain('TLSv1.3_2027 (judged from its name: not in the table of known policies)');
  });

  it('does not fail the default *.cloudfront.net certificate for its TLSv1 minimum, which cannot be changed', () => {
    const [only] = run([distribution('EDEF', { viewerCertificate: defaultCert })]);
    expect(only?.status).toBe('PASS');
    expect(only?.message).toContain('it serves the default *.cloudfront.net certificate, whose TLSv1 minimum cannot be changed (not judged)');
  });

  it('reports ERROR for a custom certificate without a security policy when nothing else fails', () => {
    const { minimumProtocolVersion: _, ...noPolicy } = distribution('x').viewerCertificate;
    const results = run([distribution('E1', { viewerCertificate: noPolicy }), distribution('E2', { viewerCertificate: noPolicy, behaviors: [behavior('*', 'allow-all')] })]);
    expect(statuses(results)).toEqual({ 'global/E1': 'ERROR', 'global/E2': 'FAIL' });
  });

  it('reports ERROR when distributions could not be listed or were not collected', () => {
    const denyList = check.evaluate(inventory({ cloudfront: { distributions: failed(denied('cloudfront', 'ListDistributions', 'global')) } }), checkContext());
    expect(denyList).toHaveLength(1);
    expect(denyList[0]).toMatchObject({ status: 'ERROR', region: 'global', resource: { type: 'AwsAccount' } });
    expect(denyList[0]?.message).toContain('could not read CloudFront distributions: AccessDenied');
    expect(denyList[0]?.message).toContain('cloudfront:ListDistributions');
    expect(statuses(check.evaluate(inventory({ cloudfront: {} }), checkContext()))).toEqual({ 'global/111122223333': 'ERROR' });
    expect(statuses(check.evaluate(inventory(), checkContext()))).toEqual({ 'global/111122223333': 'ERROR' });
  });
});
