import {
  CloudTrailClient,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
} from '@aws-sdk/client-cloudtrail';
import { mockClient } from 'aws-sdk-client-mock';
import { cloudtrailCollector, managementEventsOf } from '../../src/collect/cloudtrail';
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
