/**
 * Every collector against a local HTTP endpoint that misbehaves: empty 200s, denials, hangs. No fault may turn into
 * data (a failed read is an ERROR, never "nothing there"), no hang may outlive the timeouts, and every denial names
 * the IAM action that fixes it. The collectors are taken from the registry, so a new service is covered by adding it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CHECKS } from '../../checks';
import { AwsContext } from '../../src/aws/context';
import { causeOf } from '../../src/aws/remedy';
import { collectInventory } from '../../src/collect';
import { DEFAULT_CONFIG } from '../../src/config/types';
import { evaluate } from '../../src/evaluate/evaluate';
import { listReadErrors } from '../../src/inventory/errors';
import { READS_OF_OPERATION } from '../../src/inventory/read-operations';
import { ALL_READS, SERVICES, type Inventory, type ServiceName } from '../../src/inventory/types';

type Mode = 'empty' | 'denied' | 'hang' | 'garbage' | 'truncated' | 'reset';

/** Services whose AWS protocol is JSON (errors are JSON documents); the others answer XML. */
const JSON_SIGNING = /^(kms|cloudtrail|config|guardduty|backup|logs|dynamodb|sqs|acm|tagging|dax|lambda|elasticfilesystem|es|securityhub|inspector2|macie2|monitoring)$/;

