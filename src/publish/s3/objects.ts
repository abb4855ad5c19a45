import { createHash } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { CopyObjectCommand, GetObjectCommand, PutObjectCommand, S3Client, type PutObjectCommandInput } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { AwsContext } from '../../aws/context';
import { errorCode, errorMessage, isAccessDenied } from '../../aws/errors';
import { UsageError } from '../../errors';
import type { S3Target, WrittenObject } from './types';

/**
 * Content types. Gzipped files are stored as what they are (`application/gzip`, no Content-Encoding): with
 * `Content-Encoding: gzip` browsers and HTTP clients would silently decompress a download that keeps its `.gz`
 * name. Athena decompresses by the `.gz` extension either way.
 */
export const CONTENT_TYPES = {
  gzip: 'application/gzip',
  json: 'application/json; charset=utf-8',
  html: 'text/html; charset=utf-8',
} as const;

/** latest/ objects change with every run: caches must revalidate. */
export const NO_CACHE = 'no-cache';

export interface ObjectSpec {
  key: string;
  body: Buffer;
  contentType: string;
  cacheControl?: string;
  /** S3 Object Lock retention for this object (the bucket must have Object Lock enabled). */
  lock?: ObjectLockRetention;
}

export interface ObjectLockRetention {
  mode: 'GOVERNANCE' | 'COMPLIANCE';
  /** ISO 8601 UTC. */
  retainUntil: string;
}

export const s3Client = (aws: AwsContext, target: Pick<S3Target, 'region'>): S3Client => aws.client('s3', S3Client, target.region);

/** SSE-KMS (with an S3 Bucket Key, fewer KMS calls) when a key is configured, else SSE-S3. */
export function encryptionParams(target: S3Target): Pick<PutObjectCommandInput, 'ServerSideEncryption' | 'SSEKMSKeyId' | 'BucketKeyEnabled'> {
  return target.kmsKeyId
    ? { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: target.kmsKeyId, BucketKeyEnabled: true }
    : { ServerSideEncryption: 'AES256' };
}

/**
 * The PutObject request: encrypted, with a SHA-256 checksum S3 verifies on receipt (computed here, so the SDK
 * sends it as is), a content type, and never an ACL (objects stay private to the bucket owner).
 */
export function putRequest(target: S3Target, spec: ObjectSpec): PutObjectCommandInput {
  return {
    Bucket: target.bucket,
    Key: spec.key,
    Body: spec.body,
    ContentType: spec.contentType,
    ...(spec.cacheControl ? { CacheControl: spec.cacheControl } : {}),
    ChecksumAlgorithm: 'SHA256',
    ChecksumSHA256: createHash('sha256').update(spec.body).digest('base64'),
    ...encryptionParams(target),
    // Object Lock needs an integrity checksum on the request: the SHA-256 above is one.
    ...(spec.lock ? { ObjectLockMode: spec.lock.mode, ObjectLockRetainUntilDate: new Date(spec.lock.retainUntil) } : {}),
  };
}

export async function putObject(aws: AwsContext, target: S3Target, spec: ObjectSpec): Promise<void> {
  try {
    await s3Client(aws, target).send(new PutObjectCommand(putRequest(target, spec)));
  } catch (error) {
    throw writeError(error, target, spec.key);
  }
}

/** An object written from pieces (a report of any size), optionally gzipped on the way. */
export interface StreamSpec {
  key: string;
  chunks: () => Iterable<string>;
  gzip?: boolean;
  contentType: string;
  cacheControl?: string;
  /** S3 Object Lock retention for this object (the bucket must have Object Lock enabled). */
  lock?: ObjectLockRetention;
}

/** Parts of a multipart upload: large enough for few calls, small enough that memory stays flat (4 in flight). */
const PART_BYTES = 8 * 1024 * 1024;

/**
 * Streams an object to S3 (lib-storage's Upload: one PutObject for a small body, a multipart upload for a large
 * one, each part checksummed with SHA-256 that S3 verifies), encrypted and typed as putObject does. Returns its size
 * and the SHA-256 of the bytes stored, for the run's manifest.
 */
