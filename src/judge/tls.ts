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
