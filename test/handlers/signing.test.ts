import { GetPublicKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { createAuditHandler } from '../../src/handlers/audit';
import { mockAccount } from '../support/mock-account';
import { mockSigningKms, rsaKey, KEY_ARN as SIGN_KEY } from '../evidence/support';
import { verifyOffline, type SignatureFile } from '../../src/evidence/sign';
import { memoryS3, recorder, REPORT_BUCKET, securityHub, singleEnv } from './support';

const scheduled = { version: '0', id: 'e', 'detail-type': 'Scheduled Event', source: 'aws.events', account: '111122223333', time: '2026-06-01T06:00:00Z', region: 'us-east-1', resources: [], detail: {} };

describe('the audit handler with signKeyArn', () => {
  let mocks: ReturnType<typeof mockAccount>;
  let s3: ReturnType<typeof memoryS3>;
  beforeEach(() => {
    mocks = mockAccount();
    s3 = memoryS3(mocks.s3!);
    securityHub();
  });

  it('signs the manifest of the run folder in S3 with the deployment key', async () => {
    const key = rsaKey();
    mockSigningKms(mocks.kms as unknown as AwsClientStub<KMSClient>, key);
    const r = recorder(singleEnv({ SIGN_KEY_ARN: SIGN_KEY, SECURITY_HUB: 'false' }));
    const result = await createAuditHandler(r.deps)(scheduled);
    expect(result.published.s3).toMatchObject({ signed: true, manifestKey: expect.stringMatching(/^hipaa-audit\/runs\/\d{12}\/[^/]+\/manifest\.json$/) });
    const manifest = s3.get(REPORT_BUCKET, result.published.s3.manifestKey!).body;
    const signature = JSON.parse(s3.get(REPORT_BUCKET, result.published.s3.manifestKey!.replace('manifest.json', 'manifest.sig.json')).body.toString()) as SignatureFile;
    expect(verifyOffline(manifest, signature, key.publicKey)).toBe(true);
  });

  it('publishes unsigned, logs an error and counts it, when the key cannot sign', async () => {
    mocks.kms!.on(GetPublicKeyCommand).resolves({ KeyId: SIGN_KEY, KeyUsage: 'ENCRYPT_DECRYPT' });
    const r = recorder(singleEnv({ SIGN_KEY_ARN: SIGN_KEY, SECURITY_HUB: 'false' }));
    const result = await createAuditHandler(r.deps)(scheduled);
    expect(result.published.s3).toMatchObject({ signed: false });
    expect(s3.keys(REPORT_BUCKET).some((k) => k.endsWith('manifest.json'))).toBe(true);
    expect(r.logs).toContainEqual(expect.objectContaining({ level: 'error', message: 'the run is published unsigned: the signing key cannot sign' }));
    expect(r.metrics).toContainEqual(expect.objectContaining({ name: 'ManifestSigningFailures', value: 1 }));
  });

  it('refuses a signing key that is not a key ARN', async () => {
    const r = recorder(singleEnv({ SIGN_KEY_ARN: 'alias/signing' }));
    await expect(createAuditHandler(r.deps)(scheduled)).rejects.toThrow('SIGN_KEY_ARN');
  });
});
