/**
 * The replay benchmark: writes a synthetic inventory of N buckets (every S3 read made, the mix of bench/fake-aws),
 * then replays it through the built CLI with every output and reports wall time, peak RSS (GNU time) and sizes.
 *
 *   npm run bench:replay -- --buckets 200000
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ALL_READS, INVENTORY_SCHEMA_VERSION, type Inventory, type S3Bucket } from '../src/inventory/types';
import { writeChunks } from '../src/publish/local';
import { jsonDocument } from '../src/report/json-stream';
import { bucket, DEFAULT_REGIONS } from './fake-aws/account';
import { timed } from './timed';

const { values } = parseArgs({ options: { buckets: { type: 'string', default: '200000' }, 'no-build': { type: 'boolean', default: false } } });
const root = join(__dirname, '..');
const n = Number(values.buckets);
const account = { accountId: '123456789012', regions: DEFAULT_REGIONS.slice(0, 3), buckets: n, users: 0, perRegion: 0 };

function* buckets(): Generator<S3Bucket> {
  for (let i = 0; i < n; i += 1) {
    const b = bucket(account, i);
    yield {
      name: b.name,
      arn: `arn:aws:s3:::${b.name}`,
      region: b.region,
      publicAccessBlock: { ok: true, value: b.blockPublicAccess ? { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true } : null },
      policy: { ok: true, value: b.policy },
      policyStatus: { ok: true, value: b.policy ? { isPublic: b.policy.includes('"Allow"') } : null },
      acl: { ok: true, value: { ownerId: 'owner', grants: b.publicAcl ? [{ granteeType: 'Group', uri: 'http://acs.amazonaws.com/groups/global/AllUsers', permission: 'READ' }] : [] } },
      encryption: { ok: true, value: { rules: [{ sseAlgorithm: b.encryption ?? 'AES256' }] } },
      versioning: { ok: true, value: { status: b.versioning ? 'Enabled' : 'Disabled', mfaDelete: false } },
      logging: { ok: true, value: null },
      objectLock: { ok: true, value: null },
    };
  }
}

async function main(): Promise<void> {
  if (!values['no-build']) execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  const dir = mkdtempSync(join(tmpdir(), 'hipaa-replay-'));
  try {
    const file = join(dir, 'inventory.json');
    const s3Reads = ALL_READS.filter((r) => r.startsWith('s3.'));
    const inventory: Inventory = {
      schemaVersion: INVENTORY_SCHEMA_VERSION,
      tool: { name: 'hipaa-posture-auditor', version: 'bench' },
      accountId: account.accountId,
      partition: 'aws',
      homeRegion: 'us-east-1',
      regions: account.regions,
      collectedAt: new Date().toISOString(),
      services: ['s3'],
      reads: s3Reads,
      errors: [],
      s3: { accountPublicAccessBlock: { ok: true, value: null }, buckets: { ok: true, value: [...buckets()] } },
    };
    writeChunks(file, jsonDocument(inventory, 5));
    const size = statSync(file).size;
    const out = join(dir, 'run');
    const started = process.hrtime.bigint();
    const formats = process.env.BENCH_FORMATS ? ['--format', process.env.BENCH_FORMATS] : [];
    const { code, rssKb, stderr } = await timed([join(root, 'dist', 'src', 'cli', 'bin.js'), '--inventory', file, '--checks', 's3.', '--output-dir', out, '--quiet', ...formats]);
    const wall = Number(process.hrtime.bigint() - started) / 1e9;
    const sizes = ['findings.json', 'findings.csv', 'report.html', 'inventory.json'].filter((f) => existsSync(join(out, f))).map((f) => `${f} ${(statSync(join(out, f)).size / 1e6).toFixed(0)} MB`);
    process.stdout.write(
      `replay of ${n} buckets (inventory ${(size / 1e6).toFixed(0)} MB), checks s3.: wall ${wall.toFixed(1)} s, peak RSS ${Math.round(rssKb / 1024)} MB, exit ${code}\n  ${sizes.join(', ')}\n`,
    );
    if (code !== 0 && code !== 2) process.stderr.write(stderr);
  } finally {
    if (process.env.BENCH_KEEP) process.stdout.write(`kept ${dir}\n`); else rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
