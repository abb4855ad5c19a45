import type { Tags } from './ec2';
import type { Read } from './read';

/**
 * `resources`: the Resource Groups Tagging API's GetResources in each audited region, paginated (100 a page), with
 * no filter: every resource of the region that has or had tags, with its tags. One bulk read across services: it
 * is where an audit learns which resources hold ePHI (src/judge/classification.ts).
 */
export const TAGGING_READS = ['resources'] as const;

/** One resource as GetResources lists it. */
export interface TaggedResource {
  arn: string;
  /** Its tags now; empty for a resource that had tags and lost them all (GetResources still lists those). */
  tags: Tags;
}

/** A field is absent when its read was not asked for. */
export interface TaggingRegion {
  /**
   * Every resource of the region that has or had tags. A resource missing from the list has no tag. IAM users and
   * roles are never listed (GetResources does not cover them); S3 buckets are listed in their own region,
   * CloudFront distributions in us-east-1.
   */
  resources?: Read<TaggedResource[]>;
}
