/**
 * The command line against bad input and a misbehaving endpoint: empty selections are refused, an identity or
 * region list that cannot be trusted stops the run with one line, and a hung endpoint ends at --deadline with a
 * report whose unread checks say "timed out".
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { mkdtempSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { main, type Io } from '../../src/cli/main';
import type { FindingsReport } from '../../src/evaluate/finding';
import { mockAccount } from '../support/mock-account';

function io(): Io & { err: () => string } {
  let err = '';
  return { stdout: { write: () => undefined, isTTY: false }, stderr: { write: (s) => void (err += s), isTTY: false }, err: () => err };
}

async function run(args: string[]): Promise<{ code: number; err: string }> {
  const t = io();
  const code = await main(args, t);
  return { code, err: t.err() };
}

describe('input checked before any work', () => {
  beforeEach(() => mockAccount());

  it('refuses an empty --regions or --checks instead of auditing nothing', async () => {
    expect(await run(['--regions', ''])).toMatchObject({ code: 1, err: expect.stringContaining('expected a comma-separated list of region names') });
    expect(await run(['--regions', ' , '])).toMatchObject({ code: 1, err: expect.stringContaining('expected a comma-separated list of region names') });
    expect(await run(['--checks', ''])).toMatchObject({ code: 1, err: expect.stringContaining('expected a comma-separated list of check ids') });
    expect(await run(['--deadline', '0'])).toMatchObject({ code: 1, err: expect.stringContaining('expected a duration') });
  });

  it('stops with one line when the identity answer is incomplete, never auditing account ""', async () => {
    const mocks = mockAccount();
    mocks.sts!.on(GetCallerIdentityCommand).resolves({});
    const dir = join(mkdtempSync(join(tmpdir(), 'id-')), 'run');
    const r = await run(['--region', 'us-east-1', '--output-dir', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toBe('error: sts:GetCallerIdentity gave no usable identity (account null, ARN null): the answer is incomplete. Fix: rerun; if it persists, check --endpoint-url or the proxy in between.\n');
  });

  it('stops with one line when the region list is empty, instead of "Fix: choose from ."', async () => {
    const mocks = mockAccount();
    mocks.ec2!.on(DescribeRegionsCommand).resolves({ Regions: [] });
    const r = await run(['--region', 'us-east-1', '--regions', 'us-east-1']);
    expect(r).toEqual({ code: 1, err: 'error: ec2:DescribeRegions gave an incomplete list of regions (none). Fix: rerun; if it persists, check --endpoint-url or the proxy in between.\n' });
  });

  it('never echoes terminal control characters from a bad argument', async () => {
    const r = await run(['--region', '\u001b[2Jmars']);
    expect(r.code).toBe(1);
    expect(r.err).not.toMatch(/\u001b/);
    expect(r.err).toContain('\\x1b[2Jmars');
  });
});

describe('an endpoint that never answers', () => {
  let server: Server;
  let url: string;
  const saved = { ...process.env };

  beforeAll(async () => {
    // Real HTTP: no client stays mocked from the tests above.
    for (const m of Object.values(mockAccount())) m.restore();
    // Identity and regions answer; every read after that hangs.
    server = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        if (body.includes('Action=GetCallerIdentity')) {
          res.writeHead(200, { 'content-type': 'text/xml' });
          res.end('<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::111122223333:user/t</Arn><Account>111122223333</Account><UserId>U</UserId></GetCallerIdentityResult></GetCallerIdentityResponse>');
        } else if (body.includes('Action=DescribeRegions')) {
          res.writeHead(200, { 'content-type': 'text/xml' });
          res.end('<DescribeRegionsResponse><regionInfo><item><regionName>us-east-1</regionName><optInStatus>opt-in-not-required</optInStatus></item></regionInfo></DescribeRegionsResponse>');
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'AKIALOCAL', AWS_SECRET_ACCESS_KEY: 'local' });
  });

  afterAll(async () => {
    process.env = saved;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('words an authentication failure by its cause: a refused endpoint is a network problem, not bad credentials', async () => {
    const closed = await new Promise<number>((resolve) => {
      const probe = createServer();
      probe.listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const r = await run(['--endpoint-url', `http://127.0.0.1:${closed}`, '--region', 'us-east-1']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`^error: could not reach the endpoint http://127.0.0.1:${closed} to authenticate \\(.*ECONNREFUSED.*\\)\\. Fix: check the network, proxy and firewall and --endpoint-url, then rerun\\.\\n$`));
    expect(r.err).not.toContain('check the credentials');
  }, 60_000);

  it('ends a --role-arn whose AssumeRole never answers at --deadline, with one line and exit 1', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'role-')), 'run');
    const started = Date.now();
    const r = await run(['--endpoint-url', url, '--region', 'us-east-1', '--role-arn', 'arn:aws:iam::111122223333:role/Audit', '--deadline', '2s', '--output-dir', dir]);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      `error: the endpoint ${url} did not answer sts:AssumeRole for arn:aws:iam::111122223333:role/Audit before the run's deadline ` +
        "(DeadlineExceeded: timed out: the run's deadline (2 s) passed before AWS answered). Fix: check the network path (proxy, firewall, --endpoint-url), or rerun with a longer --deadline.\n",
    );
  }, 30_000);

  it('ends collection at --deadline and still writes the report, every unread check an ERROR that says it timed out', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'hang-')), 'run');
    const r = await run(['--endpoint-url', url, '--region', 'us-east-1', '--checks', 's3.,iam.root-mfa,guardduty.', '--deadline', '2s', '--output-dir', dir, '--quiet']);
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'findings.json'), 'utf8')) as FindingsReport;
    expect(report.findings.length).toBeGreaterThan(0);
    for (const f of report.findings) {
      expect({ check: f.checkId, status: f.status }).toEqual({ check: f.checkId, status: 'ERROR' });
      expect({ check: f.checkId, message: f.message }).toEqual({ check: f.checkId, message: expect.stringMatching(/timed out: the run's deadline \(2 s\) passed before AWS answered\. Fix: rerun with a longer --deadline/) });
    }
    expect(readFileSync(join(dir, 'inventory.json'), 'utf8')).toContain('DeadlineExceeded');
  }, 30_000);
});

describe('an endpoint that garbles the identity answer', () => {
  const saved = { ...process.env };
  afterAll(() => {
    process.env = saved;
  });

  it('says the answer was unreadable and transient, never "check the credentials"', async () => {
    for (const m of Object.values(mockAccount())) m.restore();
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'text/xml' });
        res.end('<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::1111');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'AKIALOCAL', AWS_SECRET_ACCESS_KEY: 'local' });
    try {
      const r = await run(['--endpoint-url', endpoint, '--region', 'us-east-1', '--output-dir', join(mkdtempSync(join(tmpdir(), 'garbled-')), 'run')]);
      expect(r.code).toBe(1);
      expect(r.err).toBe(
        `error: the endpoint ${endpoint} answered sts:GetCallerIdentity with an unreadable body (DeserializationError: unreadable answer (HTTP 200): @aws-sdk XML parse error: missing closing tag </Arn>.). ` +
          'Fix: transient: rerun; if it persists, a proxy or the endpoint is altering answers (check --endpoint-url and any proxy in between).\n',
      );
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }, 30_000);
});
