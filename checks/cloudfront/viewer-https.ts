import type { Check, CheckResult } from '../../src/evaluate/types';
import { fail, GLOBAL, pass, result } from '../../src/evaluate/results';
import type { Distribution } from '../../src/inventory/types';
import { CLOUDFRONT_MIN_VIEWER_POLICY, cloudFrontViewerPolicyAccepted } from '../../src/judge/tls';
import { behaviorName, describeDistribution, distributionResource, eachDistribution, HTTPS_VIEWER_POLICIES } from './distributions';

const check: Check = {
  id: 'cloudfront.viewer-https',
  title: 'CloudFront distributions serve viewers over HTTPS only, with TLS 1.2 or newer',
  severity: 'high',
  hipaa: ['164.312(e)(1)', '164.312(e)(2)(ii)'],
  controls: ['CloudFront.3'],
  description:
    'A cache behaviour whose viewer protocol policy is allow-all serves its paths over plain HTTP across the internet. ' +
    'Passes when every behaviour, the default and each path pattern, is https-only or redirect-to-https and, when the ' +
    `distribution serves a custom certificate, its security policy is ${CLOUDFRONT_MIN_VIEWER_POLICY} or newer (TLS 1.2+ ` +
    'with forward-secret ciphers only). The default *.cloudfront.net certificate always accepts TLSv1 and cannot be ' +
    'tuned, so its policy is not failed. Disabled distributions are judged too: enabling one serves its configuration ' +
    'as it stands. One result per distribution.',
  remediation: {
    text:
      'CloudFront console > the distribution > Behaviors > edit each behaviour > Viewer protocol policy: "Redirect HTTP to ' +
      'HTTPS" (or "HTTPS only"); General > Settings > Security policy: TLSv1.2_2021 (recommended). With the CLI, ' +
      '`aws cloudfront get-distribution-config --id <id>`, set ViewerProtocolPolicy and ViewerCertificate.MinimumProtocolVersion, ' +
      'then `aws cloudfront update-distribution --id <id> --if-match <etag> --distribution-config file://config.json`.',
    url: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-viewers-to-cloudfront.html',
  },
  reads: ['cloudfront.distributions'],
  evaluate(inventory) {
    return eachDistribution(inventory, (d) => [judge(d)]);
  },
};

function judge(d: Distribution): CheckResult {
  const resource = distributionResource(d);
  const label = describeDistribution(d);
  const plain = d.behaviors.filter((b) => !HTTPS_VIEWER_POLICIES.has(b.viewerProtocolPolicy));
  const problems = plain.map((b) => `${behaviorName(b)} serves HTTP (${b.viewerProtocolPolicy})`);
  const cert = d.viewerCertificate;
  let certificate: string;
  if (cert.cloudFrontDefaultCertificate) {
    certificate = 'it serves the default *.cloudfront.net certificate, whose TLSv1 minimum cannot be changed (not judged)';
  } else {
    const which = cert.acmCertificateArn ?? cert.iamCertificateId ?? 'a custom certificate';
    const policy = cert.minimumProtocolVersion;
    if (policy === undefined) {
      if (problems.length === 0) return result('ERROR', GLOBAL, resource, `${label}: its custom certificate ${which} is reported without a security policy (MinimumProtocolVersion), so its TLS minimum cannot be judged`);
      certificate = `its custom certificate ${which} is reported without a security policy`;
    } else {
      const verdict = cloudFrontViewerPolicyAccepted(policy);
      const how = verdict.known ? '' : ' (judged from its name: not in the table of known policies)';
      if (!verdict.accepted) problems.push(`its custom certificate uses security policy ${policy}, older than ${CLOUDFRONT_MIN_VIEWER_POLICY}${how}`);
      certificate = `its custom certificate ${which} uses security policy ${policy}${how}`;
    }
  }
  if (problems.length) return fail(GLOBAL, resource, `${label}: ${problems.join('; ')}`);
  const behaviours = d.behaviors.map((b) => `${behaviorName(b)} ${b.viewerProtocolPolicy}`).join(', ');
  return pass(GLOBAL, resource, `${label}: ${behaviours}; ${certificate}`);
}

export default check;
