import { DEFAULT_CLASSIFICATION, classifyResource, matchTags, tagIndexOf, type ClassificationConfig } from '../../src/judge/classification';
import { resourceOfArn } from '../../src/judge/arn-resource';
import type { Inventory } from '../../src/inventory/types';
import { ebsVolume, ec2Region } from '../support/builders/ec2';
import { bucket, s3 } from '../support/builders/s3';
import { ACCOUNT, denied, failed, inventory, ok } from '../support/inventory';

const arn = (service: string, rest: string, region = 'us-east-1') => `arn:aws:${service}:${region}:${ACCOUNT}:${rest}`;
const table = arn('dynamodb', 'table/claims');
const queue = arn('sqs', 'intake');

/** An inventory whose tagging read listed `resources` in us-east-1 (and failed in eu-west-1 when asked). */
function tagged(resources: Array<{ arn: string; tags: Record<string, string> }>, extra: Partial<Inventory> = {}): Inventory {
  return inventory({
    regions: ['us-east-1', 'eu-west-1'],
    tagging: { 'us-east-1': { resources: ok(resources) }, 'eu-west-1': { resources: failed(denied('tagging', 'GetResources', 'eu-west-1')) } },
    ...extra,
  });
}

describe('matching tags', () => {
  const c = DEFAULT_CLASSIFICATION;

  it('matches the default keys and values in any case, around spaces', () => {
    expect(matchTags({ 'data-classification': 'phi' }, c).ephi).toEqual({ key: 'data-classification', value: 'phi' });
    expect(matchTags({ 'Data-Classification': 'ePHI' }, c).ephi).toEqual({ key: 'Data-Classification', value: 'ePHI' });
    expect(matchTags({ PHI: ' Yes ' }, c).ephi).toEqual({ key: 'PHI', value: ' Yes ' });
    expect(matchTags({ phi: 'TRUE' }, c).ephi).toBeDefined();
  });

  it('tells a classification tag that is not ePHI from no classification at all', () => {
    expect(matchTags({ 'data-classification': 'internal' }, c)).toEqual({ classified: { key: 'data-classification', value: 'internal' } });
    expect(matchTags({ phi: 'no' }, c)).toEqual({ classified: { key: 'phi', value: 'no' } });
    expect(matchTags({ Name: 'phi', classification: 'phi', 'phi-data': 'yes' }, c)).toEqual({});
  });

  it('prefers the ePHI tag when a resource carries both spellings of a key', () => {
    expect(matchTags({ 'data-classification': 'public', 'Data-Classification': 'PHI' }, c)).toEqual({
      ephi: { key: 'Data-Classification', value: 'PHI' },
      classified: { key: 'Data-Classification', value: 'PHI' },
    });
  });

  it('follows the configured rules, and takes tag text as data (no pattern is built from it)', () => {
    const config: ClassificationConfig = { ...c, tags: [{ key: 'sensitivity', values: ['restricted.*'] }] };
    expect(matchTags({ sensitivity: 'restricted.*' }, config).ephi).toBeDefined();
    expect(matchTags({ sensitivity: 'restricted-anything' }, config).ephi).toBeUndefined();
    expect(matchTags({ 'data-classification': 'phi' }, config)).toEqual({});
  });
});

