import {
  CloudTrailClient,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
} from '@aws-sdk/client-cloudtrail';
import { mockClient } from 'aws-sdk-client-mock';
import { cloudtrailCollector, managementEventsOf, s3DataEventsOf } from '../../src/collect/cloudtrail';
import { awsError, collectContext } from '../support/inventory';

const ct = mockClient(CloudTrailClient);
beforeEach(() => ct.reset());

const ORG_ARN = 'arn:aws:cloudtrail:us-east-1:999988887777:trail/org-trail';
const LOCAL_ARN = 'arn:aws:cloudtrail:us-east-1:111122223333:trail/phi-audit';
const EU_ARN = 'arn:aws:cloudtrail:eu-west-1:111122223333:trail/eu-claims';

const orgTrail = {
  Name: 'org-trail',
  TrailARN: ORG_ARN,
  HomeRegion: 'us-east-1',
  IsMultiRegionTrail: true,
  IsOrganizationTrail: true,
  LogFileValidationEnabled: true,
  S3BucketName: 'org-cloudtrail-logs',
};
const localTrail = {
  Name: 'phi-audit',
  TrailARN: LOCAL_ARN,
  HomeRegion: 'us-east-1',
  IsMultiRegionTrail: false,
  IsOrganizationTrail: false,
  LogFileValidationEnabled: false,
  KmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/k1',
  S3BucketName: 'phi-audit-logs',
};
const euTrail = { Name: 'eu-claims', TrailARN: EU_ARN, HomeRegion: 'eu-west-1', IsMultiRegionTrail: false };

