import {
  DescribeLoadBalancerAttributesCommand as DescribeClassicAttributesCommand,
  DescribeLoadBalancerPoliciesCommand,
  DescribeLoadBalancersCommand as DescribeClassicLoadBalancersCommand,
  ElasticLoadBalancingClient,
} from '@aws-sdk/client-elastic-load-balancing';
import {
  DescribeListenersCommand,
  DescribeLoadBalancerAttributesCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { CHECKS } from '../../checks';
import { collectInventory } from '../../src/collect';
import { elbCollector } from '../../src/collect/elb';
import { selectChecks } from '../../src/evaluate/select';
import { readsFor } from '../../src/run-audit';
import type { ReadId } from '../../src/inventory/types';
import { ACCOUNT, awsError, collectContext } from '../support/inventory';
import { inOrder } from '../support/pages';

const v2 = mockClient(ElasticLoadBalancingV2Client);
const classic = mockClient(ElasticLoadBalancingClient);
beforeEach(() => {
  v2.reset();
  classic.reset();
});

const REGION = 'us-east-1';
const lbArn = (kind: string, name: string) => `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/${kind}/${name}/1`;
const listenerArn = (name: string, n: number) => `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:listener/app/${name}/1/${n}`;
const tgArn = (name: string) => `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:targetgroup/${name}/1`;

/** An ALB (portal) and an NLB (hl7), each with listeners, a target group list and attributes; no Classic load balancers. */
function account(): void {
  v2.on(DescribeLoadBalancersCommand).resolves({
    LoadBalancers: [
      { LoadBalancerArn: lbArn('app', 'portal'), LoadBalancerName: 'portal', Type: 'application', Scheme: 'internet-facing', DNSName: 'portal.elb', VpcId: 'vpc-1' },
      { LoadBalancerArn: lbArn('net', 'hl7'), LoadBalancerName: 'hl7', Type: 'network', Scheme: 'internal' },
    ],
  });
  v2.on(DescribeListenersCommand, { LoadBalancerArn: lbArn('app', 'portal') }).resolves({
    Listeners: [
      { ListenerArn: listenerArn('portal', 1), Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } }] },
      { ListenerArn: listenerArn('portal', 2), Protocol: 'HTTP', Port: 8080, DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn('app') }] },
      {
        ListenerArn: listenerArn('portal', 3),
        Protocol: 'HTTPS',
        Port: 443,
        SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
        Certificates: [{ CertificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/c1' }],
        DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn('app'), ForwardConfig: { TargetGroups: [{ TargetGroupArn: tgArn('app') }, { TargetGroupArn: tgArn('canary') }] } }],
      },
    ],
  });
  v2.on(DescribeListenersCommand, { LoadBalancerArn: lbArn('net', 'hl7') }).resolves({
    Listeners: [{ ListenerArn: listenerArn('hl7', 1), Protocol: 'TLS', Port: 6514, SslPolicy: 'ELBSecurityPolicy-2016-08', DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn('hl7') }] }],
  });
  v2.on(DescribeRulesCommand).resolves({ Rules: [] });
  v2.on(DescribeTargetGroupsCommand).resolves({ TargetGroups: [] });
  v2.on(DescribeLoadBalancerAttributesCommand).resolves({ Attributes: [] });
  classic.on(DescribeClassicLoadBalancersCommand).resolves({ LoadBalancerDescriptions: [] });
}

const reads = (...r: string[]) => r.map((x) => `elb.${x}` as ReadId);

