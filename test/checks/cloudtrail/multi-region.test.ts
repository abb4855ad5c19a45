import check from '../../../checks/cloudtrail/multi-region';
import type { Trail } from '../../../src/inventory/cloudtrail';
import type { Read } from '../../../src/inventory/read';
import { checkContext, denied, failed, inventory, ok } from '../../support/inventory';
import { trail } from '../../support/builders/cloudtrail';

const regions = ['us-east-1', 'eu-west-1'];

type Trails = Trail[] | Read<Trail[]>;

const run = (east: Trails, west: Trails = []) => {
  const read = (x: Trails): Read<Trail[]> => (Array.isArray(x) ? ok(x) : x);
  const inv = inventory({ regions, cloudtrail: { 'us-east-1': { trails: read(east) }, 'eu-west-1': { trails: read(west) } } });
  const results = check.evaluate(inv, checkContext());
  expect(results).toHaveLength(1);
  expect(results[0]?.region).toBe('global');
  expect(results[0]?.resource).toEqual({ type: 'AwsAccount', id: '111122223333', arn: 'AWS::::Account:111122223333' });
  return results[0]!;
};

describe('cloudtrail.multi-region', () => {
  it('passes on an organization trail owned by the management account and names it', () => {
    const org = trail('org-trail', { isOrganizationTrail: true, arn: 'arn:aws:cloudtrail:us-east-1:999988887777:trail/org-trail' });
    const r = run([org], [trail('eu-claims', { homeRegion: 'eu-west-1', isMultiRegion: false })]);
    expect(r.status).toBe('PASS');
    expect(r.message).toBe(
      'organization trail org-trail (owned by account 999988887777) is multi-Region, logging, and records read and write management events',
    );
  });

  it('mentions event sources a passing trail leaves out', () => {
    const r = run([trail('main', { managementEvents: ok({ included: true, readWriteType: 'All', excludedSources: ['kms.amazonaws.com'] }) })]);
    expect(r).toMatchObject({ status: 'PASS', message: expect.stringContaining('(except events from kms.amazonaws.com)') });
  });

  it('fails a multi-Region trail that is not logging', () => {
    const r = run([trail('org-trail', { isLogging: ok(false) })]);
    expect(r).toMatchObject({ status: 'FAIL', message: 'trail org-trail is multi-Region but is not logging' });
  });

  it('fails a write-only trail and says what read events are lost', () => {
    const r = run([trail('main', { managementEvents: ok({ included: true, readWriteType: 'WriteOnly' }) })]);
    expect(r.status).toBe('FAIL');
    expect(r.message).toBe(
      'trail main is multi-Region but records only write management events (read calls such as kms:Decrypt and secretsmanager:GetSecretValue are not logged)',
    );
  });

  it('fails a trail that records no management events, preferring the logging candidate', () => {
    const r = run([
      trail('stopped', { isLogging: ok(false) }),
      trail('data-only', { managementEvents: ok({ included: false, readWriteType: 'None' }) }),
    ]);
    expect(r.status).toBe('FAIL');
    expect(r.message).toBe('trail data-only is multi-Region but records no management events (1 other multi-Region trail falls short too)');
  });

  it('fails when only single-Region trails exist', () => {
    const r = run([], [trail('eu-claims', { homeRegion: 'eu-west-1', isMultiRegion: false })]);
    expect(r).toMatchObject({ status: 'FAIL', message: 'no trail is multi-Region: eu-claims (eu-west-1) records only its own Region' });
  });

  it('fails when there are no trails at all', () => {
    expect(run([], [])).toMatchObject({ status: 'FAIL', message: 'no CloudTrail trail exists in us-east-1, eu-west-1' });
  });

  it('passes on a good trail even when another region could not be read', () => {
    const r = run([trail('main')], failed(denied('cloudtrail', 'DescribeTrails', 'eu-west-1')));
    expect(r.status).toBe('PASS');
  });

  it('reports ERROR when no trail passes and a region could not be read', () => {
    const r = run([trail('stopped', { isLogging: ok(false) })], failed(denied('cloudtrail', 'DescribeTrails', 'eu-west-1')));
    expect(r.status).toBe('ERROR');
    expect(r.message).toBe(
      'could not read CloudTrail trails in eu-west-1: AccessDenied: User is not authorized to perform: cloudtrail:DescribeTrails; ' +
        'among the trails that could be read: trail stopped is multi-Region but is not logging. ' +
        'Fix: allow cloudtrail:DescribeTrails for the auditing identity (the AWS managed SecurityAudit policy includes it; where SecurityAudit is attached, a permissions boundary, SCP or resource policy denies it).',
    );
  });

  it('reports ERROR when the only candidate trail has unreadable selectors', () => {
    const org = trail('org-trail', {
      isOrganizationTrail: true,
      arn: 'arn:aws:cloudtrail:us-east-1:999988887777:trail/org-trail',
      managementEvents: failed(denied('cloudtrail', 'GetEventSelectors')),
    });
    const r = run([org]);
    expect(r.status).toBe('ERROR');
    expect(r.message).toContain('could not read GetEventSelectors for organization trail org-trail (owned by account 999988887777): AccessDenied');
    expect(r.message).toContain('among the trails that could be read: organization trail org-trail (owned by account 999988887777) is multi-Region but its event selectors could not be read');
  });

  it('fails without ERROR when the unreadable trail could not pass anyway', () => {
    const r = run([
      trail('stopped', { isLogging: ok(false), managementEvents: failed(denied('cloudtrail', 'GetEventSelectors')) }),
      trail('regional', { isMultiRegion: false, isLogging: failed(denied('cloudtrail', 'GetTrailStatus')) }),
    ]);
    expect(r).toMatchObject({ status: 'FAIL', message: 'trail stopped is multi-Region but is not logging' });
  });

  it('reports ERROR for a region missing from the inventory when nothing passes', () => {
    const inv = inventory({ regions, cloudtrail: { 'us-east-1': { trails: ok([]) } } });
    const [only] = check.evaluate(inv, checkContext());
    expect(only?.status).toBe('ERROR');
    expect(only?.message).toContain('could not read CloudTrail trails in eu-west-1: NotCollected');
  });

  it('counts a trail seen in two regions once', () => {
    const dup = trail('stopped', { isLogging: ok(false) });
    const r = run([dup], [dup, trail('other', { isLogging: ok(false) })]);
    expect(r.message).toBe('trail stopped is multi-Region but is not logging (1 other multi-Region trail falls short too)');
  });
});
