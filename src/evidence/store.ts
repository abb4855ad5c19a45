import { createHash } from 'node:crypto';
import { createReadStream, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import type { AwsContext } from '../aws/context';
import { errorCode, errorMessage, isAccessDenied } from '../aws/errors';
import { UsageError } from '../errors';
import { listAll } from '../publish/s3/history';
import { s3Client } from '../publish/s3/objects';

/** Where a run's evidence is read from by `verify`: a local folder or an S3 run folder. */
export interface Digest {
  bytes: number;
  sha256: string;
}

export interface EvidenceStore {
  /** For messages: the folder path or s3:// URL. */
  where: string;
  /** A small file of the folder (the manifest, its signature); null when absent. */
  read(name: string): Promise<Buffer | null>;
  /** Size and SHA-256 of a file of the folder, streamed; null when absent. */
  digest(name: string): Promise<Digest | null>;
  /** The names of the files in the folder. */
  list(): Promise<string[]>;
  /**
   * The report prefix, from the manifest's `folder` (runs/<account>/<run>): '' for none. Null when this store
   * cannot reach objects outside the folder; `{ problem }` when the manifest was written for another folder.
   */
  reportPrefix?(folder: string | undefined): Promise<string | null | { problem: string }>;
  /** Size and SHA-256 of an object by full key. */
  digestKey?(key: string): Promise<Digest | null>;
}

export function localStore(dir: string): EvidenceStore {
  const path = (name: string) => join(dir, name);
  return {
    where: dir,
    async read(name) {
      try {
        return readFileSync(path(name));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw new UsageError(`cannot read ${path(name)}: ${(error as Error).message}`);
      }
    },
    async digest(name) {
      try {
        if (!statSync(path(name)).isFile()) return null;
      } catch {
        return null;
      }
      const hash = createHash('sha256');
      let bytes = 0;
      for await (const chunk of createReadStream(path(name))) {
        hash.update(chunk as Buffer);
        bytes += (chunk as Buffer).length;
      }
      return { bytes, sha256: hash.digest('hex') };
    },
    async list() {
      return readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => e.name);
    },
  };
}

/** `s3://bucket/prefix/runs/<account>/<run>[/]` (or its manifest.json / findings.json) as bucket and folder key. */
export function parseS3RunUrl(url: string): { bucket: string; folder: string } {
  const m = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])\/(.+)$/.exec(url);
  if (!m) throw new UsageError(`'${url}' is not an S3 run folder. Fix: give s3://<bucket>/<prefix>/runs/<account>/<run>.`);
  const folder = (m[2] as string).replace(/\/(manifest\.json|manifest\.sig\.json|findings\.json)$/, '').replace(/\/+$/, '');
  if (!/(^|\/)runs\/\d{12}\/[A-Za-z0-9][A-Za-z0-9._-]*$/.test(folder)) {
    throw new UsageError(`'${url}' is not an S3 run folder (…/runs/<12-digit account>/<run id>). Fix: take the folder from the latest report's links or from 'aws s3 ls s3://<bucket>/<prefix>/runs/<account>/'.`);
  }
  return { bucket: m[1] as string, folder };
}

function readFailure(url: string, error: unknown): UsageError {
  const code = errorCode(error);
  const fix = isAccessDenied(error) ? 'allow s3:GetObject (and s3:ListBucket) on the report bucket for this identity, and kms:Decrypt on its key' : 'check the bucket and the run folder';
  return new UsageError(`cannot read ${url}: ${code}: ${errorMessage(error)}. Fix: ${fix}.`);
}

const missing = (error: unknown): boolean => errorCode(error) === 'NoSuchKey' || (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode === 404;

interface BodyLike {
  transformToByteArray?: () => Promise<Uint8Array>;
  [Symbol.asyncIterator]?: () => AsyncIterator<Uint8Array>;
}

export function s3Store(aws: AwsContext, target: { bucket: string; region: string }, folder: string): EvidenceStore {
  const s3 = s3Client(aws, target);
  const url = (key: string) => `s3://${target.bucket}/${key}`;
  const get = async (key: string): Promise<BodyLike | null> => {
    try {
      const out = await s3.send(new GetObjectCommand({ Bucket: target.bucket, Key: key }));
      return (out.Body as BodyLike | undefined) ?? null;
    } catch (error) {
      if (missing(error)) return null;
      throw readFailure(url(key), error);
    }
  };
  const digestKey = async (key: string): Promise<Digest | null> => {
    const body = await get(key);
    if (!body) return null;
    const hash = createHash('sha256');
    let bytes = 0;
    if (typeof body[Symbol.asyncIterator] === 'function') {
      for await (const chunk of body as AsyncIterable<Uint8Array>) {
        hash.update(chunk);
        bytes += chunk.length;
      }
    } else if (body.transformToByteArray) {
      const all = await body.transformToByteArray();
      hash.update(all);
      bytes = all.length;
    }
    return { bytes, sha256: hash.digest('hex') };
  };
  return {
    where: url(`${folder}/`),
    async read(name) {
      const body = await get(`${folder}/${name}`);
      if (!body) return null;
      if (body.transformToByteArray) return Buffer.from(await body.transformToByteArray());
      const parts: Buffer[] = [];
      for await (const chunk of body as AsyncIterable<Uint8Array>) parts.push(Buffer.from(chunk));
      return Buffer.concat(parts);
    },
    digest: (name) => digestKey(`${folder}/${name}`),
    digestKey,
    async list() {
      try {
        const objects = await listAll(aws, { bucket: target.bucket, region: target.region, prefix: '' }, `${folder}/`);
        return objects.map((o) => (o.Key ?? '').slice(folder.length + 1)).filter((n) => n !== '' && !n.includes('/'));
      } catch (error) {
        throw readFailure(url(`${folder}/`), error);
      }
    },
    async reportPrefix(manifestFolder) {
      if (!manifestFolder) return { problem: 'the manifest names no folder, so its related objects cannot be located' };
      if (folder === manifestFolder) return '';
      if (folder.endsWith(`/${manifestFolder}`)) return folder.slice(0, -(manifestFolder.length + 1));
      return { problem: `written for the run folder ${manifestFolder}, found in ${folder}: a manifest of another run` };
    },
  };
}
