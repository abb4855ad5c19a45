import check from '../../../checks/opensearch/https-required';
import type { SearchDomain } from '../../../src/inventory/types';
import { checkContext, denied, failed, inventory, ok, statuses } from '../../support/inventory';
import { searchDomain as domain } from '../../support/builders/opensearch';

const run = (domains: SearchDomain[]) => check.evaluate(inventory({ opensearch: { 'us-east-1': { domains: ok(domains) } } }), checkContext());
const message = (results: ReturnType<typeof run>, id: string) => results.find((r) => r.resource.id === id)?.message;

describe('opensearch.https-required', () => {
  it('passes HTTPS with a TLS 1.2+ policy and node-to-node encryption, naming what Security Hub asks for beyond it', () => {
    const results = run([domain('ehr-search'), domain('claims', { tlsPolicy: 'Policy-Min-TLS-1-2-2019-07' })]);
    expect(statuses(results)).toEqual({ 'us-east-1/ehr-search': 'PASS', 'us-east-1/claims': 'PASS' });
    expect(message(results, 'ehr-search')).toBe(
      'domain ehr-search (OpenSearch 2.11, in a VPC): enforces HTTPS with TLS policy Policy-Min-TLS-1-2-PFS-2023-10, allowing TLSv1.2 and TLSv1.3 only, and encrypts node-to-node traffic',
    );
    expect(message(results, 'claims')).toBe(
      'domain claims (OpenSearch 2.11, in a VPC): enforces HTTPS with TLS policy Policy-Min-TLS-1-2-2019-07, allowing TLSv1.2 only (Security Hub Opensearch.8 asks for Policy-Min-TLS-1-2-PFS-2023-10), and encrypts node-to-node traffic',
    );
    expect(results[0]?.resource).toEqual({ type: 'AwsOpenSearchServiceDomain', id: 'ehr-search', arn: 'arn:aws:es:us-east-1:111122223333:domain/ehr-search' });
  });

  it('fails plain HTTP, TLS 1.0 policies and unencrypted node traffic, listing every problem', () => {
    const results = run([
      domain('public-logs', { inVpc: false, enforceHttps: false }),
      domain('old-tls', { tlsPolicy: 'Policy-Min-TLS-1-0-2019-07' }),
      domain('everything', { engineVersion: 'Elasticsearch_6.3', inVpc: false, enforceHttps: false, tlsPolicy: 'Policy-Min-TLS-1-0-2019-07', nodeToNodeEncryption: false }),
    ]);
    expect(statuses(results)).toEqual({ 'us-east-1/public-logs': 'FAIL', 'us-east-1/old-tls': 'FAIL', 'us-east-1/everything': 'FAIL' });
    expect(message(results, 'public-logs')).toBe('domain public-logs (OpenSearch 2.11, public endpoint): accepts plain HTTP (EnforceHTTPS false) on its public endpoint');
    expect(message(results, 'old-tls')).toBe('domain old-tls (OpenSearch 2.11, in a VPC): its TLS policy Policy-Min-TLS-1-0-2019-07 allows TLSv1 and TLSv1.1');
    expect(message(results, 'everything')).toBe(
      'domain everything (Elasticsearch 6.3, public endpoint): accepts plain HTTP (EnforceHTTPS false) on its public endpoint; its TLS policy Policy-Min-TLS-1-0-2019-07 allows TLSv1 and TLSv1.1; traffic between its nodes is not encrypted (node-to-node encryption off)',
    );
  });

  it('judges a domain whose answer names no TLS policy on the API default, and says so', () => {
    const [only] = run([domain('unnamed', { tlsPolicy: undefined })]);
    expect(only?.status).toBe('FAIL');
    expect(only?.message).toBe('domain unnamed (OpenSearch 2.11, in a VPC): its TLS policy Policy-Min-TLS-1-0-2019-07 (none returned: the API default applies) allows TLSv1 and TLSv1.1');
  });

  it('reads a policy it does not list from the minimum its name states, and reports ERROR when it cannot', () => {
    const results = run([domain('future', { tlsPolicy: 'Policy-Min-TLS-1-2-PQ-2027-01' }), domain('odd', { tlsPolicy: 'Policy-Custom-7' })]);
    expect(statuses(results)).toEqual({ 'us-east-1/future': 'PASS', 'us-east-1/odd': 'ERROR' });
    expect(message(results, 'future')).toContain('allowing TLSv1.2 and TLSv1.3 only');
    expect(message(results, 'odd')).toContain('a policy this check does not know');
  });

  it('does not judge domains being deleted', () => {
    expect(run([domain('leaving', { deleted: true, enforceHttps: false })])).toEqual([]);
  });

  it('reports ERROR when the domains could not be read or were not collected', () => {
    const results = check.evaluate(
      inventory({ regions: ['us-east-1', 'eu-west-1'], opensearch: { 'us-east-1': { domains: failed(denied('opensearch', 'DescribeDomains')) }, 'eu-west-1': {} } }),
      checkContext(),
    );
    expect(statuses(results)).toEqual({ 'us-east-1/111122223333': 'ERROR', 'eu-west-1/111122223333': 'ERROR' });
    expect(results[0]?.message).toContain('could not read OpenSearch domains in us-east-1: AccessDenied');
    expect(results[0]?.message).toContain('Fix: allow es:DescribeDomains');
  });
});
