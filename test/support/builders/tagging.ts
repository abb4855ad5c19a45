import type { ApiError, ByRegion, TaggedResource, TaggingRegion } from '../../../src/inventory/types';
import { failed, ok } from '../inventory';

/* Typed tagging inventory for tests: what GetResources listed in each region, or why it could not. */

/** A listed resource with these tags. */
export const tagged = (arn: string, tags: Record<string, string> = {}): TaggedResource => ({ arn, tags });

/** The tagging section: per region, the listed resources or the error of the failed read. */
export function tagging(byRegion: Record<string, TaggedResource[] | ApiError>): ByRegion<TaggingRegion> {
  return Object.fromEntries(
    Object.entries(byRegion).map(([region, v]) => [region, { resources: Array.isArray(v) ? ok(v) : failed<TaggedResource[]>(v) }]),
  );
}

/** The ePHI tag of the default classification. */
export const PHI = { 'data-classification': 'phi' } as const;
