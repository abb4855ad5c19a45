import type { Check, CheckResult } from '../../src/evaluate/types';
import { fail, pass, readOf, result, unreadable } from '../../src/evaluate/results';
import type { ClassicLoadBalancer, ClassicPolicy } from '../../src/inventory/types';
import { terminatesTls } from '../../src/judge/listeners';
import {
  CLASSIC_ELB_DEFAULT_POLICY,
  CLASSIC_ELB_POLICY_PROTOCOLS,
  classicPolicyProtocols,
  ELBV2_POLICY_PROTOCOLS,
  matchesPolicy,
  onlyTls12OrNewer,
  PROTOCOLS,
} from '../../src/judge/tls';
import { classicListenerName, classicResource, describeClassic, describeLb, eachLoadBalancer, lbResource, listenerName, listenersOf } from './load-balancers';

type Verdict = { ok: boolean; what: string } | { ok: 'unknown'; what: string };

const SSL_NEGOTIATION = 'SSLNegotiationPolicyType';

const check: Check = {
  id: 'elb.tls-policy',
  title: 'Load balancer TLS listeners allow only TLS 1.2 or newer',
  severity: 'medium',
  hipaa: ['164.312(e)(2)(ii)'],
  controls: ['ELB.17', 'ELB.8'],
  description:
    'The security policy of a listener that terminates TLS decides which protocol versions clients may negotiate. ' +
    'TLS 1.0 and 1.1 are deprecated (RFC 8996) and allow downgrade and weak-cipher attacks on ePHI in transit. ' +
    'ALB HTTPS and NLB TLS listeners pass when their policy is in thresholds.elbSslPolicies (by default the ' +
    'ELBSecurityPolicy-TLS13-1-2-*, TLS13-1-3-*, TLS-1-2-* and FS-1-2-* families, which negotiate TLS 1.2 or 1.3 ' +
    'only). Classic HTTPS/SSL listeners are judged on the protocols their SSL negotiation policy enables ' +
    '(its Protocol-* attributes, or the predefined policy it references; none attached means the default ' +
    `${CLASSIC_ELB_DEFAULT_POLICY}). Listeners that do not terminate TLS are not judged here, whatever policy an API ` +
    'reports on them. One result per load balancer with such a listener. Security Hub\'s ELB.17 and ELB.8 accept ' +
    'narrower lists of named policies.',
  remediation: {
    text:
      'ALB/NLB: `aws elbv2 modify-listener --listener-arn <arn> --ssl-policy ELBSecurityPolicy-TLS13-1-2-Res-2021-06` (or a ' +
      'FIPS/PQ variant of the TLS13-1-2 family). Classic: `aws elb set-load-balancer-policies-of-listener --load-balancer-name ' +
      '<name> --load-balancer-port 443 --policy-names <policy>` with a policy created from ELBSecurityPolicy-TLS-1-2-2017-01 ' +
      '(`aws elb create-load-balancer-policy --policy-type-name SSLNegotiationPolicyType --policy-attributes ' +
      'AttributeName=Reference-Security-Policy,AttributeValue=ELBSecurityPolicy-TLS-1-2-2017-01 ...`).',
    url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html',
  },
  reads: ['elb.loadBalancers', 'elb.listeners', 'elb.classicLoadBalancers', 'elb.classicPolicies'],
  evaluate(inventory, ctx) {
    const allowed = ctx.thresholds.elbSslPolicies;
    return eachLoadBalancer(inventory, {
      v2: (lb, region) => {
        const known = listenersOf(lb, region);
        if (!known.ok) return [known.error];
        const tls = known.listeners.filter((l) => terminatesTls(l.protocol));
        if (tls.length === 0) return [];
        const verdicts = tls.map((l) => judgeV2Policy(`${listenerName(l)}`, l.sslPolicy, allowed));
        return [summarise(region, lbResource(lb), describeLb(lb), verdicts)];
      },
      classic: (lb, region) => judgeClassic(lb, region),
    });
  },
};

