/**
 * Our reading of TLS settings: which protocol versions a named TLS policy (load balancer, CloudFront, OpenSearch)
 * allows, and whether that is TLS 1.2 or newer only. Shared judgement: checks look policies up here; the lists are
 * data, kept beside their source.
 */

/** Protocol versions from oldest to newest, as AWS names them in policies and protocol lists. */
export const PROTOCOLS = ['SSLv2', 'SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

/** Whether every protocol in the list is TLS 1.2 or newer (an empty list allows nothing old). */
export function onlyTls12OrNewer(protocols: readonly string[]): boolean {
  return protocols.every((p) => {
    const index = PROTOCOLS.indexOf(p as Protocol);
    return index >= PROTOCOLS.indexOf('TLSv1.2');
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Elastic Load Balancing: Application and Network Load Balancers (ELBv2)
// Source: "Security policies for your Application Load Balancer"
//   https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html
// and "Security policies for your Network Load Balancer"
//   https://docs.aws.amazon.com/elasticloadbalancing/latest/network/describe-ssl-policies.html
// ALB and NLB listeners only take predefined policies (no custom ones), named by family: the number after `TLS13-`,
// `TLS-` or `FS-` is the oldest protocol the policy negotiates (`1-2`: TLS 1.2), and TLS13 policies add TLS 1.3.
// ---------------------------------------------------------------------------------------------------------------

const TLS10_12: readonly Protocol[] = ['TLSv1', 'TLSv1.1', 'TLSv1.2'];
const TLS11_12: readonly Protocol[] = ['TLSv1.1', 'TLSv1.2'];
const TLS12: readonly Protocol[] = ['TLSv1.2'];
const TLS10_13: readonly Protocol[] = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];
const TLS11_13: readonly Protocol[] = ['TLSv1.1', 'TLSv1.2', 'TLSv1.3'];
const TLS12_13: readonly Protocol[] = ['TLSv1.2', 'TLSv1.3'];
const TLS13: readonly Protocol[] = ['TLSv1.3'];

/** The predefined ALB/NLB security policies and the protocols each negotiates with clients (tables cited above). */
export const ELBV2_POLICY_PROTOCOLS: Readonly<Record<string, readonly Protocol[]>> = {
  'ELBSecurityPolicy-2016-08': TLS10_12,
  'ELBSecurityPolicy-2015-05': TLS10_12, // NLB table only; identical to 2016-08
  'ELBSecurityPolicy-TLS-1-0-2015-04': TLS10_12,
  'ELBSecurityPolicy-FS-2018-06': TLS10_12,
  'ELBSecurityPolicy-TLS-1-1-2017-01': TLS11_12,
  'ELBSecurityPolicy-FS-1-1-2019-08': TLS11_12,
  'ELBSecurityPolicy-TLS-1-2-2017-01': TLS12,
  'ELBSecurityPolicy-TLS-1-2-Ext-2018-06': TLS12,
  'ELBSecurityPolicy-FS-1-2-2019-08': TLS12,
  'ELBSecurityPolicy-FS-1-2-Res-2019-08': TLS12,
  'ELBSecurityPolicy-FS-1-2-Res-2020-10': TLS12,
  'ELBSecurityPolicy-TLS13-1-0-2021-06': TLS10_13,
  'ELBSecurityPolicy-TLS13-1-0-FIPS-2023-04': TLS10_13,
  'ELBSecurityPolicy-TLS13-1-0-PQ-2025-09': TLS10_13,
  'ELBSecurityPolicy-TLS13-1-0-FIPS-PQ-2025-09': TLS10_13,
  'ELBSecurityPolicy-TLS13-1-1-2021-06': TLS11_13,
  'ELBSecurityPolicy-TLS13-1-1-FIPS-2023-04': TLS11_13,
  'ELBSecurityPolicy-TLS13-1-2-2021-06': TLS12_13,
  'ELBSecurityPolicy-TLS13-1-2-Res-2021-06': TLS12_13,
  'ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06': TLS12_13,
  'ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06': TLS12_13,
  'ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04': TLS12_13,
  'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04': TLS12_13,
  'ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-2023-04': TLS12_13,
  'ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04': TLS12_13,
  'ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04': TLS12_13,
  'ELBSecurityPolicy-TLS13-1-2-PQ-2025-09': TLS12_13,
  'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09': TLS12_13,
  'ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09': TLS12_13,
  'ELBSecurityPolicy-TLS13-1-2-Ext2-PQ-2025-09': TLS12_13,
  'ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09': TLS12_13,
  'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09': TLS12_13,
  'ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-PQ-2025-09': TLS12_13,
  'ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-PQ-2025-09': TLS12_13,
  'ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-PQ-2025-09': TLS12_13,
  'ELBSecurityPolicy-TLS13-1-3-2021-06': TLS13,
  'ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04': TLS13,
  'ELBSecurityPolicy-TLS13-1-3-PQ-2025-09': TLS13,
  'ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09': TLS13,
};

/**
 * The ALB/NLB policies accepted by default (thresholds.elbSslPolicies): the families whose oldest protocol is TLS 1.2
 * or 1.3, so a policy AWS adds to those families later is accepted without a release. `*` matches any characters.
 */
export const DEFAULT_ELB_SSL_POLICIES: readonly string[] = [
  'ELBSecurityPolicy-TLS13-1-2-*',
  'ELBSecurityPolicy-TLS13-1-3-*',
  'ELBSecurityPolicy-TLS-1-2-*',
  'ELBSecurityPolicy-FS-1-2-*',
];

/** Whether a policy name matches one of the patterns (exact names, or `*` for any characters; the rest is literal). */
export function matchesPolicy(name: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => new RegExp(`^${p.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(name));
}

// ---------------------------------------------------------------------------------------------------------------
// Elastic Load Balancing: Classic Load Balancers
// Source: "Predefined SSL security policies for Classic Load Balancers"
//   https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-security-policy-table.html
// A Classic listener's SSL negotiation policy (type SSLNegotiationPolicyType) may be custom: DescribeLoadBalancerPolicies
// lists its `Protocol-<name>` attributes (`true`/`false`), which are what it enforces; a policy made from a predefined
// one also names it in `Reference-Security-Policy`. An HTTPS/SSL listener created without a policy gets
// ELBSecurityPolicy-2016-08 ("Update the SSL negotiation configuration of your Classic Load Balancer").
// ---------------------------------------------------------------------------------------------------------------

/** The predefined Classic policies of the current table and the protocols each enables. */
export const CLASSIC_ELB_POLICY_PROTOCOLS: Readonly<Record<string, readonly Protocol[]>> = {
  'ELBSecurityPolicy-TLS-1-2-2017-01': TLS12,
  'ELBSecurityPolicy-TLS-1-1-2017-01': TLS11_12,
  'ELBSecurityPolicy-2016-08': TLS10_12,
  'ELBSecurityPolicy-2015-05': TLS10_12,
};

/** The policy a Classic HTTPS/SSL listener without one negotiates with. */
export const CLASSIC_ELB_DEFAULT_POLICY = 'ELBSecurityPolicy-2016-08';

/** The `Protocol-*` attribute of each protocol a Classic SSL negotiation policy can enable. */
const CLASSIC_PROTOCOL_ATTRIBUTES: Readonly<Record<string, Protocol>> = {
  'Protocol-SSLv2': 'SSLv2',
  'Protocol-SSLv3': 'SSLv3',
  'Protocol-TLSv1': 'TLSv1',
  'Protocol-TLSv1.1': 'TLSv1.1',
  'Protocol-TLSv1.2': 'TLSv1.2',
};

/** What a Classic SSL negotiation policy enables, and where that was read. */
export type ClassicPolicyProtocols =
  | { known: true; protocols: Protocol[]; source: 'attributes' | 'reference'; reference?: string }
  | { known: false; reference?: string };

/**
 * The protocols a Classic SSL negotiation policy enables: from its `Protocol-*` attributes when it lists any (what
 * ELB enforces), else from the predefined policy it references.
 */
export function classicPolicyProtocols(attributes: Readonly<Record<string, string>>): ClassicPolicyProtocols {
  const reference = attributes['Reference-Security-Policy'];
  const named = Object.keys(attributes).filter((k) => k in CLASSIC_PROTOCOL_ATTRIBUTES);
  if (named.length > 0) {
    const protocols = PROTOCOLS.filter((p) => named.some((k) => CLASSIC_PROTOCOL_ATTRIBUTES[k] === p && attributes[k]?.toLowerCase() === 'true'));
    return { known: true, protocols, source: 'attributes', ...(reference ? { reference } : {}) };
  }
  const table = reference !== undefined ? CLASSIC_ELB_POLICY_PROTOCOLS[reference] : undefined;
  if (table) return { known: true, protocols: [...table], source: 'reference', reference: reference as string };
  return { known: false, ...(reference ? { reference } : {}) };
}

// ---------------------------------------------------------------------------------------------------------------
// Amazon CloudFront: viewer security policies (ViewerCertificate.MinimumProtocolVersion)
// Source: "Supported protocols and ciphers between viewers and CloudFront"
//   https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html
// With the default *.cloudfront.net certificate CloudFront sets TLSv1 whatever is asked (API reference,
// ViewerCertificate), so only custom certificates can be judged on it.
// ---------------------------------------------------------------------------------------------------------------

/** CloudFront's viewer security policies, oldest first, with the protocols each accepts. */
export const CLOUDFRONT_VIEWER_POLICIES: ReadonlyArray<{ name: string; protocols: readonly Protocol[] }> = [
  { name: 'SSLv3', protocols: ['SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] },
  { name: 'TLSv1', protocols: TLS10_13 },
  { name: 'TLSv1_2016', protocols: TLS10_13 },
  { name: 'TLSv1.1_2016', protocols: TLS11_13 },
  { name: 'TLSv1.2_2018', protocols: TLS12_13 },
  { name: 'TLSv1.2_2019', protocols: TLS12_13 },
  { name: 'TLSv1.2_2021', protocols: TLS12_13 },
  { name: 'TLSv1.2_2025', protocols: TLS12_13 },
  { name: 'TLSv1.3_2025', protocols: TLS13 },
];

/**
 * The oldest CloudFront policy accepted: TLSv1.2_2018 is TLS 1.2+ too, but still offers static-RSA key exchange
 * ciphers (AES128-GCM-SHA256 and the like, no forward secrecy), which TLSv1.2_2019 dropped.
 */
export const CLOUDFRONT_MIN_VIEWER_POLICY = 'TLSv1.2_2019';

/**
 * Whether a CloudFront MinimumProtocolVersion is TLSv1.2_2019 or newer. A name not in the table is judged by
 * CloudFront's naming (`TLSv<version>_<year>`), so a policy added later is not failed for being new.
 */
export function cloudFrontViewerPolicyAccepted(name: string): { accepted: boolean; known: boolean; protocols?: readonly Protocol[] } {
  const index = CLOUDFRONT_VIEWER_POLICIES.findIndex((p) => p.name === name);
  if (index >= 0) {
    const minimum = CLOUDFRONT_VIEWER_POLICIES.findIndex((p) => p.name === CLOUDFRONT_MIN_VIEWER_POLICY);
    return { accepted: index >= minimum, known: true, protocols: CLOUDFRONT_VIEWER_POLICIES[index]?.protocols };
  }
  const m = /^TLSv(\d+)\.(\d+)_(\d{4})$/.exec(name);
  if (!m) return { accepted: false, known: false };
  const version = Number(m[1]) * 10 + Number(m[2]);
  return { accepted: version > 12 || (version === 12 && Number(m[3]) >= 2019), known: false };
}
// ---------------------------------------------------------------------------------------------------------------
// OpenSearch Service: the TLS security policy of a domain's HTTPS endpoint (DomainEndpointOptions.TLSSecurityPolicy)
// ---------------------------------------------------------------------------------------------------------------

/**
 * The policies the OpenSearch Service API reference lists and the protocol versions each allows. The FIPS policy
 * (RFC 9151, the CNSA suite) allows TLS 1.2 and 1.3 with the suite's ciphers only.
 */
export const OPENSEARCH_TLS_POLICIES: Readonly<Record<string, readonly Protocol[]>> = {
  'Policy-Min-TLS-1-0-2019-07': ['TLSv1', 'TLSv1.1', 'TLSv1.2'],
  'Policy-Min-TLS-1-2-2019-07': ['TLSv1.2'],
  'Policy-Min-TLS-1-2-PFS-2023-10': ['TLSv1.2', 'TLSv1.3'],
  'Policy-Min-TLS-1-2-RFC9151-FIPS-2024-08': ['TLSv1.2', 'TLSv1.3'],
};

/** What a domain endpoint uses when DomainEndpointOptions names no policy: the API's default, which allows TLS 1.0. */
export const OPENSEARCH_DEFAULT_TLS_POLICY = 'Policy-Min-TLS-1-0-2019-07';

/** The policy Security Hub's Opensearch.8 asks for (TLS 1.2+ with forward-secret ciphers only). */
export const OPENSEARCH_LATEST_TLS_POLICY = 'Policy-Min-TLS-1-2-PFS-2023-10';

export interface OpenSearchTlsPolicy {
  /** The policy in force: the one returned, or the default when none was. */
  name: string;
  /** True when the answer named no policy and the default was assumed. */
  defaulted: boolean;
  /** The protocol versions it allows; undefined for a policy name we do not know and cannot read. */
  protocols?: readonly Protocol[];
}

/**
 * The policy of an OpenSearch domain endpoint and what it allows. A policy not in our list is read from its name,
 * which states its minimum version (`Policy-Min-TLS-1-2-...`): AWS adds policies, it does not lower minimums.
 */
export function opensearchTlsPolicy(returned: string | undefined): OpenSearchTlsPolicy {
  const name = returned ?? OPENSEARCH_DEFAULT_TLS_POLICY;
  const defaulted = returned === undefined;
  const known = OPENSEARCH_TLS_POLICIES[name];
  if (known) return { name, defaulted, protocols: known };
  const minimum = /^Policy-Min-TLS-1-(\d)-/.exec(name);
  const from = minimum ? PROTOCOLS.indexOf(minimum[1] === '0' ? 'TLSv1' : (`TLSv1.${minimum[1]}` as Protocol)) : -1;
  return from < 0 ? { name, defaulted } : { name, defaulted, protocols: PROTOCOLS.slice(from) };
}
