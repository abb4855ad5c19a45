/**
 * Sizing the Lambda functions from measurement (docs/deploy.md, "Sizing"). Not a test: run it by hand,
 *
 *   npx tsx test/deploy/measure.ts small          # the single-account handler over the mocked account
 *   npx tsx test/deploy/measure.ts large 100      # a synthetic account: the demo account's resources x100 in 17 regions
 *
 * and read the JSON it prints. Each scenario should run in its own process, so the peak RSS is its own.
 * AWS is mocked (aws-sdk-client-mock): this measures our CPU and memory, not AWS latency.
 */
import '../support/env';
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { AwsContext } from '../../src/aws/context';
import { DEFAULT_CONFIG } from '../../src/config/types';
import { createAuditHandler } from '../../src/handlers/audit';
import type { Inventory } from '../../src/inventory/types';
import { mergeInventories } from '../../src/lambda/split';
import { publishToS3 } from '../../src/publish/s3';
import { localStateStore, publishToSecurityHub } from '../../src/publish/security-hub';
import { runAudit } from '../../src/run-audit';
import { mockAccount } from '../support/mock-account';
import { memoryS3, recorder, securityHub, singleEnv } from '../handlers/support';

const MB = 1024 * 1024;
const mem = () => {
  const m = process.memoryUsage();
  return { rssMB: +(m.rss / MB).toFixed(1), heapUsedMB: +(m.heapUsed / MB).toFixed(1), peakRssMB: +(process.resourceUsage().maxRSS / 1024).toFixed(1) };
};
const time = async <T>(fn: () => Promise<T> | T): Promise<[T, number]> => {
  const t = process.hrtime.bigint();
  const out = await fn();
  return [out, Number(process.hrtime.bigint() - t) / 1e6];
};

const REGIONS = ['ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-south-1', 'ap-southeast-1', 'ap-southeast-2', 'ca-central-1', 'eu-central-1', 'eu-north-1', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'sa-east-1', 'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2'];
const ID_KEY = /(Id|id|name|Name|arn|Arn|identifier|Identifier)$/;

/** `n` copies of each item with its identifying fields made unique (so each copy is its own finding). */
function multiply<T>(items: T[], n: number): T[] {
  const out: T[] = [];
  for (let i = 0; i < n; i += 1) {
    for (const item of items) {
      const copy = JSON.parse(JSON.stringify(item)) as Record<string, unknown>;
      for (const [k, v] of Object.entries(copy)) if (typeof v === 'string' && ID_KEY.test(k)) copy[k] = `${v}-n${i}`;
      out.push(copy as T);
    }
  }
  return out;
}

function scaleRead(read: unknown, n: number): unknown {
  const r = read as { ok: boolean; value?: unknown };
  if (!r?.ok || !Array.isArray(r.value)) return read;
  return { ...r, value: multiply(r.value, n) };
}

/** The demo account, its us-east-1 resources copied into 17 regions and multiplied by `factor`. */
function syntheticInventory(factor: number): Inventory {
  const demo = JSON.parse(readFileSync(join(__dirname, '..', '..', 'samples', 'demo-inventory.json'), 'utf8')) as Inventory;
  const inv: Inventory = { ...demo, regions: REGIONS };
  for (const service of ['ec2', 'rds', 'kms', 'backup', 'cloudtrail', 'config', 'guardduty'] as const) {
    const template = (demo[service] as unknown as Record<string, Record<string, unknown>>)['us-east-1'] as Record<string, unknown>;
    const byRegion: Record<string, unknown> = {};
    for (const region of REGIONS) {
      const section: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(template)) section[k] = service === 'cloudtrail' || service === 'config' || service === 'guardduty' ? v : scaleRead(v, factor);
      byRegion[region] = section;
    }
    (inv as unknown as Record<string, unknown>)[service] = byRegion;
  }
  const report = inv.iam!.credentialReport as { ok: boolean; value: { users: unknown[] } };
  if (report.ok) report.value.users = [report.value.users[0], ...multiply(report.value.users.slice(1), factor * 3)];
  inv.s3 = { ...inv.s3!, buckets: scaleRead(inv.s3!.buckets, factor * 5) as Inventory['s3'] extends infer S ? S extends { buckets: infer B } ? B : never : never };
  return inv;
}

function count(inv: Inventory): number {
  let n = 0;
  const visit = (x: unknown) => {
    if (Array.isArray(x)) n += x.length;
    else if (x && typeof x === 'object') for (const v of Object.values(x)) visit(v);
  };
  for (const s of inv.services) visit((inv as unknown as Record<string, unknown>)[s]);
  return n;
}