describe('cloudtrail collector', () => {
  it('keeps an organization trail owned by another account, with its denied reads recorded', async () => {
    // In a member account, the management account's organization trail is a shadow trail: it is only returned
    // with includeShadowTrails (the default) and its status and selectors may be denied.
    ct.on(DescribeTrailsCommand).resolves({ trailList: [orgTrail, localTrail, euTrail] });
    ct.on(GetTrailStatusCommand, { Name: ORG_ARN }).resolves({ IsLogging: true });
    ct.on(GetEventSelectorsCommand, { TrailName: ORG_ARN }).rejects(awsError('TrailNotFoundException', 'Unknown trail: org-trail for the user: 111122223333'));
    ct.on(GetTrailStatusCommand, { Name: LOCAL_ARN }).resolves({ IsLogging: false });
    ct.on(GetEventSelectorsCommand, { TrailName: LOCAL_ARN }).resolves({
      EventSelectors: [{ ReadWriteType: 'WriteOnly', IncludeManagementEvents: true }],
    });

    const ctx = collectContext(['us-east-1', 'eu-west-1']);
    const data = await cloudtrailCollector.collect(ctx, 'us-east-1');
    const selectorsNotFound = {
      service: 'cloudtrail',
      region: 'us-east-1',
      operation: 'GetEventSelectors',
      code: 'TrailNotFoundException',
      message: 'Unknown trail: org-trail for the user: 111122223333',
    };
    expect(ct.commandCalls(DescribeTrailsCommand)[0]?.args[0].input).toEqual({ includeShadowTrails: true });
    expect(data.trails).toEqual({
      ok: true,
      value: [
        {
          name: 'org-trail',
          arn: ORG_ARN,
          homeRegion: 'us-east-1',
          isMultiRegion: true,
          isOrganizationTrail: true,
          logFileValidationEnabled: true,
          s3BucketName: 'org-cloudtrail-logs',
          isLogging: { ok: true, value: true },
          delivery: { ok: true, value: {} },
          managementEvents: { ok: false, error: selectorsNotFound },
          s3DataEvents: { ok: false, error: selectorsNotFound },
        },
        {
          name: 'phi-audit',
          arn: LOCAL_ARN,
          homeRegion: 'us-east-1',
          isMultiRegion: false,
          isOrganizationTrail: false,
          logFileValidationEnabled: false,
          kmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/k1',
          s3BucketName: 'phi-audit-logs',
          isLogging: { ok: true, value: false },
          delivery: { ok: true, value: {} },
          managementEvents: { ok: true, value: { included: true, readWriteType: 'WriteOnly' } },
          s3DataEvents: { ok: true, value: { read: { buckets: 'none' }, write: { buckets: 'none' } } },
        },
      ],
    });
    // The eu-west-1 trail is left to eu-west-1; status and selectors are read by ARN, once per kept trail.
    expect(ctx.aws.apiCalls.byOperation()).toEqual({
      'cloudtrail:DescribeTrails': 1,
      'cloudtrail:GetEventSelectors': 2,
      'cloudtrail:GetTrailStatus': 2,
    });
  });

  it('leaves shadow copies of trails homed in another audited region out', async () => {
    ct.on(DescribeTrailsCommand).resolves({ trailList: [orgTrail, euTrail] });
    ct.on(GetTrailStatusCommand).resolves({ IsLogging: true });
    ct.on(GetEventSelectorsCommand).resolves({ EventSelectors: [{}] });
    const ctx = collectContext(['us-east-1', 'eu-west-1']);
    const data = await cloudtrailCollector.collect(ctx, 'eu-west-1');
    expect(data.trails).toMatchObject({ ok: true, value: [{ name: 'eu-claims', homeRegion: 'eu-west-1', isMultiRegion: false, logFileValidationEnabled: false }] });
    expect(ct.commandCalls(GetTrailStatusCommand).map((c) => c.args[0].input.Name)).toEqual([EU_ARN]);
  });

  it('keeps a trail homed in a region that is not audited under the first audited region only', async () => {
    const foreign = { ...orgTrail, HomeRegion: 'us-west-2', TrailARN: 'arn:aws:cloudtrail:us-west-2:999988887777:trail/org-trail' };
    ct.on(DescribeTrailsCommand).resolves({ trailList: [foreign] });
    ct.on(GetTrailStatusCommand).resolves({ IsLogging: true });
    ct.on(GetEventSelectorsCommand).resolves({ EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }] });
    const ctx = collectContext(['eu-west-1', 'us-east-1']);
    const first = await cloudtrailCollector.collect(ctx, 'eu-west-1');
    const second = await cloudtrailCollector.collect(ctx, 'us-east-1');
    expect(first.trails).toMatchObject({ ok: true, value: [{ name: 'org-trail', homeRegion: 'us-west-2', isLogging: { ok: true, value: true } }] });
    expect(second.trails).toEqual({ ok: true, value: [] });
  });

  it('records a denied DescribeTrails for the region', async () => {
    ct.on(DescribeTrailsCommand).rejects(awsError('AccessDeniedException', 'no cloudtrail:DescribeTrails'));
    const data = await cloudtrailCollector.collect(collectContext(), 'us-east-1');
    expect(data.trails).toEqual({
      ok: false,
      error: { service: 'cloudtrail', region: 'us-east-1', operation: 'DescribeTrails', code: 'AccessDeniedException', message: 'no cloudtrail:DescribeTrails' },
    });
  });

  it('parses advanced event selectors for management events', async () => {
    ct.on(DescribeTrailsCommand).resolves({ trailList: [localTrail] });
    ct.on(GetTrailStatusCommand).rejects(awsError('AccessDeniedException', 'no cloudtrail:GetTrailStatus'));
    ct.on(GetEventSelectorsCommand).resolves({
      AdvancedEventSelectors: [
        { Name: 'data', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::S3::Object'] }] },
        {
          Name: 'management',
          FieldSelectors: [
            { Field: 'eventCategory', Equals: ['Management'] },
            { Field: 'eventSource', NotEquals: ['kms.amazonaws.com'] },
          ],
        },
      ],
    });
    const data = await cloudtrailCollector.collect(collectContext(), 'us-east-1');
    expect(data.trails).toMatchObject({
      ok: true,
      value: [
        {
          isLogging: { ok: false, error: { operation: 'GetTrailStatus', code: 'AccessDeniedException' } },
          managementEvents: { ok: true, value: { included: true, readWriteType: 'All', excludedSources: ['kms.amazonaws.com'] } },
        },
      ],
    });
  });
});

