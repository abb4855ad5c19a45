import type { AwsContext } from '../aws/context';
import type { Inventory, ReadId, ServiceName } from '../inventory/types';
import type { ClassificationConfig } from '../judge/classification';

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
  /**
   * The inventory once the given services' collection has ended (their sections as collected; absent when this
   * run does not read them). For reads only some resources need, decided from other services' answers. A
   * collector may await only services that themselves await nothing. Absent outside collectInventory (a
   * collector tested on its own): such reads are then made for every resource.
   */
  after?(services: readonly ServiceName[]): Promise<Readonly<Inventory>>;
  /** How resources are classified as ePHI (the config's); absent: the defaults. */
  classification?: ClassificationConfig;
  /**
   * This collection covers only some of the account's regions (an organization run's chunk): a resource here may
   * be named by one in a region another chunk collects, so nothing is left unread on the strength of this
   * chunk's answers alone.
   */
  partOfAccount?: boolean;
}
