import type { Check, CheckResult } from '../../src/evaluate/types';
import { fail, pass, readOf, unreadable } from '../../src/evaluate/results';
import type { ClassicLoadBalancer, LoadBalancer } from '../../src/inventory/types';
import { classicResource, describeClassic, describeLb, eachLoadBalancer, lbResource, listenersOf } from './load-balancers';

const check: Check = {
  id: 'elb.access-logs',
  title: 'Load balancers write access logs',
  severity: 'medium',
  hipaa: ['164.312(b)'],
  controls: ['ELB.5'],
  description:
    'Access logs record every request a load balancer receives (time, client address, path, TLS protocol and cipher, ' +
    'response), the audit trail of who reached an ePHI application and how. Judged: Application and Classic Load ' +
    'Balancers, and Network Load Balancers with a TLS listener (NLB access logs cover TLS requests only, so one ' +
    'without TLS listeners has nothing to log). The attribute access_logs.s3.enabled (Classic: AccessLog.Enabled) ' +
    'must be true; an attribute AWS does not return is at its default, off. Gateway Load Balancers have no access ' +
    'logs and are not judged. One result per load balancer.',
  remediation: {
    text:
      'Create or choose an S3 bucket whose policy lets Elastic Load Balancing write to it, then ' +
      '`aws elbv2 modify-load-balancer-attributes --load-balancer-arn <arn> --attributes Key=access_logs.s3.enabled,Value=true ' +
      'Key=access_logs.s3.bucket,Value=<bucket> [Key=access_logs.s3.prefix,Value=<prefix>]`; Classic: ' +
      '`aws elb modify-load-balancer-attributes --load-balancer-name <name> --load-balancer-attributes ' +
      '"{\\"AccessLog\\":{\\"Enabled\\":true,\\"S3BucketName\\":\\"<bucket>\\",\\"EmitInterval\\":5}}"`.',
    url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html',
  },
  reads: ['elb.loadBalancers', 'elb.listeners', 'elb.attributes', 'elb.classicLoadBalancers', 'elb.classicAttributes'],
  evaluate(inventory) {
    return eachLoadBalancer(inventory, { v2: (lb, region) => judgeV2(lb, region), classic: (lb, region) => judgeClassic(lb, region) });
  },
};

function judgeV2(lb: LoadBalancer, region: string): CheckResult[] {
  if (lb.type === 'gateway') return [];
  if (lb.type === 'network') {
    const known = listenersOf(lb, region);
    if (!known.ok) return [known.error];
    if (!known.listeners.some((l) => l.protocol?.toUpperCase() === 'TLS')) return [];
  }
  const read = readOf(lb.attributes, 'elbv2', region, 'DescribeLoadBalancerAttributes');
  const resource = lbResource(lb);
  if (!read.ok) return [unreadable(region, resource, read.error, `the attributes of ${describeLb(lb)}`)];
  const enabled = read.value['access_logs.s3.enabled'];
  if (enabled?.toLowerCase() === 'true') {
    const bucket = read.value['access_logs.s3.bucket'];
    const prefix = read.value['access_logs.s3.prefix'];
    return [pass(region, resource, `${describeLb(lb)} writes access logs${bucket ? ` to s3://${bucket}/${prefix ? `${prefix}/` : ''}` : ''}`)];
  }
  const seen = enabled === undefined ? 'access_logs.s3.enabled is not set (off by default)' : `access_logs.s3.enabled is ${enabled}`;
  return [fail(region, resource, `${describeLb(lb)} writes no access logs: ${seen}`)];
}

function judgeClassic(lb: ClassicLoadBalancer, region: string): CheckResult[] {
  const read = readOf(lb.attributes, 'elb', region, 'DescribeLoadBalancerAttributes');
  const resource = classicResource(lb);
  if (!read.ok) return [unreadable(region, resource, read.error, `the attributes of ${describeClassic(lb)}`)];
  const log = read.value.accessLog;
  if (log?.enabled) return [pass(region, resource, `${describeClassic(lb)} writes access logs${log.s3BucketName ? ` to s3://${log.s3BucketName}/` : ''}`)];
  const seen = log === undefined ? 'AccessLog is not set (off by default)' : 'AccessLog.Enabled is false';
  return [fail(region, resource, `${describeClassic(lb)} writes no access logs: ${seen}`)];
}

export default check;
