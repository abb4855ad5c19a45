import * as classicApi from '@aws-sdk/client-elastic-load-balancing';
import { DescribeLoadBalancerPoliciesCommand, ElasticLoadBalancingClient, type LoadBalancerDescription } from '@aws-sdk/client-elastic-load-balancing';
import {
  DescribeLoadBalancerAttributesCommand,
  ElasticLoadBalancingV2Client,
  paginateDescribeListeners,
  paginateDescribeLoadBalancers,
  paginateDescribeRules,
  paginateDescribeTargetGroups,
  type Action,
  type Listener as SdkListener,
  type LoadBalancer as SdkLoadBalancer,
  type Rule,
  type TargetGroup as SdkTargetGroup,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type {
  ClassicAttributes,
  ClassicLoadBalancer,
  ClassicPolicy,
  ElbRegion,
  Listener,
  ListenerAction,
  ListenerRule,
  LoadBalancer,
  TargetGroup,
} from '../inventory/elb';
import type { Read } from '../inventory/read';
import { keepsContentOffHttp, terminatesTls } from '../judge/listeners';
import { arnsIn, type ArnOf } from './arn';
import { attempt, attemptList, collectList, expectFields, mapBounded } from './attempt';
import type { RegionalCollector } from './collector';

/**
 * Elastic Load Balancing in one region, through two APIs: `elbv2` (Application, Network, Gateway) and `elb`
 * (Classic). Bulk, paginated by Marker: DescribeLoadBalancers (each API) and DescribeTargetGroups. Per resource,
 * because the APIs take one load balancer or listener at a time: DescribeListeners and DescribeLoadBalancerAttributes
 * per v2 load balancer; DescribeRules only for the ALB listeners whose verdict depends on their rules (HTTP
 * listeners that redirect or answer fixed responses by default, for `httpRules`; HTTPS listeners, for `httpsRules`);
 * DescribeLoadBalancerPolicies per Classic load balancer with an HTTPS/SSL listener, and its
 * DescribeLoadBalancerAttributes. Each read is made only when a selected check wants it.
 * The Classic API's commands that share a name with v2's are used through `classicApi`.
 */
export const elbCollector: RegionalCollector<'elb'> = {
  scope: 'regional',
  async collect(ctx, region): Promise<ElbRegion> {
    const wants = {
      listeners: ctx.wants('elb.listeners'),
      httpRules: ctx.wants('elb.httpRules'),
      httpsRules: ctx.wants('elb.httpsRules'),
      attributes: ctx.wants('elb.attributes'),
      classicPolicies: ctx.wants('elb.classicPolicies'),
      classicAttributes: ctx.wants('elb.classicAttributes'),
    };
    const readListeners = wants.listeners || wants.httpRules || wants.httpsRules;
    const listV2 = ctx.wants('elb.loadBalancers') || readListeners || wants.attributes;
    const listClassic = ctx.wants('elb.classicLoadBalancers') || wants.classicPolicies || wants.classicAttributes;

    const v2 = ctx.aws.client('elbv2', ElasticLoadBalancingV2Client, region);
    const classic = ctx.aws.client('elb', ElasticLoadBalancingClient, region);
    const site = (service: 'elbv2' | 'elb', operation: string) => ({ service, region, operation });
    const v2Limit = ctx.aws.concurrencyOf('elbv2');
    const classicLimit = ctx.aws.concurrencyOf('elb');
    const classicArn = arnsIn(ctx, 'elasticloadbalancing', region);

    const [loadBalancers, targetGroups, classicLoadBalancers] = await Promise.all([
      !listV2 ? undefined : attempt(site('elbv2', 'DescribeLoadBalancers'), async () => {
        const items = await collectList(paginateDescribeLoadBalancers({ client: v2 }, {}), 'LoadBalancers');
        return mapBounded(items, v2Limit, async (lb) => {
          const base = toLoadBalancer(lb);
          const [listeners, attributes] = await Promise.all([
            readListeners ? readLoadBalancerListeners(v2, base, region, v2Limit, wants) : undefined,
            wants.attributes ? readAttributes(v2, base.arn, region) : undefined,
          ]);
          return { ...base, ...(listeners ? { listeners } : {}), ...(attributes ? { attributes } : {}) };
        });
      }),
      !ctx.wants('elb.targetGroups') ? undefined : attemptList(site('elbv2', 'DescribeTargetGroups'), paginateDescribeTargetGroups({ client: v2 }, {}), 'TargetGroups', toTargetGroup),
      !listClassic ? undefined : attempt(site('elb', 'DescribeLoadBalancers'), async () => {
        const items = await collectList(classicApi.paginateDescribeLoadBalancers({ client: classic }, {}), 'LoadBalancerDescriptions');
        return mapBounded(items, classicLimit, async (d) => {
          const base = toClassic(d, classicArn);
          const secure = base.listeners.some((l) => terminatesTls(l.protocol));
          const [policies, attributes] = await Promise.all([
            wants.classicPolicies && secure ? readClassicPolicies(classic, base.name, region) : undefined,
            wants.classicAttributes ? readClassicAttributes(classic, base.name, region) : undefined,
          ]);
          return { ...base, ...(policies ? { policies } : {}), ...(attributes ? { attributes } : {}) };
        });
      }),
    ]);
    return {
      ...(loadBalancers ? { loadBalancers } : {}),
      ...(targetGroups ? { targetGroups } : {}),
      ...(classicLoadBalancers ? { classicLoadBalancers } : {}),
    };
  },
};

function toLoadBalancer(lb: SdkLoadBalancer): LoadBalancer {
  const v = expectFields(lb, ['LoadBalancerArn', 'LoadBalancerName', 'Type']);
  return {
    arn: v.LoadBalancerArn,
    name: v.LoadBalancerName,
    type: v.Type,
    ...(lb.Scheme ? { scheme: lb.Scheme } : {}),
    ...(lb.DNSName ? { dnsName: lb.DNSName } : {}),
    ...(lb.VpcId ? { vpcId: lb.VpcId } : {}),
  };
}

function toAction(a: Action): ListenerAction {
  const v = expectFields(a, ['Type']);
  const arns = [a.TargetGroupArn, ...(a.ForwardConfig?.TargetGroups ?? []).map((t) => t.TargetGroupArn)].filter((x): x is string => !!x);
  return {
    type: v.Type,
    ...(a.RedirectConfig ? { redirectProtocol: a.RedirectConfig.Protocol ?? '#{protocol}' } : {}),
    targetGroupArns: [...new Set(arns)],
  };
}

function toListener(l: SdkListener): Listener {
  const v = expectFields(l, ['ListenerArn', 'DefaultActions']);
  // Every HTTPS/TLS listener has a security policy; an answer without one is not one AWS gives.
  if (terminatesTls(l.Protocol)) expectFields(l, ['SslPolicy']);
  return {
    arn: v.ListenerArn,
    ...(l.Protocol ? { protocol: l.Protocol } : {}),
    ...(l.Port !== undefined ? { port: l.Port } : {}),
    ...(l.SslPolicy ? { sslPolicy: l.SslPolicy } : {}),
    certificateArns: (l.Certificates ?? []).flatMap((c) => (c.CertificateArn ? [c.CertificateArn] : [])),
    defaultActions: v.DefaultActions.map(toAction),
  };
}

function toRule(r: Rule): ListenerRule {
  const v = expectFields(r, ['RuleArn', 'Actions']);
  return { arn: v.RuleArn, priority: r.Priority ?? '', isDefault: r.IsDefault === true, actions: v.Actions.map(toAction) };
}

/** Whether a listener's rules are read: only where a wanted verdict depends on them. */
function rulesWanted(lb: LoadBalancer, l: Listener, wants: { httpRules: boolean; httpsRules: boolean }): boolean {
  if (lb.type !== 'application') return false; // only ALB listeners have rules
  const protocol = l.protocol?.toUpperCase();
  if (protocol === 'HTTPS') return wants.httpsRules;
  // An HTTP listener that forwards by default fails whatever its rules say.
  return protocol === 'HTTP' && wants.httpRules && l.defaultActions.length > 0 && l.defaultActions.every(keepsContentOffHttp);
}

async function readLoadBalancerListeners(
  client: ElasticLoadBalancingV2Client,
  lb: LoadBalancer,
  region: string,
  limit: number,
  wants: { httpRules: boolean; httpsRules: boolean },
): Promise<Read<Listener[]>> {
  return attempt({ service: 'elbv2', region, operation: 'DescribeListeners' }, async () => {
    const items = await collectList(paginateDescribeListeners({ client }, { LoadBalancerArn: lb.arn }), 'Listeners');
    return mapBounded(items.map(toListener), limit, async (l) => {
      if (!rulesWanted(lb, l, wants)) return l;
      const rules = await attempt({ service: 'elbv2', region, operation: 'DescribeRules' }, async () =>
        (await collectList(paginateDescribeRules({ client }, { ListenerArn: l.arn }), 'Rules')).map(toRule),
      );
      return { ...l, rules };
    });
  });
}

function readAttributes(client: ElasticLoadBalancingV2Client, arn: string, region: string): Promise<Read<Record<string, string>>> {
  return attempt({ service: 'elbv2', region, operation: 'DescribeLoadBalancerAttributes' }, async () => {
    const out = await client.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: arn }));
    const attributes: Record<string, string> = {};
    for (const a of expectFields(out, ['Attributes']).Attributes) if (a.Key !== undefined) attributes[a.Key] = a.Value ?? '';
    return attributes;
  });
}

