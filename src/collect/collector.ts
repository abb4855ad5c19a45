import type { Inventory, ServiceName } from '../inventory/types';
import type { CollectContext } from './context';

type Section<K extends ServiceName> = NonNullable<Inventory[K]>;
type RegionSection<K extends ServiceName> = Section<K> extends Record<string, infer R> ? R : never;

/**
 * A service read once per account (IAM, S3: S3 buckets are listed globally and read in their own region). Its
 * scope is in SERVICE_REGISTRY (src/inventory/types.ts), beside the reads it can make.
 */
export interface GlobalCollector<K extends ServiceName> {
  scope: 'global';
  collect(ctx: CollectContext): Promise<Section<K>>;
}

/** A service read in each audited region. */
export interface RegionalCollector<K extends ServiceName> {
  scope: 'regional';
  collect(ctx: CollectContext, region: string): Promise<RegionSection<K>>;
}

export type Collector<K extends ServiceName> = GlobalCollector<K> | RegionalCollector<K>;
