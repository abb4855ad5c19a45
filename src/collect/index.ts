import { toApiError } from '../aws/errors';
import { INVENTORY_SCHEMA_VERSION, SERVICES, type Inventory, type ServiceName } from '../inventory/types';
import { TOOL } from '../tool';
import type { Collector } from './collector';
import type { CollectContext } from './context';
import { backupCollector } from './backup';
import { cloudtrailCollector } from './cloudtrail';
import { configCollector } from './config';
import { ec2Collector } from './ec2';
import { guarddutyCollector } from './guardduty';
import { iamCollector } from './iam';
import { kmsCollector } from './kms';
import { rdsCollector } from './rds';
import { s3Collector } from './s3';

export const COLLECTORS: { [K in ServiceName]: Collector<K> } = {
  iam: iamCollector,
  s3: s3Collector,
  kms: kmsCollector,
  ec2: ec2Collector,
  rds: rdsCollector,
  backup: backupCollector,
  cloudtrail: cloudtrailCollector,
  config: configCollector,
  guardduty: guarddutyCollector,
};

export interface CollectProgress {
  service: ServiceName;
  /** `global` for global services. */
  region: string;
  done: number;
  total: number;
}

/**
 * Reads the given services in every audited region, in parallel; the AWS context caps concurrency per
 * service and region. A collector that throws is recorded in `errors`; the run goes on.
 */
export async function collectInventory(
  ctx: CollectContext,
  services: readonly ServiceName[],
  onProgress?: (p: CollectProgress) => void,
): Promise<Inventory> {
  const inventory: Inventory = {
    schemaVersion: INVENTORY_SCHEMA_VERSION,
    tool: { ...TOOL },
    accountId: ctx.accountId,
    partition: ctx.partition,
    homeRegion: ctx.homeRegion,
    regions: [...ctx.regions],
    collectedAt: new Date().toISOString(),
    services: SERVICES.filter((s) => services.includes(s)),
    errors: [],
  };
  const jobs: Array<{ service: ServiceName; region: string; run: () => Promise<void> }> = [];
  for (const service of inventory.services) {
    const collector = COLLECTORS[service] as Collector<ServiceName>;
    const sink = inventory as unknown as Record<ServiceName, unknown>;
    if (collector.scope === 'global') {
      jobs.push({ service, region: 'global', run: async () => { sink[service] = await collector.collect(ctx); } });
    } else {
      const byRegion: Record<string, unknown> = {};
      sink[service] = byRegion;
      for (const region of ctx.regions) {
        jobs.push({ service, region, run: async () => { byRegion[region] = await collector.collect(ctx, region); } });
      }
    }
  }
  let done = 0;
  await Promise.all(
    jobs.map(async (job) => {
      try {
        await job.run();
      } catch (error) {
        inventory.errors.push(toApiError(error, job.service, job.region, 'collect'));
      }
      done += 1;
      onProgress?.({ service: job.service, region: job.region, done, total: jobs.length });
    }),
  );
  inventory.errors.sort((a, b) => `${a.service}|${a.region}`.localeCompare(`${b.service}|${b.region}`));
  return inventory;
}