function toTargetGroup(tg: SdkTargetGroup): TargetGroup {
  const v = expectFields(tg, ['TargetGroupArn', 'TargetGroupName']);
  return {
    arn: v.TargetGroupArn,
    name: v.TargetGroupName,
    ...(tg.Protocol ? { protocol: tg.Protocol } : {}),
    ...(tg.Port !== undefined ? { port: tg.Port } : {}),
    ...(tg.TargetType ? { targetType: tg.TargetType } : {}),
    loadBalancerArns: [...new Set(tg.LoadBalancerArns ?? [])],
  };
}

function toClassic(d: LoadBalancerDescription, arn: ArnOf): ClassicLoadBalancer {
  const v = expectFields(d, ['LoadBalancerName', 'ListenerDescriptions']);
  return {
    name: v.LoadBalancerName,
    // The Classic API returns no ARN; this is the documented form (elasticloadbalancing resource types).
    arn: arn(`loadbalancer/${v.LoadBalancerName}`),
    ...(d.Scheme ? { scheme: d.Scheme } : {}),
    ...(d.DNSName ? { dnsName: d.DNSName } : {}),
    listeners: v.ListenerDescriptions.map((ld) => {
      const l = expectFields(expectFields(ld, ['Listener']).Listener, ['Protocol', 'LoadBalancerPort', 'InstanceProtocol', 'InstancePort']);
      return {
        protocol: l.Protocol.toUpperCase(),
        port: l.LoadBalancerPort,
        instanceProtocol: l.InstanceProtocol.toUpperCase(),
        instancePort: l.InstancePort,
        ...(l.SSLCertificateId ? { sslCertificateId: l.SSLCertificateId } : {}),
        policyNames: ld.PolicyNames ?? [],
      };
    }),
  };
}

