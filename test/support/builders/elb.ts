import type { ClassicListener, ClassicLoadBalancer, ElbRegion, Listener, ListenerAction, ListenerRule, LoadBalancer, TargetGroup } from '../../../src/inventory/types';
import { ACCOUNT, ok } from '../inventory';

/* Typed ELB inventory for check tests: complete objects with defaults, overridable field by field. */

const REGION = 'us-east-1';
export const lbArn = (name: string, kind = 'app'): string => `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/${kind}/${name}/50dc6c495c0c9188`;
export const tgArn = (name: string): string => `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:targetgroup/${name}/6d0ecf831eec9f09`;
let listenerSeq = 0;

export const forward = (...groups: string[]): ListenerAction => ({ type: 'forward', targetGroupArns: groups.map(tgArn) });
export const redirect = (protocol = 'HTTPS'): ListenerAction => ({ type: 'redirect', redirectProtocol: protocol, targetGroupArns: [] });
export const fixedResponse = (): ListenerAction => ({ type: 'fixed-response', targetGroupArns: [] });

export function rule(priority: string, ...actions: ListenerAction[]): ListenerRule {
  return { arn: `rule-${priority}`, priority, isDefault: priority === 'default', actions };
}

/** A listener; HTTPS and TLS ones get a TLS 1.2+ policy unless told otherwise. */
export function listener(protocol: string, port: number, defaultActions: ListenerAction[], extra: Partial<Listener> = {}): Listener {
  listenerSeq += 1;
  return {
    arn: `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:listener/app/x/1/${listenerSeq}`,
    protocol,
    port,
    ...(['HTTPS', 'TLS'].includes(protocol) ? { sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' } : {}),
    certificateArns: [],
    defaultActions,
    ...extra,
  };
}

/** An internet-facing ALB with the given listeners. */
export function alb(name: string, listeners: Listener[], extra: Partial<LoadBalancer> = {}): LoadBalancer {
  return { arn: lbArn(name), name, type: 'application', scheme: 'internet-facing', listeners: ok(listeners), attributes: ok({}), ...extra };
}

/** An internal NLB with the given listeners. */
export function nlb(name: string, listeners: Listener[], extra: Partial<LoadBalancer> = {}): LoadBalancer {
  return { arn: lbArn(name, 'net'), name, type: 'network', scheme: 'internal', listeners: ok(listeners), attributes: ok({}), ...extra };
}

export function targetGroup(name: string, protocol: string | undefined, extra: Partial<TargetGroup> = {}): TargetGroup {
  return { arn: tgArn(name), name, ...(protocol ? { protocol, port: protocol === 'HTTPS' ? 443 : 80 } : {}), targetType: 'instance', loadBalancerArns: [], ...extra };
}

export function classicListener(protocol: string, port: number, instanceProtocol: string, instancePort: number, policyNames: string[] = []): ClassicListener {
  return { protocol, port, instanceProtocol, instancePort, policyNames };
}

/** An internet-facing Classic Load Balancer; no policies and logging off unless told. */
export function classicLb(name: string, listeners: ClassicListener[], extra: Partial<ClassicLoadBalancer> = {}): ClassicLoadBalancer {
  return { name, arn: `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/${name}`, scheme: 'internet-facing', listeners, policies: ok([]), attributes: ok({}), ...extra };
}

/** An ELB region where every read succeeded; override the parts a test needs. */
export function elbRegion(parts: Partial<ElbRegion> = {}): ElbRegion {
  return { loadBalancers: ok([]), targetGroups: ok([]), classicLoadBalancers: ok([]), ...parts };
}
