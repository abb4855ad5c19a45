import type { Check, CheckResult } from '../../src/evaluate/types';
import type { SearchDomain } from '../../src/inventory/types';
import { fail, pass, result } from '../../src/evaluate/results';
import { onlyTls12OrNewer, OPENSEARCH_LATEST_TLS_POLICY, opensearchTlsPolicy } from '../../src/judge/tls';
import { domainLabel, domainResource, eachDomain } from './domains';

const check: Check = {
  id: 'opensearch.https-required',
  title: 'OpenSearch domains require HTTPS with TLS 1.2 or newer and encrypt traffic between nodes',
  severity: 'high',
  hipaa: ['164.312(e)(1)', '164.312(e)(2)(ii)'],
  controls: ['Opensearch.8', 'Opensearch.3'],
  description:
    'Search domains index ePHI (documents, logs, clinical notes). A domain passes when its endpoint refuses plain ' +
    'HTTP (EnforceHTTPS), its TLS security policy allows only TLS 1.2 or newer, and node-to-node encryption is on, ' +
    'so that data is encrypted from the client to the domain and between its nodes. A domain whose answer names no ' +
    'TLS policy is judged on the API default, Policy-Min-TLS-1-0-2019-07, which allows TLS 1.0 and 1.1. Security ' +
    'Hub Opensearch.8 asks for Policy-Min-TLS-1-2-PFS-2023-10 specifically; this check accepts every TLS 1.2+ ' +
    'policy and says so when a domain uses another one. Domains being deleted are not judged.',
  remediation: {
    text:
      '`aws opensearch update-domain-config --domain-name <name> --domain-endpoint-options ' +
      "'{\"EnforceHTTPS\":true,\"TLSSecurityPolicy\":\"Policy-Min-TLS-1-2-PFS-2023-10\"}'` (no downtime; clients must speak " +
      'TLS 1.2). Node-to-node encryption: `--node-to-node-encryption-options Enabled=true` on OpenSearch and ' +
      'Elasticsearch 6.7+ domains (it cannot be turned off again); older domains must be upgraded first.',
    url: 'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ntn.html',
  },
  reads: ['opensearch.domains'],
  evaluate(inventory) {
    return eachDomain(inventory, judge);
  },
};

function judge(d: SearchDomain, region: string): CheckResult {
  const resource = domainResource(d);
  const label = domainLabel(d);
  const policy = opensearchTlsPolicy(d.tlsPolicy);
  const policyText = policy.defaulted ? `TLS policy ${policy.name} (none returned: the API default applies)` : `TLS policy ${policy.name}`;
  const problems: string[] = [];
  if (!d.enforceHttps) problems.push(`accepts plain HTTP (EnforceHTTPS false)${d.inVpc ? '' : ' on its public endpoint'}`);
  if (policy.protocols === undefined) {
    if (d.enforceHttps && d.nodeToNodeEncryption) {
      return result('ERROR', region, resource, `${label}: enforces HTTPS with ${policyText}, a policy this check does not know: which TLS versions it allows cannot be judged`);
    }
    problems.push(`its ${policyText} is not one this check knows`);
  } else if (!onlyTls12OrNewer(policy.protocols)) {
    problems.push(`its ${policyText} allows ${policy.protocols.filter((p) => !onlyTls12OrNewer([p])).join(' and ')}`);
  }
  if (!d.nodeToNodeEncryption) problems.push('traffic between its nodes is not encrypted (node-to-node encryption off)');
  if (problems.length) return fail(region, resource, `${label}: ${problems.join('; ')}`);
  const latest = policy.name === OPENSEARCH_LATEST_TLS_POLICY ? '' : ` (Security Hub Opensearch.8 asks for ${OPENSEARCH_LATEST_TLS_POLICY})`;
  return pass(region, resource, `${label}: enforces HTTPS with ${policyText}, allowing ${(policy.protocols ?? []).join(' and ')} only${latest}, and encrypts node-to-node traffic`);
}

export default check;
