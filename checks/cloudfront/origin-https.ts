import type { Check, CheckResult } from '../../src/evaluate/types';
import { fail, GLOBAL, pass, result } from '../../src/evaluate/results';
import type { CacheBehavior, Distribution, DistributionOrigin } from '../../src/inventory/types';
import { onlyTls12OrNewer } from '../../src/judge/tls';
import { behaviorName, describeDistribution, distributionResource, eachDistribution, HTTPS_VIEWER_POLICIES } from './distributions';

type Verdict = { ok: boolean; what: string } | { ok: 'unknown'; what: string };

const check: Check = {
  id: 'cloudfront.origin-https',
  title: 'CloudFront distributions reach their custom origins over HTTPS with TLS 1.2 or newer',
  severity: 'high',
  hipaa: ['164.312(e)(1)'],
  controls: ['CloudFront.9', 'CloudFront.10'],
  description:
    'CloudFront forwards requests to a custom origin (a load balancer, an instance, any web server) across the ' +
    'internet. An origin protocol policy of http-only sends ePHI in clear text on that hop whatever the viewer used; ' +
    'match-viewer does so for every viewer request made over HTTP. Passes when every custom origin is https-only, or ' +
    'match-viewer while every behaviour routing to it (directly or through an origin group) serves viewers over HTTPS ' +
    'only, and its origin SSL protocols offer none of SSLv3, TLSv1 and TLSv1.1. S3 origins (bucket REST endpoints) ' +
    'are not judged on protocol; VPC origins keep their protocol settings on the VPC origin resource and are not ' +
    'judged here. One result per distribution with a custom origin.',
  remediation: {
    text:
      'CloudFront console > the distribution > Origins > edit the origin > Protocol: "HTTPS only", Minimum origin SSL ' +
      'protocol: TLSv1.2; the origin must present a certificate valid for its domain name. With the CLI, set ' +
      'CustomOriginConfig.OriginProtocolPolicy to https-only and OriginSslProtocols to {Quantity: 1, Items: [TLSv1.2]} in ' +
      'the distribution config and `aws cloudfront update-distribution`.',
    url: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-cloudfront-to-custom-origin.html',
  },
  reads: ['cloudfront.distributions'],
  evaluate(inventory) {
    return eachDistribution(inventory, (d) => judge(d));
  },
};

/** The behaviours that route to an origin, directly or through an origin group it belongs to. */
function behavioursOf(d: Distribution, origin: DistributionOrigin): CacheBehavior[] {
  const groups = new Set(d.originGroups.filter((g) => g.memberOriginIds.includes(origin.id)).map((g) => g.id));
  return d.behaviors.filter((b) => b.targetOriginId === origin.id || groups.has(b.targetOriginId));
}

function judgeOrigin(d: Distribution, o: DistributionOrigin): Verdict {
  const name = `origin ${o.id} (${o.domainName})`;
  const policy = o.protocolPolicy ?? '';
  if (policy === 'http-only') return { ok: false, what: `${name} is reached over HTTP only (http-only)` };
  let how = 'https-only';
  if (policy === 'match-viewer') {
    const routes = behavioursOf(d, o);
    const plain = routes.filter((b) => !HTTPS_VIEWER_POLICIES.has(b.viewerProtocolPolicy));
    if (plain.length) return { ok: false, what: `${name} uses match-viewer and ${plain.map((b) => `${behaviorName(b)} (${b.viewerProtocolPolicy})`).join(', ')} accept${plain.length > 1 ? '' : 's'} HTTP viewers, whose requests reach the origin over HTTP` };
    how = routes.length ? 'match-viewer, with every behaviour routing to it serving viewers over HTTPS only' : 'match-viewer, used by no behaviour';
  } else if (policy !== 'https-only') {
    return { ok: 'unknown', what: `${name} has an origin protocol policy this auditor does not know (${policy || 'none'})` };
  }
  if (o.sslProtocols === undefined) return { ok: 'unknown', what: `${name} is reached over HTTPS (${how}) but is reported without its origin SSL protocols` };
  if (!onlyTls12OrNewer(o.sslProtocols)) return { ok: false, what: `${name} is reached over HTTPS (${how}) but CloudFront offers it ${o.sslProtocols.join(', ')}` };
  return { ok: true, what: `${name} is reached over HTTPS (${how}) with ${o.sslProtocols.join(', ')}` };
}

function judge(d: Distribution): CheckResult[] {
  const custom = d.origins.filter((o) => o.kind === 'custom');
  if (custom.length === 0) return [];
  const verdicts = custom.map((o) => judgeOrigin(d, o));
  const bad = verdicts.filter((v) => v.ok === false).map((v) => v.what);
  const unknown = verdicts.filter((v) => v.ok === 'unknown').map((v) => v.what);
  const good = verdicts.filter((v) => v.ok === true).map((v) => v.what);
  const others = d.origins.length - custom.length;
  const note = others ? `; ${others} S3 or VPC origin${others > 1 ? 's' : ''} not judged` : '';
  const all = `${describeDistribution(d)}: ${[...bad, ...unknown, ...good].join('; ')}${note}`;
  const resource = distributionResource(d);
  if (bad.length) return [fail(GLOBAL, resource, all)];
  if (unknown.length) return [result('ERROR', GLOBAL, resource, all)];
  return [pass(GLOBAL, resource, all)];
}

export default check;
