import { ACCOUNT_ID, bucket } from './account';
import { page, range, regionIndex, type Handler } from './call';
import { json, jsonError } from './wire';

/**
 * The Resource Groups Tagging API: GetResources lists the region's tagged resources a hundred at a time. Bucket i
 * by i mod 6: 0 tagged as ePHI, 1 classified as not ePHI, the rest untagged; each region's first DynamoDB table is
 * tagged as ePHI.
 */
/** Whether bucket i is tagged as holding ePHI (its ePHI checks read Object Lock, replication and lifecycle too). */
export const isEphiBucket = (i: number): boolean => i % 6 === 0;

export const tagging: Handler = (call, account) => {
  if (call.target !== 'GetResources') return jsonError('UnknownOperationException', `${call.target} is not served by the fake`);
  const tagged: { ResourceARN: string; Tags: { Key: string; Value: string }[] }[] = [];
  for (const i of range(account.buckets)) {
    const b = bucket(account, i);
    if (b.region !== call.region || i % 6 > 1) continue;
    tagged.push({ ResourceARN: `arn:aws:s3:::${b.name}`, Tags: [{ Key: 'data-classification', Value: isEphiBucket(i) ? 'ephi' : 'internal' }] });
  }
  tagged.push({
    ResourceARN: `arn:aws:dynamodb:${call.region}:${ACCOUNT_ID}:table/phi-table-${regionIndex(account, call.region)}-0`,
    Tags: [{ Key: 'data-classification', Value: 'ePHI' }],
  });
  const size = Number(call.body.ResourcesPerPage ?? 50);
  const { items, next } = page(tagged, typeof call.body.PaginationToken === 'string' && call.body.PaginationToken !== '' ? call.body.PaginationToken : null, size);
  // The last page answers with an empty token, as AWS does.
  return json({ ResourceTagMappingList: items, PaginationToken: next ?? '' });
};
