import type { Check, CheckResult } from '../../src/evaluate/types';
import { accountResource, eachRegion, fail, pass, withRead } from '../../src/evaluate/results';
import type { Certificate } from '../../src/inventory/types';

/** RSA keys shorter than this fail (NIST SP 800-131A; Security Hub ACM.2). */
const MIN_RSA_BITS = 2048;

const check: Check = {
  id: 'acm.certificates-valid',
  title: 'ACM certificates in use are issued, not about to expire, and use strong keys',
  severity: 'medium',
  hipaa: ['164.312(e)(1)'],
  controls: ['ACM.1', 'ACM.2'],
  description:
    'A certificate that expires, is revoked or was never issued breaks TLS to the endpoints using it: clients fail or ' +
    'are trained to click through warnings, which is how interception goes unnoticed; a 1024-bit RSA key can be ' +
    'factored. Judged: every ACM certificate in use (associated with a load balancer, CloudFront distribution, API ' +
    'or other service) in each audited region (CloudFront\'s live in us-east-1). Passes when it is ISSUED, expires ' +
    'more than thresholds.acmMinDaysToExpiry days (default 30) after the audit, and its key is RSA of 2048 bits or ' +
    'more, or ECDSA. ACM renews its own DNS-validated certificates 60 days ahead, so one inside the window is one ' +
    'whose renewal is stuck; imported certificates must be renewed by their owner. Certificates not in use are not ' +
    'judged. One result per certificate.',
  remediation: {
    text:
      'Amazon-issued: check the renewal status (`aws acm describe-certificate --certificate-arn <arn>` > RenewalSummary) ' +
      'and fix domain validation (the CNAME records for DNS validation, or answer the validation email). Imported: ' +
      'obtain a new certificate from your CA and `aws acm import-certificate --certificate-arn <arn> ...` to replace it in ' +
      'place. Weak key: request a new RSA 2048+ or ECDSA certificate and move the resources using the old one to it.',
    url: 'https://docs.aws.amazon.com/acm/latest/userguide/check-certificate-renewal-status.html',
  },
  reads: ['acm.certificates'],
  evaluate(inventory, ctx) {
    const minDays = ctx.thresholds.acmMinDaysToExpiry;
    return eachRegion(inventory, 'acm', inventory.acm, (data, region) =>
      withRead(data.certificates, region, accountResource(inventory), (certs) => certs.filter((c) => c.inUse).map((c) => judge(c, region, ctx.now, minDays)), `ACM certificates in ${region}`),
    );
  },
};

function judge(c: Certificate, region: string, now: Date, minDays: number): CheckResult {
  const resource = { type: 'AwsCertificateManagerCertificate', id: c.arn.slice(c.arn.lastIndexOf('/') + 1), arn: c.arn };
  const used = c.inUseBy?.length ? `, used by ${c.inUseBy.join(', ')}` : ', in use';
  const label = `${c.type ? `${c.type.toLowerCase().replace(/_/g, '-')} ` : ''}certificate for ${c.domainName || '(no domain)'}${used}`;
  const problems: string[] = [];
  if (c.status !== 'ISSUED') problems.push(`its status is ${c.status}, not ISSUED`);
  let expiry = '';
  if (c.notAfter) {
    const days = Math.floor((new Date(c.notAfter).getTime() - now.getTime()) / 86_400_000);
    const on = c.notAfter.slice(0, 10);
    if (days < 0) problems.push(`it expired on ${on}`);
    else if (days <= minDays) problems.push(`it expires in ${days} day${days === 1 ? '' : 's'}, on ${on}, within the ${minDays}-day threshold`);
    else expiry = `expires in ${days} days, on ${on}`;
  } else if (c.status === 'ISSUED') {
    problems.push('its expiry date is not reported');
  }
  const rsa = /^RSA_(\d+)$/.exec(c.keyAlgorithm);
  const isEc = c.keyAlgorithm.startsWith('EC_');
  if (rsa && Number(rsa[1]) < MIN_RSA_BITS) problems.push(`its key is ${c.keyAlgorithm}, shorter than ${MIN_RSA_BITS}-bit RSA`);
  else if (!rsa && !isEc) problems.push(`its key algorithm ${c.keyAlgorithm} is neither RSA nor ECDSA`);
  if (problems.length) return fail(region, resource, `${label}: ${problems.join('; ')}`);
  return pass(region, resource, `${label}: ISSUED, ${expiry}, ${c.keyAlgorithm} key`);
}

export default check;
