import { toApiError } from '../aws/errors';
import { ALL_READS, INVENTORY_SCHEMA_VERSION, SERVICE_REGISTRY, SERVICES, serviceOfRead, type Inventory, type ReadId, type ServiceName } from '../inventory/types';
import { TOOL } from '../tool';
import type { Collector } from './collector';
import type { CollectContext } from './context';

/**
 * Each service's collector, loaded only when a run reads that service: an SDK client is a large module, and a
 * run scoped to two IAM checks should not load the other clients.
 */
export const COLLECTORS: { [K in ServiceName]: () => Promise<Collector<K>> } = {
  iam: async () => (await import('./iam')).iamCollector,
  s3: async () => (await import('./s3')).s3Collector,
  kms: async () => (await import('./kms')).kmsCollector,
  ec2: async () => (await import('./ec2')).ec2Collector,
  rds: async () => (await import('./rds')).rdsCollector,
  backup: async () => (await import('./backup')).backupCollector,
  cloudtrail: async () => (await import('./cloudtrail')).cloudtrailCollector,
  config: async () => (await import('./config')).configCollector,
  guardduty: async () => (await import('./guardduty')).guarddutyCollector,
  redshift: async () => (await import('./redshift')).redshiftCollector,
  sqs: async () => (await import('./sqs')).sqsCollector,
  sns: async () => (await import('./sns')).snsCollector,
  lambda: async () => (await import('./lambda')).lambdaCollector,
  securityhub: async () => (await import('./securityhub')).securityhubCollector,
  inspector: async () => (await import('./inspector')).inspectorCollector,
  macie: async () => (await import('./macie')).macieCollector,
  elb: async () => (await import('./elb')).elbCollector,
  cloudfront: async () => (await import('./cloudfront')).cloudfrontCollector,
  acm: async () => (await import('./acm')).acmCollector,
  logs: async () => (await import('./logs')).logsCollector,
  cloudwatch: async () => (await import('./cloudwatch')).cloudwatchCollector,
  elasticache: async () => (await import('./elasticache')).elasticacheCollector,
  opensearch: async () => (await import('./opensearch')).opensearchCollector,
  efs: async () => (await import('./efs')).efsCollector,
  dynamodb: async () => (await import('./dynamodb')).dynamodbCollector,
  dax: async () => (await import('./dax')).daxCollector,
  tagging: async () => (await import('./tagging')).taggingCollector,
};

export interface CollectProgress {
  service: ServiceName;
  /** `global` for global services. */
  region: string;
  done: number;
  total: number;
}

/** The services that the given reads belong to, in registry order. */
export const servicesOfReads = (reads: readonly ReadId[]): ServiceName[] => SERVICES.filter((s) => reads.some((r) => serviceOfRead(r) === s));

/**
 * Makes the given reads in every audited region, in parallel; the AWS context caps concurrency per service and
 * region. A collector that throws is recorded in `errors`; the run goes on.
 */
export async function collectInventory(
  base: Omit<CollectContext, 'wants' | 'after'>,
  reads: readonly ReadId[],
  onProgress?: (p: CollectProgress) => void,
): Promise<Inventory> {
  const wanted = new Set(reads);
  const finished = new Map<ServiceName, Promise<unknown>>();
  const inventory: Inventory = {
    schemaVersion: INVENTORY_SCHEMA_VERSION,
    tool: { ...TOOL },
    accountId: base.accountId,
    partition: base.partition,
    homeRegion: base.homeRegion,
    regions: [...base.regions],
    collectedAt: new Date().toISOString(),
    services: servicesOfReads(reads),
    reads: ALL_READS.filter((r) => wanted.has(r)),
    errors: [],
  };
  const ctx: CollectContext = {
    ...base,
    wants: (read) => wanted.has(read),
    // Every service's jobs are registered below before any collector runs, so a lookup never misses one that runs.
    after: async (services) => {
      await Promise.all(services.map((s) => finished.get(s)));
      return inventory;
    },
  };
  const jobs: Array<{ service: ServiceName; region: string; run: () => Promise<void> }> = [];
  for (const service of inventory.services) {
    const load = COLLECTORS[service] as () => Promise<Collector<ServiceName>>;
    const sink = inventory as unknown as Record<ServiceName, unknown>;
    if (SERVICE_REGISTRY[service].scope === 'global') {
      jobs.push({ service, region: 'global', run: async () => { sink[service] = await collectGlobal(await load(), ctx); } });
    } else {
      const byRegion: Record<string, unknown> = {};
      sink[service] = byRegion;
      for (const region of ctx.regions) {
        jobs.push({ service, region, run: async () => { byRegion[region] = await collectRegion(await load(), ctx, region); } });
      }
    }
  }
  let done = 0;
  const running = jobs.map(async (job) => {
    // Yield first, so every job is registered in `finished` before any collector asks for one.
    await Promise.resolve();
    try {
      await job.run();
    } catch (error) {
      inventory.errors.push(toApiError(error, job.service, job.region, 'collect'));
    }
    done += 1;
    onProgress?.({ service: job.service, region: job.region, done, total: jobs.length });
  });
  for (const service of inventory.services) {
    finished.set(service, Promise.all(running.filter((_, i) => jobs[i]?.service === service)));
  }
  await Promise.all(running);
  inventory.errors.sort((a, b) => `${a.service}|${a.region}`.localeCompare(`${b.service}|${b.region}`));
  return inventory;
}

function collectGlobal(collector: Collector<ServiceName>, ctx: CollectContext): Promise<unknown> {
  if (collector.scope !== 'global') throw new Error('a regional collector is registered as global');
  return collector.collect(ctx);
}

function collectRegion(collector: Collector<ServiceName>, ctx: CollectContext, region: string): Promise<unknown> {
  if (collector.scope !== 'regional') throw new Error('a global collector is registered as regional');
  return collector.collect(ctx, region);
}
