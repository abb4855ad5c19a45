/**
 * The audit benchmark: builds the CLI, serves a synthetic account from a fake AWS endpoint with a fixed latency per
 * request, audits it through --endpoint-url at default settings, and reports wall time, peak RSS (GNU time), and
 * requests per bucket and per service. Benchmarks measure; tests never time things.
 *
 *   npm run bench -- --buckets 306 --users 103 --latency 150 --checks s3.,iam.
 *   npm run bench -- --buckets 10000 --users 5000 --latency 50            # every check, 17 regions
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { bucket, DEFAULT_REGIONS, type SyntheticAccount } from './fake-aws/account';
import { startFakeAws, type Counts } from './fake-aws/server';
import { timed } from './timed';
import { isEphiBucket } from './fake-aws/tagging';

const { values } = parseArgs({
  options: {
    buckets: { type: 'string', default: '306' },
    users: { type: 'string', default: '103' },
    regions: { type: 'string', default: String(DEFAULT_REGIONS.length) },
    'per-region': { type: 'string', default: '5' },
    latency: { type: 'string', default: '150' },
    checks: { type: 'string' },
    concurrency: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});

const root = join(__dirname, '..');
const account: SyntheticAccount = {
  accountId: '123456789012',
  regions: DEFAULT_REGIONS.slice(0, Number(values.regions)),
  buckets: Number(values.buckets),
  users: Number(values.users),
  perRegion: Number(values['per-region']),
};

interface Result {
  scenario: string;
  wallSeconds: number;
  peakRssMb: number;
  exitCode: number;
  requests: Counts;
  requestsPerBucket: number;
  /**
   * The most requests any one bucket received: buckets not tagged as ePHI with a policy and without, and
   * ePHI-tagged buckets (whose ePHI checks also read Object Lock, replication and lifecycle).
   */
  maxPerBucket: { withPolicy: number; withoutPolicy: number; ephi: number };
  s3BucketOperations: Record<string, number>;
}

async function main(): Promise<void> {
  if (!values['no-build']) execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  const bin = process.env.BENCH_BIN ?? join(root, 'dist', 'src', 'cli', 'bin.js');
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run without --no-build`);
  const fake = await startFakeAws(account, Number(values.latency));
  const out = mkdtempSync(join(tmpdir(), 'hipaa-bench-'));
  try {
    const args = [bin, '--endpoint-url', fake.url, '--region', 'us-east-1', '--output-dir', join(out, 'run'), '--quiet'];
    if (values.checks) args.push('--checks', values.checks);
    if (values.concurrency) args.push('--concurrency', values.concurrency);
    const started = process.hrtime.bigint();
    const { code, rssKb, stderr } = await timed(args, { ...process.env, AWS_ACCESS_KEY_ID: 'AKIABENCH', AWS_SECRET_ACCESS_KEY: 'bench', AWS_REGION: 'us-east-1' });
    const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const counts = fake.counts();
    const bucketOps = Object.fromEntries(Object.entries(counts.byOperation).filter(([op]) => op.startsWith('s3:Get:')));
    const perBucket = account.buckets ? Object.values(bucketOps).reduce((a, b) => a + b, 0) / account.buckets : 0;
    const maxPerBucket = { withPolicy: 0, withoutPolicy: 0, ephi: 0 };
    for (let i = 0; i < account.buckets; i += 1) {
      const b = bucket(account, i);
      const key = isEphiBucket(i) ? 'ephi' : b.policy ? 'withPolicy' : 'withoutPolicy';
      maxPerBucket[key] = Math.max(maxPerBucket[key], counts.byBucket[b.name] ?? 0);
    }
    const result: Result = {
      scenario: `${account.buckets} buckets, ${account.users} users, ${account.regions.length} regions x ${account.perRegion} resources, ${values.latency} ms a request, checks ${values.checks ?? 'all'}`,
      wallSeconds: Math.round(wallSeconds * 100) / 100,
      peakRssMb: Math.round(rssKb / 1024),
      exitCode: code,
      requests: counts,
      requestsPerBucket: Math.round(perBucket * 100) / 100,
      maxPerBucket,
      s3BucketOperations: bucketOps,
    };
    if (values.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else print(result);
    if (code !== 0 && code !== 2) process.stderr.write(`the audit exited ${code}:\n${stderr}\n`);
  } finally {
    await fake.close();
    rmSync(out, { recursive: true, force: true });
  }
}

function print(r: Result): void {
  const lines = [
    r.scenario,
    `  wall ${r.wallSeconds} s, peak RSS ${r.peakRssMb} MB, exit ${r.exitCode}`,
    `  ${r.requests.total} requests (max ${r.requests.maxInFlight} in flight), ${r.requestsPerBucket} per bucket (at most ${r.maxPerBucket.withPolicy} with a policy, ${r.maxPerBucket.withoutPolicy} without; ${r.maxPerBucket.ephi} for an ePHI-tagged bucket): ${JSON.stringify(r.s3BucketOperations)}`,
    `  by service: ${JSON.stringify(r.requests.byService)}`,
  ];
  if (Object.keys(r.requests.errors).length) lines.push(`  error answers: ${JSON.stringify(r.requests.errors)}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