describe('elb collector: Application, Network and Gateway Load Balancers', () => {
  it('follows DescribeLoadBalancers Marker pages, each page answering only to its own token', async () => {
    const pages = inOrder([
      { NextMarker: 'm1', LoadBalancers: [{ LoadBalancerArn: lbArn('app', 'a'), LoadBalancerName: 'a', Type: 'application', Scheme: 'internal' }] },
      { LoadBalancers: [{ LoadBalancerArn: lbArn('gwy', 'g'), LoadBalancerName: 'g', Type: 'gateway' }] },
    ]);
    v2.on(DescribeLoadBalancersCommand).callsFake(pages.fake);
    const ctx = collectContext([REGION], reads('loadBalancers'));
    const data = await elbCollector.collect(ctx, REGION);
    expect(pages.inputs).toEqual([{}, { Marker: 'm1' }]);
    expect(data).toEqual({
      loadBalancers: {
        ok: true,
        value: [
          { arn: lbArn('app', 'a'), name: 'a', type: 'application', scheme: 'internal' },
          { arn: lbArn('gwy', 'g'), name: 'g', type: 'gateway' },
        ],
      },
    });
    expect(ctx.aws.apiCalls.byOperation()).toEqual({ 'elbv2:DescribeLoadBalancers': 2 });
  });

  it('reads listeners per load balancer, following their pages, and maps actions (ForwardConfig groups, redirect protocol)', async () => {
    account();
    const pages = inOrder([
      { NextMarker: 'l1', Listeners: [{ ListenerArn: listenerArn('portal', 1), Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'redirect', RedirectConfig: { StatusCode: 'HTTP_302' } }] }] },
      {
        Listeners: [
          {
            ListenerArn: listenerArn('portal', 3),
            Protocol: 'HTTPS',
            Port: 443,
            SslPolicy: 'ELBSecurityPolicy-2016-08',
            Certificates: [{ CertificateArn: 'cert-1' }],
            DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn('app'), ForwardConfig: { TargetGroups: [{ TargetGroupArn: tgArn('app') }, { TargetGroupArn: tgArn('canary') }] } }],
          },
        ],
      },
    ]);
    v2.on(DescribeListenersCommand, { LoadBalancerArn: lbArn('app', 'portal') }).callsFake(pages.fake);
    const data = await elbCollector.collect(collectContext([REGION], reads('listeners')), REGION);
    expect(pages.inputs).toEqual([{ LoadBalancerArn: lbArn('app', 'portal') }, { LoadBalancerArn: lbArn('app', 'portal'), Marker: 'l1' }]);
    const portal = data.loadBalancers?.ok ? data.loadBalancers.value[0] : undefined;
    expect(portal?.listeners).toEqual({
      ok: true,
      value: [
        // A redirect without a protocol keeps the request's own (`#{protocol}`, the API's default).
        { arn: listenerArn('portal', 1), protocol: 'HTTP', port: 80, certificateArns: [], defaultActions: [{ type: 'redirect', redirectProtocol: '#{protocol}', targetGroupArns: [] }] },
        {
          arn: listenerArn('portal', 3),
          protocol: 'HTTPS',
          port: 443,
          sslPolicy: 'ELBSecurityPolicy-2016-08',
          certificateArns: ['cert-1'],
          defaultActions: [{ type: 'forward', targetGroupArns: [tgArn('app'), tgArn('canary')] }],
        },
      ],
    });
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
  });

  it('reads rules only where a wanted verdict depends on them: ALB HTTP listeners that redirect (httpRules), ALB HTTPS listeners (httpsRules)', async () => {
    account();
    const rulePages = inOrder([
      { NextMarker: 'r1', Rules: [{ RuleArn: 'rule-1', Priority: '10', IsDefault: false, Actions: [{ Type: 'forward', TargetGroupArn: tgArn('app') }] }] },
      { Rules: [{ RuleArn: 'rule-d', Priority: 'default', IsDefault: true, Actions: [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', StatusCode: 'HTTP_301' } }] }] },
    ]);
    v2.on(DescribeRulesCommand, { ListenerArn: listenerArn('portal', 1) }).callsFake(rulePages.fake);

    const httpOnly = collectContext([REGION], reads('httpRules'));
    const data = await elbCollector.collect(httpOnly, REGION);
    const listeners = data.loadBalancers?.ok ? data.loadBalancers.value[0]?.listeners : undefined;
    const [redirecting, forwarding, https] = listeners?.ok ? listeners.value : [];
    expect(rulePages.inputs).toEqual([{ ListenerArn: listenerArn('portal', 1) }, { ListenerArn: listenerArn('portal', 1), Marker: 'r1' }]);
    expect(redirecting?.rules).toEqual({
      ok: true,
      value: [
        { arn: 'rule-1', priority: '10', isDefault: false, actions: [{ type: 'forward', targetGroupArns: [tgArn('app')] }] },
        { arn: 'rule-d', priority: 'default', isDefault: true, actions: [{ type: 'redirect', redirectProtocol: 'HTTPS', targetGroupArns: [] }] },
      ],
    });
    // A forwarding HTTP listener fails whatever its rules say; HTTPS rules are not wanted here; NLBs have none.
    expect(forwarding?.rules).toBeUndefined();
    expect(https?.rules).toBeUndefined();
    expect(httpOnly.aws.apiCalls.byOperation()).toEqual({ 'elbv2:DescribeListeners': 2, 'elbv2:DescribeLoadBalancers': 1, 'elbv2:DescribeRules': 2 });

    v2.resetHistory();
    const httpsOnly = collectContext([REGION], reads('httpsRules'));
    await elbCollector.collect(httpsOnly, REGION);
    expect(v2.commandCalls(DescribeRulesCommand).map((c) => c.args[0].input.ListenerArn)).toEqual([listenerArn('portal', 3)]);
  });

  it('makes only the wanted reads: listing and listeners, no rules, target groups, attributes or Classic calls', async () => {
    account();
    const ctx = collectContext([REGION], reads('loadBalancers', 'listeners'));
    const data = await elbCollector.collect(ctx, REGION);
    expect(Object.keys(data)).toEqual(['loadBalancers']);
    expect(ctx.aws.apiCalls.byOperation()).toEqual({ 'elbv2:DescribeListeners': 2, 'elbv2:DescribeLoadBalancers': 1 });
    expect(classic.calls()).toHaveLength(0);
  });

  it('reads target groups in bulk, following pages, without the duplicates some answers list', async () => {
    const pages = inOrder([
      {
        NextMarker: 't1',
        TargetGroups: [
          { TargetGroupArn: tgArn('app'), TargetGroupName: 'app', Protocol: 'HTTP', Port: 80, TargetType: 'instance', LoadBalancerArns: [lbArn('app', 'portal'), lbArn('app', 'portal')] },
        ],
      },
      { TargetGroups: [{ TargetGroupArn: tgArn('fn'), TargetGroupName: 'fn', TargetType: 'lambda' }] },
    ]);
    v2.on(DescribeTargetGroupsCommand).callsFake(pages.fake);
    const ctx = collectContext([REGION], reads('targetGroups'));
    const data = await elbCollector.collect(ctx, REGION);
    expect(pages.inputs).toEqual([{}, { Marker: 't1' }]);
    expect(data.targetGroups).toEqual({
      ok: true,
      value: [
        { arn: tgArn('app'), name: 'app', protocol: 'HTTP', port: 80, targetType: 'instance', loadBalancerArns: [lbArn('app', 'portal')] },
        { arn: tgArn('fn'), name: 'fn', targetType: 'lambda', loadBalancerArns: [] },
      ],
    });
    expect(ctx.aws.apiCalls.byOperation()).toEqual({ 'elbv2:DescribeTargetGroups': 2 });
  });

  it('keeps each load balancer\'s attributes as key → value', async () => {
    account();
    v2.on(DescribeLoadBalancerAttributesCommand, { LoadBalancerArn: lbArn('app', 'portal') }).resolves({
      Attributes: [
        { Key: 'access_logs.s3.enabled', Value: 'true' },
        { Key: 'access_logs.s3.bucket', Value: 'elb-logs' },
      ],
    });
    const ctx = collectContext([REGION], reads('attributes'));
    const data = await elbCollector.collect(ctx, REGION);
    const [portal, hl7] = data.loadBalancers?.ok ? data.loadBalancers.value : [];
    expect(portal?.attributes).toEqual({ ok: true, value: { 'access_logs.s3.enabled': 'true', 'access_logs.s3.bucket': 'elb-logs' } });
    expect(hl7?.attributes).toEqual({ ok: true, value: {} });
    expect(portal?.listeners).toBeUndefined();
    expect(ctx.aws.apiCalls.byOperation()).toEqual({ 'elbv2:DescribeLoadBalancerAttributes': 2, 'elbv2:DescribeLoadBalancers': 1 });
  });

  it('records AccessDenied on one load balancer\'s listeners, or one listener\'s rules, for that part only', async () => {
    account();
    v2.on(DescribeListenersCommand, { LoadBalancerArn: lbArn('net', 'hl7') }).rejects(awsError('AccessDenied', 'not authorized to perform: elasticloadbalancing:DescribeListeners', 403));
    v2.on(DescribeRulesCommand, { ListenerArn: listenerArn('portal', 3) }).rejects(awsError('AccessDenied', 'not authorized to perform: elasticloadbalancing:DescribeRules', 403));
    const data = await elbCollector.collect(collectContext([REGION], reads('listeners', 'httpRules', 'httpsRules')), REGION);
    const [portal, hl7] = data.loadBalancers?.ok ? data.loadBalancers.value : [];
    expect(hl7?.listeners).toEqual({
      ok: false,
      error: { service: 'elbv2', region: REGION, operation: 'DescribeListeners', code: 'AccessDenied', message: 'not authorized to perform: elasticloadbalancing:DescribeListeners' },
    });
    const listeners = portal?.listeners?.ok ? portal.listeners.value : [];
    expect(listeners[0]?.rules).toEqual({ ok: true, value: [] });
    expect(listeners[2]?.rules).toMatchObject({ ok: false, error: { service: 'elbv2', operation: 'DescribeRules', code: 'AccessDenied' } });
  });

  it('records a denied listing as a failed read, under the elbv2 client name', async () => {
    v2.on(DescribeLoadBalancersCommand).rejects(awsError('AccessDenied', 'denied', 403));
    const data = await elbCollector.collect(collectContext([REGION], reads('loadBalancers')), REGION);
    expect(data.loadBalancers).toEqual({ ok: false, error: { service: 'elbv2', region: REGION, operation: 'DescribeLoadBalancers', code: 'AccessDenied', message: 'denied' } });
  });

  it('takes an answer without its list, or an HTTPS listener without a security policy, as incomplete', async () => {
    v2.on(DescribeLoadBalancersCommand).resolves({});
    const empty = await elbCollector.collect(collectContext([REGION], reads('loadBalancers')), REGION);
    expect(empty.loadBalancers).toMatchObject({ ok: false, error: { operation: 'DescribeLoadBalancers', code: 'IncompleteAnswer' } });

    account();
    v2.on(DescribeListenersCommand, { LoadBalancerArn: lbArn('net', 'hl7') }).resolves({ Listeners: [{ ListenerArn: listenerArn('hl7', 1), Protocol: 'TLS', Port: 6514, DefaultActions: [] }] });
    const data = await elbCollector.collect(collectContext([REGION], reads('listeners')), REGION);
    const hl7 = data.loadBalancers?.ok ? data.loadBalancers.value[1] : undefined;
    expect(hl7?.listeners).toMatchObject({ ok: false, error: { operation: 'DescribeListeners', code: 'IncompleteAnswer', message: expect.stringContaining('SslPolicy') } });
  });
});

describe('elb collector: Classic Load Balancers', () => {
  const description = (name: string, listeners: Array<{ Protocol: string; LoadBalancerPort: number; InstanceProtocol: string; InstancePort: number; PolicyNames?: string[] }>) => ({
    LoadBalancerName: name,
    Scheme: 'internet-facing',
    DNSName: `${name}.elb`,
    ListenerDescriptions: listeners.map(({ PolicyNames, ...Listener }) => ({ Listener, PolicyNames: PolicyNames ?? [] })),
  });

  it('follows Marker pages, maps listeners, builds the ARN, and reads policies only for load balancers with an HTTPS/SSL listener', async () => {
    const pages = inOrder([
      { NextMarker: 'c1', LoadBalancerDescriptions: [description('legacy', [{ Protocol: 'HTTPS', LoadBalancerPort: 443, InstanceProtocol: 'HTTP', InstancePort: 80, PolicyNames: ['tls12'] }])] },
      { LoadBalancerDescriptions: [description('plain', [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 80 }])] },
    ]);
    classic.on(DescribeClassicLoadBalancersCommand).callsFake(pages.fake);
    classic.on(DescribeLoadBalancerPoliciesCommand, { LoadBalancerName: 'legacy' }).resolves({
      PolicyDescriptions: [
        { PolicyName: 'tls12', PolicyTypeName: 'SSLNegotiationPolicyType', PolicyAttributeDescriptions: [{ AttributeName: 'Protocol-TLSv1.2', AttributeValue: 'true' }, { AttributeName: 'Protocol-TLSv1', AttributeValue: 'false' }] },
      ],
    });
    classic.on(DescribeClassicAttributesCommand, { LoadBalancerName: 'legacy' }).resolves({ LoadBalancerAttributes: { AccessLog: { Enabled: true, S3BucketName: 'clb-logs' } } });
    // No AccessLog in the answer: logging is off (the attribute's default).
    classic.on(DescribeClassicAttributesCommand, { LoadBalancerName: 'plain' }).resolves({ LoadBalancerAttributes: {} });
    const ctx = { ...collectContext([REGION], reads('classicLoadBalancers', 'classicPolicies', 'classicAttributes')), partition: 'aws-us-gov' };
    const data = await elbCollector.collect(ctx, REGION);
    expect(pages.inputs).toEqual([{}, { Marker: 'c1' }]);
    expect(data.classicLoadBalancers).toEqual({
      ok: true,
      value: [
        {
          name: 'legacy',
          arn: `arn:aws-us-gov:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/legacy`,
          scheme: 'internet-facing',
          dnsName: 'legacy.elb',
          listeners: [{ protocol: 'HTTPS', port: 443, instanceProtocol: 'HTTP', instancePort: 80, policyNames: ['tls12'] }],
          policies: { ok: true, value: [{ name: 'tls12', type: 'SSLNegotiationPolicyType', attributes: { 'Protocol-TLSv1.2': 'true', 'Protocol-TLSv1': 'false' } }] },
          attributes: { ok: true, value: { accessLog: { enabled: true, s3BucketName: 'clb-logs' } } },
        },
        {
          name: 'plain',
          arn: `arn:aws-us-gov:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/plain`,
          scheme: 'internet-facing',
          dnsName: 'plain.elb',
          listeners: [{ protocol: 'HTTP', port: 80, instanceProtocol: 'HTTP', instancePort: 80, policyNames: [] }],
          attributes: { ok: true, value: {} },
        },
      ],
    });
    expect(ctx.aws.apiCalls.byOperation()).toEqual({ 'elb:DescribeLoadBalancerAttributes': 2, 'elb:DescribeLoadBalancerPolicies': 1, 'elb:DescribeLoadBalancers': 2 });
    expect(v2.calls()).toHaveLength(0);
  });

  it('records Classic errors under the elb client name, per load balancer for its policies', async () => {
    classic.on(DescribeClassicLoadBalancersCommand).resolves({ LoadBalancerDescriptions: [description('legacy', [{ Protocol: 'SSL', LoadBalancerPort: 636, InstanceProtocol: 'TCP', InstancePort: 389 }])] });
    classic.on(DescribeLoadBalancerPoliciesCommand).rejects(awsError('AccessDenied', 'no policies for you', 403));
    const data = await elbCollector.collect(collectContext([REGION], reads('classicPolicies')), REGION);
    const legacy = data.classicLoadBalancers?.ok ? data.classicLoadBalancers.value[0] : undefined;
    expect(legacy?.policies).toEqual({ ok: false, error: { service: 'elb', region: REGION, operation: 'DescribeLoadBalancerPolicies', code: 'AccessDenied', message: 'no policies for you' } });

    classic.on(DescribeClassicLoadBalancersCommand).rejects(awsError('AccessDenied', 'denied', 403));
    const denied = await elbCollector.collect(collectContext([REGION], reads('classicLoadBalancers')), REGION);
    expect(denied.classicLoadBalancers).toMatchObject({ ok: false, error: { service: 'elb', operation: 'DescribeLoadBalancers', code: 'AccessDenied' } });
  });

  it('takes a listener without its instance protocol, or an attributes answer without its body, as incomplete', async () => {
    classic.on(DescribeClassicLoadBalancersCommand).resolves({ LoadBalancerDescriptions: [{ LoadBalancerName: 'x', ListenerDescriptions: [{ Listener: { Protocol: 'HTTPS', LoadBalancerPort: 443, InstancePort: 80 } }] }] });
    const data = await elbCollector.collect(collectContext([REGION], reads('classicLoadBalancers')), REGION);
    expect(data.classicLoadBalancers).toMatchObject({ ok: false, error: { code: 'IncompleteAnswer', message: expect.stringContaining('InstanceProtocol') } });

    classic.on(DescribeClassicLoadBalancersCommand).resolves({ LoadBalancerDescriptions: [description('y', [])] });
    classic.on(DescribeClassicAttributesCommand).resolves({});
    const attrs = await elbCollector.collect(collectContext([REGION], reads('classicAttributes')), REGION);
    const y = attrs.classicLoadBalancers?.ok ? attrs.classicLoadBalancers.value[0] : undefined;
    expect(y?.attributes).toMatchObject({ ok: false, error: { operation: 'DescribeLoadBalancerAttributes', code: 'IncompleteAnswer' } });
  });
});

describe('elb collection scoped by the selected checks', () => {
  const scoped = async (include: string[]) => {
    // Without the tags every classified run also reads (one bulk call a region, tested in tagging.test.ts): ELB reads only.
    const reads = readsFor(selectChecks(CHECKS, { include }), false);
    const { wants: _wants, ...base } = collectContext([REGION]);
    const inventory = await collectInventory(base, reads);
    return { reads, inventory, calls: base.aws.apiCalls.byOperation() };
  };

  const accountWithClassic = () => {
    account();
    classic.on(DescribeClassicLoadBalancersCommand).resolves({
      LoadBalancerDescriptions: [
        { LoadBalancerName: 'legacy', ListenerDescriptions: [{ Listener: { Protocol: 'HTTPS', LoadBalancerPort: 443, InstanceProtocol: 'HTTP', InstancePort: 80 }, PolicyNames: [] }] },
        { LoadBalancerName: 'plain', ListenerDescriptions: [{ Listener: { Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 80 }, PolicyNames: [] }] },
      ],
    });
    classic.on(DescribeLoadBalancerPoliciesCommand).resolves({ PolicyDescriptions: [] });
    classic.on(DescribeClassicAttributesCommand).resolves({ LoadBalancerAttributes: {} });
  };

  it('--checks elb. makes each call its four checks need, once: per-resource calls only where no bulk call exists', async () => {
    accountWithClassic();
    const { reads, inventory, calls } = await scoped(['elb.']);
    expect(reads).toEqual(['elb.loadBalancers', 'elb.listeners', 'elb.httpRules', 'elb.httpsRules', 'elb.targetGroups', 'elb.attributes', 'elb.classicLoadBalancers', 'elb.classicPolicies', 'elb.classicAttributes']);
    expect(inventory.services).toEqual(['elb']);
    expect(calls).toEqual({
      'elb:DescribeLoadBalancerAttributes': 2, // per Classic load balancer
      'elb:DescribeLoadBalancerPolicies': 1, // only legacy has an HTTPS/SSL listener
      'elb:DescribeLoadBalancers': 1,
      'elbv2:DescribeListeners': 2, // per v2 load balancer
      'elbv2:DescribeLoadBalancerAttributes': 2,
      'elbv2:DescribeLoadBalancers': 1,
      'elbv2:DescribeRules': 2, // portal's redirecting HTTP:80 and its HTTPS:443; not HTTP:8080 (forwards), not the NLB
      'elbv2:DescribeTargetGroups': 1,
    });
  });

  it('--checks elb.tls-policy reads no rules, target groups or attributes', async () => {
    accountWithClassic();
    const { reads, calls } = await scoped(['elb.tls-policy']);
    expect(reads).toEqual(['elb.loadBalancers', 'elb.listeners', 'elb.classicLoadBalancers', 'elb.classicPolicies']);
    expect(calls).toEqual({ 'elb:DescribeLoadBalancerPolicies': 1, 'elb:DescribeLoadBalancers': 1, 'elbv2:DescribeListeners': 2, 'elbv2:DescribeLoadBalancers': 1 });
  });

  it('--checks elb.access-logs reads attributes and listeners (an NLB logs TLS requests only), no rules or target groups', async () => {
    accountWithClassic();
    const { calls } = await scoped(['elb.access-logs']);
    expect(calls).toEqual({
      'elb:DescribeLoadBalancerAttributes': 2,
      'elb:DescribeLoadBalancers': 1,
      'elbv2:DescribeListeners': 2,
      'elbv2:DescribeLoadBalancerAttributes': 2,
      'elbv2:DescribeLoadBalancers': 1,
    });
  });
});
