import {
  conditionHolds,
  coverageOf,
  namesResourceType,
  selectionCovers,
  selectionCoversRegardlessOfTags,
  wildcardMatch,
} from '../../../checks/backup/selection';
import { backupSelection as selection } from '../../support/builders/backup';

const VOL = 'arn:aws:ec2:us-east-1:111122223333:volume/vol-0a1b2c3d4e5f60001';
const DB = 'arn:aws:rds:us-east-1:111122223333:db:patient-portal-db';
const CLUSTER = 'arn:aws:rds:us-east-1:111122223333:cluster:phi-claims-prod';

describe('wildcardMatch', () => {
  it('treats * as any run of characters, including : and /', () => {
    expect(wildcardMatch('*', VOL)).toBe(true);
    expect(wildcardMatch('arn:aws:ec2:*:*:volume/*', VOL)).toBe(true);
    expect(wildcardMatch('arn:aws:ec2:*', VOL)).toBe(true);
    expect(wildcardMatch('arn:aws:rds:*:*:db:*', DB)).toBe(true);
    expect(wildcardMatch('arn:aws:rds:*:*:db:*', CLUSTER)).toBe(false);
    expect(wildcardMatch('arn:aws:rds:*:*:cluster:phi-*', CLUSTER)).toBe(true);
  });

  it('matches the whole string, literally and case sensitively', () => {
    expect(wildcardMatch('arn:aws:ec2:*:*:volume/vol-0a1b2c3d4e5f6000', VOL)).toBe(false);
    expect(wildcardMatch('ARN:AWS:EC2:*', VOL)).toBe(false);
    expect(wildcardMatch('arn:aws:ec2:us-east-1:111122223333:volume/vol-0a1b2c3d4e5f6000?', VOL)).toBe(false);
    expect(wildcardMatch('a.c', 'abc')).toBe(false);
    expect(wildcardMatch('arn:aws-us-gov:ec2:*', VOL)).toBe(false);
  });
});

describe('conditionHolds', () => {
  const tags = { backup: 'daily', env: 'prod' };
  it('compares values exactly and with wildcards', () => {
    expect(conditionHolds({ operator: 'StringEquals', key: 'backup', value: 'daily' }, tags)).toBe(true);
    expect(conditionHolds({ operator: 'StringEquals', key: 'backup', value: 'Daily' }, tags)).toBe(false);
    expect(conditionHolds({ operator: 'StringLike', key: 'backup', value: 'da*' }, tags)).toBe(true);
    expect(conditionHolds({ operator: 'StringLike', key: 'backup', value: 'weekly*' }, tags)).toBe(false);
  });

  it('needs the tag for positive operators; negated ones hold without it', () => {
    expect(conditionHolds({ operator: 'StringEquals', key: 'team', value: '' }, tags)).toBe(false);
    expect(conditionHolds({ operator: 'StringLike', key: 'team', value: '*' }, tags)).toBe(false);
    expect(conditionHolds({ operator: 'StringNotEquals', key: 'team', value: 'x' }, tags)).toBe(true);
    expect(conditionHolds({ operator: 'StringNotLike', key: 'team', value: '*' }, tags)).toBe(true);
    expect(conditionHolds({ operator: 'StringNotEquals', key: 'env', value: 'prod' }, tags)).toBe(false);
    expect(conditionHolds({ operator: 'StringNotLike', key: 'env', value: 'pr*' }, tags)).toBe(false);
    expect(conditionHolds({ operator: 'StringNotEquals', key: 'env', value: 'dev' }, tags)).toBe(true);
  });

  it('treats an empty tag value as present', () => {
    expect(conditionHolds({ operator: 'StringEquals', key: 'backup', value: '' }, { backup: '' })).toBe(true);
    expect(conditionHolds({ operator: 'StringNotEquals', key: 'backup', value: '' }, { backup: '' })).toBe(false);
  });
});

