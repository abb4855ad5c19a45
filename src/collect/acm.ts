import { ACMClient, DescribeCertificateCommand, KeyAlgorithm, paginateListCertificates, type CertificateSummary } from '@aws-sdk/client-acm';
import type { AcmRegion, Certificate } from '../inventory/acm';
import { allOk, ok } from '../inventory/read';
import { attempt, collectList, expectFields, IncompleteAnswerError, mapBounded } from './attempt';
import type { RegionalCollector } from './collector';

/**
 * Every key type ACM knows. ListCertificates without `Includes.keyTypes` returns only RSA_1024 and RSA_2048
 * certificates (API reference, Filters.keyTypes), so ECDSA and larger RSA certificates would go unseen.
 */
const ALL_KEY_TYPES = Object.values(KeyAlgorithm);

/**
 * ACM certificates in one region (CloudFront's live in us-east-1). One paginated ListCertificates whose summaries
 * carry status, key algorithm, expiry and whether the certificate is in use. DescribeCertificate is called only for a
 * certificate whose summary lacks one of them (older answers and emulators), bounded per region.
 */
export const acmCollector: RegionalCollector<'acm'> = {
  scope: 'regional',
  async collect(ctx, region): Promise<AcmRegion> {
    if (!ctx.wants('acm.certificates')) return {};
    const client = ctx.aws.client('acm', ACMClient, region);
    const listed = await attempt({ service: 'acm', region, operation: 'ListCertificates' }, async () => {
      const summaries = await collectList(paginateListCertificates({ client }, { Includes: { keyTypes: ALL_KEY_TYPES } }), 'CertificateSummaryList');
      return summaries.map((s) => (complete(s) ? fromSummary(s) : { arn: expectFields(s, ['CertificateArn']).CertificateArn, summary: s }));
    });
    if (!listed.ok) return { certificates: listed };
    // A failed DescribeCertificate fails the read under its own name (its IAM action is what the fix names).
    const read = await mapBounded(listed.value, ctx.aws.concurrencyOf('acm'), (c) =>
      'summary' in c ? attempt({ service: 'acm', region, operation: 'DescribeCertificate' }, () => describe(client, c.summary)) : Promise.resolve(ok(c)),
    );
    return { certificates: allOk(read) };
  },
};

/** Whether the summary holds everything judged (an issued certificate always has an expiry). */
function complete(s: CertificateSummary): boolean {
  return s.Status !== undefined && s.KeyAlgorithm !== undefined && s.InUse !== undefined && (s.Status !== 'ISSUED' || s.NotAfter !== undefined);
}

function fromSummary(s: CertificateSummary): Certificate {
  const v = expectFields(s, ['CertificateArn', 'Status', 'KeyAlgorithm', 'InUse']);
  return {
    arn: v.CertificateArn,
    domainName: s.DomainName ?? '',
    status: v.Status,
    ...(s.Type ? { type: s.Type } : {}),
    keyAlgorithm: v.KeyAlgorithm,
    ...(s.NotAfter ? { notAfter: s.NotAfter.toISOString() } : {}),
    inUse: v.InUse,
    ...(s.RenewalEligibility ? { renewalEligibility: s.RenewalEligibility } : {}),
  };
}

async function describe(client: ACMClient, s: CertificateSummary): Promise<Certificate> {
  const arn = expectFields(s, ['CertificateArn']).CertificateArn;
  const out = await client.send(new DescribeCertificateCommand({ CertificateArn: arn }));
  const c = expectFields(expectFields(out, ['Certificate']).Certificate, ['Status', 'KeyAlgorithm']);
  if (c.Status === 'ISSUED' && !c.NotAfter) throw new IncompleteAnswerError(`certificate ${arn} is ISSUED without NotAfter, which AWS always returns for it`);
  const inUseBy = c.InUseBy ?? [];
  return {
    arn,
    domainName: c.DomainName ?? s.DomainName ?? '',
    status: c.Status,
    ...(c.Type ? { type: c.Type } : {}),
    keyAlgorithm: c.KeyAlgorithm,
    ...(c.NotAfter ? { notAfter: c.NotAfter.toISOString() } : {}),
    inUse: inUseBy.length > 0,
    inUseBy,
    ...(c.RenewalEligibility ? { renewalEligibility: c.RenewalEligibility } : {}),
  };
}