describe('cloudtrail collector: delivery and data events', () => {
  it('records the log group, the delivery times and errors, and the S3 data events, from one call each', async () => {
    const group = 'arn:aws:logs:us-east-1:111122223333:log-group:cloudtrail:*';
    ct.on(DescribeTrailsCommand).resolves({ trailList: [{ ...localTrail, IsMultiRegionTrail: true, CloudWatchLogsLogGroupArn: group }] });
    ct.on(GetTrailStatusCommand).resolves({
      IsLogging: true,
      LatestDeliveryTime: new Date('2026-06-01T11:55:00Z'),
      LatestCloudWatchLogsDeliveryTime: new Date('2026-05-30T08:00:00Z'),
      LatestCloudWatchLogsDeliveryError: 'CloudWatch Logs role cannot be assumed',
    });
    ct.on(GetEventSelectorsCommand).resolves({
      EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }] }],
    });
    const ctx = collectContext();
    const data = await cloudtrailCollector.collect(ctx, 'us-east-1');
    expect(data.trails).toMatchObject({
      ok: true,
      value: [
        {
          cloudWatchLogsLogGroupArn: group,
          isLogging: { ok: true, value: true },
          delivery: {
            ok: true,
            value: {
              latestS3DeliveryTime: '2026-06-01T11:55:00.000Z',
              latestCloudWatchLogsDeliveryTime: '2026-05-30T08:00:00.000Z',
              latestCloudWatchLogsDeliveryError: 'CloudWatch Logs role cannot be assumed',
            },
          },
          managementEvents: { ok: true, value: { included: true, readWriteType: 'All' } },
          s3DataEvents: { ok: true, value: { read: { buckets: 'all' }, write: { buckets: 'all' } } },
        },
      ],
    });
    expect(ctx.aws.apiCalls.byOperation()).toEqual({ 'cloudtrail:DescribeTrails': 1, 'cloudtrail:GetEventSelectors': 1, 'cloudtrail:GetTrailStatus': 1 });
  });

  it('records a denied or empty GetTrailStatus as the failure of both logging and delivery', async () => {
    ct.on(DescribeTrailsCommand).resolves({ trailList: [localTrail] });
    ct.on(GetEventSelectorsCommand).resolves({ EventSelectors: [] });
    ct.on(GetTrailStatusCommand).rejects(awsError('AccessDeniedException', 'no cloudtrail:GetTrailStatus'));
    const denied = await cloudtrailCollector.collect(collectContext(), 'us-east-1');
    const error = { service: 'cloudtrail', region: 'us-east-1', operation: 'GetTrailStatus', code: 'AccessDeniedException', message: 'no cloudtrail:GetTrailStatus' };
    expect(denied.trails).toMatchObject({ ok: true, value: [{ isLogging: { ok: false, error }, delivery: { ok: false, error } }] });

    ct.on(GetTrailStatusCommand).resolves({});
    const empty = await cloudtrailCollector.collect(collectContext(), 'us-east-1');
    expect(empty.trails).toMatchObject({
      ok: true,
      value: [{ isLogging: { ok: false, error: { code: 'IncompleteAnswer' } }, delivery: { ok: false, error: { code: 'IncompleteAnswer' } } }],
    });
  });

  it('makes no status or selector call when no selected check needs them', async () => {
    ct.on(DescribeTrailsCommand).resolves({ trailList: [localTrail] });
    const ctx = collectContext(['us-east-1'], ['cloudtrail.trails']);
    const data = await cloudtrailCollector.collect(ctx, 'us-east-1');
    expect(data.trails).toMatchObject({ ok: true, value: [{ name: 'phi-audit' }] });
    const [t] = data.trails!.ok ? data.trails!.value : [];
    expect(t).not.toHaveProperty('delivery');
    expect(t).not.toHaveProperty('s3DataEvents');
    expect(t?.isLogging).toBeUndefined();
    expect(ctx.aws.apiCalls.byOperation()).toEqual({ 'cloudtrail:DescribeTrails': 1 });
    expect(await cloudtrailCollector.collect(collectContext(['us-east-1'], ['s3.buckets']), 'us-east-1')).toEqual({});
  });
});

