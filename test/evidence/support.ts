import { createHash, generateKeyPairSync, privateEncrypt, constants, type KeyObject } from 'node:crypto';
import { GetPublicKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import type { AwsClientStub } from 'aws-sdk-client-mock';

export const KEY_ARN = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

/** DER DigestInfo prefix of SHA-256 (RFC 8017, 9.2 note 1): what PKCS #1 v1.5 signs before the digest. */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

export interface TestKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicDer: Buffer;
}

export function rsaKey(): TestKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privateKey, publicKey, publicDer: publicKey.export({ format: 'der', type: 'spki' }) };
}

/**
 * A KMS that holds `key` and signs as KMS does: RSASSA_PKCS1_V1_5_SHA_256 over a DIGEST message is the PKCS #1 v1.5
 * signature of the DigestInfo of that digest, made here with the real private key, so the result verifies offline
 * with the public key exactly as a real KMS signature would.
 */
export function mockSigningKms(kms: AwsClientStub<KMSClient>, key: TestKey): void {
  kms.on(GetPublicKeyCommand).resolves({
    KeyId: KEY_ARN,
    KeySpec: 'RSA_2048',
    KeyUsage: 'SIGN_VERIFY',
    SigningAlgorithms: ['RSASSA_PSS_SHA_256', 'RSASSA_PKCS1_V1_5_SHA_256'],
    PublicKey: new Uint8Array(key.publicDer),
  });
  kms.on(SignCommand).callsFake((input: { Message: Uint8Array; MessageType: string; SigningAlgorithm: string }) => {
    if (input.MessageType !== 'DIGEST' || input.SigningAlgorithm !== 'RSASSA_PKCS1_V1_5_SHA_256' || input.Message.length !== 32) throw new Error('unexpected Sign request');
    const signature = privateEncrypt({ key: key.privateKey, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([SHA256_DIGEST_INFO, Buffer.from(input.Message)]));
    return { KeyId: KEY_ARN, Signature: new Uint8Array(signature), SigningAlgorithm: input.SigningAlgorithm };
  });
}

export const sha256 = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');
