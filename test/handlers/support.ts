import {
  CopyObjectCommand,
  GetBucketLocationCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type PutObjectCommandInput,
} from '@aws-sdk/client-s3';
import { BatchImportFindingsCommand, SecurityHubClient, type AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { mockClient } from 'aws-sdk-client-mock';
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import type { HandlerDeps } from '../../src/lambda/runtime';
import type { LogData, MetricPoint } from '../../src/lambda/observability';
import { awsError } from '../support/inventory';
import type { mockAccount } from '../support/mock-account';

/** Test doubles shared by the handler tests. */

export interface StoredObject {
  body: Buffer;
  etag: string;
  input: PutObjectCommandInput;
}

/** The credentials a mocked call was signed with (the access key id), or `default chain` when none resolve. */
export async function callerOf(getClient: () => unknown): Promise<string> {
  const client = getClient() as { config: { credentials: () => Promise<{ accessKeyId: string }> } };
  try {
    return (await client.config.credentials()).accessKeyId;
  } catch {
    return 'unresolved';
  }
}

/**
 * An in-memory S3 behind the account mock's S3 stub: PutObject stores (honouring IfNoneMatch/IfMatch),
 * CopyObject copies, GetObject returns what was stored or NoSuchKey, ListObjectsV2 lists by prefix. Each write remembers who
 * signed it, so tests can tell the auditor's writes from a member's.
 */
export function memoryS3(s3: ReturnType<typeof mockAccount>[string] | undefined) {
  const objects = new Map<string, StoredObject & { caller: string }>();
  const id = (bucket: unknown, key: unknown) => `${String(bucket)}/${String(key)}`;
  s3!.on(PutObjectCommand).callsFake(async (input: PutObjectCommandInput, getClient) => {
    const at = id(input.Bucket, input.Key);
    const existing = objects.get(at);
    if (input.IfNoneMatch === '*' && existing) throw awsError('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', 412);
    if (input.IfMatch !== undefined && existing?.etag !== input.IfMatch) throw awsError('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', 412);
    const body = typeof input.Body === 'string' ? Buffer.from(input.Body, 'utf8') : Buffer.from(input.Body as Uint8Array);
    const etag = `"${createHash('md5').update(body).digest('hex')}"`;
    objects.set(at, { body, etag, input, caller: await callerOf(getClient) });
    return { ETag: etag };
  });
  s3!.on(GetObjectCommand).callsFake(async (input: { Bucket: string; Key: string }) => {
    const found = objects.get(id(input.Bucket, input.Key));
    if (!found) throw awsError('NoSuchKey', 'The specified key does not exist.', 404);
    const bytes = found.body;
    return {
      ETag: found.etag,
      Body: { transformToString: async () => bytes.toString('utf8'), transformToByteArray: async () => new Uint8Array(bytes) },
    };
  });
  s3!.on(ListObjectsV2Command).callsFake(async (input: { Bucket: string; Prefix?: string }) => ({
    IsTruncated: false,
    Contents: [...objects.entries()]
      .filter(([k]) => k.startsWith(`${input.Bucket}/${input.Prefix ?? ''}`))
      .map(([k, o]) => ({ Key: k.slice(input.Bucket.length + 1), Size: o.body.length, LastModified: new Date('2026-06-01T12:00:00Z'), ETag: o.etag })),
  }));
  s3!.on(CopyObjectCommand).callsFake(async (input: { Bucket: string; Key: string; CopySource: string }, getClient) => {
    const source = objects.get(decodeURIComponent(input.CopySource));
    if (!source) throw awsError('NoSuchKey', 'The specified key does not exist.', 404);
    objects.set(id(input.Bucket, input.Key), { ...source, input: { ...source.input, Bucket: input.Bucket, Key: input.Key }, caller: await callerOf(getClient) });
    return { CopyObjectResult: { ETag: source.etag } };
  });
  s3!.on(GetBucketLocationCommand).resolves({ LocationConstraint: undefined });
  return {
    objects,
    keys: (bucket: string) => [...objects.keys()].filter((k) => k.startsWith(`${bucket}/`)).map((k) => k.slice(bucket.length + 1)).sort(),
    get: (bucket: string, key: string) => {
      const o = objects.get(id(bucket, key));
      if (!o) throw new Error(`no object s3://${bucket}/${key}; have ${[...objects.keys()].join(', ')}`);
      return o;
    },
    json: <T = any>(bucket: string, key: string): T => {
      const o = objects.get(id(bucket, key));
      if (!o) throw new Error(`no object s3://${bucket}/${key}; have ${[...objects.keys()].join(', ')}`);
      const raw = o.body[0] === 0x1f && o.body[1] === 0x8b ? gunzipSync(o.body) : o.body;
      return JSON.parse(raw.toString('utf8')) as T;
    },
    /** Stores an object directly (what another component, e.g. Step Functions, would have written). */
    put: (bucket: string, key: string, value: unknown) => {
      const body = Buffer.from(typeof value === 'string' ? value : JSON.stringify(value), 'utf8');
      objects.set(id(bucket, key), { body, etag: `"${createHash('md5').update(body).digest('hex')}"`, input: { Bucket: bucket, Key: key }, caller: 'test' });
    },
  };
}

/** Security Hub that accepts every finding, remembering each batch, its region and who sent it. */
export function securityHub() {
  const mock = mockClient(SecurityHubClient);
  mock.reset();
  const batches: Array<{ region: string; caller: string; findings: AwsSecurityFinding[] }> = [];
  mock.on(BatchImportFindingsCommand).callsFake(async (input: { Findings: AwsSecurityFinding[] }, getClient) => {
    const client = getClient() as { config: { region: () => Promise<string> } };
    batches.push({ region: await client.config.region(), caller: await callerOf(getClient), findings: input.Findings });
    return { SuccessCount: input.Findings.length, FailedCount: 0, FailedFindings: [] };
  });
  return { mock, batches };
}

export interface Recorded {
  deps: Partial<HandlerDeps>;
  logs: Array<{ level: string; message: string; data?: LogData }>;
  metrics: MetricPoint[];
  flushed: () => number;
  metric: (name: string, dimensions?: Record<string, string>) => number | undefined;
}

/** Handler dependencies that record logs and metrics, with a clock that advances 250 ms a reading and no real waits. */
export function recorder(env: Record<string, string>): Recorded {
  const logs: Recorded['logs'] = [];
  const metrics: MetricPoint[] = [];
  let flushes = 0;
  let clock = 1_000_000;
  const at = (level: string) => (message: string, data?: LogData) => void logs.push({ level, message, ...(data ? { data } : {}) });
  return {
    deps: {
      env,
      log: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') },
      metrics: { add: (p) => void metrics.push(p), flush: () => void (flushes += 1) },
      now: () => (clock += 250),
      sleep: async () => undefined,
    },
    logs,
    metrics,
    flushed: () => flushes,
    metric: (name, dimensions) => {
      const found = metrics.filter((m) => m.name === name && JSON.stringify(m.dimensions ?? {}) === JSON.stringify(dimensions ?? {}));
      return found.length ? found.reduce((n, m) => n + m.value, 0) : undefined;
    },
  };
}

export const MANAGEMENT = '111122223333';
export const MEMBER = '444455556666';
export const REPORT_BUCKET = 'audit-reports';
export const WORK_BUCKET = 'audit-work';
export const KEY_ARN = `arn:aws:kms:us-east-1:${MANAGEMENT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

export function singleEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    AWS_REGION: 'us-east-1',
    REPORT_BUCKET,
    REPORT_BUCKET_REGION: 'us-east-1',
    REPORT_PREFIX: 'hipaa-audit',
    REPORT_KMS_KEY_ARN: KEY_ARN,
    AUDIT_REGIONS: 'all',
    AUDIT_CHECKS: '',
    FAIL_ON: 'high',
    SECURITY_HUB: 'true',
    SECURITY_HUB_FAILED_ONLY: 'false',
    AUDIT_CONFIG_KEY: '',
    ...overrides,
  };
}

export function orgEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return singleEnv({ MEMBER_ROLE_NAME: 'HipaaAuditor', EXTERNAL_ID: 'ext-4f1c-secret-ish', WORK_BUCKET, REGIONS_PER_INVOCATION: '1', ...overrides });
}