function answer(mode: Mode, req: IncomingMessage, res: ServerResponse): void {
  if (mode === 'hang') return; // never answers: the per-attempt timeout must end it
  const scope = /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\//.exec(String(req.headers.authorization ?? ''));
  const signing = scope?.[1] ?? '';
  const isJson = JSON_SIGNING.test(signing) || String(req.headers['content-type'] ?? '').includes('json');
  if (mode === 'empty') {
    res.writeHead(200, { 'content-type': isJson ? 'application/x-amz-json-1.1' : 'text/xml' });
    res.end(isJson ? '{}' : '');
    return;
  }
  const contentType = isJson ? 'application/x-amz-json-1.1' : 'text/xml';
  // The start of a plausible answer, cut off.
  const partial = isJson ? '{"Items": [{"Name": "a' : '<?xml version="1.0"?><Response><Result><Item><Name>a';
  if (mode === 'garbage') {
    res.writeHead(200, { 'content-type': contentType });
    res.end('\u0000\u0001 <html>an injected page, not an AWS answer');
    return;
  }
  if (mode === 'truncated') {
    res.writeHead(200, { 'content-type': contentType });
    res.end(partial);
    return;
  }
  if (mode === 'reset') {
    // Announces more than it sends, then drops the connection mid-answer.
    res.writeHead(200, { 'content-type': contentType, 'content-length': String(partial.length + 1000) });
    res.write(partial);
    setTimeout(() => res.socket?.destroy(), 20);
    return;
  }
  if (signing === 'sts') {
    // Identity itself is not under test here.
    res.writeHead(200, { 'content-type': 'text/xml' });
    res.end('<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::111122223333:user/t</Arn><Account>111122223333</Account><UserId>U</UserId></GetCallerIdentityResult></GetCallerIdentityResponse>');
    return;
  }
  if (isJson) {
    res.writeHead(403, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': 'AccessDeniedException' });
    res.end(JSON.stringify({ __type: 'AccessDeniedException', message: 'User is not authorized to perform this action' }));
  } else if (signing === 'ec2') {
    res.writeHead(403, { 'content-type': 'text/xml' });
    res.end('<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not authorized to perform this operation.</Message></Error></Errors><RequestID>r</RequestID></Response>');
  } else if (signing === 's3') {
    res.writeHead(403, { 'content-type': 'application/xml' });
    res.end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>r</RequestId></Error>');
  } else {
    res.writeHead(403, { 'content-type': 'text/xml' });
    res.end('<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User is not authorized to perform this action</Message></Error><RequestId>r</RequestId></ErrorResponse>');
  }
}

async function serve(mode: Mode): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => answer(mode, req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Collects every read of every service from the endpoint, with no retry (and short timeouts for the hang). */
async function collectAll(url: string, timeoutMs = 10_000): Promise<Inventory> {
  const aws = new AwsContext({
    endpointUrl: url,
    credentials: async () => ({ accessKeyId: 'AKIATEST', secretAccessKey: 'test' }),
    requestTimeoutMs: timeoutMs,
    connectionTimeoutMs: timeoutMs,
    maxAttempts: 1,
  });
  try {
    return await collectInventory({ aws, accountId: '111122223333', partition: 'aws', homeRegion: 'us-east-1', regions: ['us-east-1'] }, ALL_READS);
  } finally {
    aws.destroy();
  }
}

/** Every successful Read in a service's section (`{ ok: true, value }`), with where it sits. */
function successfulReads(node: unknown, path: string): string[] {
  if (Array.isArray(node)) return node.flatMap((n, i) => successfulReads(n, `${path}[${i}]`));
  if (node === null || typeof node !== 'object') return [];
  const record = node as Record<string, unknown>;
  if (record.ok === true && 'value' in record) return [path, ...successfulReads(record.value, `${path}.value`)];
  return Object.entries(record).flatMap(([k, v]) => successfulReads(v, `${path}.${k}`));
}

/**
 * Reads whose complete answer may legitimately be empty, so an empty 200 cannot be told from it. Each entry says
 * why; the list stays short.
 */
const EMPTY_IS_AN_ANSWER: Record<string, string> = {
  'sqs.us-east-1.queues': 'SQS ListQueues leaves QueueUrls out of its answer when a region has no queue',
};

describe('collectors against a misbehaving endpoint', () => {
  it('turn an empty 200 into an incomplete-answer ERROR for every read, never into "nothing there"', async () => {
    const server = await serve('empty');
    try {
      const inventory = await collectAll(server.url);
      for (const service of SERVICES) {
        const section = (inventory as unknown as Record<ServiceName, unknown>)[service];
        expect({ service, ok: successfulReads(section, service).filter((p) => !(p in EMPTY_IS_AN_ANSWER)) }).toEqual({ service, ok: [] });
      }
      const codes = new Set(listReadErrors(inventory).map((e) => causeOf(e)));
      expect([...codes]).toEqual(['incomplete']);
    } finally {
      await server.close();
    }
  }, 60_000);

  it.each(['garbage', 'truncated', 'reset'] as const)('turn a %s body into an incomplete-answer ERROR that says "transient: rerun", never UnknownError', async (mode) => {
    const server = await serve(mode);
    try {
      const inventory = await collectAll(server.url);
      const errors = listReadErrors(inventory);
      expect(errors.length).toBeGreaterThanOrEqual(SERVICES.length);
      for (const e of errors) {
        const read = `${e.service}:${e.operation}`;
        expect({ read, cause: causeOf(e), code: e.code }).toEqual({ read, cause: 'incomplete', code: 'DeserializationError' });
        expect({ read, message: e.message }).toEqual({ read, message: expect.stringMatching(/^unreadable answer( \(HTTP 200\))?: /) });
        // The SDK's pointer to a hidden field means nothing in a report.
        expect(e.message).not.toContain('$response');
      }
      const { findings } = evaluate(inventory, CHECKS, DEFAULT_CONFIG, new Date(inventory.collectedAt));
      expect(findings.length).toBeGreaterThan(0);
      for (const f of findings.filter((x) => x.status === 'ERROR')) {
        expect({ check: f.checkId, message: f.message }).toEqual({
          check: f.checkId,
          message: expect.stringContaining('Fix: transient (an answer arrived garbled or cut short): rerun the audit; if it persists, a proxy or the endpoint is altering AWS answers'),
        });
        expect(f.message).not.toMatch(/UnknownError|see the error above/);
      }
    } finally {
      await server.close();
    }
  }, 60_000);

  it('end every hung call within the per-attempt timeout, as a timed-out ERROR that says after how long', async () => {
    const server = await serve('hang');
    try {
      const inventory = await collectAll(server.url, 300);
      const errors = listReadErrors(inventory);
      expect(errors.length).toBeGreaterThanOrEqual(SERVICES.length);
      for (const e of errors) expect({ read: `${e.service}:${e.operation}`, cause: causeOf(e) }).toEqual({ read: `${e.service}:${e.operation}`, cause: 'timeout' });
      for (const e of errors) expect(e.message).toBe('timed out after 0.3 s: AWS sent no answer within the request timeout');
      const { findings } = evaluate(inventory, CHECKS, DEFAULT_CONFIG, new Date(inventory.collectedAt));
      for (const f of findings.filter((x) => x.status === 'ERROR')) {
        expect({ check: f.checkId, message: f.message }).toEqual({ check: f.checkId, message: expect.stringMatching(/timed out after 0\.3 s.*Fix: transient: rerun the audit/) });
      }
    } finally {
      await server.close();
    }
  }, 60_000);

  it('turn AccessDenied into ERROR findings that name the IAM action to allow', async () => {
    const server = await serve('denied');
    try {
      const inventory = await collectAll(server.url);
      for (const e of listReadErrors(inventory)) expect({ read: `${e.service}:${e.operation}`, cause: causeOf(e) }).toEqual({ read: `${e.service}:${e.operation}`, cause: 'denied' });
      // Each failed call traces back to the reads it served (what a run's unread list is restricted by).
      for (const e of listReadErrors(inventory)) expect({ call: `${e.service}:${e.operation}`, known: READS_OF_OPERATION.has(`${e.service}:${e.operation}`) }).toEqual({ call: `${e.service}:${e.operation}`, known: true });
      const { findings } = evaluate(inventory, CHECKS, DEFAULT_CONFIG, new Date(inventory.collectedAt));
      expect(findings.length).toBeGreaterThan(0);
      for (const f of findings) {
        expect({ check: f.checkId, status: f.status }).toEqual({ check: f.checkId, status: 'ERROR' });
        expect({ check: f.checkId, message: f.message }).toEqual({ check: f.checkId, message: expect.stringMatching(/Fix: allow [a-z0-9-]+:[A-Za-z]+ for the auditing identity/) });
      }
    } finally {
      await server.close();
    }
  }, 60_000);
});