describe('selectionCovers', () => {
  it('selects by ARN pattern, "*" and explicit ARN', () => {
    expect(selectionCovers(selection({ resources: ['arn:aws:ec2:*:*:volume/*'] }), VOL, {})).toBe('resource pattern arn:aws:ec2:*:*:volume/*');
    expect(selectionCovers(selection({ resources: ['*'] }), DB, {})).toBe('all supported resources ("*")');
    expect(selectionCovers(selection({ resources: [DB] }), DB, {})).toBe(`resource pattern ${DB}`);
    expect(selectionCovers(selection({ resources: ['arn:aws:ec2:*:*:volume/*'] }), DB, {})).toBeNull();
  });

  it('selects by any ListOfTags entry (OR)', () => {
    const s = selection({
      listOfTags: [
        { operator: 'StringEquals', key: 'backup', value: 'daily' },
        { operator: 'StringEquals', key: 'tier', value: 'phi' },
      ],
    });
    expect(selectionCovers(s, VOL, { tier: 'phi' })).toBe('tag tier=phi');
    expect(selectionCovers(s, VOL, { backup: 'daily' })).toBe('tag backup=daily');
    expect(selectionCovers(s, VOL, { backup: 'weekly' })).toBeNull();
    expect(selectionCovers(s, VOL, {})).toBeNull();
  });

  it('ORs Resources with ListOfTags', () => {
    const s = selection({ resources: ['arn:aws:ec2:*:*:volume/*'], listOfTags: [{ operator: 'StringEquals', key: 'backup', value: 'yes' }] });
    expect(selectionCovers(s, VOL, {})).toBe('resource pattern arn:aws:ec2:*:*:volume/*');
    expect(selectionCovers(s, DB, { backup: 'yes' })).toBe('tag backup=yes');
    expect(selectionCovers(s, DB, {})).toBeNull();
  });

  it('excludes NotResources even when included by tag or "*"', () => {
    const s = selection({
      resources: ['*'],
      notResources: ['arn:aws:ec2:*:*:volume/*'],
      listOfTags: [{ operator: 'StringEquals', key: 'backup', value: 'daily' }],
    });
    expect(selectionCovers(s, VOL, { backup: 'daily' })).toBeNull();
    expect(selectionCovers(s, DB, {})).toBe('all supported resources ("*")');
  });

  it('requires every Condition (AND) on top of the inclusion', () => {
    const s = selection({
      resources: ['arn:aws:ec2:*:*:volume/*', 'arn:aws:rds:*:*:db:*'],
      conditions: [
        { operator: 'StringEquals', key: 'backup', value: 'true' },
        { operator: 'StringEquals', key: 'stage', value: 'prod' },
        { operator: 'StringNotLike', key: 'owner', value: '*-sandbox' },
      ],
    });
    expect(selectionCovers(s, VOL, { backup: 'true', stage: 'prod' })).toBe(
      'resource pattern arn:aws:ec2:*:*:volume/* with tag backup=true and tag stage=prod and tag owner not like *-sandbox',
    );
    expect(selectionCovers(s, DB, { backup: 'true', stage: 'prod', owner: 'team-a' })).not.toBeNull();
    expect(selectionCovers(s, VOL, { backup: 'true' })).toBeNull();
    expect(selectionCovers(s, VOL, { backup: 'true', stage: 'prod', owner: 'data-sandbox' })).toBeNull();
    expect(selectionCovers(s, CLUSTER, { backup: 'true', stage: 'prod' })).toBeNull();
  });

  it('lets Conditions narrow a ListOfTags selection too', () => {
    const s = selection({
      listOfTags: [{ operator: 'StringEquals', key: 'backup', value: 'daily' }],
      conditions: [{ operator: 'StringNotEquals', key: 'env', value: 'dev' }],
    });
    expect(selectionCovers(s, VOL, { backup: 'daily', env: 'dev' })).toBeNull();
    expect(selectionCovers(s, VOL, { backup: 'daily' })).toBe('tag backup=daily with tag env not dev');
  });

  it('treats a selection naming no Resources and no ListOfTags as all resources, still narrowed', () => {
    const s = selection({ conditions: [{ operator: 'StringLike', key: 'backup', value: '*' }] });
    expect(selectionCovers(s, CLUSTER, { backup: 'hourly' })).toBe('all supported resources (the selection names no resources or tags) with tag backup like *');
    expect(selectionCovers(s, CLUSTER, {})).toBeNull();
  });
});

