import check from '../../../checks/elb/tls-policy';
import { DEFAULT_THRESHOLDS } from '../../../src/config/types';
import { checkContext, denied, failed, inventory, ok, statuses } from '../../support/inventory';
import { alb, classicLb, classicListener, elbRegion, forward, listener, nlb, redirect } from '../../support/builders/elb';

const run = (region: ReturnType<typeof elbRegion>, ctx = checkContext()) => check.evaluate(inventory({ elb: { 'us-east-1': region } }), ctx);
const https = (policy: string, port = 443) => listener('HTTPS', port, [forward('app')], { sslPolicy: policy });
const sslPolicy = (name: string, attributes: Record<string, string>) => ({ name, type: 'SSLNegotiationPolicyType', attributes });

describe('elb.tls-policy', () => {
  it('passes TLS 1.2+ policies of the default families and fails ones that allow TLS 1.0/1.1, naming them', () => {
    const results = run(
      elbRegion({
        loadBalancers: ok([
          alb('modern', [https('ELBSecurityPolicy-TLS13-1-2-Res-2021-06')]),
          alb('default-cli', [https('ELBSecurityPolicy-2016-08')]),
          nlb('hl7', [listener('TLS', 6514, [forward('hl7')], { sslPolicy: 'ELBSecurityPolicy-TLS13-1-1-2021-06' })]),
          nlb('fips', [listener('TLS', 6514, [forward('hl7')], { sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09' })]),
        ]),
      }),
    );
    expect(statuses(results)).toEqual({ 'us-east-1/modern': 'PASS', 'us-east-1/default-cli': 'FAIL', 'us-east-1/hl7': 'FAIL', 'us-east-1/fips': 'PASS' });
    expect(results[0]?.message).toBe('ALB modern (internet-facing): HTTPS:443 uses ELBSecurityPolicy-TLS13-1-2-Res-2021-06 (TLSv1.2, TLSv1.3)');
    expect(results[1]?.message).toBe('ALB default-cli (internet-facing): HTTPS:443 uses ELBSecurityPolicy-2016-08, which allows TLSv1, TLSv1.1');
    expect(results[2]?.message).toBe('NLB hl7 (internal): TLS:6514 uses ELBSecurityPolicy-TLS13-1-1-2021-06, which allows TLSv1.1');
  });

  it('accepts a policy AWS adds to a TLS 1.2+ family later, and fails an unknown name outside the accepted list', () => {
    const results = run(elbRegion({ loadBalancers: ok([alb('future', [https('ELBSecurityPolicy-TLS13-1-2-Res-PQ-2027-01')]), alb('odd', [https('MyCustomName')])]) }));
    expect(statuses(results)).toEqual({ 'us-east-1/future': 'PASS', 'us-east-1/odd': 'FAIL' });
    expect(results[0]?.message).toBe('ALB future (internet-facing): HTTPS:443 uses ELBSecurityPolicy-TLS13-1-2-Res-PQ-2027-01');
    expect(results[1]?.message).toContain('MyCustomName, which is not among the accepted policies (thresholds.elbSslPolicies)');
  });

  it('judges only listeners that terminate TLS, whatever policy an API reports on HTTP or TCP listeners', () => {
    const results = run(
      elbRegion({
        loadBalancers: ok([
          alb('portal', [listener('HTTP', 80, [redirect()], { sslPolicy: 'ELBSecurityPolicy-2016-08' }), https('ELBSecurityPolicy-TLS13-1-2-2021-06')]),
          nlb('tcp-only', [listener('TCP', 2575, [forward('hl7')], { sslPolicy: 'ELBSecurityPolicy-2016-08' })]),
        ]),
      }),
    );
    expect(statuses(results)).toEqual({ 'us-east-1/portal': 'PASS' });
    expect(results[0]?.message).not.toContain('HTTP:80');
  });

  it('follows the configured list, and says when an accepted policy still allows old protocols', () => {
    const thresholds = { ...DEFAULT_THRESHOLDS, elbSslPolicies: ['ELBSecurityPolicy-2016-08'] };
    const results = run(elbRegion({ loadBalancers: ok([alb('a', [https('ELBSecurityPolicy-2016-08')]), alb('b', [https('ELBSecurityPolicy-TLS13-1-2-2021-06')])]) }), checkContext({ thresholds }));
    expect(statuses(results)).toEqual({ 'us-east-1/a': 'PASS', 'us-east-1/b': 'FAIL' });
    expect(results[0]?.message).toContain('accepted by thresholds.elbSslPolicies although it allows TLSv1, TLSv1.1');
  });

  it('lists every TLS listener of a load balancer, failing it when one is weak', () => {
    const [only] = run(elbRegion({ loadBalancers: ok([alb('multi', [https('ELBSecurityPolicy-TLS13-1-2-2021-06'), https('ELBSecurityPolicy-TLS-1-1-2017-01', 8443)])]) }));
    expect(only?.status).toBe('FAIL');
    expect(only?.message).toBe(
      'ALB multi (internet-facing): HTTPS:8443 uses ELBSecurityPolicy-TLS-1-1-2017-01, which allows TLSv1.1; HTTPS:443 uses ELBSecurityPolicy-TLS13-1-2-2021-06 (TLSv1.2, TLSv1.3)',
    );
  });

  it('judges Classic listeners by the Protocol-* attributes of their SSL negotiation policy, or the policy it references', () => {
    const results = run(
      elbRegion({
        classicLoadBalancers: ok([
          classicLb('custom-strong', [classicListener('HTTPS', 443, 'HTTP', 80, ['my-tls', 'stickiness'])], {
            policies: ok([
              sslPolicy('my-tls', { 'Protocol-TLSv1': 'false', 'Protocol-TLSv1.1': 'false', 'Protocol-TLSv1.2': 'true', 'ECDHE-RSA-AES128-GCM-SHA256': 'true' }),
              { name: 'stickiness', type: 'LBCookieStickinessPolicyType', attributes: {} },
            ]),
          }),
          classicLb('custom-weak', [classicListener('SSL', 636, 'SSL', 636, ['weak'])], {
            policies: ok([sslPolicy('weak', { 'Reference-Security-Policy': 'ELBSecurityPolicy-TLS-1-2-2017-01', 'Protocol-SSLv3': 'true', 'Protocol-TLSv1.2': 'true' })]),
          }),
          classicLb('by-reference', [classicListener('HTTPS', 443, 'HTTPS', 443, ['ref'])], {
            policies: ok([sslPolicy('ref', { 'Reference-Security-Policy': 'ELBSecurityPolicy-TLS-1-2-2017-01' })]),
          }),
          classicLb('none-attached', [classicListener('HTTPS', 443, 'HTTPS', 443)]),
          classicLb('plain', [classicListener('HTTP', 80, 'HTTP', 80)]),
        ]),
      }),
    );
    expect(statuses(results)).toEqual({ 'us-east-1/custom-strong': 'PASS', 'us-east-1/custom-weak': 'FAIL', 'us-east-1/by-reference': 'PASS', 'us-east-1/none-attached': 'FAIL' });
    expect(results[0]?.message).toBe('Classic Load Balancer custom-strong (internet-facing): HTTPS:443 uses policy my-tls, which enables TLSv1.2 (its Protocol-* attributes)');
    // The attributes are what ELB enforces, whatever policy they were made from.
    expect(results[1]?.message).toContain('SSL:636 uses policy weak (from ELBSecurityPolicy-TLS-1-2-2017-01), which enables SSLv3 (its Protocol-* attributes)');
    expect(results[2]?.message).toContain('which enables TLSv1.2 (the predefined ELBSecurityPolicy-TLS-1-2-2017-01)');
    expect(results[3]?.message).toContain('HTTPS:443 has no SSL negotiation policy, so it uses the default ELBSecurityPolicy-2016-08, which allows TLSv1, TLSv1.1');
  });

  it('reports ERROR for a Classic policy it cannot read protocols from, or whose policies could not be read', () => {
    const results = run(
      elbRegion({
        classicLoadBalancers: ok([
          classicLb('mystery', [classicListener('HTTPS', 443, 'HTTPS', 443, ['p'])], { policies: ok([sslPolicy('p', { 'Reference-Security-Policy': 'ELBSecurityPolicy-2011-08' })]) }),
          classicLb('denied', [classicListener('HTTPS', 443, 'HTTPS', 443, ['p'])], { policies: failed(denied('elb', 'DescribeLoadBalancerPolicies')) }),
        ]),
      }),
    );
    expect(statuses(results)).toEqual({ 'us-east-1/mystery': 'ERROR', 'us-east-1/denied': 'ERROR' });
    expect(results[0]?.message).toContain('references no policy this auditor knows');
    expect(results[1]?.message).toContain('could not read the SSL policies of Classic Load Balancer denied (internet-facing): AccessDenied');
  });

  it('reports ERROR when the listeners of a load balancer, or the listings of the region, could not be read', () => {
    const lbError = run(elbRegion({ loadBalancers: ok([alb('a', [], { listeners: failed(denied('elbv2', 'DescribeListeners')) })]) }));
    expect(statuses(lbError)).toEqual({ 'us-east-1/a': 'ERROR' });
    const listing = run(elbRegion({ classicLoadBalancers: failed(denied('elb', 'DescribeLoadBalancers')) }));
    expect(listing).toHaveLength(1);
    expect(listing[0]).toMatchObject({ status: 'ERROR', resource: { type: 'AwsAccount' } });
  });
});
