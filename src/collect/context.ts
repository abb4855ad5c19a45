import type { AwsContext } from '../aws/context';

/** What a collector knows about the run. */
export interface CollectContext {
  aws: AwsContext;
  accountId: string;
  partition: string;
  homeRegion: string;
  /** The regions audited. */
  regions: string[];
}
