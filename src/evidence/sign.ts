import { createHash, createPublicKey, constants, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import { GetPublicKeyCommand, KMSClient, SignCommand, VerifyCommand, type SigningAlgorithmSpec } from '@aws-sdk/client-kms';
import type { AwsContext } from '../aws/context';
import { errorCode, errorMessage, isAccessDenied } from '../aws/errors';
import { UsageError } from '../errors';
import { MANIFEST_FILE } from './manifest';

/**
 * Signing the manifest with an asymmetric AWS KMS key (KeyUsage SIGN_VERIFY). The algorithm is chosen from the
 * key's SigningAlgorithms (kms:GetPublicKey): ECDSA for NIST curves, PKCS #1 v1.5 then PSS for RSA. KMS signs the
 * digest of the manifest's exact bytes (MessageType DIGEST, with the algorithm's hash: SHA-256, -384 or -512), so
 * a manifest of any size can be signed; the signature is the same one a signer of the bytes themselves makes, and
 * verifies offline with the public key (OpenSSL, Node, `hipaa-audit verify --public-key`).
 *
 * manifest.sig.json carries the key id, algorithm, digest, the base64 signature and the key's public key (PEM). The
 * embedded key only proves the package is self-consistent: anyone replacing the manifest could replace it too.
 * Trust comes from a public key obtained apart (`--public-key`) or from KMS itself (`--kms`, kms:Verify).
 */
export const SIGNATURE_VERSION = '1.0';

export interface SignatureFile {
  signatureVersion: typeof SIGNATURE_VERSION;
  manifest: typeof MANIFEST_FILE;
  /** SHA-256 of manifest.json, hex: tells a changed manifest from a bad signature. */
  manifestSha256: string;
  keyId: string;
  keySpec: string;
  algorithm: SupportedAlgorithm;
  messageType: 'DIGEST';
  digestAlgorithm: 'SHA-256' | 'SHA-384' | 'SHA-512';
  /** The digest KMS signed, hex. */
  digest: string;
  signature: string;
  /** The key's public key (SubjectPublicKeyInfo, PEM), for offline checks. */
  publicKey: string;
  signedAt: string;
}

/** What we sign with, in order of preference; other algorithms (SM2, ML-DSA, Ed25519) are refused. */
export const ALGORITHMS = [
  'ECDSA_SHA_256',
  'ECDSA_SHA_384',
  'ECDSA_SHA_512',
  'RSASSA_PKCS1_V1_5_SHA_256',
  'RSASSA_PKCS1_V1_5_SHA_384',
  'RSASSA_PKCS1_V1_5_SHA_512',
  'RSASSA_PSS_SHA_256',
  'RSASSA_PSS_SHA_384',
  'RSASSA_PSS_SHA_512',
] as const satisfies readonly SigningAlgorithmSpec[];
export type SupportedAlgorithm = (typeof ALGORITHMS)[number];

const hashOf = (a: SupportedAlgorithm): 'sha256' | 'sha384' | 'sha512' => (a.endsWith('256') ? 'sha256' : a.endsWith('384') ? 'sha384' : 'sha512');
const hashName = (a: SupportedAlgorithm): SignatureFile['digestAlgorithm'] => (a.endsWith('256') ? 'SHA-256' : a.endsWith('384') ? 'SHA-384' : 'SHA-512');

/** The region of a key ARN (or alias ARN); null for a bare key id or alias name. */
export function keyRegion(keyId: string): string | null {
  return /^arn:aws[a-z-]*:kms:([a-z0-9-]+):\d{12}:(key|alias)\//.exec(keyId)?.[1] ?? null;
}

export interface ManifestSigner {
  keyId: string;
  algorithm: SupportedAlgorithm;
  sign(manifest: Buffer): Promise<SignatureFile>;
}

function kmsFailure(what: string, keyId: string, error: unknown, action: string): UsageError {
  const code = errorCode(error);
  const fix = isAccessDenied(error)
    ? `allow ${action} on ${keyId} for this identity (identity policy and key policy)`
    : code === 'NotFoundException'
      ? 'check the key id, ARN or alias, and its region'
      : code === 'DisabledException' || code === 'KMSInvalidStateException'
        ? 'enable the key (it is disabled or pending deletion)'
        : 'check the key and retry';
  return new UsageError(`${what} ${keyId}: ${code}: ${errorMessage(error)}. Fix: ${fix}.`);
}

/**
 * A signer for `keyId` (id, ARN, alias or alias ARN): reads the public key once (kms:GetPublicKey), checks the key
 * signs and picks the algorithm. Called before the audit, so a key that cannot sign stops the run at once.
 */
export async function kmsSigner(aws: AwsContext, keyId: string, homeRegion: string): Promise<ManifestSigner> {
  const kms = aws.client('kms', KMSClient, keyRegion(keyId) ?? homeRegion);
  let out;
  try {
    out = await kms.send(new GetPublicKeyCommand({ KeyId: keyId }));
  } catch (error) {
    throw kmsFailure('--sign-key: cannot read the public key of', keyId, error, 'kms:GetPublicKey');
  }
  if (out.KeyUsage !== 'SIGN_VERIFY') {
    throw new UsageError(`--sign-key: key ${keyId} has key usage ${out.KeyUsage ?? 'unknown'}, not SIGN_VERIFY. Fix: create an asymmetric signing key (RSA_2048 or larger, or ECC_NIST_P256/P384/P521) for reports.`);
  }
  const offered = out.SigningAlgorithms ?? [];
  const algorithm = ALGORITHMS.find((a) => offered.includes(a));
  if (!algorithm || !out.PublicKey || !out.KeyId) {
    throw new UsageError(`--sign-key: key ${keyId} offers ${offered.join(', ') || 'no signing algorithm'}; reports are signed with ECDSA or RSA. Fix: use an RSA or ECC_NIST key.`);
  }
  const publicKey = createPublicKey({ key: Buffer.from(out.PublicKey), format: 'der', type: 'spki' }).export({ format: 'pem', type: 'spki' }).toString();
  const resolvedKeyId = out.KeyId;
  const keySpec = out.KeySpec ?? 'unknown';
  return {
    keyId: resolvedKeyId,
    algorithm,
    async sign(manifest: Buffer): Promise<SignatureFile> {
      const digest = createHash(hashOf(algorithm)).update(manifest).digest();
      let signed;
      try {
        signed = await kms.send(new SignCommand({ KeyId: resolvedKeyId, Message: digest, MessageType: 'DIGEST', SigningAlgorithm: algorithm }));
      } catch (error) {
        throw kmsFailure('cannot sign the manifest with', resolvedKeyId, error, 'kms:Sign');
      }
      if (!signed.Signature) throw new UsageError(`cannot sign the manifest with ${resolvedKeyId}: KMS returned no signature.`);
      return {
        signatureVersion: SIGNATURE_VERSION,
        manifest: MANIFEST_FILE,
        manifestSha256: createHash('sha256').update(manifest).digest('hex'),
        keyId: resolvedKeyId,
        keySpec,
        algorithm,
        messageType: 'DIGEST',
        digestAlgorithm: hashName(algorithm),
        digest: digest.toString('hex'),
        signature: Buffer.from(signed.Signature).toString('base64'),
        publicKey,
        signedAt: new Date().toISOString(),
      };
    },
  };
}

export const signatureBytes = (s: SignatureFile): Buffer => Buffer.from(`${JSON.stringify(s, null, 2)}\n`, 'utf8');

/** A signature file read back; a string naming what is wrong when it is not one. */
export function parseSignature(text: string): SignatureFile | string {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return `not JSON (${(error as Error).message})`;
  }
  const s = data as Partial<SignatureFile> | null;
  if (!s || typeof s !== 'object') return 'not a JSON object';
  if (s.signatureVersion !== SIGNATURE_VERSION) return `signatureVersion is ${JSON.stringify(s.signatureVersion)}, expected "${SIGNATURE_VERSION}"`;
  if (!ALGORITHMS.includes(s.algorithm as SupportedAlgorithm)) return `algorithm ${JSON.stringify(s.algorithm)} is not one this tool verifies`;
  if (typeof s.signature !== 'string' || typeof s.keyId !== 'string' || typeof s.manifestSha256 !== 'string') return 'signature, keyId or manifestSha256 is missing';
  if (s.publicKey !== undefined && typeof s.publicKey !== 'string') return 'publicKey is not a string';
  return s as SignatureFile;
}

