import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync, sign as cryptoSign } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetPublicKeyCommand, KMSClient, SignCommand, VerifyCommand } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { UsageError } from '../../src/errors';
import { MANIFEST_FILE, parseManifest, SIGNATURE_FILE } from '../../src/evidence/manifest';
import { kmsSigner, signatureBytes, verifyWithKms, type SignatureFile } from '../../src/evidence/sign';
import { localStore } from '../../src/evidence/store';
import { verifyEvidence, formatVerify } from '../../src/evidence/verify';
import { writeLocalReport } from '../../src/publish/local';
import { inventory } from '../support/inventory';
import { sampleReport } from '../support/report';
import { aws, awsError } from '../publish/s3/helpers';
import { KEY_ARN, mockSigningKms, rsaKey, sha256 } from './support';

const kms = mockClient(KMSClient);
const key = rsaKey();

function runFolder(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'evidence-')), 'run');
  writeLocalReport(dir, sampleReport(), inventory(), ['json', 'csv', 'html']);
  return dir;
}

async function signFolder(dir: string): Promise<SignatureFile> {
  const signer = await kmsSigner(aws(), KEY_ARN, 'eu-west-1');
  const signature = await signer.sign(readFileSync(join(dir, MANIFEST_FILE)));
  writeFileSync(join(dir, SIGNATURE_FILE), signatureBytes(signature));
  return signature;
}

beforeEach(() => {
  kms.reset();
  mockSigningKms(kms, key);
});

describe('the manifest of a local run', () => {
  it('lists every file written with its size and SHA-256, and verifies', async () => {
    const dir = runFolder();
    const manifest = parseManifest(readFileSync(join(dir, MANIFEST_FILE), 'utf8'));
    if (typeof manifest === 'string') throw new Error(manifest);
    expect(manifest.files.map((f) => f.name)).toEqual(['findings.csv', 'findings.json', 'framework.json', 'inventory.json', 'open-failures.json', 'report.html', 'summary.json']);
    for (const f of manifest.files) {
      const body = readFileSync(join(dir, f.name));
      expect(f).toEqual({ name: f.name, bytes: body.length, sha256: sha256(body) });
    }
    expect(manifest.run).toMatchObject({ id: 'run-1', accountId: '111122223333' });
    const result = await verifyEvidence(localStore(dir));
    expect(result.problems).toEqual([]);
    expect(result.verified).toHaveLength(7);
    expect(result.signature.state).toBe('absent');
    expect(formatVerify(result)).toContain('VERIFIED: 7 file(s) match the manifest.');
  });

  it('names a modified, a missing and a substituted file; an extra file is reported apart', async () => {
    const dir = runFolder();
    appendFileSync(join(dir, 'report.html'), '<!-- edited -->');
    rmSync(join(dir, 'findings.csv'));
    // Same size, other bytes.
    const summary = readFileSync(join(dir, 'summary.json'), 'utf8');
    writeFileSync(join(dir, 'summary.json'), summary.replace('"run-1"', '"run-2"'));
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const result = await verifyEvidence(localStore(dir));
    expect(result.problems.map((p) => [p.file, p.problem.split(':')[0]])).toEqual([
      ['findings.csv', 'missing'],
      ['report.html', 'modified'],
      ['summary.json', 'modified'],
    ]);
    expect(result.unlisted).toEqual(['notes.txt']);
    expect(formatVerify(result)).toContain('FAILED: 3 problem(s): findings.csv, report.html, summary.json: exit code 5.');
  });

  it('refuses a folder without a manifest, and a manifest that points outside its folder', async () => {
    const dir = runFolder();
    const text = readFileSync(join(dir, MANIFEST_FILE), 'utf8');
    writeFileSync(join(dir, MANIFEST_FILE), text.replace('"name": "findings.csv"', '"name": "../../etc/passwd"'));
    const result = await verifyEvidence(localStore(dir));
    expect(result.problems).toEqual([{ file: MANIFEST_FILE, problem: expect.stringContaining('not a plain file name') }]);
    rmSync(join(dir, MANIFEST_FILE));
    await expect(verifyEvidence(localStore(dir))).rejects.toThrow(UsageError);
  });
});

