import check from '../../../checks/elb/access-logs';
import { checkContext, denied, failed, inventory, ok, statuses } from '../../support/inventory';
import { alb, classicLb, classicListener, elbRegion, forward, lbArn, listener, nlb } from '../../support/builders/elb';

const run = (region: ReturnType<typeof elbRegion>) => check.evaluate(inventory({ elb: { 'us-east-1': region } }), checkContext());

describe('elb.access-logs', () => {
  it('passes an ALB writing access logs, naming the bucket, and fails one with logging off or unset (off by default)', () => {
    const results = run(
      elbRegion({
        loadBalancers: ok([
          alb('logged', [], { attributes: ok({ 'access_logs.s3.enabled': 'true', 'access_logs.s3.bucket': 'elb-logs', 'access_logs.s3.prefix': 'portal' }) }),
          alb('off', [], { attributes: ok({ 'access_logs.s3.enabled': 'false' }) }),
          alb('unset', [], { attributes: ok({ 'deletion_protection.enabled': 'true' }) }),
        ]),
      }),
    );
    expect(statuses(results)).toEqual({ 'us-east-1/logged': 'PASS', 'us-east-1/off': 'FAIL', 'us-east-1/unset': 'FAIL' });
    expect(results[0]?.message).toBe('ALB logged (internet-facing) writes access logs to s3://elb-logs/portal/');
    expect(results[0]?.resource).toEqual({ type: 'AwsElbv2LoadBalancer', id: 'logged', arn: lbArn('logged') });
    expect(results[1]?.message).toBe('ALB off (internet-facing) writes no access logs: access_logs.s3.enabled is false');
    expect(results[2]?.message).toBe('ALB unset (internet-facing) writes no access logs: access_logs.s3.enabled is not set (off by default)');
  });

  it('judges an NLB only when it has a TLS listener (its logs cover TLS requests only), and never a Gateway Load Balancer', () => {
    const results = run(
      elbRegion({
        loadBalancers: ok([
          nlb('tls', [listener('TLS', 6514, [forward('hl7')])]),
          nlb('tcp', [listener('TCP', 2575, [forward('hl7')])]),
          { arn: lbArn('gw', 'gwy'), name: 'gw', type: 'gateway', attributes: ok({}) },
        ]),
      }),
    );
    expect(statuses(results)).toEqual({ 'us-east-1/tls': 'FAIL' });
  });

  it('judges Classic load balancers by AccessLog, absent meaning off', () => {
    const results = run(
      elbRegion({
        classicLoadBalancers: ok([
          classicLb('logged', [classicListener('HTTPS', 443, 'HTTPS', 443)], { attributes: ok({ accessLog: { enabled: true, s3BucketName: 'clb-logs' } }) }),
          classicLb('disabled', [], { attributes: ok({ accessLog: { enabled: false } }) }),
          classicLb('absent', [], { attributes: ok({}) }),
        ]),
      }),
    );
    expect(statuses(results)).toEqual({ 'us-east-1/logged': 'PASS', 'us-east-1/disabled': 'FAIL', 'us-east-1/absent': 'FAIL' });
    expect(results[0]?.message).toBe('Classic Load Balancer logged (internet-facing) writes access logs to s3://clb-logs/');
    expect(results[2]?.message).toContain('AccessLog is not set (off by default)');
  });

  it('reports ERROR for attributes, or an NLB\'s listeners, that could not be read', () => {
    const results = run(
      elbRegion({
        loadBalancers: ok([alb('a', [], { attributes: failed(denied('elbv2', 'DescribeLoadBalancerAttributes')) }), nlb('n', [], { listeners: failed(denied('elbv2', 'DescribeListeners')) })]),
        classicLoadBalancers: ok([classicLb('c', [], { attributes: failed(denied('elb', 'DescribeLoadBalancerAttributes')) })]),
      }),
    );
    expect(statuses(results)).toEqual({ 'us-east-1/a': 'ERROR', 'us-east-1/n': 'ERROR', 'us-east-1/c': 'ERROR' });
    expect(results[0]?.message).toContain('elasticloadbalancing:DescribeLoadBalancerAttributes');
    const unread = run(elbRegion({ loadBalancers: ok([alb('a', [], { attributes: undefined })]) }));
    expect(unread[0]).toMatchObject({ status: 'ERROR', message: expect.stringContaining('NotCollected') });
  });
});
