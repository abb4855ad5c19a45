/**
 * Our reading of load balancer listeners: which protocols terminate TLS, and which listener actions hand a request
 * over in clear text. Shared by the ELB collector (to read rules only where the verdict depends on them) and the
 * ELB checks.
 */

/** The part of a listener or rule action these rules look at. */
export interface ActionLike {
  type: string;
  redirectProtocol?: string;
}

/** ALB HTTPS and NLB TLS listeners, Classic HTTPS and SSL listeners: the load balancer terminates TLS. */
export function terminatesTls(protocol: string | undefined): boolean {
  return protocol !== undefined && ['HTTPS', 'TLS', 'SSL'].includes(protocol.toUpperCase());
}

/**
 * Whether an action, on a plain HTTP listener, keeps content off the clear-text connection: a redirect to HTTPS
 * (the client retries over TLS) or a fixed response (a static body from the listener's own configuration, never
 * a target's content). A redirect's protocol defaults to `#{protocol}`, the request's own: HTTP.
 */
export function keepsContentOffHttp(action: ActionLike): boolean {
  if (action.type === 'fixed-response') return true;
  return action.type === 'redirect' && action.redirectProtocol?.toUpperCase() === 'HTTPS';
}

/** What an action does, for messages: `redirect to HTTP`, `forward`, `fixed-response`. */
export function describeAction(action: ActionLike): string {
  if (action.type !== 'redirect') return action.type;
  const to = action.redirectProtocol ?? '#{protocol}';
  return `redirect to ${to === '#{protocol}' ? 'the same protocol (HTTP)' : to}`;
}
