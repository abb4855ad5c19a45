import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { mockClient } from 'aws-sdk-client-mock';
import { taggingCollector } from '../../src/collect/tagging';
import { awsError, collectContext } from '../support/inventory';
import { tokenPages } from '../support/pages';

const tagging = mockClient(ResourceGroupsTaggingAPIClient);
beforeEach(() => tagging.reset());

const bucket = 'arn:aws:s3:::phi-records';
const table = 'arn:aws:dynamodb:us-east-1:111122223333:table/claims';
const queue = 'arn:aws:sqs:us-east-1:111122223333:intake';

describe('tagging collector', () => {
  it('follows GetResources pages by their own token, 100 a page, until the token comes back empty', async () => {
    const pages = tokenPages('PaginationToken', [
      [undefined, { PaginationToken: 't2', ResourceTagMappingList: [{ ResourceARN: bucket, Tags: [{ Key: 'data-classification', Value: 'PHI' }] }] }],
      // A page may come back empty and still carry a token: the listing goes on.
      ['t2', { PaginationToken: 't3', ResourceTagMappingList: [] }],
      ['t3', { PaginationToken: '', ResourceTagMappingList: [{ ResourceARN: table, Tags: [{ Key: 'team', Value: 'claims' }, { Key: 'phi', Value: 'yes' }] }, { ResourceARN: queue, Tags: [] }] }],
    ]);
    tagging.on(GetResourcesCommand).callsFake(pages.fake);
    const ctx = collectContext();
    const data = await taggingCollector.collect(ctx, 'us-east-1');
    expect(pages.inputs).toEqual([{ ResourcesPerPage: 100 }, { ResourcesPerPage: 100, PaginationToken: 't2' }, { ResourcesPerPage: 100, PaginationToken: 't3' }]);
    expect(data.resources).toEqual({
      ok: true,
      value: [
        { arn: bucket, tags: { 'data-classification': 'PHI' } },
        { arn: table, tags: { team: 'claims', phi: 'yes' } },
        // Listed because it had tags once: it has none now.
        { arn: queue, tags: {} },
      ],
    });
    expect(ctx.aws.apiCalls.byOperation()).toEqual({ 'tagging:GetResources': 3 });
  });

  it('asks the region it reads', async () => {
    tagging.on(GetResourcesCommand).callsFake(async (_input, getClient) => {
      const region = await (getClient() as { config: { region: () => Promise<string> } }).config.region();
      return { ResourceTagMappingList: [{ ResourceARN: `arn:aws:sqs:${region}:111122223333:q`, Tags: [] }] };
    });
    const data = await taggingCollector.collect(collectContext(['us-east-1', 'eu-west-1']), 'eu-west-1');
    expect(data.resources).toEqual({ ok: true, value: [{ arn: 'arn:aws:sqs:eu-west-1:111122223333:q', tags: {} }] });
  });

  it('records AccessDenied as a failed read (an ERROR where ePHI is judged, unknown classification elsewhere)', async () => {
    tagging.on(GetResourcesCommand).rejects(awsError('AccessDeniedException', 'User is not authorized to perform: tag:GetResources', 400));
    expect((await taggingCollector.collect(collectContext(), 'us-east-1')).resources).toEqual({
      ok: false,
      error: { service: 'tagging', region: 'us-east-1', operation: 'GetResources', code: 'AccessDeniedException', message: 'User is not authorized to perform: tag:GetResources' },
    });
  });

  it('takes an answer without ResourceTagMappingList, or a mapping without its ARN or tags, for an incomplete answer', async () => {
    tagging.on(GetResourcesCommand).resolves({});
    expect((await taggingCollector.collect(collectContext(), 'us-east-1')).resources).toMatchObject({ ok: false, error: { code: 'IncompleteAnswer', message: expect.stringContaining('ResourceTagMappingList') } });
    tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: [{ ResourceARN: bucket }] });
    expect((await taggingCollector.collect(collectContext(), 'us-east-1')).resources).toMatchObject({ ok: false, error: { code: 'IncompleteAnswer', message: expect.stringContaining('Tags') } });
    tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: [{ Tags: [] }] });
    expect((await taggingCollector.collect(collectContext(), 'us-east-1')).resources).toMatchObject({ ok: false, error: { code: 'IncompleteAnswer', message: expect.stringContaining('ResourceARN') } });
  });

  it('makes no call when no selected check needs the tags', async () => {
    tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: [] });
    const ctx = collectContext(['us-east-1'], ['s3.buckets']);
    expect(await taggingCollector.collect(ctx, 'us-east-1')).toEqual({});
    expect(ctx.aws.apiCalls.total).toBe(0);
    expect(tagging.calls()).toHaveLength(0);
  });
});
