import list from './hipaa-eligible-services.json';

/** Where the shipped list of HIPAA-eligible services comes from, for messages and the README. */
export const ELIGIBLE_LIST = { title: list.source, url: list.url, compiled: list.compiled } as const;

const SERVICES: Readonly<Record<string, string>> = list.services;

/** Whether an ARN service namespace belongs to a HIPAA-eligible service: by the shipped list, by the config, or not. */
export type Eligibility = { eligible: true; via: 'list'; service: string } | { eligible: true; via: 'config' } | { eligible: false };

export function eligibilityOf(namespace: string, configured: readonly string[]): Eligibility {
  const name = SERVICES[namespace];
  if (name !== undefined) return { eligible: true, via: 'list', service: name };
  if (configured.includes(namespace)) return { eligible: true, via: 'config' };
  return { eligible: false };
}

/** The namespaces on the shipped list (tests and docs). */
export const ELIGIBLE_NAMESPACES: readonly string[] = Object.keys(SERVICES).sort();
