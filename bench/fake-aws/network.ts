import { ACCOUNT_ID, type SyntheticAccount } from './account';
import { epochDaysFromNow, page, range, regionIndex, type Call, type Handler } from './call';
import { json, jsonError, members, queryAnswer, queryError, restXml, xml, type Answer } from './wire';

/* ePHI in transit: Elastic Load Balancing (v2 and Classic share the signing name and tell themselves apart by the
 * query Version), CloudFront (REST-XML, global) and ACM certificates. */

const ELBV2_NS = 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/';
const ELB_NS = 'http://elasticloadbalancing.amazonaws.com/doc/2012-06-01/';
const TLS_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';
const OLD_TLS_POLICY = 'ELBSecurityPolicy-2016-08';

/** Load balancer i of a region, by i mod 3: an internet-facing ALB, an internal ALB, an NLB. */
function loadBalancer(call: Call, r: number, i: number) {
  const type = i % 3 === 2 ? 'network' : 'application';
  const name = `${type === 'network' ? 'nlb' : 'alb'}-${r}-${i}`;
  const arn = `arn:aws:elasticloadbalancing:${call.region}:${ACCOUNT_ID}:loadbalancer/${type === 'network' ? 'net' : 'app'}/${name}/${String(1e15 + r * 1000 + i)}`;
  return { name, arn, type, scheme: i % 3 === 1 ? 'internal' : 'internet-facing' };
}

const loadBalancers = (call: Call, account: SyntheticAccount) => range(account.perRegion).map((i) => loadBalancer(call, regionIndex(account, call.region), i));
const tgArn = (call: Call, name: string) => `arn:aws:elasticloadbalancing:${call.region}:${ACCOUNT_ID}:targetgroup/${name}/0123456789abcdef`;
const certArn = (region: string, i: number) => `arn:aws:acm:${region}:${ACCOUNT_ID}:certificate/0000${i}000-1111-2222-3333-444455556666`;

/** Load balancer arns end in a number; the listener arns built from it say which load balancer and listener they are. */
const indexOfArn = (arn: string) => Number(/\/(\d+)(?:\/\d+)?$/.exec(arn)?.[1] ?? 0) % 1000;

function listenersOf(call: Call, lbArn: string) {
  const i = indexOfArn(lbArn);
  const listenerArn = (port: number) => `${lbArn.replace(':loadbalancer/', ':listener/')}/${port}`;
  const forward = (tg: string) => ({ Type: 'forward', TargetGroupArn: tgArn(call, tg), Order: 1 });
  if (i % 3 === 2) {
    return [{ ListenerArn: listenerArn(443), LoadBalancerArn: lbArn, Port: 443, Protocol: 'TLS', SslPolicy: TLS_POLICY, Certificates: [{ CertificateArn: certArn(call.region, 0) }], DefaultActions: [forward('tcp-app')] }];
  }
  // Load balancer 0 still answers plain HTTP (a FAIL); the others redirect port 80 to HTTPS.
  const http = i === 0 ? forward('web-http') : { Type: 'redirect', Order: 1, RedirectConfig: { Protocol: 'HTTPS', Port: '443', Host: '#{host}', Path: '/#{path}', Query: '#{query}', StatusCode: 'HTTP_301' } };
  return [
    { ListenerArn: listenerArn(80), LoadBalancerArn: lbArn, Port: 80, Protocol: 'HTTP', DefaultActions: [http] },
    { ListenerArn: listenerArn(443), LoadBalancerArn: lbArn, Port: 443, Protocol: 'HTTPS', SslPolicy: i === 1 ? OLD_TLS_POLICY : TLS_POLICY, Certificates: [{ CertificateArn: certArn(call.region, i % 2) }], DefaultActions: [forward('web-https')] },
  ];
}

