import type { Check, CheckResult } from '../../src/evaluate/types';
import { fail, pass, readOf, unreadable } from '../../src/evaluate/results';
import type { ClassicListener, Listener, LoadBalancer } from '../../src/inventory/types';
import { describeAction, keepsContentOffHttp, terminatesTls } from '../../src/judge/listeners';
import { classicListenerName, classicResource, describeClassic, describeLb, eachLoadBalancer, lbResource, listenerName, listenersOf } from './load-balancers';

/** A listener's verdict: `ok` with what makes it safe, or what makes it carry traffic in clear text. */
type Verdict = { ok: true; what: string } | { ok: false; what: string } | { ok: 'error'; result: CheckResult };

const check: Check = {
  id: 'elb.listeners-encrypted',
  title: 'Load balancer listeners accept only encrypted connections',
  severity: 'high',
  hipaa: ['164.312(e)(1)', '164.312(e)(2)(ii)'],
  controls: ['ELB.1', 'ELB.3'],
  description:
    'A listener that accepts plain HTTP or TCP carries whatever the client sends, ePHI included, in clear text from ' +
    'the client to the load balancer. Passes when every listener terminates TLS (ALB HTTPS, NLB TLS, Classic HTTPS/SSL) ' +
    'or cannot carry content in clear text: an ALB HTTP listener whose default action and every rule redirect to ' +
    'HTTPS or answer a fixed response (a static body from the listener itself, never a target\'s content); an NLB ' +
    'QUIC listener (QUIC is always encrypted); an NLB TCP listener on a port the config declares as TLS pass-through ' +
    '(thresholds.elbTlsPassthroughPorts, none by default), where the targets terminate TLS themselves. Classic TCP ' +
    'listeners fail whatever the port, as in Security Hub\'s ELB.3. UDP listeners cannot carry TLS and fail. One ' +
    'result per load balancer; Gateway Load Balancers pass packets through and are not judged. Security Hub\'s ' +
    'ELB.1 (ALB HTTP redirects) and ELB.3 (Classic listeners) cover parts of this.',
  remediation: {
    text:
      'ALB: add an HTTPS listener (`aws elbv2 create-listener --protocol HTTPS --port 443 --certificates CertificateArn=<acm-arn> ' +
      '--ssl-policy ELBSecurityPolicy-TLS13-1-2-2021-06 ...`) and make the HTTP listener only redirect (`aws elbv2 modify-listener ' +
      '--listener-arn <arn> --default-actions Type=redirect,RedirectConfig="{Protocol=HTTPS,Port=443,StatusCode=HTTP_301}"`, ' +
      'and delete or change rules that forward). NLB: use a TLS listener, or declare the port in elbTlsPassthroughPorts ' +
      'when the targets terminate TLS themselves. Classic: replace HTTP/TCP listeners with HTTPS/SSL ones, or migrate ' +
      'to an ALB (or to an NLB whose TCP listener passes TLS through on a declared port).',
    url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html',
  },
  reads: ['elb.loadBalancers', 'elb.listeners', 'elb.httpRules', 'elb.classicLoadBalancers'],
  evaluate(inventory, ctx) {
    const passthrough = new Set(ctx.thresholds.elbTlsPassthroughPorts);
    return eachLoadBalancer(inventory, {
      v2: (lb, region) => {
        if (lb.type === 'gateway') return [];
        const known = listenersOf(lb, region);
        if (!known.ok) return [known.error];
        const verdicts = known.listeners.map((l) => judgeListener(lb, l, region, passthrough));
        return [summarise(region, lbResource(lb), describeLb(lb), verdicts)];
      },
      classic: (lb, region) => [summarise(region, classicResource(lb), describeClassic(lb), lb.listeners.map((l) => judgeClassic(l)))],
    });
  },
};

