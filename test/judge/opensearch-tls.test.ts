import { onlyTls12OrNewer, OPENSEARCH_TLS_POLICIES, opensearchTlsPolicy } from '../../src/judge/tls';

describe('OpenSearch TLS security policies', () => {
  it('knows what each documented policy allows', () => {
    expect(Object.entries(OPENSEARCH_TLS_POLICIES).map(([name, protocols]) => [name, onlyTls12OrNewer(protocols)])).toEqual([
      ['Policy-Min-TLS-1-0-2019-07', false],
      ['Policy-Min-TLS-1-2-2019-07', true],
      ['Policy-Min-TLS-1-2-PFS-2023-10', true],
      ['Policy-Min-TLS-1-2-RFC9151-FIPS-2024-08', true],
    ]);
  });

  it('assumes the API default, which allows TLS 1.0, when the answer names no policy', () => {
    expect(opensearchTlsPolicy(undefined)).toEqual({ name: 'Policy-Min-TLS-1-0-2019-07', defaulted: true, protocols: ['TLSv1', 'TLSv1.1', 'TLSv1.2'] });
  });

  it('reads an unlisted policy from the minimum in its name, and nothing from a name without one', () => {
    expect(opensearchTlsPolicy('Policy-Min-TLS-1-3-2030-01')).toEqual({ name: 'Policy-Min-TLS-1-3-2030-01', defaulted: false, protocols: ['TLSv1.3'] });
    expect(opensearchTlsPolicy('Policy-Min-TLS-1-1-2030-01').protocols).toEqual(['TLSv1.1', 'TLSv1.2', 'TLSv1.3']);
    expect(opensearchTlsPolicy('Policy-Min-TLS-1-0-2030-01').protocols?.[0]).toBe('TLSv1');
    expect(opensearchTlsPolicy('Custom')).toEqual({ name: 'Custom', defaulted: false });
  });
});
