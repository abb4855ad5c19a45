import { paginateGetResources, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import type { TaggedResource, TaggingRegion } from '../inventory/tagging';
import { attemptList, expectFields } from './attempt';
import type { RegionalCollector } from './collector';
import { tagsOf } from './tags';

/** The largest page GetResources serves (ResourcesPerPage may be 1 to 100). */
const PAGE_SIZE = 100;

/**
 * The Resource Groups Tagging API in one region: GetResources without filters, paginated by PaginationToken (100
 * resources a page; the last page answers with an empty token). One bulk read across every service of the region,
 * so the calls grow with the number of tagged resources a hundred at a time, never one call per resource. It lists
 * only resources that have or had tags: an ARN it does not list has none. No other call is made.
 */
export const taggingCollector: RegionalCollector<'tagging'> = {
  scope: 'regional',
  async collect(ctx, region): Promise<TaggingRegion> {
    if (!ctx.wants('tagging.resources')) return {};
    const client = ctx.aws.client('tagging', ResourceGroupsTaggingAPIClient, region);
    const pages = paginateGetResources({ client, pageSize: PAGE_SIZE }, {});
    const resources = await attemptList({ service: 'tagging', region, operation: 'GetResources' }, pages, 'ResourceTagMappingList', (mapping): TaggedResource => {
      // Both come with every mapping (Tags empty for a resource whose tags were all removed).
      const m = expectFields(mapping, ['ResourceARN', 'Tags']);
      return { arn: m.ResourceARN, tags: tagsOf(m.Tags) };
    });
    return { resources };
  },
};
