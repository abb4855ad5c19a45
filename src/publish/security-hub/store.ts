import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { AwsContext } from '../../aws/context';
import { errorCode, errorMessage } from '../../aws/errors';
import { S3Layout } from '../s3/keys';
import type { S3Target } from '../s3/types';
import { emptyState, parseState, validateState, type SecurityHubState } from './state';

/**
 * Where the publisher keeps its state between runs. `load` returns the document and an opaque version;
 * `save` writes only if the stored version is still `version` (null: only if nothing is stored yet) and
 * otherwise answers 'conflict', so the caller re-reads, merges and tries again.
 */
export interface StateStore {
  load(): Promise<{ state: SecurityHubState; version: string | null }>;
  save(state: SecurityHubState, version: string | null): Promise<'saved' | 'conflict'>;
  describe(): string;
}

export interface LocalStoreOptions {
  /** How long to wait for another writer's lock before giving up (ms). Default 5000. */
  lockWaitMs?: number;
  /** A lock older than this was left by a crashed run and is broken (ms). Default 60000. */
  staleLockMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

interface LocalDocument {
  revision: number;
  state: SecurityHubState;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The state in a local file, e.g. `reports/state/<account>/security-hub.json`. The version is a revision
 * number inside the file. A save takes an exclusive lock file (created with 'wx', so only one writer holds
 * it), checks the revision is still the one read, writes a temporary file and renames it over the old one:
 * readers never see a half-written document, and two runs on one machine (or one shared file system with
 * atomic exclusive create) can never overwrite each other's updates. A lock left by a crashed run is broken
 * after `staleLockMs`.
 */
export function localStateStore(file: string, options: LocalStoreOptions = {}): StateStore {
  const lockFile = `${file}.lock`;
  const lockWaitMs = options.lockWaitMs ?? 5000;
  const staleLockMs = options.staleLockMs ?? 60_000;
  const sleep = options.sleep ?? realSleep;

  const read = (): LocalDocument | null => {
    if (!existsSync(file)) return null;
    const text = readFileSync(file, 'utf8');
    let doc: Partial<LocalDocument>;
    try {
      doc = JSON.parse(text) as Partial<LocalDocument>;
      if (typeof doc.revision !== 'number' || typeof doc.state !== 'object' || doc.state === null) throw new Error('no revision or state');
    } catch (error) {
      throw new Error(`the Security Hub state ${file} is not a state file (${(error as Error).message}). Fix: restore it from a backup or delete it.`);
    }
    return { revision: doc.revision, state: validateState(doc.state, file) };
  };

  const acquire = async (): Promise<number> => {
    mkdirSync(dirname(file), { recursive: true });
    const step = 25;
    for (let waited = 0; ; waited += step) {
      try {
        const fd = openSync(lockFile, 'wx', 0o600);
        writeSync(fd, `${process.pid} ${new Date().toISOString()}\n`);
        return fd;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      let age = 0;
      try {
        age = Date.now() - statSync(lockFile).mtimeMs;
      } catch {
        continue; // released in between: try again at once
      }
      if (age > staleLockMs) {
        rmSync(lockFile, { force: true });
        continue;
      }
      if (waited >= lockWaitMs) {
        throw new Error(`the Security Hub state ${file} is locked by another run (${lockFile}, ${Math.round(age / 1000)}s old). Fix: wait for it to finish, or delete the lock file if no run is active.`);
      }
      await sleep(step);
    }
  };

  return {
    describe: () => file,
    async load() {
      const doc = read();
      return doc ? { state: doc.state, version: String(doc.revision) } : { state: emptyState(), version: null };
    },
    async save(state, version) {
      const fd = await acquire();
      try {
        const current = read();
        const currentVersion = current ? String(current.revision) : null;
        if (currentVersion !== version) return 'conflict';
        const next: LocalDocument = { revision: (current?.revision ?? 0) + 1, state };
        const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
        try {
          const out = openSync(temp, 'w', 0o600);
          try {
            writeSync(out, `${JSON.stringify(next, null, 1)}\n`);
          } finally {
            closeSync(out);
          }
          renameSync(temp, file);
        } catch (error) {
          rmSync(temp, { force: true });
          throw error;
        }
        return 'saved';
      } finally {
        closeSync(fd);
        rmSync(lockFile, { force: true });
      }
    },
  };
}

export interface S3StateLocation {
  bucket: string;
  key: string;
  region: string;
  kmsKeyId?: string;
}

const CONFLICT_CODES = new Set(['PreconditionFailed', 'ConditionalRequestConflict']);

function isConflict(error: unknown): boolean {
  const status = (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
  return CONFLICT_CODES.has(errorCode(error)) || status === 412 || status === 409;
}

function isMissing(error: unknown): boolean {
  const status = (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
  return ['NoSuchKey', 'NotFound'].includes(errorCode(error)) || status === 404;
}

async function bodyText(body: unknown): Promise<string> {
  if (typeof body === 'string') return body;
  const b = body as { transformToString?: () => Promise<string> } | undefined;
  if (b?.transformToString) return b.transformToString();
  throw new Error('empty response body');
}

/**
 * The state as an S3 object. The version is the object's ETag; a save is a conditional PutObject (IfMatch
 * the ETag read, or IfNoneMatch '*' when nothing was stored), so S3 itself refuses a write based on a stale
 * read (412 PreconditionFailed, or 409 ConditionalRequestConflict when two writes race) and the caller
 * merges and retries. Encrypted with the given KMS key, else the bucket's default encryption.
 */
export function s3StateStore(aws: AwsContext, location: S3StateLocation): StateStore {
  const where = `s3://${location.bucket}/${location.key}`;
  const s3 = () => aws.client('s3', S3Client, location.region);
  return {
    describe: () => where,
    async load() {
      try {
        const out = await s3().send(new GetObjectCommand({ Bucket: location.bucket, Key: location.key }));
        const text = await bodyText(out.Body);
        return { state: parseState(text, where), version: out.ETag ?? null };
      } catch (error) {
        if (isMissing(error)) return { state: emptyState(), version: null };
        if (error instanceof Error && error.message.startsWith('the Security Hub state')) throw error;
        throw new Error(`cannot read the Security Hub state ${where}: ${errorCode(error)}: ${errorMessage(error)}. Fix: allow s3:GetObject on it (and kms:Decrypt on its key).`);
      }
    },
    async save(state, version) {
      try {
        await s3().send(
          new PutObjectCommand({
            Bucket: location.bucket,
            Key: location.key,
            Body: `${JSON.stringify(state)}\n`,
            ContentType: 'application/json',
            ...(version === null ? { IfNoneMatch: '*' } : { IfMatch: version }),
            ...(location.kmsKeyId ? { ServerSideEncryption: 'aws:kms' as const, SSEKMSKeyId: location.kmsKeyId } : {}),
          }),
        );
        return 'saved';
      } catch (error) {
        if (isConflict(error)) return 'conflict';
        throw new Error(`cannot write the Security Hub state ${where}: ${errorCode(error)}: ${errorMessage(error)}. Fix: allow s3:PutObject on it (and kms:GenerateDataKey on its key).`);
      }
    },
  };
}

/** The account's state beside its S3 reports (`<prefix>/state/<account>/security-hub.json`), encrypted like them. */
export function reportStateStore(aws: AwsContext, target: S3Target, accountId: string): StateStore {
  return s3StateStore(aws, {
    bucket: target.bucket,
    key: new S3Layout(target.prefix).securityHubState(accountId),
    region: target.region,
    ...(target.kmsKeyId ? { kmsKeyId: target.kmsKeyId } : {}),
  });
}