describe('signed manifests', () => {
  it('signs with kms:Sign over the SHA-256 digest of the manifest, and the signature verifies offline with the real public key', async () => {
    const dir = runFolder();
    const signature = await signFolder(dir);
    const manifest = readFileSync(join(dir, MANIFEST_FILE));
    expect(kms.commandCalls(GetPublicKeyCommand)[0]?.args[0].input).toEqual({ KeyId: KEY_ARN });
    const signCall = kms.commandCalls(SignCommand)[0]!.args[0].input;
    expect(signCall).toMatchObject({ KeyId: KEY_ARN, MessageType: 'DIGEST', SigningAlgorithm: 'RSASSA_PKCS1_V1_5_SHA_256' });
    expect(Buffer.from(signCall.Message!).toString('hex')).toBe(sha256(manifest));
    expect(signature).toMatchObject({ keyId: KEY_ARN, keySpec: 'RSA_2048', algorithm: 'RSASSA_PKCS1_V1_5_SHA_256', manifestSha256: sha256(manifest) });
    expect(signature.publicKey).toContain('-----BEGIN PUBLIC KEY-----');

    const trusted = await verifyEvidence(localStore(dir), { publicKey: key.publicKey });
    expect(trusted.problems).toEqual([]);
    expect(trusted.signature.state).toBe('verified-key');
    // Without a trusted key the embedded one proves consistency only, and says so.
    const embedded = await verifyEvidence(localStore(dir));
    expect(embedded.signature.state).toBe('self-consistent');
    expect(embedded.signature.detail).toContain('pass --public-key FILE');
  });

  it('fails a bad signature, a signature by another key, and a manifest edited after signing, naming the file', async () => {
    const dir = runFolder();
    const signature = await signFolder(dir);
    const other = rsaKey();
    const wrongKey = await verifyEvidence(localStore(dir), { publicKey: other.publicKey });
    expect(wrongKey.problems).toEqual([{ file: SIGNATURE_FILE, problem: 'bad signature: it does not verify with the public key given' }]);
    expect(wrongKey.signature.detail).toContain('the public key stored in the signature file is a different key');

    const bytes = Buffer.from(signature.signature, 'base64');
    bytes[10] = (bytes[10] as number) ^ 0xff;
    writeFileSync(join(dir, SIGNATURE_FILE), signatureBytes({ ...signature, signature: bytes.toString('base64') }));
    expect((await verifyEvidence(localStore(dir), { publicKey: key.publicKey })).problems).toEqual([{ file: SIGNATURE_FILE, problem: 'bad signature: it does not verify with the public key given' }]);
    // The embedded key catches it too.
    expect((await verifyEvidence(localStore(dir))).signature.state).toBe('invalid');

    // A tamperer rewrites a file and its manifest entry: the hashes agree, the signature does not.
    writeFileSync(join(dir, SIGNATURE_FILE), signatureBytes(signature));
    appendFileSync(join(dir, 'findings.csv'), 'forged\r\n');
    const manifest = readFileSync(join(dir, MANIFEST_FILE), 'utf8');
    const body = readFileSync(join(dir, 'findings.csv'));
    const rewritten = manifest.replace(/("name": "findings\.csv",\s+"bytes": )\d+(,\s+"sha256": ")[0-9a-f]+/, `$1${body.length}$2${sha256(body)}`);
    expect(rewritten).not.toBe(manifest);
    writeFileSync(join(dir, MANIFEST_FILE), rewritten);
    const edited = await verifyEvidence(localStore(dir), { publicKey: key.publicKey });
    expect(edited.problems).toEqual([{ file: MANIFEST_FILE, problem: expect.stringContaining('changed after it was signed') }]);
  });

  it('asks for a signature that is not there', async () => {
    const dir = runFolder();
    const result = await verifyEvidence(localStore(dir), { publicKey: key.publicKey });
    expect(result.problems).toEqual([{ file: SIGNATURE_FILE, problem: 'missing: a signature check was asked for, but the run is not signed' }]);
  });

  it('verifies with kms:Verify, and reads KMS\'s invalid-signature answer as a bad signature', async () => {
    const dir = runFolder();
    await signFolder(dir);
    const context = aws();
    const check = (m: Buffer, s: SignatureFile) => verifyWithKms(context, m, s, 'eu-west-1');
    kms.on(VerifyCommand).resolves({ SignatureValid: true, KeyId: KEY_ARN });
    const ok = await verifyEvidence(localStore(dir), { kms: check });
    expect(ok.signature.state).toBe('verified-kms');
    const call = kms.commandCalls(VerifyCommand)[0]!.args[0].input;
    expect(call).toMatchObject({ KeyId: KEY_ARN, MessageType: 'DIGEST', SigningAlgorithm: 'RSASSA_PKCS1_V1_5_SHA_256' });
    expect(Buffer.from(call.Message!).toString('hex')).toBe(sha256(readFileSync(join(dir, MANIFEST_FILE))));

    kms.on(VerifyCommand).rejects(awsError('KMSInvalidSignatureException'));
    const bad = await verifyEvidence(localStore(dir), { kms: check });
    expect(bad.problems).toEqual([{ file: SIGNATURE_FILE, problem: `bad signature: kms:Verify with ${KEY_ARN} rejects it` }]);

    kms.on(VerifyCommand).rejects(awsError('AccessDeniedException', 403));
    await expect(verifyEvidence(localStore(dir), { kms: check })).rejects.toThrow(`allow kms:Verify on ${KEY_ARN}`);
  });

  it('verifies ECDSA signatures offline (DER-encoded, as KMS returns them)', async () => {
    const dir = runFolder();
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-384' });
    const manifest = readFileSync(join(dir, MANIFEST_FILE));
    const signature = cryptoSign('sha384', manifest, { key: privateKey, dsaEncoding: 'der' });
    const file: SignatureFile = {
      signatureVersion: '1.0', manifest: MANIFEST_FILE, manifestSha256: sha256(manifest), keyId: KEY_ARN, keySpec: 'ECC_NIST_P384',
      algorithm: 'ECDSA_SHA_384', messageType: 'DIGEST', digestAlgorithm: 'SHA-384', digest: 'x', signature: signature.toString('base64'),
      publicKey: publicKey.export({ format: 'pem', type: 'spki' }).toString(), signedAt: '2026-06-01T00:00:00.000Z',
    };
    writeFileSync(join(dir, SIGNATURE_FILE), signatureBytes(file));
    expect((await verifyEvidence(localStore(dir), { publicKey })).signature.state).toBe('verified-key');
    expect((await verifyEvidence(localStore(dir), { publicKey: key.publicKey })).signature.state).toBe('invalid');
  });
});

describe('kmsSigner', () => {
  it('refuses keys that cannot sign or only offer algorithms it cannot verify, naming the fix', async () => {
    kms.on(GetPublicKeyCommand).resolves({ KeyId: KEY_ARN, KeyUsage: 'ENCRYPT_DECRYPT', SigningAlgorithms: [], PublicKey: new Uint8Array(key.publicDer) });
    await expect(kmsSigner(aws(), KEY_ARN, 'eu-west-1')).rejects.toThrow('not SIGN_VERIFY. Fix: create an asymmetric signing key');
    kms.on(GetPublicKeyCommand).resolves({ KeyId: KEY_ARN, KeyUsage: 'SIGN_VERIFY', SigningAlgorithms: ['SM2DSA'], PublicKey: new Uint8Array(key.publicDer) });
    await expect(kmsSigner(aws(), KEY_ARN, 'eu-west-1')).rejects.toThrow('offers SM2DSA');
    kms.on(GetPublicKeyCommand).rejects(awsError('AccessDeniedException', 403));
    await expect(kmsSigner(aws(), 'alias/reports', 'eu-west-1')).rejects.toThrow('Fix: allow kms:GetPublicKey on alias/reports');
  });

  it('picks ECDSA with the curve\'s hash, and calls KMS in the key\'s region', async () => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-384' });
    kms.on(GetPublicKeyCommand).resolves({
      KeyId: KEY_ARN, KeySpec: 'ECC_NIST_P384', KeyUsage: 'SIGN_VERIFY', SigningAlgorithms: ['ECDSA_SHA_384'], PublicKey: new Uint8Array(publicKey.export({ format: 'der', type: 'spki' })),
    });
    const signer = await kmsSigner(aws(), KEY_ARN, 'eu-west-1');
    expect(signer.algorithm).toBe('ECDSA_SHA_384');
    expect(await kms.commandCalls(GetPublicKeyCommand)[0]!.thisValue.config.region()).toBe('us-east-1');
    kms.on(SignCommand).resolves({ Signature: new Uint8Array([1, 2, 3]) });
    const s = await signer.sign(Buffer.from('{}\n'));
    expect(kms.commandCalls(SignCommand)[0]!.args[0].input.Message).toHaveLength(48);
    expect(s).toMatchObject({ digestAlgorithm: 'SHA-384', algorithm: 'ECDSA_SHA_384', signature: 'AQID' });
  });
});
