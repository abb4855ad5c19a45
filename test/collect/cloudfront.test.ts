import { CloudFrontClient, ListDistributionsCommand, type DistributionSummary } from '@aws-sdk/client-cloudfront';
import { mockClient } from 'aws-sdk-client-mock';
import { cloudfrontCollector } from '../../src/collect/cloudfront';
import { ACCOUNT, awsError, collectContext } from '../support/inventory';

const cf = mockClient(CloudFrontClient);
beforeEach(() => cf.reset());

const arn = (id: string) => `arn:aws:cloudfront::${ACCOUNT}:distribution/${id}`;

/** A distribution summary as ListDistributions returns it: the required members, overridable. */
function summary(id: string, extra: Partial<DistributionSummary> = {}): DistributionSummary {
  return {
    Id: id,
    ARN: arn(id),
    Status: 'Deployed',
    LastModifiedTime: new Date('2026-01-01T00:00:00Z'),
    DomainName: `${id.toLowerCase()}.cloudfront.net`,
    Aliases: { Quantity: 0 },
    Origins: { Quantity: 1, Items: [{ Id: 'site', DomainName: 'site.s3.us-east-1.amazonaws.com', S3OriginConfig: { OriginAccessIdentity: '' } }] },
    DefaultCacheBehavior: { TargetOriginId: 'site', ViewerProtocolPolicy: 'redirect-to-https' },
    CacheBehaviors: { Quantity: 0 },
    CustomErrorResponses: { Quantity: 0 },
    Comment: '',
    PriceClass: 'PriceClass_All',
    Enabled: true,
    ViewerCertificate: { CloudFrontDefaultCertificate: true, MinimumProtocolVersion: 'TLSv1' },
    Restrictions: { GeoRestriction: { RestrictionType: 'none', Quantity: 0 } },
    WebACLId: '',
    HttpVersion: 'http2',
    IsIPV6Enabled: true,
    Staging: false,
    ...extra,
  };
}

const list = (items: DistributionSummary[] | undefined, more: { NextMarker?: string } = {}) => ({
  DistributionList: { Marker: '', MaxItems: 100, IsTruncated: more.NextMarker !== undefined, Quantity: items?.length ?? 0, ...(items ? { Items: items } : {}), ...more },
});

