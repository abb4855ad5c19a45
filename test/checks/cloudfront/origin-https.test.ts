import check from '../../../checks/cloudfront/origin-https';
import type { Distribution } from '../../../src/inventory/types';
import { checkContext, denied, failed, inventory, ok, statuses } from '../../support/inventory';
import { behavior, customOrigin, distribution, s3Origin } from '../../support/builders/cloudfront';

const run = (distributions: Distribution[]) => check.evaluate(inventory({ cloudfront: { distributions: ok(distributions) } }), checkContext());

describe('cloudfront.origin-https', () => {
  it('passes an https-only custom origin with TLSv1.2 and fails an http-only one', () => {
    const results = run([distribution('EGOOD'), distribution('EBAD', { origins: [customOrigin('app', 'http-only')] })]);
    expect(statuses(results)).toEqual({ 'global/EGOOD': 'PASS', 'global/EBAD': 'FAIL' });
    expect(results[0]?.message).toBe('distribution EGOOD (egood.cloudfront.net): origin app (app.example.com) is reached over HTTPS (https-only) with TLSv1.2');
    expect(results[1]?.message).toBe('distribution EBAD (ebad.cloudfront.net): origin app (app.example.com) is reached over HTTP only (http-only)');
    expect(results[1]?.resource).toEqual({ type: 'AwsCloudFrontDistribution', id: 'EBAD', arn: 'arn:aws:cloudfront::111122223333:distribution/EBAD' });
  });

  it('fails origin SSL protocols that include SSLv3, TLSv1 or TLSv1.1', () => {
    const results = run([
      distribution('ESSL3', { origins: [customOrigin('app', 'https-only', ['SSLv3', 'TLSv1.2'])] }),
      distribution('ETLS11', { origins: [customOrigin('app', 'https-only', ['TLSv1.1', 'TLSv1.2'])] }),
    ]);
    expect(statuses(results)).toEqual({ 'global/ESSL3': 'FAIL', 'global/ETLS11': 'FAIL' });
    expect(results[0]?.message).toContain('origin app (app.example.com) is reached over HTTPS (https-only) but CloudFront offers it SSLv3, TLSv1.2');
  });

  it('passes match-viewer only when every behaviour routing to the origin, directly or through an origin group, forces HTTPS', () => {
    const results = run([
      distribution('EMATCH', { origins: [customOrigin('app', 'match-viewer')], behaviors: [behavior('*', 'redirect-to-https'), behavior('/api/*', 'https-only')] }),
      distribution('EALLOW', { origins: [customOrigin('app', 'match-viewer')], behaviors: [behavior('*', 'https-only'), behavior('/img/*', 'allow-all')] }),
      distribution('EGROUP', {
        origins: [customOrigin('primary', 'https-only'), customOrigin('backup', 'match-viewer')],
        originGroups: [{ id: 'failover', memberOriginIds: ['primary', 'backup'] }],
        behaviors: [behavior('*', 'allow-all', 'failover')],
      }),
    ]);
    expect(statuses(results)).toEqual({ 'global/EMATCH': 'PASS', 'global/EALLOW': 'FAIL', 'global/EGROUP': 'FAIL' });
    expect(results[0]?.message).toContain('is reached over HTTPS (match-viewer, with every behaviour routing to it serving viewers over HTTPS only)');
    expect(results[1]?.message).toContain('origin app (app.example.com) uses match-viewer and behaviour /img/* (allow-all) accepts HTTP viewers, whose requests reach the origin over HTTP');
    expect(results[2]?.message).toContain('origin backup (backup.example.com) uses match-viewer and default behaviour (allow-all) accepts HTTP viewers');
    expect(results[2]?.message).toContain('origin primary (primary.example.com) is reached over HTTPS (https-only)');
  });

  it('does not judge S3 or VPC origins, nor distributions without a custom origin', () => {
    const results = run([
      distribution('ES3', { origins: [s3Origin('site')], behaviors: [behavior('*', 'allow-all', 'site')] }),
      distribution('EMIX', { origins: [customOrigin('app', 'https-only'), s3Origin('site'), { id: 'vpc', domainName: 'internal', kind: 'vpc' }] }),
    ]);
    expect(statuses(results)).toEqual({ 'global/EMIX': 'PASS' });
    expect(results[0]?.message).toContain('; 2 S3 or VPC origins not judged');
  });

  it('reports ERROR for a custom origin reported without its SSL protocols or with an unknown policy, unless another fails', () => {
    const results = run([
      distribution('ENOPROTO', { origins: [customOrigin('app', 'https-only', null)] }),
      distribution('EWEIRD', { origins: [customOrigin('app', 'tls-sometimes')] }),
      distribution('EBOTH', { origins: [customOrigin('app', 'https-only', null), customOrigin('old', 'http-only')] }),
    ]);
    expect(statuses(results)).toEqual({ 'global/ENOPROTO': 'ERROR', 'global/EWEIRD': 'ERROR', 'global/EBOTH': 'FAIL' });
    expect(results[0]?.message).toContain('is reported without its origin SSL protocols');
  });

  it('reports ERROR when distributions could not be listed', () => {
    const results = check.evaluate(inventory({ cloudfront: { distributions: failed(denied('cloudfront', 'ListDistributions', 'global')) } }), checkContext());
    expect(statuses(results)).toEqual({ 'global/111122223333': 'ERROR' });
  });
});
