import check from '../../../checks/elb/targets-encrypted';
import { checkContext, denied, failed, inventory, ok, statuses } from '../../support/inventory';
import { alb, classicLb, classicListener, elbRegion, forward, listener, nlb, redirect, rule, targetGroup, tgArn } from '../../support/builders/elb';

const run = (region: ReturnType<typeof elbRegion>) => check.evaluate(inventory({ elb: { 'us-east-1': region } }), checkContext());

describe('elb.targets-encrypted', () => {
  it('passes an HTTPS target group behind an HTTPS listener and fails an HTTP one (clear-text offloading), one result per target group', () => {
    const results = run(
      elbRegion({
        loadBalancers: ok([
          alb('portal', [listener('HTTPS', 443, [forward('app-tls')], { rules: ok([rule('10', forward('api-plain')), rule('default', forward('app-tls'))]) })]),
        ]),
        targetGroups: ok([targetGroup('app-tls', 'HTTPS'), targetGroup('api-plain', 'HTTP')]),
      }),
    );
    expect(statuses(results)).toEqual({ 'us-east-1/app-tls': 'PASS', 'us-east-1/api-plain': 'FAIL' });
    expect(results[0]?.message).toBe('target group app-tls (instance targets, reached from HTTPS:443 of ALB portal (internet-facing)) speaks HTTPS to its targets on port 443');
    expect(results[1]?.message).toBe('target group api-plain (instance targets, reached from HTTPS:443 of ALB portal (internet-facing)) forwards the decrypted traffic over HTTP on port 80 in clear text');
    expect(results[1]?.resource).toEqual({ type: 'Other', id: 'api-plain', arn: tgArn('api-plain') });
  });

  it('judges NLB TLS listeners too: a TCP target group behind TLS fails, a TLS one passes', () => {
    const results = run(
      elbRegion({
        loadBalancers: ok([nlb('hl7', [listener('TLS', 6514, [forward('hl7-tcp')]), listener('TLS', 6515, [forward('hl7-tls')])])]),
        targetGroups: ok([targetGroup('hl7-tcp', 'TCP'), targetGroup('hl7-tls', 'TLS')]),
      }),
    );
    expect(statuses(results)).toEqual({ 'us-east-1/hl7-tcp': 'FAIL', 'us-east-1/hl7-tls': 'PASS' });
  });

  it('does not judge groups reached only from listeners that do not terminate TLS, nor Lambda, ALB-type or GENEVE groups', () => {
    const results = run(
      elbRegion({
        loadBalancers: ok([
          alb('portal', [listener('HTTP', 80, [forward('plain-only')]), listener('HTTPS', 443, [forward('fn', 'inner-alb')], { rules: ok([]) })]),
          nlb('passthrough', [listener('TCP', 443, [forward('tcp-passthrough')])]),
        ]),
        targetGroups: ok([
          targetGroup('plain-only', 'HTTP'),
          targetGroup('fn', undefined, { targetType: 'lambda' }),
          targetGroup('inner-alb', 'TCP', { targetType: 'alb' }),
          targetGroup('tcp-passthrough', 'TCP'),
          targetGroup('unused', 'HTTP'),
        ]),
      }),
    );
    expect(results).toEqual([]);
  });

  it('names every listener that reaches a group, once', () => {
    const results = run(
      elbRegion({
        loadBalancers: ok([
          alb('a', [listener('HTTPS', 443, [forward('shared')], { rules: ok([rule('1', forward('shared'))]) }), listener('HTTPS', 8443, [forward('shared')], { rules: ok([]) })]),
          alb('b', [listener('HTTPS', 443, [redirect()], { rules: ok([rule('1', forward('shared'))]) })]),
        ]),
        targetGroups: ok([targetGroup('shared', 'HTTP')]),
      }),
    );
    expect(results).toHaveLength(1);
    expect(results[0]?.message).toContain('reached from HTTPS:443 of ALB a (internet-facing), HTTPS:8443 of ALB a (internet-facing), HTTPS:443 of ALB b (internet-facing)');
  });

  it('judges Classic HTTPS/SSL listeners by their instance protocol, one result per load balancer', () => {
    const results = run(
      elbRegion({
        classicLoadBalancers: ok([
          classicLb('reencrypts', [classicListener('HTTPS', 443, 'HTTPS', 8443), classicListener('HTTP', 80, 'HTTP', 80)]),
          classicLb('offloads', [classicListener('HTTPS', 443, 'HTTP', 80), classicListener('SSL', 636, 'SSL', 636)]),
          classicLb('plain', [classicListener('HTTP', 80, 'HTTP', 80)]),
        ]),
      }),
    );
    expect(statuses(results)).toEqual({ 'us-east-1/reencrypts': 'PASS', 'us-east-1/offloads': 'FAIL' });
    expect(results[0]?.message).toBe('Classic Load Balancer reencrypts (internet-facing) re-encrypts to its instances: HTTPS:443 → HTTPS:8443');
    expect(results[1]?.message).toBe('Classic Load Balancer offloads (internet-facing) decrypts and forwards in clear text to its instances: HTTPS:443 → HTTP:80');
  });

  it('reports ERROR for a load balancer whose listeners or HTTPS rules could not be read, once, and still judges what is known', () => {
    const results = run(
      elbRegion({
        loadBalancers: ok([
          alb('a', [], { listeners: failed(denied('elbv2', 'DescribeListeners')) }),
          alb('b', [
            listener('HTTPS', 443, [forward('known')], { rules: failed(denied('elbv2', 'DescribeRules')) }),
            listener('HTTPS', 8443, [forward('known')], { rules: failed(denied('elbv2', 'DescribeRules')) }),
          ]),
        ]),
        targetGroups: ok([targetGroup('known', 'HTTP')]),
      }),
    );
    expect(statuses(results)).toEqual({ 'us-east-1/known': 'FAIL', 'us-east-1/a': 'ERROR', 'us-east-1/b': 'ERROR' });
    expect(results.filter((r) => r.resource.id === 'b')).toHaveLength(1);
    expect(results.find((r) => r.resource.id === 'b')?.message).toContain('could not read the rules of HTTPS:443 of ALB b (internet-facing): AccessDenied');
  });

  it('reports one ERROR for the account when target groups could not be listed, and still judges Classic load balancers', () => {
    const results = run(
      elbRegion({
        loadBalancers: ok([alb('portal', [listener('HTTPS', 443, [forward('app')], { rules: ok([]) })])]),
        targetGroups: failed(denied('elbv2', 'DescribeTargetGroups')),
        classicLoadBalancers: ok([classicLb('web', [classicListener('HTTPS', 443, 'HTTPS', 443)])]),
      }),
    );
    expect(statuses(results)).toEqual({ 'us-east-1/web': 'PASS', 'us-east-1/111122223333': 'ERROR' });
    expect(results.find((r) => r.status === 'ERROR')?.message).toContain('could not read target groups in us-east-1: AccessDenied');
  });
});
