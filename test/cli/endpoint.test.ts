import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import type { FindingsReport } from '../../src/evaluate/finding';

/**
 * A stand-in for an AWS endpoint (LocalStack, moto) on loopback: the real SDK clients, signing and
 * serialisation, with `--endpoint-url` sending every service to it.
 */
interface Seen {
  method: string;
  url: string;
  host: string;
  body: string;
}

const xml = (body: string) => ({ status: 200, type: 'text/xml', body });
const denied = { status: 403, type: 'application/xml', body: '<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>' };

function answer(req: Seen): { status: number; type: string; body: string } {
  if (req.body.includes('Action=GetCallerIdentity')) {
    return xml(
      '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>' +
        '<Arn>arn:aws:iam::111122223333:user/local</Arn><UserId>AIDAEXAMPLE</UserId><Account>111122223333</Account>' +
        '</GetCallerIdentityResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></GetCallerIdentityResponse>',
    );
  }
  if (req.body.includes('Action=DescribeRegions')) {
    return xml(
      '<DescribeRegionsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>1</requestId><regionInfo>' +
        '<item><regionName>us-east-1</regionName><regionEndpoint>ec2.us-east-1.amazonaws.com</regionEndpoint><optInStatus>opt-in-not-required</optInStatus></item>' +
        '</regionInfo></DescribeRegionsResponse>',
    );
  }
  if (req.method === 'GET' && req.url.startsWith('/?')) {
    return xml(
      '<ListAllMyBucketsResult><Owner><ID>owner</ID></Owner><Buckets>' +
        '<Bucket><Name>phi-records</Name><CreationDate>2024-01-01T00:00:00.000Z</CreationDate><BucketRegion>us-east-1</BucketRegion></Bucket>' +
        '<Bucket><Name>scratch</Name><CreationDate>2024-01-01T00:00:00.000Z</CreationDate><BucketRegion>us-east-1</BucketRegion></Bucket>' +
        '</Buckets></ListAllMyBucketsResult>',
    );
  }
  if (req.url === '/phi-records/?versioning=') return xml('<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>');
  if (req.url === '/scratch/?versioning=') return xml('<VersioningConfiguration/>');
  return denied;
}

describe('--endpoint-url against a local endpoint', () => {
  let server: Server;
  let url: string;
  const seen: Seen[] = [];
  const saved = { ...process.env };

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const entry = { method: req.method ?? '', url: req.url ?? '', host: req.headers.host ?? '', body };
        seen.push(entry);
        const a = answer(entry);
        res.writeHead(a.status, { 'content-type': a.type });
        res.end(a.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'AKIALOCAL', AWS_SECRET_ACCESS_KEY: 'local' });
  });

  afterAll(async () => {
    process.env = saved;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('sends every call there, S3 path-style and S3 Control without the account host prefix, and audits what it answers', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'ep-')), 'run');
    let err = '';
    const code = await main(['--endpoint-url', url, '--region', 'us-east-1', '--checks', 's3.bucket-versioning,s3.account-public-access-block', '--output-dir', dir, '--quiet'], {
      stdout: { write: () => undefined, isTTY: false },
      stderr: { write: (s) => void (err += s), isTTY: false },
    });
    expect(err).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'findings.json'), 'utf8')) as FindingsReport;
    expect(report.findings.find((f) => f.checkId === 's3.account-public-access-block')).toMatchObject({ status: 'ERROR', message: expect.stringContaining('AccessDenied') });
    expect(report.findings.filter((f) => f.checkId === 's3.bucket-versioning').map((f) => [f.resource.id, f.status, f.message])).toEqual([
      ['phi-records', 'PASS', expect.stringContaining('phi-records')],
      ['scratch', 'FAIL', expect.stringContaining('scratch')],
    ]);
    // Every request reached the endpoint on loopback; none went to a bucket- or account-prefixed host.
    expect(seen.length).toBe(report.run.apiCalls.total);
    for (const r of seen) expect(r.host).toBe(url.replace('http://', ''));
    expect(seen.some((r) => r.url === '/phi-records/?versioning=')).toBe(true);
    expect(seen.some((r) => r.url.startsWith('/v20180820/configuration/publicAccessBlock'))).toBe(true);
  });
});