export async function uploadObject(aws: AwsContext, target: S3Target, spec: StreamSpec): Promise<WrittenObject> {
  const hash = createHash('sha256');
  let bytes = 0;
  const source = Readable.from((function* () {
    for (const chunk of spec.chunks()) yield Buffer.from(chunk, 'utf8');
  })());
  const tap = new PassThrough();
  tap.on('data', (b: Buffer) => {
    hash.update(b);
    bytes += b.length;
  });
  const body = spec.gzip ? source.pipe(createGzip()).pipe(tap) : source.pipe(tap);
  source.on('error', (e) => tap.destroy(e));
  try {
    await new Upload({
      client: s3Client(aws, target),
      partSize: PART_BYTES,
      queueSize: 4,
      leavePartsOnError: false,
      params: {
        Bucket: target.bucket,
        Key: spec.key,
        Body: body,
        ContentType: spec.contentType,
        ...(spec.cacheControl ? { CacheControl: spec.cacheControl } : {}),
        ChecksumAlgorithm: 'SHA256',
        ...encryptionParams(target),
        // Object Lock needs an integrity checksum on each request: the SHA-256 above is one.
        ...(spec.lock ? { ObjectLockMode: spec.lock.mode, ObjectLockRetainUntilDate: new Date(spec.lock.retainUntil) } : {}),
      },
    }).done();
  } catch (error) {
    throw writeError(error, target, spec.key);
  }
  return { key: spec.key, bytes, sha256: hash.digest('hex') };
}

/** A server-side copy of an object within the bucket (no download, no re-upload), with its own cache policy. */
export async function copyObject(aws: AwsContext, target: S3Target, from: string, to: string, contentType: string, cacheControl?: string): Promise<void> {
  try {
    await s3Client(aws, target).send(
      new CopyObjectCommand({
        Bucket: target.bucket,
        Key: to,
        CopySource: `${target.bucket}/${from.split('/').map(encodeURIComponent).join('/')}`,
        MetadataDirective: 'REPLACE',
        ContentType: contentType,
        ...(cacheControl ? { CacheControl: cacheControl } : {}),
        ChecksumAlgorithm: 'SHA256',
        ...encryptionParams(target),
      }),
    );
  } catch (error) {
    throw writeError(error, target, to);
  }
}

/** Writes every object (in parallel), waits for all, and fails with the first error if any failed. */
export async function putAll(aws: AwsContext, target: S3Target, specs: readonly ObjectSpec[]): Promise<void> {
  const results = await Promise.allSettled(specs.map((s) => putObject(aws, target, s)));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

/** The object's text, or null when it does not exist. */
export async function getText(aws: AwsContext, target: Pick<S3Target, 'bucket' | 'region'>, key: string): Promise<string | null> {
  try {
    const out = await s3Client(aws, target).send(new GetObjectCommand({ Bucket: target.bucket, Key: key }));
    const body = out.Body as { transformToString?: (encoding?: string) => Promise<string> } | undefined;
    if (!body?.transformToString) return '';
    return await body.transformToString('utf-8');
  } catch (error) {
    if (errorCode(error) === 'NoSuchKey' || (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode === 404) return null;
    throw error;
  }
}

const url = (target: S3Target, key: string): string => `s3://${target.bucket}/${key}`;

/** A write failure, with the permission or setting to fix (a UsageError where the fix is the user's). */
export function writeError(error: unknown, target: S3Target, key: string): Error {
  const code = errorCode(error);
  const what = `cannot write ${url(target, key)}: ${code}: ${errorMessage(error)}`;
  if (code === 'NoSuchBucket') return new UsageError(`${what}. Fix: create bucket ${target.bucket} or check --output-bucket.`);
  if (/^KMS\./.test(code) || (target.kmsKeyId && /kms/i.test(errorMessage(error)))) {
    return new UsageError(`${what}. Fix: let the caller use KMS key ${target.kmsKeyId ?? '(bucket default)'} (kms:GenerateDataKey) and check the key is enabled.`);
  }
  if (isAccessDenied(error)) {
    const kms = target.kmsKeyId ? ` and kms:GenerateDataKey on ${target.kmsKeyId}` : '';
    if (/retention|object ?lock/i.test(errorMessage(error))) {
      return new UsageError(`${what}. Fix: allow s3:PutObjectRetention on ${target.bucket}/${target.prefix ? `${target.prefix}/` : ''}* (Object Lock retention needs it), or leave out --object-lock-days.`);
    }
    return new UsageError(`${what}. Fix: allow s3:PutObject on ${target.bucket}/${target.prefix ? `${target.prefix}/` : ''}*${kms} (identity and bucket policy).`);
  }
  return new Error(what);
}