describe('s3DataEventsOf', () => {
  const all = { buckets: 'all' };
  const none = { buckets: 'none' };
  const data = (...extra: Array<{ Field: string; Equals?: string[]; NotEquals?: string[]; StartsWith?: string[]; NotStartsWith?: string[]; EndsWith?: string[]; NotEndsWith?: string[] }>) => ({
    FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::S3::Object'] }, ...extra],
  });

  it.each([
    ['basic, all buckets as arn:aws:s3', { EventSelectors: [{ DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }] }] }, all, all],
    ['basic, all buckets as arn:aws:s3:::', { EventSelectors: [{ ReadWriteType: 'All' as const, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::'] }] }] }, all, all],
    ['basic, GovCloud partition', { EventSelectors: [{ DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws-us-gov:s3'] }] }] }, all, all],
    ['basic, write only', { EventSelectors: [{ ReadWriteType: 'WriteOnly' as const, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }] }] }, none, all],
    [
      'basic, one bucket',
      { EventSelectors: [{ DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::phi-claims/'] }] }] },
      { buckets: 'some', only: ['arn:aws:s3:::phi-claims/'] },
      { buckets: 'some', only: ['arn:aws:s3:::phi-claims/'] },
    ],
    ['basic, Lambda data events only', { EventSelectors: [{ DataResources: [{ Type: 'AWS::Lambda::Function', Values: ['arn:aws:lambda'] }] }] }, none, none],
    ['basic, management events only', { EventSelectors: [{ ReadWriteType: 'All' as const, IncludeManagementEvents: true }] }, none, none],
    ['advanced, all S3 objects', { AdvancedEventSelectors: [data()] }, all, all],
    ['advanced, read-only', { AdvancedEventSelectors: [data({ Field: 'readOnly', Equals: ['true'] })] }, all, none],
    ['advanced, read and write in two selectors', { AdvancedEventSelectors: [data({ Field: 'readOnly', Equals: ['true'] }), data({ Field: 'readOnly', Equals: ['false'] })] }, all, all],
    [
      'advanced, the log bucket left out',
      { AdvancedEventSelectors: [data({ Field: 'resources.ARN', NotStartsWith: ['arn:aws:s3:::trail-logs/'] })] },
      { buckets: 'all-except', except: ['arn:aws:s3:::trail-logs/'] },
      { buckets: 'all-except', except: ['arn:aws:s3:::trail-logs/'] },
    ],
    [
      'advanced, one bucket by prefix',
      { AdvancedEventSelectors: [data({ Field: 'resources.ARN', StartsWith: ['arn:aws:s3:::phi-claims/'] })] },
      { buckets: 'some', only: ['arn:aws:s3:::phi-claims/'] },
      { buckets: 'some', only: ['arn:aws:s3:::phi-claims/'] },
    ],
    [
      'advanced, narrowed to some event names',
      { AdvancedEventSelectors: [data({ Field: 'eventName', Equals: ['PutObject'] })] },
      { buckets: 'some', only: ['eventName = PutObject'] },
      { buckets: 'some', only: ['eventName = PutObject'] },
    ],
    [
      'advanced, a role left out',
      { AdvancedEventSelectors: [data({ Field: 'userIdentity.arn', NotStartsWith: ['arn:aws:sts::111122223333:assumed-role/etl'] })] },
      { buckets: 'all-except', except: ['userIdentity.arn not starting with arn:aws:sts::111122223333:assumed-role/etl'] },
      { buckets: 'all-except', except: ['userIdentity.arn not starting with arn:aws:sts::111122223333:assumed-role/etl'] },
    ],
    [
      'advanced, exclusions that another selector does not share add up to every bucket',
      { AdvancedEventSelectors: [data({ Field: 'resources.ARN', NotStartsWith: ['arn:aws:s3:::a/'] }), data({ Field: 'resources.ARN', NotStartsWith: ['arn:aws:s3:::b/'] })] },
      all,
      all,
    ],
    [
      'advanced, an exclusion covered by a selector naming that bucket',
      { AdvancedEventSelectors: [data({ Field: 'resources.ARN', NotStartsWith: ['arn:aws:s3:::a/'] }), data({ Field: 'resources.ARN', StartsWith: ['arn:aws:s3:::a/'] })] },
      all,
      all,
    ],
    [
      'advanced, management and DynamoDB data only',
      { AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] }, { FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::DynamoDB::Table'] }] }] },
      none,
      none,
    ],
  ])('%s', (_name, selectors, read, write) => {
    expect(s3DataEventsOf(selectors)).toEqual({ read, write });
  });

  it('prefers advanced selectors when an answer carries both (a trail uses one kind or the other)', () => {
    const out = s3DataEventsOf({
      EventSelectors: [{ DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }] }],
      AdvancedEventSelectors: [data({ Field: 'readOnly', Equals: ['false'] })],
    });
    expect(out).toEqual({ read: none, write: all });
  });
});

describe('managementEventsOf', () => {
  const mgmt = (...extra: Array<{ Field: string; Equals?: string[]; NotEquals?: string[] }>) => ({
    FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, ...extra],
  });

  it('reads readOnly field selectors', () => {
    expect(managementEventsOf({ AdvancedEventSelectors: [mgmt({ Field: 'readOnly', Equals: ['true'] })] })).toEqual({ included: true, readWriteType: 'ReadOnly' });
    expect(managementEventsOf({ AdvancedEventSelectors: [mgmt({ Field: 'readOnly', Equals: ['false'] })] })).toEqual({ included: true, readWriteType: 'WriteOnly' });
    expect(managementEventsOf({ AdvancedEventSelectors: [mgmt({ Field: 'readOnly', NotEquals: ['true'] })] })).toEqual({ included: true, readWriteType: 'WriteOnly' });
    expect(managementEventsOf({ AdvancedEventSelectors: [mgmt()] })).toEqual({ included: true, readWriteType: 'All' });
  });

  it('combines a read-only and a write-only selector into All', () => {
    const out = managementEventsOf({
      AdvancedEventSelectors: [mgmt({ Field: 'readOnly', Equals: ['true'] }), mgmt({ Field: 'readOnly', Equals: ['false'] })],
    });
    expect(out).toEqual({ included: true, readWriteType: 'All' });
  });

  it('finds no management events in data-only selectors', () => {
    expect(
      managementEventsOf({ AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }] }] }),
    ).toEqual({ included: false, readWriteType: 'None' });
    expect(managementEventsOf({ EventSelectors: [{ IncludeManagementEvents: false, ReadWriteType: 'All' }] })).toEqual({ included: false, readWriteType: 'None' });
    expect(managementEventsOf({})).toEqual({ included: false, readWriteType: 'None' });
  });

  it('applies the defaults of basic selectors and keeps their excluded sources', () => {
    expect(managementEventsOf({ EventSelectors: [{}] })).toEqual({ included: true, readWriteType: 'All' });
    expect(
      managementEventsOf({ EventSelectors: [{ ReadWriteType: 'ReadOnly', ExcludeManagementEventSources: ['rdsdata.amazonaws.com'] }] }),
    ).toEqual({ included: true, readWriteType: 'ReadOnly', excludedSources: ['rdsdata.amazonaws.com'] });
  });
});
