import type { Check, CheckResult } from '../../src/evaluate/types';
import { fail, pass, readOf, unreadable } from '../../src/evaluate/results';
import type { ClassicLoadBalancer, LoadBalancer, TargetGroup } from '../../src/inventory/types';
import { terminatesTls } from '../../src/judge/listeners';
import { classicListenerName, classicResource, describeClassic, describeLb, eachLoadBalancer, lbResource, listenerName, listenersOf, unread } from './load-balancers';

/** Target protocols that keep the hop from the load balancer to the targets encrypted (ELB.22). */
const ENCRYPTED = new Set(['HTTPS', 'TLS', 'QUIC']);
/** Target types another check covers or that have no network hop to judge: a Lambda invocation, an ALB behind an NLB. */
const NOT_JUDGED_TYPES = new Set(['lambda', 'alb']);

const check: Check = {
  id: 'elb.targets-encrypted',
  title: 'Load balancers re-encrypt traffic to their targets after terminating TLS',
  severity: 'medium',
  hipaa: ['164.312(e)(1)', '164.312(e)(2)(ii)'],
  controls: ['ELB.22'],
  description:
    'A load balancer that terminates TLS and forwards to its targets over HTTP or TCP sends the decrypted ePHI in clear ' +
    'text across the VPC, readable by anything that can capture traffic there (clear-text offloading). Judged: every ' +
    'target group an ALB HTTPS or NLB TLS listener forwards to, through its default action or any rule (one result per ' +
    'target group), which passes when it speaks HTTPS or TLS to its targets; Lambda and ALB-type target groups have no ' +
    'such hop and are not judged, nor are groups reached only from listeners that do not terminate TLS (their clear ' +
    'text is elb.listeners-encrypted\'s finding; TLS passed through stays encrypted). Classic Load Balancers: one ' +
    'result per load balancer with HTTPS/SSL listeners, which passes when each of those uses HTTPS/SSL to its instances.',
  remediation: {
    text:
      'A target group\'s protocol cannot be changed: create one with `--protocol HTTPS` (ALB) or `--protocol TLS` (NLB), ' +
      'register the same targets, serve TLS on them (a self-signed certificate is accepted: the load balancer does not ' +
      'validate it), then point the listener and its rules at the new group (`aws elbv2 modify-listener` / `modify-rule`). ' +
      'Classic: `aws elb create-load-balancer-listeners` with `InstanceProtocol=HTTPS` (or SSL) and replace the old listener.',
    url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/create-target-group.html',
  },
  reads: ['elb.loadBalancers', 'elb.listeners', 'elb.httpsRules', 'elb.targetGroups', 'elb.classicLoadBalancers'],
  evaluate(inventory) {
    return eachLoadBalancer(inventory, {
      v2Region: (lbs, region, data) => {
        const groups = readOf(data.targetGroups, 'elbv2', region, 'DescribeTargetGroups');
        return groups.ok ? judgeTargetGroups(lbs, groups.value, region) : [unread(`target groups in ${region}`, groups.error)];
      },
      classic: (lb, region) => judgeClassic(lb, region),
    });
  },
};

/** Which TLS-terminating listeners reach each target group, and the ERRORs for load balancers whose routing is unknown. */
function reachedFromTls(lbs: LoadBalancer[], region: string): { reached: Map<string, string[]>; errors: CheckResult[] } {
  const reached = new Map<string, string[]>();
  const errors: CheckResult[] = [];
  const note = (arn: string, by: string) => reached.set(arn, [...(reached.get(arn) ?? []), by]);
  for (const lb of lbs) {
    if (lb.type === 'gateway') continue;
    const known = listenersOf(lb, region);
    if (!known.ok) {
      errors.push(known.error);
      continue;
    }
    for (const l of known.listeners.filter((x) => terminatesTls(x.protocol))) {
      const by = `${listenerName(l)} of ${describeLb(lb)}`;
      for (const arn of new Set(l.defaultActions.flatMap((a) => a.targetGroupArns))) note(arn, by);
      if (lb.type !== 'application') continue; // only ALB listeners have rules
      const rules = readOf(l.rules, 'elbv2', region, 'DescribeRules');
      if (!rules.ok) {
        // One ERROR per load balancer, however many of its listeners could not be read.
        if (!errors.some((e) => e.resource.arn === lb.arn)) errors.push(unreadable(region, lbResource(lb), rules.error, `the rules of ${by}`));
        continue;
      }
      const viaRules = new Set(rules.value.filter((r) => !r.isDefault).flatMap((r) => r.actions.flatMap((a) => a.targetGroupArns)));
      for (const arn of viaRules) if (!reached.get(arn)?.includes(by)) note(arn, by);
    }
  }
  return { reached, errors };
}

function judgeTargetGroups(lbs: LoadBalancer[], groups: TargetGroup[], region: string): CheckResult[] {
  const { reached, errors } = reachedFromTls(lbs, region);
  const results: CheckResult[] = [];
  for (const tg of groups) {
    const by = reached.get(tg.arn);
    if (!by || NOT_JUDGED_TYPES.has(tg.targetType ?? '') || tg.protocol === undefined || tg.protocol === 'GENEVE') continue;
    const resource = { type: 'Other', id: tg.name, arn: tg.arn };
    const what = `target group ${tg.name} (${tg.targetType ?? 'instance'} targets, reached from ${by.join(', ')})`;
    if (ENCRYPTED.has(tg.protocol)) results.push(pass(region, resource, `${what} speaks ${tg.protocol} to its targets on port ${tg.port ?? '?'}`));
    else results.push(fail(region, resource, `${what} forwards the decrypted traffic over ${tg.protocol}${tg.port !== undefined ? ` on port ${tg.port}` : ''} in clear text`));
  }
  return [...results, ...errors];
}

function judgeClassic(lb: ClassicLoadBalancer, region: string): CheckResult[] {
  const tls = lb.listeners.filter((l) => terminatesTls(l.protocol));
  if (tls.length === 0) return [];
  const clear = tls.filter((l) => !terminatesTls(l.instanceProtocol));
  const describe = (l: (typeof tls)[number]) => `${classicListenerName(l)} → ${l.instanceProtocol}:${l.instancePort}`;
  const resource = classicResource(lb);
  if (clear.length) return [fail(region, resource, `${describeClassic(lb)} decrypts and forwards in clear text to its instances: ${clear.map(describe).join(', ')}`)];
  return [pass(region, resource, `${describeClassic(lb)} re-encrypts to its instances: ${tls.map(describe).join(', ')}`)];
}

export default check;