describe('the tag index', () => {
  it('classifies from the tagging API: ePHI, not ePHI, and no tags at all (not listed) as not ePHI', () => {
    const inv = tagged([{ arn: table, tags: { 'data-classification': 'phi' } }, { arn: queue, tags: { team: 'intake' } }]);
    expect(classifyResource(inv, table)).toEqual({
      classification: 'ephi',
      tags: { 'data-classification': 'phi' },
      by: { tag: { key: 'data-classification', value: 'phi' } },
      classificationTag: { key: 'data-classification', value: 'phi' },
    });
    expect(classifyResource(inv, queue)).toEqual({ classification: 'not-ephi', tags: { team: 'intake' } });
    expect(classifyResource(inv, arn('sqs', 'never-tagged'))).toEqual({ classification: 'not-ephi', tags: {} });
  });

  it('is unknown where the tags could not be read, and says why', () => {
    const inv = tagged([]);
    const c = classifyResource(inv, arn('sqs', 'q', 'eu-west-1'));
    expect(c.classification).toBe('unknown');
    expect(c.reason).toContain('AccessDenied');
    expect(classifyResource(inv, arn('sqs', 'q', 'ap-south-1'))).toMatchObject({ classification: 'unknown', reason: expect.stringContaining('not an audited region') });
  });

  it('takes a collector’s own tags even where the tagging API failed', () => {
    const vol = ebsVolume('vol-1', { arn: arn('ec2', 'volume/vol-1', 'eu-west-1'), tags: { phi: 'true' } });
    const plain = ebsVolume('vol-2', { arn: arn('ec2', 'volume/vol-2', 'eu-west-1'), tags: {} });
    const inv = tagged([], { ec2: { 'eu-west-1': ec2Region({ volumes: ok([vol, plain]) }) } });
    expect(classifyResource(inv, vol.arn).classification).toBe('ephi');
    // Held by its collector with no tags: known to have none.
    expect(classifyResource(inv, plain.arn).classification).toBe('not-ephi');
    expect(tagIndexOf(inv).resources().map((r) => r.arn)).toEqual([vol.arn, plain.arn]);
  });

  it('classifies by ARN globs (and /regex/) whatever the tags, and names the pattern', () => {
    const config: ClassificationConfig = { ...DEFAULT_CLASSIFICATION, arns: ['arn:aws:dynamodb:*:*:table/claims*', '/:sqs:.*:intake$/'] };
    const inv = tagged([{ arn: table, tags: { 'data-classification': 'internal' } }]);
    expect(classifyResource(inv, table, undefined, config)).toMatchObject({ classification: 'ephi', by: { arnPattern: 'arn:aws:dynamodb:*:*:table/claims*' } });
    expect(classifyResource(inv, queue, undefined, config)).toMatchObject({ classification: 'ephi', by: { arnPattern: '/:sqs:.*:intake$/' } });
    // A pattern decides even where the tags could not be read.
    expect(classifyResource(inv, arn('sqs', 'intake', 'eu-west-1'), undefined, config).classification).toBe('ephi');
    expect(classifyResource(inv, arn('sqs', 'other', 'eu-west-1'), undefined, config).classification).toBe('unknown');
    // A pattern does not hide what the listing tells of the tags: none where the region was read, unknown where not.
    expect(classifyResource(inv, queue, undefined, config).tags).toEqual({});
    expect(classifyResource(inv, arn('sqs', 'intake', 'eu-west-1'), undefined, config).tags).toBeUndefined();
  });

  it('places S3 buckets by the bucket list, or by the region given, and CloudFront in us-east-1', () => {
    const inv = tagged([{ arn: 'arn:aws:s3:::listed-phi', tags: { phi: 'yes' } }], {
      s3: s3([bucket('listed-phi'), bucket('eu-bucket', { region: 'eu-west-1' }), bucket('plain')]),
    });
    expect(classifyResource(inv, 'arn:aws:s3:::listed-phi').classification).toBe('ephi');
    expect(classifyResource(inv, 'arn:aws:s3:::plain').classification).toBe('not-ephi');
    expect(classifyResource(inv, 'arn:aws:s3:::eu-bucket').classification).toBe('unknown');
    expect(classifyResource(inv, 'arn:aws:s3:::not-listed', 'us-east-1').classification).toBe('not-ephi');
    expect(classifyResource(inv, 'arn:aws:s3:::not-listed').classification).toBe('unknown');
    expect(classifyResource(inv, `arn:aws:cloudfront::${ACCOUNT}:distribution/E1`).classification).toBe('not-ephi');
  });

  it('takes IAM principals and the account itself as holding no data unless their own tags say otherwise', () => {
    const inv = inventory({ regions: ['us-east-1'] });
    expect(classifyResource(inv, `arn:aws:iam::${ACCOUNT}:user/alice`).classification).toBe('not-ephi');
    expect(classifyResource(inv, `AWS::::Account:${ACCOUNT}`).classification).toBe('not-ephi');
    // Tags not collected at all (an inventory saved before classification): unknown, not an error.
    expect(classifyResource(inv, queue)).toMatchObject({ classification: 'unknown', reason: expect.stringContaining('NotCollected') });
  });

  it('is built once per inventory and config', () => {
    const inv = tagged([]);
    expect(tagIndexOf(inv)).toBe(tagIndexOf(inv));
    expect(tagIndexOf(inv, { ...DEFAULT_CLASSIFICATION })).not.toBe(tagIndexOf(inv));
  });
});

describe('resources named by ARN only', () => {
  it('gets its ASFF type and a readable id', () => {
    expect(resourceOfArn('arn:aws:s3:::phi-records')).toEqual({ type: 'AwsS3Bucket', id: 'phi-records', arn: 'arn:aws:s3:::phi-records' });
    expect(resourceOfArn(table)).toEqual({ type: 'AwsDynamoDbTable', id: 'claims', arn: table });
    expect(resourceOfArn(arn('rds', 'db:patient-db'))).toMatchObject({ type: 'AwsRdsDbInstance', id: 'patient-db' });
    expect(resourceOfArn(arn('lambda', 'function:intake:prod'))).toMatchObject({ type: 'AwsLambdaFunction', id: 'intake' });
    expect(resourceOfArn(`arn:aws:iam::${ACCOUNT}:role/ops/admin`)).toMatchObject({ type: 'AwsIamRole', id: 'admin' });
    expect(resourceOfArn(queue)).toMatchObject({ type: 'AwsSqsQueue', id: 'intake' });
    expect(resourceOfArn(arn('lightsail', 'RelationalDatabase/5b6f'))).toMatchObject({ type: 'Other', id: '5b6f' });
    expect(resourceOfArn('not an arn')).toEqual({ type: 'Other', id: 'not an arn', arn: 'not an arn' });
  });
});