function elbv2(call: Call, account: SyntheticAccount, action: string): Answer {
  const answer = (result: Record<string, unknown>) => queryAnswer(action, result, ELBV2_NS);
  switch (action) {
    case 'DescribeLoadBalancers': {
      const p = page(loadBalancers(call, account), call.params.get('Marker'), Number(call.params.get('PageSize') ?? 400));
      return answer({
        LoadBalancers: p.items.map((lb) => ({
          LoadBalancerArn: lb.arn,
          DNSName: `${lb.name}.${call.region}.elb.amazonaws.com`,
          CanonicalHostedZoneId: 'Z35SXDOTRQ7X7K',
          CreatedTime: '2024-01-01T00:00:00Z',
          LoadBalancerName: lb.name,
          Scheme: lb.scheme,
          VpcId: `vpc-${regionIndex(account, call.region)}0`,
          State: { Code: 'active' },
          Type: lb.type,
          IpAddressType: 'ipv4',
        })),
        ...(p.next ? { NextMarker: p.next } : {}),
      });
    }
    case 'DescribeListeners':
      return answer({ Listeners: listenersOf(call, call.params.get('LoadBalancerArn') ?? '') });
    case 'DescribeRules': {
      // The default rule repeats the listener's default actions; HTTPS listeners also route /api/* to an HTTP target group.
      const listenerArn = call.params.get('ListenerArn') ?? '';
      const lbArn = listenerArn.replace(':listener/', ':loadbalancer/').replace(/\/\d+$/, '');
      const listener = listenersOf(call, lbArn).find((l) => l.ListenerArn === listenerArn);
      const rules = [
        ...(listener?.Protocol === 'HTTPS'
          ? [{ RuleArn: `${listenerArn.replace(':listener/', ':listener-rule/')}/api`, Priority: '10', IsDefault: false, Conditions: [{ Field: 'path-pattern', Values: ['/api/*'] }], Actions: [{ Type: 'forward', TargetGroupArn: tgArn(call, 'api-https'), Order: 1 }] }]
          : []),
        { RuleArn: `${listenerArn.replace(':listener/', ':listener-rule/')}/default`, Priority: 'default', IsDefault: true, Conditions: [], Actions: listener?.DefaultActions ?? [] },
      ];
      return answer({ Rules: rules });
    }
    case 'DescribeLoadBalancerAttributes': {
      const i = indexOfArn(call.params.get('LoadBalancerArn') ?? '');
      const logged = i % 2 === 0;
      return answer({
        Attributes: [
          { Key: 'access_logs.s3.enabled', Value: String(logged) },
          { Key: 'access_logs.s3.bucket', Value: logged ? 'bench-access-logs' : '' },
          { Key: 'access_logs.s3.prefix', Value: '' },
          { Key: 'deletion_protection.enabled', Value: 'true' },
          { Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' },
        ],
      });
    }
    case 'DescribeTargetGroups': {
      const lbs = loadBalancers(call, account);
      const albs = lbs.filter((lb) => lb.type === 'application').map((lb) => lb.arn);
      const nlbs = lbs.filter((lb) => lb.type === 'network').map((lb) => lb.arn);
      const groups = [
        { name: 'web-https', protocol: 'HTTPS', port: 443, lbs: albs },
        { name: 'web-http', protocol: 'HTTP', port: 80, lbs: albs.slice(0, 1) },
        { name: 'api-https', protocol: 'HTTPS', port: 8443, lbs: albs },
        { name: 'tcp-app', protocol: 'TLS', port: 443, lbs: nlbs },
      ];
      return answer({
        TargetGroups: groups.map((g) => ({ TargetGroupArn: tgArn(call, g.name), TargetGroupName: g.name, Protocol: g.protocol, Port: g.port, VpcId: `vpc-${regionIndex(account, call.region)}0`, TargetType: 'instance', LoadBalancerArns: g.lbs })),
      });
    }
    default:
      return queryError('InvalidAction', `${action} is not served by the fake`);
  }
}

/** One Classic load balancer a region: HTTPS on a custom policy that still enables TLS 1.0 in odd regions. */
function classic(call: Call, account: SyntheticAccount, action: string): Answer {
  const r = regionIndex(account, call.region);
  const name = `legacy-${r}`;
  const answer = (result: Record<string, unknown>) => queryAnswer(action, result, ELB_NS);
  switch (action) {
    case 'DescribeLoadBalancers':
      return answer({
        LoadBalancerDescriptions: [
          {
            LoadBalancerName: name,
            DNSName: `${name}-1234.${call.region}.elb.amazonaws.com`,
            Scheme: 'internet-facing',
            VPCId: `vpc-${r}0`,
            CreatedTime: '2019-01-01T00:00:00Z',
            ListenerDescriptions: [
              { Listener: { Protocol: 'HTTPS', LoadBalancerPort: 443, InstanceProtocol: 'HTTP', InstancePort: 80, SSLCertificateId: certArn(call.region, 0) }, PolicyNames: ['legacy-tls'] },
            ],
            Policies: { AppCookieStickinessPolicies: [], LBCookieStickinessPolicies: [], OtherPolicies: ['legacy-tls'] },
            AvailabilityZones: [`${call.region}a`],
            Instances: [{ InstanceId: `i-${r}0` }],
          },
        ],
      });
    case 'DescribeLoadBalancerPolicies': {
      const tls10 = r % 2 === 1;
      return answer({
        PolicyDescriptions: [
          {
            PolicyName: 'legacy-tls',
            PolicyTypeName: 'SSLNegotiationPolicyType',
            PolicyAttributeDescriptions: [
              { AttributeName: 'Reference-Security-Policy', AttributeValue: tls10 ? 'ELBSecurityPolicy-2016-08' : 'ELBSecurityPolicy-TLS-1-2-2017-01' },
              { AttributeName: 'Protocol-TLSv1', AttributeValue: String(tls10) },
              { AttributeName: 'Protocol-TLSv1.1', AttributeValue: String(tls10) },
              { AttributeName: 'Protocol-TLSv1.2', AttributeValue: 'true' },
            ],
          },
        ],
      });
    }
    case 'DescribeLoadBalancerAttributes':
      return answer({
        LoadBalancerAttributes: {
          AccessLog: { Enabled: r % 2 === 0, ...(r % 2 === 0 ? { S3BucketName: 'bench-access-logs', EmitInterval: 60 } : {}) },
          CrossZoneLoadBalancing: { Enabled: true },
          ConnectionDraining: { Enabled: true, Timeout: 300 },
          ConnectionSettings: { IdleTimeout: 60 },
        },
      });
    default:
      return queryError('InvalidAction', `${action} is not served by the fake`);
  }
}

export const elasticloadbalancing: Handler = (call, account) => {
  const action = call.params.get('Action') ?? '';
  return call.params.get('Version') === '2012-06-01' ? classic(call, account, action) : elbv2(call, account, action);
};

// ---------------------------------------------------------------------------------------------------------------
// CloudFront (REST-XML): lists are <Quantity/> and <Items> of named elements.

const CLOUDFRONT_NS = 'http://cloudfront.amazonaws.com/doc/2020-05-31/';
const items = (tag: string, list: readonly unknown[]) => ({ Quantity: list.length, ...(list.length ? { Items: members(tag, list) } : {}) });

/** Distribution i, by i mod 3: HTTPS-only to an S3 origin; redirect to HTTPS from a custom origin over TLS 1.2; allow-all to an HTTP origin. */
function distribution(i: number) {
  const id = `E${String(1000 + i).padStart(13, 'B')}`;
  const kind = i % 3;
  const origin =
    kind === 0
      ? { Id: 's3-origin', DomainName: `bench-bucket-00000${i % 6}.s3.amazonaws.com`, OriginPath: '', CustomHeaders: items('OriginCustomHeader', []), S3OriginConfig: { OriginAccessIdentity: '' }, OriginAccessControlId: 'E2OAC' }
      : { Id: 'app-origin', DomainName: `app-${i}.example-health.org`, OriginPath: '', CustomHeaders: items('OriginCustomHeader', []), CustomOriginConfig: { HTTPPort: 80, HTTPSPort: 443, OriginProtocolPolicy: kind === 1 ? 'https-only' : 'http-only', OriginSslProtocols: items('SslProtocol', ['TLSv1.2']), OriginReadTimeout: 30, OriginKeepaliveTimeout: 5 } };
  return {
    Id: id,
    ARN: `arn:aws:cloudfront::${ACCOUNT_ID}:distribution/${id}`,
    Status: 'Deployed',
    LastModifiedTime: '2025-01-01T00:00:00.000Z',
    DomainName: `d${1000 + i}.cloudfront.net`,
    Aliases: items('CNAME', kind === 2 ? [] : [`portal-${i}.example-health.org`]),
    Origins: items('Origin', [origin]),
    DefaultCacheBehavior: { TargetOriginId: origin.Id, TrustedSigners: { Enabled: false, Quantity: 0 }, ViewerProtocolPolicy: kind === 0 ? 'https-only' : kind === 1 ? 'redirect-to-https' : 'allow-all', Compress: true, CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6' },
    CacheBehaviors: items('CacheBehavior', []),
    CustomErrorResponses: items('CustomErrorResponse', []),
    Comment: '',
    PriceClass: 'PriceClass_100',
    Enabled: true,
    ViewerCertificate:
      kind === 2
        ? { CloudFrontDefaultCertificate: true, MinimumProtocolVersion: 'TLSv1', CertificateSource: 'cloudfront' }
        : { ACMCertificateArn: certArn('us-east-1', i), SSLSupportMethod: 'sni-only', MinimumProtocolVersion: 'TLSv1.2_2021', Certificate: certArn('us-east-1', i), CertificateSource: 'acm' },
    Restrictions: { GeoRestriction: { RestrictionType: 'none', Quantity: 0 } },
    WebACLId: '',
    HttpVersion: 'http2',
    IsIPV6Enabled: true,
    Staging: false,
  };
}

export const cloudfront: Handler = (call, account) => {
  if (call.method !== 'GET' || call.path !== '/2020-05-31/distribution') return jsonError('UnknownOperationException', `${call.method} ${call.path} is not served by the fake`);
  const all = range(account.perRegion).map(distribution);
  const p = page(all, call.query.get('Marker'), Number(call.query.get('MaxItems') ?? 100));
  const inner = xml({ Marker: call.query.get('Marker') ?? '', ...(p.next ? { NextMarker: p.next } : {}), MaxItems: 100, IsTruncated: p.next !== undefined, Quantity: p.items.length, Items: members('DistributionSummary', p.items) });
  return { ...restXml('DistributionList', inner, 200, CLOUDFRONT_NS), operation: 'ListDistributions' };
};

// ---------------------------------------------------------------------------------------------------------------
// ACM (JSON 1.1): summaries carry everything the audit needs, so DescribeCertificate is only a fallback.

function certificate(region: string, i: number, detailed: boolean) {
  // Certificate 2 (in use) expires in 10 days, certificate 3 is waiting for validation.
  const status = i === 3 ? 'PENDING_VALIDATION' : 'ISSUED';
  const base = {
    CertificateArn: certArn(region, i),
    DomainName: `portal-${i}.example-health.org`,
    Status: status,
    Type: 'AMAZON_ISSUED',
    KeyAlgorithm: i === 4 ? 'EC_prime256v1' : 'RSA_2048',
    ...(status === 'ISSUED' ? { NotBefore: epochDaysFromNow(-30), NotAfter: epochDaysFromNow(i === 2 ? 10 : 300) } : {}),
    RenewalEligibility: status === 'ISSUED' ? 'ELIGIBLE' : 'INELIGIBLE',
  };
  const inUseBy = i < 3 ? [`arn:aws:elasticloadbalancing:${region}:${ACCOUNT_ID}:loadbalancer/app/alb/1`] : [];
  return detailed ? { ...base, InUseBy: inUseBy, SubjectAlternativeNames: [base.DomainName] } : { ...base, InUse: inUseBy.length > 0, HasAdditionalSubjectAlternativeNames: false };
}

export const acm: Handler = (call, account) => {
  const count = account.perRegion;
  switch (call.target) {
    case 'ListCertificates': {
      const p = page(range(count), call.body.NextToken as string | undefined, Number(call.body.MaxItems ?? 1000));
      return json({ CertificateSummaryList: p.items.map((i) => certificate(call.region, i, false)), ...(p.next ? { NextToken: p.next } : {}) });
    }
    case 'DescribeCertificate': {
      const i = range(count).find((c) => certArn(call.region, c) === call.body.CertificateArn);
      if (i === undefined) return jsonError('ResourceNotFoundException', `Could not find certificate ${String(call.body.CertificateArn)}.`);
      return json({ Certificate: certificate(call.region, i, true) });
    }
    default:
      return jsonError('UnknownOperationException', `${call.target} is not served by the fake`);
  }
};