describe('selectionCoversRegardlessOfTags', () => {
  const instance = 'arn:aws:ec2:us-east-1:111122223333:instance/i-0abc';
  it('counts an ARN match without Conditions', () => {
    expect(selectionCoversRegardlessOfTags(selection({ resources: ['arn:aws:ec2:*:*:instance/*'] }), instance)).toBe(
      'resource pattern arn:aws:ec2:*:*:instance/*',
    );
  });

  it('does not guess where the answer depends on tags or NotResources excludes', () => {
    expect(selectionCoversRegardlessOfTags(selection({ listOfTags: [{ operator: 'StringEquals', key: 'b', value: 'y' }] }), instance)).toBeNull();
    expect(
      selectionCoversRegardlessOfTags(
        selection({ resources: ['*'], conditions: [{ operator: 'StringNotEquals', key: 'b', value: 'n' }] }),
        instance,
      ),
    ).toBeNull();
    expect(selectionCoversRegardlessOfTags(selection({ resources: ['*'], notResources: ['arn:aws:ec2:*:*:instance/*'] }), instance)).toBeNull();
  });
});

describe('namesResourceType', () => {
  const TABLE = 'arn:aws:dynamodb:us-east-1:111122223333:table/claims';
  it('is true for a pattern naming the type or the resource, false for "*" or a service pattern', () => {
    expect(namesResourceType('arn:aws:ec2:*:*:volume/*', VOL)).toBe(true);
    expect(namesResourceType(VOL, VOL)).toBe(true);
    expect(namesResourceType('arn:aws:rds:*:*:cluster:*', CLUSTER)).toBe(true);
    expect(namesResourceType('arn:aws:dynamodb:*:*:table/*', TABLE)).toBe(true);
    expect(namesResourceType('*', TABLE)).toBe(false);
    expect(namesResourceType('arn:aws:dynamodb:*', TABLE)).toBe(false);
    expect(namesResourceType('arn:aws:ec2:*:*:*', VOL)).toBe(false);
    expect(namesResourceType('arn:aws:ec2:*:*:vol*', VOL)).toBe(false);
  });
});

describe('coverageOf', () => {
  const TABLE = 'arn:aws:dynamodb:us-east-1:111122223333:table/claims';
  const tag = { operator: 'StringEquals' as const, key: 'backup', value: 'daily' };
  it('says whether an inclusion named the resource type', () => {
    expect(coverageOf(selection({ resources: ['*', 'arn:aws:dynamodb:*:*:table/*'] }), TABLE, null)).toEqual({
      kind: 'covered',
      how: 'resource pattern arn:aws:dynamodb:*:*:table/*',
      byType: true,
    });
    expect(coverageOf(selection({ resources: ['*'] }), TABLE, null)).toEqual({ kind: 'covered', how: 'all supported resources ("*")', byType: false });
    expect(coverageOf(selection({ listOfTags: [tag] }), VOL, { backup: 'daily' })).toEqual({ kind: 'covered', how: 'tag backup=daily', byType: false });
    expect(coverageOf(selection(), VOL, {})).toEqual({ kind: 'covered', how: 'all supported resources (the selection names no resources or tags)', byType: false });
  });

  it('leaves undecided only what turns on unknown tags', () => {
    expect(coverageOf(selection({ listOfTags: [tag, { ...tag, key: 'tier', value: 'phi' }] }), TABLE, null)).toEqual({
      kind: 'depends-on-tags',
      how: 'tag backup=daily or tag tier=phi',
    });
    expect(coverageOf(selection({ resources: ['*'], conditions: [tag] }), TABLE, null)).toEqual({ kind: 'depends-on-tags', how: 'all supported resources ("*") with tag backup=daily' });
    // Decided without tags: NotResources excludes, or nothing could include it.
    expect(coverageOf(selection({ listOfTags: [tag], notResources: ['arn:aws:dynamodb:*:*:table/*'] }), TABLE, null)).toEqual({ kind: 'not-covered' });
    expect(coverageOf(selection({ resources: ['arn:aws:ec2:*:*:volume/*'] }), TABLE, null)).toEqual({ kind: 'not-covered' });
  });
});