function judgeListener(lb: LoadBalancer, l: Listener, region: string, passthrough: ReadonlySet<number>): Verdict {
  const name = listenerName(l);
  const protocol = l.protocol?.toUpperCase();
  if (terminatesTls(protocol)) return { ok: true, what: `${name} terminates TLS` };
  if (protocol === 'QUIC') return { ok: true, what: `${name} carries QUIC, which is always encrypted` };
  if ((protocol === 'TCP' || protocol === 'TCP_QUIC') && l.port !== undefined && passthrough.has(l.port)) {
    return { ok: true, what: `${name} passes TLS through to its targets (port declared in elbTlsPassthroughPorts)` };
  }
  if (protocol === 'TCP' || protocol === 'TCP_QUIC') {
    // Nothing is declared by default: a TCP listener is clear text unless the operator vouches for its port.
    return { ok: false, what: `${name} accepts unencrypted ${protocol} (port not declared in elbTlsPassthroughPorts)` };
  }
  if (protocol !== 'HTTP') return { ok: false, what: `${name} accepts unencrypted ${protocol ?? 'traffic'}` };
  const forwarding = l.defaultActions.filter((a) => !keepsContentOffHttp(a));
  if (l.defaultActions.length === 0 || forwarding.length > 0) {
    const actions = (forwarding.length ? forwarding : l.defaultActions).map(describeAction).join(', ') || 'no action';
    return { ok: false, what: `${name} serves requests in clear text by default (${actions})` };
  }
  const rules = readOf(l.rules, 'elbv2', region, 'DescribeRules');
  if (!rules.ok) return { ok: 'error', result: unreadable(region, lbResource(lb), rules.error, `the rules of ${name} on ${describeLb(lb)}`) };
  const leaking = rules.value.filter((r) => !r.isDefault && r.actions.some((a) => !keepsContentOffHttp(a)));
  if (leaking.length > 0) {
    const which = leaking.map((r) => `priority ${r.priority} (${r.actions.filter((a) => !keepsContentOffHttp(a)).map(describeAction).join(', ')})`);
    return { ok: false, what: `${name} redirects to HTTPS by default but its rule${leaking.length > 1 ? 's' : ''} ${which.join(', ')} serve${leaking.length > 1 ? '' : 's'} requests in clear text` };
  }
  return { ok: true, what: `${name} only redirects to HTTPS${l.defaultActions.some((a) => a.type === 'fixed-response') || rules.value.some((r) => r.actions.some((a) => a.type === 'fixed-response')) ? ' or answers fixed responses' : ''}` };
}

// The issue asks HTTPS or SSL of every Classic listener and Security Hub's ELB.3 fails Classic TCP listeners too, so
// the pass-through exemption is an NLB one: a Classic TCP listener fails whatever port it listens on.
function judgeClassic(l: ClassicListener): Verdict {
  const name = classicListenerName(l);
  if (terminatesTls(l.protocol)) return { ok: true, what: `${name} terminates TLS` };
  if (l.protocol.toUpperCase() === 'TCP') {
    return { ok: false, what: `${name} accepts unencrypted TCP (Classic listeners must be HTTPS or SSL; TLS pass-through is exempted on NLBs only)` };
  }
  return { ok: false, what: `${name} accepts unencrypted ${l.protocol}` };
}

function summarise(region: string, resource: CheckResult['resource'], label: string, verdicts: Verdict[]): CheckResult {
  const error = verdicts.find((v): v is { ok: 'error'; result: CheckResult } => v.ok === 'error');
  const bad = verdicts.filter((v) => v.ok === false).map((v) => (v as { what: string }).what);
  const good = verdicts.filter((v) => v.ok === true).map((v) => (v as { what: string }).what);
  if (bad.length > 0) return fail(region, resource, `${label}: ${bad.join('; ')}${good.length ? `; ${good.join('; ')}` : ''}`);
  if (error) return error.result;
  if (verdicts.length === 0) return pass(region, resource, `${label} has no listeners, so it accepts no connections`);
  return pass(region, resource, `${label}: ${good.join('; ')}`);
}

export default check;
