import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bucket, type SyntheticAccount } from '../../bench/fake-aws/account';
import { startFakeAws, type FakeAws } from '../../bench/fake-aws/server';
import { main } from '../../src/cli/main';
import type { FindingsReport } from '../../src/evaluate/finding';

/**
 * The benchmark's fake AWS stays complete as collectors change: the CLI audits a tiny synthetic account through
 * --endpoint-url over real HTTP (the real SDK clients, signing and parsing), with every check, and no finding may
 * blame an answer the fake failed to give. The per-bucket budget of the S3 checks is counted by the fake itself.
 */
jest.setTimeout(120_000);

const account: SyntheticAccount = { accountId: '123456789012', regions: ['us-east-1', 'eu-west-1'], buckets: 12, users: 8, perRegion: 3 };
const saved = { ...process.env };
let fake: FakeAws;
let dir: string;

beforeAll(async () => {
  fake = await startFakeAws(account, 0);
  dir = mkdtempSync(join(tmpdir(), 'fake-aws-'));
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'AKIABENCH', AWS_SECRET_ACCESS_KEY: 'bench', AWS_REGION: 'us-east-1' });
  delete process.env.AWS_PROFILE;
});

afterAll(async () => {
  process.env = saved;
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

async function audit(name: string, extra: string[] = []): Promise<{ code: number; stderr: string; report: FindingsReport }> {
  const out = join(dir, name);
  let stderr = '';
  const code = await main(['--endpoint-url', fake.url, '--region', 'us-east-1', '--output-dir', out, '--quiet', ...extra], {
    stdout: { write: () => undefined, isTTY: false },
    stderr: { write: (s) => void (stderr += s), isTTY: false },
  });
  return { code, stderr, report: JSON.parse(readFileSync(join(out, 'findings.json'), 'utf8')) as FindingsReport };
}

/** What a finding says when the fake, not the account, is at fault: an answer it could not parse, or a call it does not serve. */
const FAKE_FAULT = /IncompleteAnswer|InvalidAction|UnknownOperation|NotImplemented|not served by the fake|Deserialization|InternalFailure/;

describe('the benchmark fake AWS', () => {
  it('answers every read of every check well-formed, so no finding blames the fake', async () => {
    fake.reset();
    const { code, stderr, report } = await audit('all');
    expect(stderr).toBe('');
    expect([0, 2]).toContain(code);
    const faults = report.findings.filter((f) => FAKE_FAULT.test(f.message)).map((f) => `${f.checkId} ${f.region} ${f.resource.id}: ${f.message}`);
    expect(faults).toEqual([]);
    // Every error answer is one a real account gives (nothing configured, a service not enabled in a region).
    const unexpected = Object.keys(fake.counts().errors).filter(
      (op) =>
        ![
          's3:Get:policy', 's3:Get:policyStatus', 's3:Get:publicAccessBlock', 's3:Get:object-lock', 's3:Get:replication', 's3:Get:lifecycle',
          'lambda:GetPolicy', 'backup:GetBackupVaultAccessPolicy', 'securityhub:DescribeHub', 'macie2:GetMacieSession',
        ].includes(op),
    );
    expect(unexpected).toEqual([]);
    // The fake serves every service the catalogue reads, and the audit judged each of them.
    const services = new Set(report.findings.map((f) => f.checkId.split('.')[0]));
    for (const s of ['acm', 'backup', 'cloudfront', 'cloudwatch', 'dynamodb', 'efs', 'elasticache', 'elb', 'lambda', 'logs', 'opensearch', 'redshift', 'sns', 'sqs', 'inspector', 'macie', 'securityhub']) {
      expect(services).toContain(s);
    }
    expect(report.findings.some((f) => f.status === 'PASS')).toBe(true);
    expect(report.findings.some((f) => f.status === 'FAIL')).toBe(true);
  });

  it('keeps the S3 checks within 6 requests a bucket with a policy and 5 without, and 3 more for a bucket holding ePHI', async () => {
    fake.reset();
    const { code, report } = await audit('s3', ['--checks', 's3.,iam.']);
    expect([0, 2]).toContain(code);
    expect(report.findings.filter((f) => FAKE_FAULT.test(f.message))).toEqual([]);
    const byBucket = fake.counts().byBucket;
    for (let i = 0; i < account.buckets; i += 1) {
      const b = bucket(account, i);
      expect({ bucket: b.name, requests: byBucket[b.name] ?? 0 }).toEqual({ bucket: b.name, requests: expect.any(Number) });
      // The fake tags bucket i as ePHI when i mod 6 is 0: those get Object Lock, replication and lifecycle reads.
      const ephi = i % 6 === 0 ? 3 : 0;
      expect(byBucket[b.name]).toBeLessThanOrEqual((b.policy ? 6 : 5) + ephi);
      expect(byBucket[b.name]).toBeGreaterThan(0);
    }
  });
});
