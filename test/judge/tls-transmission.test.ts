import {
  classicPolicyProtocols,
  cloudFrontViewerPolicyAccepted,
  CLOUDFRONT_VIEWER_POLICIES,
  DEFAULT_ELB_SSL_POLICIES,
  ELBV2_POLICY_PROTOCOLS,
  matchesPolicy,
  onlyTls12OrNewer,
} from '../../src/judge/tls';

describe('TLS policy tables: load balancers and CloudFront', () => {
  it('accepts by default exactly the ALB/NLB policies of the table that negotiate TLS 1.2 or newer only', () => {
    for (const [name, protocols] of Object.entries(ELBV2_POLICY_PROTOCOLS)) {
      expect([name, matchesPolicy(name, DEFAULT_ELB_SSL_POLICIES)]).toEqual([name, onlyTls12OrNewer(protocols)]);
    }
  });

  it('matches policy patterns literally except for *, so a configured name is never a regular expression', () => {
    expect(matchesPolicy('ELBSecurityPolicy-TLS13-1-2-2021-06', ['ELBSecurityPolicy-TLS13-1-2-*'])).toBe(true);
    expect(matchesPolicy('ELBSecurityPolicy-TLS13-1-2-2021-06', ['ELBSecurityPolicy-TLS13-1-2-2021-06'])).toBe(true);
    expect(matchesPolicy('ELBSecurityPolicyXTLS', ['ELBSecurityPolicy.TLS'])).toBe(false);
    expect(matchesPolicy('a+b', ['a+b'])).toBe(true);
    expect(matchesPolicy('aab', ['a+b'])).toBe(false);
    expect(matchesPolicy('ELBSecurityPolicy-TLS13-1-1-2021-06', ['ELBSecurityPolicy-TLS13-1-2-*'])).toBe(false);
  });

  it('reads a Classic policy from its Protocol-* attributes first, then from the predefined policy it references', () => {
    expect(classicPolicyProtocols({ 'Protocol-TLSv1.2': 'true', 'Protocol-TLSv1': 'false', 'Reference-Security-Policy': 'ELBSecurityPolicy-2016-08' })).toEqual({
      known: true,
      protocols: ['TLSv1.2'],
      source: 'attributes',
      reference: 'ELBSecurityPolicy-2016-08',
    });
    expect(classicPolicyProtocols({ 'Reference-Security-Policy': 'ELBSecurityPolicy-TLS-1-1-2017-01' })).toEqual({
      known: true,
      protocols: ['TLSv1.1', 'TLSv1.2'],
      source: 'reference',
      reference: 'ELBSecurityPolicy-TLS-1-1-2017-01',
    });
    expect(classicPolicyProtocols({ 'Reference-Security-Policy': 'ELBSecurityPolicy-2011-08' })).toEqual({ known: false, reference: 'ELBSecurityPolicy-2011-08' });
    expect(classicPolicyProtocols({})).toEqual({ known: false });
  });

  it('accepts CloudFront security policies from TLSv1.2_2019 on, and judges unknown ones by their name', () => {
    const accepted = CLOUDFRONT_VIEWER_POLICIES.filter((p) => cloudFrontViewerPolicyAccepted(p.name).accepted).map((p) => p.name);
    expect(accepted).toEqual(['TLSv1.2_2019', 'TLSv1.2_2021', 'TLSv1.2_2025', 'TLSv1.3_2025']);
    expect(cloudFrontViewerPolicyAccepted('TLSv1.3_2027')).toEqual({ accepted: true, known: false });
    expect(cloudFrontViewerPolicyAccepted('TLSv1.2_2017')).toEqual({ accepted: false, known: false });
    expect(cloudFrontViewerPolicyAccepted('whatever')).toEqual({ accepted: false, known: false });
  });
});
