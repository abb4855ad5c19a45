import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SyntheticAccount } from './account';
import { bucketOf } from './s3';
import { SERVICES, type Call } from './services';
import { jsonError, queryError, type Answer } from './wire';

/**
 * A fake AWS endpoint for the benchmark: it answers the auditor's reads for a synthetic account (see account.ts)
 * after a fixed latency, the way a distant region would, and counts requests by service and operation. It is not
 * an emulator of AWS: it serves what the audit reads, and answers anything else with an error the audit records.
 */
export interface FakeAws {
  url: string;
  counts(): Counts;
  reset(): void;
  close(): Promise<void>;
}

export interface Counts {
  total: number;
  maxInFlight: number;
  byService: Record<string, number>;
  byOperation: Record<string, number>;
  /** Answers with an error status, by `service:operation`. */
  errors: Record<string, number>;
  /** S3 requests that name a bucket, by bucket. */
  byBucket: Record<string, number>;
}

const SCOPE = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/;

/** The operation's name for the counts: the query Action, the JSON target, or the S3 sub-resource (REST handlers name theirs). */
function operationOf(call: Call): string {
  if (call.params.get('Action')) return call.params.get('Action') as string;
  if (call.target) return call.target;
  if (call.service === 's3') {
    if (call.path.startsWith('/v20180820/')) return 'control:GetPublicAccessBlock';
    const sub = [...call.query.keys()].find((k) => !['max-buckets', 'continuation-token', 'x-id'].includes(k));
    return call.path === '/' ? 'ListBuckets' : `Get:${sub ?? 'object'}`;
  }
  return `${call.method} ${call.path.replace(/\/[A-Za-z0-9-]{12,}(?=\/|$)/g, '/{id}')}`;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeAws(account: SyntheticAccount, latencyMs: number): Promise<FakeAws> {
  let counts: Counts;
  let inFlight = 0;
  const reset = () => {
    counts = { total: 0, maxInFlight: 0, byService: {}, byOperation: {}, errors: {}, byBucket: {} };
  };
  reset();
  const server: Server = createServer(async (req, res) => {
    inFlight += 1;
    counts.maxInFlight = Math.max(counts.maxInFlight, inFlight);
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://fake');
    const scope = SCOPE.exec(String(req.headers.authorization ?? ''));
    const target = String(req.headers['x-amz-target'] ?? '');
    let body: Record<string, unknown> = {};
    if (raw.startsWith('{')) {
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        body = {};
      }
    }
    const call: Call = {
      service: scope?.[2] ?? 'unknown',
      region: scope?.[1] ?? 'us-east-1',
      method: req.method ?? 'GET',
      path: decodeURIComponent(url.pathname),
      query: url.searchParams,
      params: new URLSearchParams(raw.startsWith('{') ? '' : raw),
      body,
      target: target.includes('.') ? target.slice(target.lastIndexOf('.') + 1) : target,
    };
    const handler = SERVICES[call.service];
    let answer: Answer;
    try {
      answer = handler ? handler(call, account) : call.target ? jsonError('UnknownOperationException', `${call.service} is not served by the fake`) : queryError('InvalidAction', `${call.service} is not served by the fake`);
    } catch (error) {
      answer = jsonError('InternalFailure', (error as Error).message, 500);
    }
    const operation = `${call.service}:${answer.operation ?? operationOf(call)}`;
    counts.total += 1;
    counts.byService[call.service] = (counts.byService[call.service] ?? 0) + 1;
    counts.byOperation[operation] = (counts.byOperation[operation] ?? 0) + 1;
    if (answer.status >= 400) counts.errors[operation] = (counts.errors[operation] ?? 0) + 1;
    const bucket = call.service === 's3' ? bucketOf(call.path) : undefined;
    if (bucket !== undefined) counts.byBucket[bucket] = (counts.byBucket[bucket] ?? 0) + 1;
    setTimeout(() => {
      res.writeHead(answer.status, { 'content-type': answer.type, 'x-amzn-requestid': 'bench', 'x-amz-request-id': 'bench', ...(answer.headers ?? {}) });
      res.end(answer.body);
      inFlight -= 1;
    }, latencyMs);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts: () => counts,
    reset,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
