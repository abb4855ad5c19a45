import check from '../../../checks/elb/listeners-encrypted';
import { DEFAULT_THRESHOLDS } from '../../../src/config/types';
import { checkContext, denied, failed, inventory, ok, statuses } from '../../support/inventory';
import { alb, classicLb, classicListener, elbRegion, fixedResponse, forward, lbArn, listener, nlb, redirect, rule } from '../../support/builders/elb';

const run = (region: ReturnType<typeof elbRegion>, ctx = checkContext()) => check.evaluate(inventory({ elb: { 'us-east-1': region } }), ctx);

describe('elb.listeners-encrypted', () => {
  it('passes an ALB whose HTTP listener only redirects to HTTPS, and fails one whose HTTP listener forwards', () => {
    const results = run(
      elbRegion({
        loadBalancers: ok([
          alb('portal', [listener('HTTP', 80, [redirect()], { rules: ok([rule('default', redirect())]) }), listener('HTTPS', 443, [forward('app')])]),
          alb('legacy', [listener('HTTP', 80, [forward('app')]), listener('HTTPS', 443, [forward('app')])]),
        ]),
      }),
    );
    expect(statuses(results)).toEqual({ 'us-east-1/portal': 'PASS', 'us-east-1/legacy': 'FAIL' });
    expect(results[0]?.message).toBe('ALB portal (internet-facing): HTTP:80 only redirects to HTTPS; HTTPS:443 terminates TLS');
    expect(results[0]?.resource).toEqual({ type: 'AwsElbv2LoadBalancer', id: 'portal', arn: lbArn('portal') });
    expect(results[1]?.message).toBe('ALB legacy (internet-facing): HTTP:80 serves requests in clear text by default (forward); HTTPS:443 terminates TLS');
  });

  it('fails an HTTP listener that redirects by default when one of its rules forwards in clear text', () => {
    const results = run(
      elbRegion({
        loadBalancers: ok([alb('portal', [listener('HTTP', 80, [redirect()], { rules: ok([rule('10', forward('api')), rule('20', redirect()), rule('default', redirect())]) })])]),
      }),
    );
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ status: 'FAIL', message: 'ALB portal (internet-facing): HTTP:80 redirects to HTTPS by default but its rule priority 10 (forward) serves requests in clear text' });
  });

  it('fails redirects that stay on HTTP (explicitly, or by the #{protocol} default) and accepts fixed responses', () => {
    const results = run(
      elbRegion({
        loadBalancers: ok([
          alb('same', [listener('HTTP', 80, [redirect('#{protocol}')])]),
          alb('http', [listener('HTTP', 80, [redirect('HTTP')])]),
          alb('maintenance', [listener('HTTP', 80, [fixedResponse()], { rules: ok([rule('5', redirect())]) })]),
        ]),
      }),
    );
    expect(statuses(results)).toEqual({ 'us-east-1/same': 'FAIL', 'us-east-1/http': 'FAIL', 'us-east-1/maintenance': 'PASS' });
    expect(results[0]?.message).toContain('HTTP:80 serves requests in clear text by default (redirect to the same protocol (HTTP))');
    expect(results[1]?.message).toContain('(redirect to HTTP)');
    expect(results[2]?.message).toBe('ALB maintenance (internet-facing): HTTP:80 only redirects to HTTPS or answers fixed responses');
  });

  it('judges NLB listeners with the default config: TLS and QUIC pass, TCP fails on any port (443 too, nothing is declared), UDP never passes', () => {
    expect(DEFAULT_THRESHOLDS.elbTlsPassthroughPorts).toEqual([]);
    const results = run(
      elbRegion({
        loadBalancers: ok([
          nlb('tls', [listener('TLS', 6514, [forward('hl7')]), listener('QUIC', 443, [forward('q')])]),
          nlb('web', [listener('TCP', 443, [forward('web')])]),
          nlb('hl7', [listener('TCP', 2575, [forward('hl7')])]),
          nlb('syslog', [listener('UDP', 514, [forward('logs')])]),
        ]),
      }),
    );
    expect(statuses(results)).toEqual({ 'us-east-1/tls': 'PASS', 'us-east-1/web': 'FAIL', 'us-east-1/hl7': 'FAIL', 'us-east-1/syslog': 'FAIL' });
    expect(results[1]?.message).toBe('NLB web (internal): TCP:443 accepts unencrypted TCP (port not declared in elbTlsPassthroughPorts)');
    expect(results[2]?.message).toBe('NLB hl7 (internal): TCP:2575 accepts unencrypted TCP (port not declared in elbTlsPassthroughPorts)');
    expect(results[3]?.message).toContain('UDP:514 accepts unencrypted UDP');
  });

  it('follows the configured pass-through ports on NLBs: a declared port passes, an undeclared one still fails', () => {
    const region = elbRegion({ loadBalancers: ok([nlb('web', [listener('TCP', 443, [forward('web')])]), nlb('hl7', [listener('TCP', 2575, [forward('hl7')])])]) });
    const declared = run(region, checkContext({ thresholds: { ...DEFAULT_THRESHOLDS, elbTlsPassthroughPorts: [443] } }));
    expect(statuses(declared)).toEqual({ 'us-east-1/web': 'PASS', 'us-east-1/hl7': 'FAIL' });
    expect(declared[0]?.message).toBe('NLB web (internal): TCP:443 passes TLS through to its targets (port declared in elbTlsPassthroughPorts)');
  });

  it('judges Classic listeners: HTTPS/SSL pass, HTTP fails, TCP fails even on a port declared as pass-through (ELB.3)', () => {
    const region = elbRegion({
      classicLoadBalancers: ok([
        classicLb('secure', [classicListener('HTTPS', 443, 'HTTPS', 443), classicListener('SSL', 636, 'SSL', 636)]),
        classicLb('mixed', [classicListener('HTTP', 80, 'HTTP', 80), classicListener('HTTPS', 443, 'HTTP', 80)]),
        classicLb('tcp443', [classicListener('TCP', 443, 'TCP', 443)]),
      ]),
    });
    const results = run(region, checkContext({ thresholds: { ...DEFAULT_THRESHOLDS, elbTlsPassthroughPorts: [443] } }));
    expect(statuses(results)).toEqual({ 'us-east-1/secure': 'PASS', 'us-east-1/mixed': 'FAIL', 'us-east-1/tcp443': 'FAIL' });
    expect(results[1]?.message).toBe('Classic Load Balancer mixed (internet-facing): HTTP:80 accepts unencrypted HTTP; HTTPS:443 terminates TLS');
    expect(results[1]?.resource.type).toBe('AwsElbLoadBalancer');
    expect(results[2]?.message).toBe(
      'Classic Load Balancer tcp443 (internet-facing): TCP:443 accepts unencrypted TCP (Classic listeners must be HTTPS or SSL; TLS pass-through is exempted on NLBs only)',
    );
  });

  it('passes a load balancer with no listeners and does not judge Gateway Load Balancers', () => {
    const results = run(elbRegion({ loadBalancers: ok([alb('idle', []), { arn: lbArn('gw', 'gwy'), name: 'gw', type: 'gateway', listeners: ok([listener('GENEVE', 6081, [forward('appliances')])]) }]) }));
    expect(statuses(results)).toEqual({ 'us-east-1/idle': 'PASS' });
    expect(results[0]?.message).toBe('ALB idle (internet-facing) has no listeners, so it accepts no connections');
  });

  it('reports ERROR for a load balancer whose listeners, or whose redirecting listener\'s rules, could not be read; a known bad listener still fails', () => {
    const results = run(
      elbRegion({
        loadBalancers: ok([
          alb('a', [], { listeners: failed(denied('elbv2', 'DescribeListeners')) }),
          alb('b', [listener('HTTP', 80, [redirect()], { rules: failed(denied('elbv2', 'DescribeRules')) })]),
          alb('c', [listener('HTTP', 80, [redirect()])]),
          alb('d', [listener('HTTP', 80, [redirect()], { rules: failed(denied('elbv2', 'DescribeRules')) }), listener('HTTP', 8080, [forward('x')])]),
        ]),
      }),
    );
    expect(statuses(results)).toEqual({ 'us-east-1/a': 'ERROR', 'us-east-1/b': 'ERROR', 'us-east-1/c': 'ERROR', 'us-east-1/d': 'FAIL' });
    expect(results[0]?.message).toContain('could not read the listeners of ALB a (internet-facing): AccessDenied');
    expect(results[1]?.message).toContain('could not read the rules of HTTP:80 on ALB b (internet-facing): AccessDenied');
    expect(results[2]?.message).toContain('NotCollected');
  });

  it('reports one ERROR for the account in a region whose listings failed, naming both', () => {
    const results = run(elbRegion({ loadBalancers: failed(denied('elbv2', 'DescribeLoadBalancers')), classicLoadBalancers: failed(denied('elb', 'DescribeLoadBalancers')) }));
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ status: 'ERROR', resource: { type: 'AwsAccount' } });
    expect(results[0]?.message).toContain('Application/Network Load Balancers in us-east-1 (elbv2 DescribeLoadBalancers): AccessDenied');
    expect(results[0]?.message).toContain('Classic Load Balancers in us-east-1 (elb DescribeLoadBalancers): AccessDenied');
    // Both APIs need the same action: the fix is named once.
    expect(results[0]?.message.match(/Fix: allow elasticloadbalancing:DescribeLoadBalancers for the auditing identity/g)).toHaveLength(1);
  });

  it('still judges Classic load balancers when only the v2 listing failed, and errs for a region without elb data', () => {
    const results = run(elbRegion({ loadBalancers: failed(denied('elbv2', 'DescribeLoadBalancers')), classicLoadBalancers: ok([classicLb('web', [classicListener('HTTPS', 443, 'HTTPS', 443)])]) }));
    expect(statuses(results)).toEqual({ 'us-east-1/web': 'PASS', 'us-east-1/111122223333': 'ERROR' });
    const missing = check.evaluate(inventory({ regions: ['us-east-1', 'eu-west-1'], elb: { 'us-east-1': elbRegion() } }), checkContext());
    expect(statuses(missing)).toEqual({ 'eu-west-1/111122223333': 'ERROR' });
  });

  it('keeps the same resource once a listener is fixed', () => {
    const before = run(elbRegion({ loadBalancers: ok([alb('portal', [listener('HTTP', 80, [forward('app')])])]) }));
    const after = run(elbRegion({ loadBalancers: ok([alb('portal', [listener('HTTPS', 443, [forward('app')])])]) }));
    expect([before[0]?.status, after[0]?.status]).toEqual(['FAIL', 'PASS']);
    expect(before[0]?.resource).toEqual(after[0]?.resource);
  });
});