async function small() {
  const before = mem();
  const mocks = mockAccount();
  const s3 = memoryS3(mocks.s3);
  const hub = securityHub();
  const r = recorder(singleEnv());
  const [result, ms] = await time(() => createAuditHandler(r.deps)({}));
  const bytes = [...s3.objects.values()].reduce((n, o) => n + o.body.length, 0);
  return {
    scenario: 'single-account handler, mocked demo account (2 regions)',
    findings: result.summary.findings,
    apiCalls: result.summary.apiCalls,
    handlerMs: Math.round(ms),
    s3Objects: s3.objects.size,
    s3KB: Math.round(bytes / 1024),
    securityHubCalls: hub.batches.length,
    before,
    after: mem(),
  };
}

async function large(factor: number) {
  const baseline = mem();
  const inventory = syntheticInventory(factor);
  const resources = count(inventory);
  const text = JSON.stringify(inventory);
  const afterBuild = mem();
  const [run, evaluateMs] = await time(() => runAudit({ source: { kind: 'inventory', inventory }, config: DEFAULT_CONFIG }));
  const afterEvaluate = mem();
  const report = JSON.stringify(run.report);

  // The finish step's merge: the inventory split into three chunks of regions, then merged back.
  const chunks = [REGIONS.slice(0, 6), REGIONS.slice(6, 12), REGIONS.slice(12)].map((regions, i) => {
    const part: Inventory = { ...inventory, regions, services: i === 0 ? inventory.services : inventory.services.filter((s) => s !== 'iam') };
    if (i > 0) delete part.iam;
    for (const s of ['ec2', 'rds', 'kms', 'backup', 'cloudtrail', 'config', 'guardduty'] as const) {
      part[s] = Object.fromEntries(regions.map((reg) => [reg, (inventory[s] as Record<string, unknown>)[reg]])) as never;
    }
    return JSON.parse(JSON.stringify(part)) as Inventory;
  });
  const [, mergeMs] = await time(() => mergeInventories(chunks));

  // Fakes that keep nothing (aws-sdk-client-mock would keep every request body and inflate the peak).
  let written = 0;
  const hubCalls: string[] = [];
  S3Client.prototype.send = async function send(command: unknown) {
    if (command instanceof PutObjectCommand) {
      written += (command.input.Body as { length?: number } | undefined)?.length ?? 0;
      return { ETag: '"x"' };
    }
    if (command instanceof ListObjectsV2Command) return { Contents: [], IsTruncated: false };
    throw Object.assign(new Error('no such key'), { name: 'NoSuchKey', $metadata: { httpStatusCode: 404 } });
  } as never;
  SecurityHubClient.prototype.send = async function send(this: SecurityHubClient, command: { input: { Findings: unknown[] } }) {
    hubCalls.push(await this.config.region());
    return { SuccessCount: command.input.Findings.length, FailedCount: 0, FailedFindings: [] };
  } as never;
  const aws = new AwsContext({ credentials: async () => ({ accessKeyId: 'AKIA', secretAccessKey: 'x' }) });
  const [, s3Ms] = await time(() => publishToS3(aws, run, { bucket: 'b', prefix: 'hipaa-audit', region: 'us-east-1' }));
  const afterS3 = mem();
  const store = localStateStore(join(mkdtempSync(join(tmpdir(), 'measure-')), 'state.json'));
  const [outcome, hubMs] = await time(() => publishToSecurityHub(aws, run, { state: store, sleep: async () => undefined }));
  const calls = hubCalls.length;
  const perRegion = Math.max(...REGIONS.map((reg) => hubCalls.filter((r) => r === reg).length));
  return {
    scenario: `synthetic account: demo x${factor}, 17 regions`,
    resources,
    findings: run.report.findings.length,
    inventoryMB: +(text.length / MB).toFixed(1),
    inventoryGzMB: +(gzipSync(text).length / MB).toFixed(2),
    reportMB: +(report.length / MB).toFixed(1),
    evaluateMs: Math.round(evaluateMs),
    mergeMs: Math.round(mergeMs),
    publishS3Ms: Math.round(s3Ms),
    publishSecurityHubMs: Math.round(hubMs),
    securityHubCalls: calls,
    securityHubCallsInBusiestRegion: perRegion,
    securityHubCreated: outcome.created,
    s3WrittenMB: +(written / MB).toFixed(1),
    baseline,
    afterBuild,
    afterEvaluate,
    afterS3,
    end: mem(),
  };
}

async function main() {
  const [scenario, factor] = process.argv.slice(2);
  const out = scenario === 'large' ? await large(Number(factor ?? '10')) : await small();
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
}

void main();