function readClassicPolicies(client: ElasticLoadBalancingClient, name: string, region: string): Promise<Read<ClassicPolicy[]>> {
  return attempt({ service: 'elb', region, operation: 'DescribeLoadBalancerPolicies' }, async () => {
    const out = await client.send(new DescribeLoadBalancerPoliciesCommand({ LoadBalancerName: name }));
    return expectFields(out, ['PolicyDescriptions']).PolicyDescriptions.map((p) => {
      const v = expectFields(p, ['PolicyName', 'PolicyTypeName']);
      const attributes: Record<string, string> = {};
      for (const a of p.PolicyAttributeDescriptions ?? []) if (a.AttributeName !== undefined) attributes[a.AttributeName] = a.AttributeValue ?? '';
      return { name: v.PolicyName, type: v.PolicyTypeName, attributes };
    });
  });
}

function readClassicAttributes(client: ElasticLoadBalancingClient, name: string, region: string): Promise<Read<ClassicAttributes>> {
  return attempt({ service: 'elb', region, operation: 'DescribeLoadBalancerAttributes' }, async () => {
    const out = await client.send(new classicApi.DescribeLoadBalancerAttributesCommand({ LoadBalancerName: name }));
    const log = expectFields(out, ['LoadBalancerAttributes']).LoadBalancerAttributes.AccessLog;
    return log ? { accessLog: { enabled: log.Enabled === true, ...(log.S3BucketName ? { s3BucketName: log.S3BucketName } : {}) } } : {};
  });
}
