import type { CheckResult, ResourceRef } from '../../src/evaluate/types';
import { fixFor } from '../../src/aws/remedy';
import { accountResource, eachRegion, readOf, result, unreadable } from '../../src/evaluate/results';
import type { ApiError, ClassicLoadBalancer, ClassicListener, ElbRegion, Inventory, Listener, LoadBalancer } from '../../src/inventory/types';

/* What the ELB checks share: resources, names for messages, and the walk over regions and load balancers. */

export const lbResource = (lb: LoadBalancer): ResourceRef => ({ type: 'AwsElbv2LoadBalancer', id: lb.name, arn: lb.arn });
export const classicResource = (lb: ClassicLoadBalancer): ResourceRef => ({ type: 'AwsElbLoadBalancer', id: lb.name, arn: lb.arn });

const KIND: Readonly<Record<string, string>> = { application: 'ALB', network: 'NLB', gateway: 'Gateway Load Balancer' };

/** `ALB portal (internet-facing)`. */
export function describeLb(lb: LoadBalancer): string {
  return `${KIND[lb.type] ?? `${lb.type} load balancer`} ${lb.name}${lb.scheme ? ` (${lb.scheme})` : ''}`;
}

/** `Classic Load Balancer legacy (internet-facing)`. */
export function describeClassic(lb: ClassicLoadBalancer): string {
  return `Classic Load Balancer ${lb.name}${lb.scheme ? ` (${lb.scheme})` : ''}`;
}

/** `HTTPS:443`. */
export const listenerName = (l: Listener): string => `${l.protocol ?? 'listener'}:${l.port ?? '?'}`;
export const classicListenerName = (l: ClassicListener): string => `${l.protocol}:${l.port}`;

/** A read that kept part of a region from being judged: merged into one ERROR for the account in that region. */
export interface Unread {
  unread: true;
  what: string;
  error: ApiError;
}

export const unread = (what: string, error: ApiError): Unread => ({ unread: true, what, error });

export type Judged = Array<CheckResult | Unread>;

export interface ElbJudges {
  /** Results for one v2 load balancer (none when it is not judged). */
  v2?: (lb: LoadBalancer, region: string, data: ElbRegion) => Judged;
  /** Instead of `v2`: the region's v2 load balancers together (target groups are shared between them). */
  v2Region?: (lbs: LoadBalancer[], region: string, data: ElbRegion) => Judged;
  classic?: (lb: ClassicLoadBalancer, region: string, data: ElbRegion) => Judged;
}

/**
 * Every audited region's load balancers, judged: v2 and Classic each when a judge is given. Listings that could not
 * be read make ONE ERROR for the account in that region naming them all (one result per resource and region); the
 * rest is still judged.
 */
export function eachLoadBalancer(inventory: Inventory, judges: ElbJudges): CheckResult[] {
  const account = accountResource(inventory);
  return eachRegion(inventory, 'elb', inventory.elb, (data, region) => {
    const judged: Judged = [];
    if (judges.v2 || judges.v2Region) {
      const read = readOf(data.loadBalancers, 'elbv2', region, 'DescribeLoadBalancers');
      if (!read.ok) judged.push(unread(`Application/Network Load Balancers in ${region}`, read.error));
      else if (judges.v2Region) judged.push(...judges.v2Region(read.value, region, data));
      else for (const lb of read.value) judged.push(...(judges.v2?.(lb, region, data) ?? []));
    }
    if (judges.classic) {
      const read = readOf(data.classicLoadBalancers, 'elb', region, 'DescribeLoadBalancers');
      if (!read.ok) judged.push(unread(`Classic Load Balancers in ${region}`, read.error));
      else for (const lb of read.value) judged.push(...judges.classic(lb, region, data));
    }
    const results = judged.filter((j): j is CheckResult => !('unread' in j));
    const missing = judged.filter((j): j is Unread => 'unread' in j);
    if (missing.length === 1) results.push(unreadable(region, account, (missing[0] as Unread).error, (missing[0] as Unread).what));
    if (missing.length > 1) {
      const detail = missing.map((m) => `${m.what} (${m.error.service} ${m.error.operation}): ${m.error.code}: ${m.error.message.replace(/[.\s]+$/, '')}`);
      const fixes = [...new Set(missing.map((m) => fixFor(m.error)))];
      results.push(result('ERROR', region, account, `could not read ${detail.join('; ')}. Fix: ${fixes.join('; ')}.`));
    }
    return results;
  });
}

/** The listeners of a v2 load balancer, or the ERROR saying why they are not known. */
export function listenersOf(lb: LoadBalancer, region: string): { ok: true; listeners: Listener[] } | { ok: false; error: CheckResult } {
  const read = readOf(lb.listeners, 'elbv2', region, 'DescribeListeners');
  return read.ok ? { ok: true, listeners: read.value } : { ok: false, error: unreadable(region, lbResource(lb), read.error, `the listeners of ${describeLb(lb)}`) };
}