/** A public key from a PEM or DER (SubjectPublicKeyInfo) file's bytes, or a certificate's. */
export function loadPublicKey(data: Buffer): KeyObject {
  const text = data.toString('utf8');
  if (text.includes('-----BEGIN')) return createPublicKey(text);
  return createPublicKey({ key: data, format: 'der', type: 'spki' });
}

/** Offline: does `signature` sign `manifest` under `key` with the file's algorithm? */
export function verifyOffline(manifest: Buffer, sig: SignatureFile, key: KeyObject): boolean {
  const signature = Buffer.from(sig.signature, 'base64');
  const hash = hashOf(sig.algorithm);
  try {
    if (sig.algorithm.startsWith('ECDSA')) return cryptoVerify(hash, manifest, { key, dsaEncoding: 'der' }, signature);
    if (sig.algorithm.startsWith('RSASSA_PSS')) {
      // KMS PSS signatures use MGF1 with the same hash and a salt as long as the digest.
      return cryptoVerify(hash, manifest, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }, signature);
    }
    return cryptoVerify(hash, manifest, { key, padding: constants.RSA_PKCS1_PADDING }, signature);
  } catch {
    // A key of another type (an RSA key for an ECDSA signature) cannot verify it.
    return false;
  }
}

/** Online: kms:Verify with the key the signature names. */
export async function verifyWithKms(aws: AwsContext, manifest: Buffer, sig: SignatureFile, homeRegion: string): Promise<boolean> {
  const kms = aws.client('kms', KMSClient, keyRegion(sig.keyId) ?? homeRegion);
  const digest = createHash(hashOf(sig.algorithm)).update(manifest).digest();
  try {
    const out = await kms.send(
      new VerifyCommand({ KeyId: sig.keyId, Message: digest, MessageType: 'DIGEST', Signature: Buffer.from(sig.signature, 'base64'), SigningAlgorithm: sig.algorithm }),
    );
    return out.SignatureValid === true;
  } catch (error) {
    // KMS answers an invalid signature with an exception, not SignatureValid false.
    if (errorCode(error) === 'KMSInvalidSignatureException') return false;
    throw kmsFailure('--kms: cannot verify with', sig.keyId, error, 'kms:Verify');
  }
}