const oldOnes = (protocols: readonly string[]) => PROTOCOLS.filter((p) => protocols.includes(p) && !onlyTls12OrNewer([p]));

function judgeV2Policy(name: string, policy: string | undefined, allowed: readonly string[]): Verdict {
  if (policy === undefined) return { ok: 'unknown', what: `${name} reports no security policy` };
  const protocols = ELBV2_POLICY_PROTOCOLS[policy];
  const old = protocols ? oldOnes(protocols) : [];
  if (matchesPolicy(policy, allowed)) {
    const note = old.length ? `, accepted by thresholds.elbSslPolicies although it allows ${old.join(', ')}` : '';
    return { ok: true, what: `${name} uses ${policy}${protocols ? ` (${protocols.join(', ')})` : ''}${note}` };
  }
  if (old.length) return { ok: false, what: `${name} uses ${policy}, which allows ${old.join(', ')}` };
  return { ok: false, what: `${name} uses ${policy}, which is not among the accepted policies (thresholds.elbSslPolicies)` };
}

function judgeClassic(lb: ClassicLoadBalancer, region: string): CheckResult[] {
  const tls = lb.listeners.filter((l) => terminatesTls(l.protocol));
  if (tls.length === 0) return [];
  const read = readOf(lb.policies, 'elb', region, 'DescribeLoadBalancerPolicies');
  if (!read.ok) return [unreadable(region, classicResource(lb), read.error, `the SSL policies of ${describeClassic(lb)}`)];
  const byName = new Map<string, ClassicPolicy>(read.value.map((p) => [p.name, p]));
  const verdicts = tls.map((l): Verdict => {
    const name = classicListenerName(l);
    const policy = l.policyNames.map((n) => byName.get(n)).find((p) => p?.type === SSL_NEGOTIATION);
    if (!policy) {
      const protocols = CLASSIC_ELB_POLICY_PROTOCOLS[CLASSIC_ELB_DEFAULT_POLICY] ?? [];
      return { ok: false, what: `${name} has no SSL negotiation policy, so it uses the default ${CLASSIC_ELB_DEFAULT_POLICY}, which allows ${oldOnes(protocols).join(', ')}` };
    }
    const seen = classicPolicyProtocols(policy.attributes);
    const ref = seen.reference && seen.reference !== policy.name ? ` (from ${seen.reference})` : '';
    if (!seen.known) return { ok: 'unknown', what: `${name} uses policy ${policy.name}${ref}, which lists no Protocol-* attributes and references no policy this auditor knows` };
    const source = seen.source === 'attributes' ? 'its Protocol-* attributes' : `the predefined ${seen.reference}`;
    const old = oldOnes(seen.protocols);
    if (old.length) return { ok: false, what: `${name} uses policy ${policy.name}${ref}, which enables ${old.join(', ')} (${source})` };
    return { ok: true, what: `${name} uses policy ${policy.name}${ref}, which enables ${seen.protocols.join(', ') || 'no protocol'} (${source})` };
  });
  return [summarise(region, classicResource(lb), describeClassic(lb), verdicts)];
}

function summarise(region: string, resource: CheckResult['resource'], label: string, verdicts: Verdict[]): CheckResult {
  const bad = verdicts.filter((v) => v.ok === false).map((v) => v.what);
  const unknown = verdicts.filter((v) => v.ok === 'unknown').map((v) => v.what);
  const good = verdicts.filter((v) => v.ok === true).map((v) => v.what);
  const all = [...bad, ...unknown, ...good].join('; ');
  if (bad.length) return fail(region, resource, `${label}: ${all}`);
  if (unknown.length) return result('ERROR', region, resource, `${label}: could not judge the TLS policy: ${all}`);
  return pass(region, resource, `${label}: ${all}`);
}

export default check;
