import type { Read } from './read';

/**
 * Elastic Load Balancing in one region: Application, Network and Gateway Load Balancers (the `elbv2` API) and
 * Classic Load Balancers (the `elb` API).
 *
 * - `loadBalancers`: DescribeLoadBalancers (v2), one paginated bulk call;
 * - `listeners`: DescribeListeners, one (paginated) call per v2 load balancer (the API takes one load balancer);
 * - `httpRules`: DescribeRules for each ALB HTTP listener whose default action does not forward (it redirects or
 *   answers a fixed response): whether it serves anything in clear text depends on its rules;
 * - `httpsRules`: DescribeRules for each ALB HTTPS listener: the target groups its rules forward to;
 * - `targetGroups`: DescribeTargetGroups, one paginated bulk call;
 * - `attributes`: DescribeLoadBalancerAttributes, one call per v2 load balancer;
 * - `classicLoadBalancers`: DescribeLoadBalancers (Classic), one paginated bulk call, listeners included;
 * - `classicPolicies`: DescribeLoadBalancerPolicies, one call per Classic load balancer with an HTTPS/SSL listener;
 * - `classicAttributes`: DescribeLoadBalancerAttributes, one call per Classic load balancer.
 * A per-load-balancer read implies its listing; rules imply the listeners.
 */
export const ELB_READS = [
  'loadBalancers',
  'listeners',
  'httpRules',
  'httpsRules',
  'targetGroups',
  'attributes',
  'classicLoadBalancers',
  'classicPolicies',
  'classicAttributes',
] as const;

/** One action of a listener or rule, reduced to what the checks judge. */
export interface ListenerAction {
  /** forward | redirect | fixed-response | authenticate-oidc | authenticate-cognito | jwt-validation | ... */
  type: string;
  /** For redirects: the protocol redirected to (HTTP, HTTPS, or `#{protocol}`, the default: the request's own). */
  redirectProtocol?: string;
  /** For forwards: every target group the action sends to (TargetGroupArn and ForwardConfig together). */
  targetGroupArns: string[];
}

export interface ListenerRule {
  arn: string;
  /** A number as a string, or `default` for the listener's default rule. */
  priority: string;
  isDefault: boolean;
  actions: ListenerAction[];
}

export interface Listener {
  arn: string;
  /** HTTP | HTTPS (ALB); TCP | TLS | UDP | TCP_UDP | QUIC | TCP_QUIC (NLB); absent for Gateway Load Balancers. */
  protocol?: string;
  port?: number;
  /** As AWS reported it: APIs and emulators may name a policy on listeners that do not terminate TLS. */
  sslPolicy?: string;
  certificateArns: string[];
  defaultActions: ListenerAction[];
  /** DescribeRules (the default rule included), read for the listeners `httpRules`/`httpsRules` cover. */
  rules?: Read<ListenerRule[]>;
}

export interface LoadBalancer {
  arn: string;
  name: string;
  /** application | network | gateway */
  type: string;
  /** internet-facing | internal */
  scheme?: string;
  dnsName?: string;
  vpcId?: string;
  /** Absent when `elb.listeners` was not read. */
  listeners?: Read<Listener[]>;
  /** DescribeLoadBalancerAttributes as key → value (an attribute AWS does not list is at its default). */
  attributes?: Read<LoadBalancerAttributes>;
}

/**
 * Attribute key → value. Named so the schema names it: the generator keys an unnamed Read<Record<…>> by a hash of
 * TypeScript's lib path, which differs between checkouts.
 */
export type LoadBalancerAttributes = Record<string, string>;

export interface TargetGroup {
  arn: string;
  name: string;
  /** HTTP | HTTPS | TCP | TLS | UDP | TCP_UDP | GENEVE | QUIC | TCP_QUIC; absent for Lambda targets. */
  protocol?: string;
  port?: number;
  /** instance | ip | lambda | alb */
  targetType?: string;
  loadBalancerArns: string[];
}

export interface ClassicListener {
  /** HTTP | HTTPS | TCP | SSL: client to load balancer. */
  protocol: string;
  port: number;
  /** HTTP | HTTPS | TCP | SSL: load balancer to instances. */
  instanceProtocol: string;
  instancePort: number;
  sslCertificateId?: string;
  /** Policies enabled on the listener (its SSL negotiation policy among them). */
  policyNames: string[];
}

export interface ClassicPolicy {
  name: string;
  /** SSLNegotiationPolicyType for SSL negotiation configurations. */
  type: string;
  attributes: Record<string, string>;
}

export interface ClassicAttributes {
  /** AccessLog; absent when AWS did not return it, which means access logging is off. */
  accessLog?: { enabled: boolean; s3BucketName?: string };
}

export interface ClassicLoadBalancer {
  name: string;
  /** Built from the name: the Classic API returns none. */
  arn: string;
  scheme?: string;
  dnsName?: string;
  listeners: ClassicListener[];
  /** Absent when `elb.classicPolicies` was not read, and for load balancers without an HTTPS/SSL listener. */
  policies?: Read<ClassicPolicy[]>;
  /** Absent when `elb.classicAttributes` was not read. */
  attributes?: Read<ClassicAttributes>;
}

/** A field is absent when its read was not asked for (no selected check needed it). */
export interface ElbRegion {
  loadBalancers?: Read<LoadBalancer[]>;
  targetGroups?: Read<TargetGroup[]>;
  classicLoadBalancers?: Read<ClassicLoadBalancer[]>;
}
