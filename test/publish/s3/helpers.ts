import { createHash } from 'node:crypto';
import { GetObjectCommand, PutObjectCommand, S3Client, type PutObjectCommandInput } from '@aws-sdk/client-s3';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { AwsContext } from '../../../src/aws/context';

export const aws = (): AwsContext => new AwsContext({ credentials: async () => ({ accessKeyId: 'AKIATEST', secretAccessKey: 'test' }) });

/** A GetObject body as the SDK returns it (only the method the publisher uses). */
export const body = (text: string): never => ({ transformToString: async () => text }) as never;

export type S3Mock = AwsClientStub<S3Client>;

export function puts(s3: S3Mock): PutObjectCommandInput[] {
  return s3.commandCalls(PutObjectCommand).map((c) => c.args[0].input);
}

export function put(s3: S3Mock, key: string): PutObjectCommandInput {
  const found = puts(s3).find((p) => p.Key === key);
  if (!found) throw new Error(`no PutObject of ${key}; written: ${puts(s3).map((p) => p.Key).join(', ')}`);
  return found;
}

export const bytes = (p: PutObjectCommandInput): Buffer => p.Body as Buffer;
export const text = (p: PutObjectCommandInput): string => bytes(p).toString('utf8');
export const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('base64');

export function gets(s3: S3Mock): string[] {
  return s3.commandCalls(GetObjectCommand).map((c) => c.args[0].input.Key as string);
}

export function awsError(name: string, httpStatusCode = 400): Error {
  return Object.assign(new Error(`${name} message`), { name, $metadata: { httpStatusCode } });
}