describe('cloudfront collector', () => {
  it('reads every distribution with one paginated ListDistributions in us-east-1, each page answering only to its own Marker', async () => {
    const regions: string[] = [];
    const markers: Array<string | undefined> = [];
    cf.on(ListDistributionsCommand).callsFake(async (input: { Marker?: string }, getClient) => {
      regions.push(await (getClient() as unknown as { config: { region: () => Promise<string> } }).config.region());
      markers.push(input.Marker);
      if (input.Marker === undefined) return list([summary('E1')], { NextMarker: 'E1' });
      if (input.Marker === 'E1') return list([summary('E2')]);
      throw new Error(`unexpected marker ${input.Marker}`);
    });
    const ctx = collectContext(['eu-west-1']);
    const data = await cloudfrontCollector.collect(ctx);
    expect(markers).toEqual([undefined, 'E1']);
    expect(regions).toEqual(['us-east-1', 'us-east-1']);
    expect(data.distributions?.ok && data.distributions.value.map((d) => d.id)).toEqual(['E1', 'E2']);
    expect(ctx.aws.apiCalls.byOperation()).toEqual({ 'cloudfront:ListDistributions': 2 });
  });

  it('maps behaviours, origins of every kind, origin groups, aliases and the certificate from the summary', async () => {
    cf.on(ListDistributionsCommand).resolves(
      list([
        summary('E1', {
          Aliases: { Quantity: 1, Items: ['portal.example.com'] },
          Origins: {
            Quantity: 3,
            Items: [
              {
                Id: 'api',
                DomainName: 'api.example.com',
                CustomOriginConfig: { HTTPPort: 80, HTTPSPort: 443, OriginProtocolPolicy: 'match-viewer', OriginSslProtocols: { Quantity: 2, Items: ['TLSv1.1', 'TLSv1.2'] } },
              },
              { Id: 'assets', DomainName: 'assets.s3.us-east-1.amazonaws.com', S3OriginConfig: { OriginAccessIdentity: '' }, OriginAccessControlId: 'oac-1' },
              { Id: 'internal', DomainName: 'internal.example.com', VpcOriginConfig: { VpcOriginId: 'vo-1' } },
            ],
          },
          OriginGroups: { Quantity: 1, Items: [{ Id: 'failover', FailoverCriteria: { StatusCodes: { Quantity: 1, Items: [503] } }, Members: { Quantity: 2, Items: [{ OriginId: 'api' }, { OriginId: 'internal' }] } }] },
          DefaultCacheBehavior: { TargetOriginId: 'failover', ViewerProtocolPolicy: 'https-only' },
          CacheBehaviors: { Quantity: 1, Items: [{ PathPattern: '/static/*', TargetOriginId: 'assets', ViewerProtocolPolicy: 'allow-all' }] },
          ViewerCertificate: {
            CloudFrontDefaultCertificate: false,
            ACMCertificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/c1',
            SSLSupportMethod: 'sni-only',
            MinimumProtocolVersion: 'TLSv1.2_2021',
          },
          Enabled: false,
        }),
      ]),
    );
    const data = await cloudfrontCollector.collect(collectContext());
    expect(data.distributions).toEqual({
      ok: true,
      value: [
        {
          id: 'E1',
          arn: arn('E1'),
          domainName: 'e1.cloudfront.net',
          aliases: ['portal.example.com'],
          enabled: false,
          behaviors: [
            { pathPattern: '*', isDefault: true, viewerProtocolPolicy: 'https-only', targetOriginId: 'failover' },
            { pathPattern: '/static/*', isDefault: false, viewerProtocolPolicy: 'allow-all', targetOriginId: 'assets' },
          ],
          origins: [
            { id: 'api', domainName: 'api.example.com', kind: 'custom', protocolPolicy: 'match-viewer', sslProtocols: ['TLSv1.1', 'TLSv1.2'] },
            { id: 'assets', domainName: 'assets.s3.us-east-1.amazonaws.com', kind: 's3' },
            { id: 'internal', domainName: 'internal.example.com', kind: 'vpc' },
          ],
          originGroups: [{ id: 'failover', memberOriginIds: ['api', 'internal'] }],
          viewerCertificate: {
            cloudFrontDefaultCertificate: false,
            acmCertificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/c1',
            minimumProtocolVersion: 'TLSv1.2_2021',
            sslSupportMethod: 'sni-only',
          },
        },
      ],
    });
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
  });

  it('treats empty certificate names as none: the default certificate is the default only when nothing else is named', async () => {
    cf.on(ListDistributionsCommand).resolves(
      list([
        summary('E1', { ViewerCertificate: { CloudFrontDefaultCertificate: true, ACMCertificateArn: '', IAMCertificateId: '', MinimumProtocolVersion: 'TLSv1' } }),
        summary('E2', { ViewerCertificate: { CloudFrontDefaultCertificate: true, ACMCertificateArn: 'arn:aws:acm:us-east-1:1:certificate/x', MinimumProtocolVersion: 'TLSv1' } }),
      ]),
    );
    const data = await cloudfrontCollector.collect(collectContext());
    const [e1, e2] = data.distributions?.ok ? data.distributions.value : [];
    expect(e1?.viewerCertificate).toEqual({ cloudFrontDefaultCertificate: true, minimumProtocolVersion: 'TLSv1' });
    expect(e2?.viewerCertificate).toMatchObject({ cloudFrontDefaultCertificate: false, acmCertificateArn: 'arn:aws:acm:us-east-1:1:certificate/x' });
  });

  it('reads a list of Quantity 0 without Items as empty (CloudFront leaves Items out), and an account without distributions as none', async () => {
    cf.on(ListDistributionsCommand).resolves(list(undefined));
    expect((await cloudfrontCollector.collect(collectContext())).distributions).toEqual({ ok: true, value: [] });
  });

  it('takes a page without its list, a non-zero Quantity without Items, or a summary without origins as incomplete', async () => {
    for (const answer of [
      {},
      { DistributionList: { Marker: '', MaxItems: 100, IsTruncated: false, Quantity: 2 } },
      list([{ ...summary('E1'), Origins: undefined }]),
      list([summary('E1', { CacheBehaviors: { Quantity: 1 } })]),
      list([summary('E1', { Origins: { Quantity: 1, Items: [{ Id: 'x', DomainName: 'x.example.com' }] } })]),
    ]) {
      cf.on(ListDistributionsCommand).resolves(answer);
      const data = await cloudfrontCollector.collect(collectContext());
      expect(data.distributions).toMatchObject({ ok: false, error: { service: 'cloudfront', region: 'global', operation: 'ListDistributions', code: 'IncompleteAnswer' } });
    }
  });

  it('records AccessDenied as a failed read under the region global', async () => {
    cf.on(ListDistributionsCommand).rejects(awsError('AccessDenied', 'User is not authorized to perform: cloudfront:ListDistributions', 403));
    expect((await cloudfrontCollector.collect(collectContext())).distributions).toEqual({
      ok: false,
      error: { service: 'cloudfront', region: 'global', operation: 'ListDistributions', code: 'AccessDenied', message: 'User is not authorized to perform: cloudfront:ListDistributions' },
    });
  });

  it('makes no call when no selected check wants distributions, and uses the China partition\'s control-plane region there', async () => {
    const idle = collectContext(['us-east-1'], []);
    expect(await cloudfrontCollector.collect(idle)).toEqual({});
    expect(cf.calls()).toHaveLength(0);

    let region = '';
    cf.on(ListDistributionsCommand).callsFake(async (_input, getClient) => {
      region = await (getClient() as unknown as { config: { region: () => Promise<string> } }).config.region();
      return list([]);
    });
    await cloudfrontCollector.collect({ ...collectContext(['cn-north-1']), partition: 'aws-cn' });
    expect(region).toBe('cn-northwest-1');
  });
});
