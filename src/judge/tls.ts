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
