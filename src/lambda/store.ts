import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { AwsContext } from '../aws/context';
import { errorCode } from '../aws/errors';

/** An S3 location the handlers read and write JSON in (the organization run's scratch bucket). */
export interface Store {
  bucket: string;
  region: string;
}

/** Writes JSON, gzipped when the key ends in .gz. The bucket's default encryption (SSE-KMS) applies. */
export async function putJson(aws: AwsContext, store: Store, key: string, value: unknown): Promise<number> {
  const text = JSON.stringify(value);
  const gz = key.endsWith('.gz');
  const body = gz ? gzipSync(text) : Buffer.from(text, 'utf8');
  await aws.client('s3', S3Client, store.region).send(
    new PutObjectCommand({ Bucket: store.bucket, Key: key, Body: body, ContentType: 'application/json', ...(gz ? { ContentEncoding: 'gzip' } : {}) }),
  );
  return body.length;
}

export class MissingObjectError extends Error {
  override readonly name = 'MissingObject';
}

/** Reads JSON written by putJson (or by Step Functions); a missing key is a MissingObject error naming it. */
export async function getJson<T = unknown>(aws: AwsContext, store: Store, key: string): Promise<T> {
  let bytes: Uint8Array;
  try {
    const out = await aws.client('s3', S3Client, store.region).send(new GetObjectCommand({ Bucket: store.bucket, Key: key }));
    if (!out.Body) throw new Error(`s3://${store.bucket}/${key} has no body`);
    bytes = await out.Body.transformToByteArray();
  } catch (error) {
    if (errorCode(error) === 'NoSuchKey') throw new MissingObjectError(`s3://${store.bucket}/${key} does not exist`);
    throw error;
  }
  const buffer = Buffer.from(bytes);
  const gzipped = buffer.length > 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  return JSON.parse((gzipped ? gunzipSync(buffer) : buffer).toString('utf8')) as T;
}
