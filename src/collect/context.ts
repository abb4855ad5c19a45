import type { AwsContext } from '../aws/context';
import type { ReadId } from '../inventory/types';

/** What a collector knows about the run. */
export interface CollectContext {
  aws: AwsContext;
  accountId: string;
  partition: string;
  homeRegion: string;
  /** The regions audited. */
  regions: string[];
  /** Whether a selected check needs this read: a collector makes no call that no selected check needs. */
  wants(read: ReadId): boolean;
}
