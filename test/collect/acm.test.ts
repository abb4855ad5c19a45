import { ACMClient, DescribeCertificateCommand, ListCertificatesCommand } from '@aws-sdk/client-acm';
import { mockClient } from 'aws-sdk-client-mock';
import { acmCollector } from '../../src/collect/acm';
import { ACCOUNT, awsError, collectContext } from '../support/inventory';

const acm = mockClient(ACMClient);
beforeEach(() => acm.reset());

const REGION = 'us-east-1';
const arn = (id: string) => `arn:aws:acm:${REGION}:${ACCOUNT}:certificate/${id}`;

describe('acm collector', () => {
  it('asks ListCertificates for every key type (it returns only RSA_1024 and RSA_2048 otherwise) and follows NextToken pages', async () => {
    const inputs: Array<Record<string, unknown>> = [];
    acm.on(ListCertificatesCommand).callsFake((input: Record<string, unknown>) => {
      inputs.push(JSON.parse(JSON.stringify(input)) as Record<string, unknown>);
      if (input.NextToken === undefined) {
        return {
          NextToken: 't1',
          CertificateSummaryList: [
            {
              CertificateArn: arn('a'),
              DomainName: 'portal.example.com',
              Status: 'ISSUED',
              Type: 'AMAZON_ISSUED',
              KeyAlgorithm: 'EC_prime256v1',
              InUse: true,
              NotAfter: new Date('2027-01-01T00:00:00Z'),
              RenewalEligibility: 'ELIGIBLE',
            },
          ],
        };
      }
      if (input.NextToken === 't1') {
        return { CertificateSummaryList: [{ CertificateArn: arn('b'), DomainName: 'old.example.com', Status: 'EXPIRED', Type: 'IMPORTED', KeyAlgorithm: 'RSA_1024', InUse: false, NotAfter: new Date('2025-01-01T00:00:00Z') }] };
      }
      throw new Error(`unexpected token ${String(input.NextToken)}`);
    });
    const ctx = collectContext([REGION]);
    const data = await acmCollector.collect(ctx, REGION);
    const keyTypes = ['EC_prime256v1', 'EC_secp384r1', 'EC_secp521r1', 'RSA_1024', 'RSA_2048', 'RSA_3072', 'RSA_4096'];
    expect(inputs).toEqual([{ Includes: { keyTypes } }, { Includes: { keyTypes }, NextToken: 't1' }]);
    expect(data.certificates).toEqual({
      ok: true,
      value: [
        { arn: arn('a'), domainName: 'portal.example.com', status: 'ISSUED', type: 'AMAZON_ISSUED', keyAlgorithm: 'EC_prime256v1', notAfter: '2027-01-01T00:00:00.000Z', inUse: true, renewalEligibility: 'ELIGIBLE' },
        { arn: arn('b'), domainName: 'old.example.com', status: 'EXPIRED', type: 'IMPORTED', keyAlgorithm: 'RSA_1024', notAfter: '2025-01-01T00:00:00.000Z', inUse: false },
      ],
    });
    // The summaries had everything: no DescribeCertificate.
    expect(ctx.aws.apiCalls.byOperation()).toEqual({ 'acm:ListCertificates': 2 });
  });

  it('calls DescribeCertificate only for a summary that lacks what is judged, and takes its use from InUseBy', async () => {
    acm.on(ListCertificatesCommand).resolves({
      CertificateSummaryList: [
        { CertificateArn: arn('full'), DomainName: 'a.example.com', Status: 'PENDING_VALIDATION', KeyAlgorithm: 'RSA_2048', InUse: false },
        { CertificateArn: arn('bare'), DomainName: 'b.example.com' },
      ],
    });
    acm.on(DescribeCertificateCommand, { CertificateArn: arn('bare') }).resolves({
      Certificate: {
        CertificateArn: arn('bare'),
        DomainName: 'b.example.com',
        Status: 'ISSUED',
        KeyAlgorithm: 'RSA_4096',
        NotAfter: new Date('2026-07-01T00:00:00Z'),
        InUseBy: ['arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/portal/1'],
        Type: 'IMPORTED',
      },
    });
    const ctx = collectContext([REGION]);
    const data = await acmCollector.collect(ctx, REGION);
    expect(data.certificates).toEqual({
      ok: true,
      value: [
        { arn: arn('full'), domainName: 'a.example.com', status: 'PENDING_VALIDATION', keyAlgorithm: 'RSA_2048', inUse: false },
        {
          arn: arn('bare'),
          domainName: 'b.example.com',
          status: 'ISSUED',
          type: 'IMPORTED',
          keyAlgorithm: 'RSA_4096',
          notAfter: '2026-07-01T00:00:00.000Z',
          inUse: true,
          inUseBy: ['arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/portal/1'],
        },
      ],
    });
    expect(ctx.aws.apiCalls.byOperation()).toEqual({ 'acm:DescribeCertificate': 1, 'acm:ListCertificates': 1 });
  });

  it('records AccessDenied on ListCertificates, and on DescribeCertificate under its own name (the fix names its action)', async () => {
    acm.on(ListCertificatesCommand).rejects(awsError('AccessDeniedException', 'not authorized to perform: acm:ListCertificates', 400));
    expect((await acmCollector.collect(collectContext([REGION]), REGION)).certificates).toEqual({
      ok: false,
      error: { service: 'acm', region: REGION, operation: 'ListCertificates', code: 'AccessDeniedException', message: 'not authorized to perform: acm:ListCertificates' },
    });

    acm.on(ListCertificatesCommand).resolves({ CertificateSummaryList: [{ CertificateArn: arn('bare') }] });
    acm.on(DescribeCertificateCommand).rejects(awsError('AccessDeniedException', 'not authorized to perform: acm:DescribeCertificate', 400));
    expect((await acmCollector.collect(collectContext([REGION]), REGION)).certificates).toMatchObject({
      ok: false,
      error: { service: 'acm', operation: 'DescribeCertificate', code: 'AccessDeniedException' },
    });
  });

  it('takes an answer without the list, or an issued certificate without an expiry, as incomplete', async () => {
    acm.on(ListCertificatesCommand).resolves({});
    expect((await acmCollector.collect(collectContext([REGION]), REGION)).certificates).toMatchObject({ ok: false, error: { operation: 'ListCertificates', code: 'IncompleteAnswer' } });

    acm.on(ListCertificatesCommand).resolves({ CertificateSummaryList: [{ CertificateArn: arn('x'), Status: 'ISSUED', KeyAlgorithm: 'RSA_2048', InUse: true }] });
    acm.on(DescribeCertificateCommand).resolves({ Certificate: { CertificateArn: arn('x'), Status: 'ISSUED', KeyAlgorithm: 'RSA_2048' } });
    expect((await acmCollector.collect(collectContext([REGION]), REGION)).certificates).toMatchObject({
      ok: false,
      error: { operation: 'DescribeCertificate', code: 'IncompleteAnswer', message: expect.stringContaining('NotAfter') },
    });
  });

  it('makes no call when no selected check wants certificates', async () => {
    expect(await acmCollector.collect(collectContext([REGION], []), REGION)).toEqual({});
    expect(acm.calls()).toHaveLength(0);
  });
});
