import check from '../../../checks/cloudtrail/s3-data-events';
import type { S3DataEvents, S3DataScope, Trail } from '../../../src/inventory/cloudtrail';
import type { Read } from '../../../src/inventory/read';
import { trail } from '../../support/builders/cloudtrail';
import { checkContext, denied, failed, inventory, ok } from '../../support/inventory';

const regions = ['us-east-1', 'eu-west-1'];
type Trails = Trail[] | Read<Trail[]>;

const run = (east: Trails, west: Trails = []) => {
  const read = (x: Trails): Read<Trail[]> => (Array.isArray(x) ? ok(x) : x);
  const inv = inventory({ regions, cloudtrail: { 'us-east-1': { trails: read(east) }, 'eu-west-1': { trails: read(west) } } });
  const results = check.evaluate(inv, checkContext());
  expect(results).toHaveLength(1);
  expect(results[0]).toMatchObject({ region: 'global', resource: { type: 'AwsAccount', id: '111122223333' } });
  return results[0]!;
};

const ALL: S3DataScope = { buckets: 'all' };
const events = (read: S3DataScope, write: S3DataScope = read): Read<S3DataEvents> => ok({ read, write });
const ORG_ARN = 'arn:aws:cloudtrail:us-east-1:999988887777:trail/org-trail';

describe('cloudtrail.s3-data-events', () => {
  it('passes a logging multi-Region trail recording read and write data events for every bucket', () => {
    const r = run([trail('main', { s3DataEvents: events(ALL) })]);
    expect(r).toMatchObject({ status: 'PASS', message: 'trail main is multi-Region, logging, and records S3 data events, read and write, for every bucket' });
  });

  it('passes an organization trail seen from a member account whose selectors could be read', () => {
    const org = trail('org-trail', { arn: ORG_ARN, isOrganizationTrail: true, s3DataEvents: events(ALL) });
    expect(run([org]).message).toContain('organization trail org-trail (owned by account 999988887777) is multi-Region, logging');
  });

  it('is an ERROR for an organization trail whose selectors a member account cannot read', () => {
    const error = { service: 'cloudtrail', region: 'us-east-1', operation: 'GetEventSelectors', code: 'TrailNotFoundException', message: 'Unknown trail: org-trail for the user: 111122223333' };
    const r = run([trail('org-trail', { arn: ORG_ARN, isOrganizationTrail: true, s3DataEvents: failed(error) })]);
    expect(r.status).toBe('ERROR');
    expect(r.message).toContain(
      'could not read GetEventSelectors for organization trail org-trail (owned by account 999988887777): TrailNotFoundException: Unknown trail: org-trail for the user: 111122223333',
    );
    expect(r.message).toMatch(/\. Fix: [^.]+/);
  });

  it('tolerates an advanced selector that leaves out only a trail log bucket, and names it', () => {
    const scope: S3DataScope = { buckets: 'all-except', except: ['arn:aws:s3:::main-logs/'] };
    const r = run([trail('main', { s3DataEvents: events(scope) })]);
    expect(r).toMatchObject({ status: 'PASS', message: expect.stringContaining('for every bucket (except the log bucket prefix arn:aws:s3:::main-logs/)') });
  });

  it('fails an exclusion beyond the log buckets, including a prefix that would also match other buckets', () => {
    const other = run([trail('main', { s3DataEvents: events({ buckets: 'all-except', except: ['arn:aws:s3:::phi-claims/'] }) })]);
    expect(other.status).toBe('FAIL');
    expect(other.message).toBe(
      'trail main is multi-Region but records read data events (GetObject...) for every bucket except arn:aws:s3:::phi-claims/ ' +
        'and records write data events (PutObject, DeleteObject...) for every bucket except arn:aws:s3:::phi-claims/',
    );
    // `main-logs` without the slash is a prefix of `main-logs-phi` too.
    expect(run([trail('main', { s3DataEvents: events({ buckets: 'all-except', except: ['arn:aws:s3:::main-logs'] }) })]).status).toBe('FAIL');
  });

  it('fails a trail recording only write events, or only some buckets', () => {
    const writeOnly = run([trail('main', { s3DataEvents: events({ buckets: 'none' }, ALL) })]);
    expect(writeOnly).toMatchObject({ status: 'FAIL', message: 'trail main is multi-Region but records read data events (GetObject...) for no bucket' });
    const some = run([trail('main', { s3DataEvents: events({ buckets: 'some', only: ['arn:aws:s3:::phi-claims/'] }) })]);
    expect(some.message).toContain('records read data events (GetObject...) only for arn:aws:s3:::phi-claims/');
  });

  it('fails a multi-Region trail recording everything but not logging', () => {
    const r = run([trail('main', { isLogging: ok(false), s3DataEvents: events(ALL) })]);
    expect(r).toMatchObject({ status: 'FAIL', message: 'trail main is multi-Region but is not logging' });
  });

  it('fails when only a single-Region trail records data events (S3.22/S3.23 ask for a multi-Region trail)', () => {
    const r = run([trail('main')], [trail('eu', { homeRegion: 'eu-west-1', isMultiRegion: false, s3DataEvents: events(ALL) })]);
    expect(r).toMatchObject({ status: 'FAIL', message: 'trail main is multi-Region but records read data events (GetObject...) for no bucket and records write data events (PutObject, DeleteObject...) for no bucket' });
    const none = run([], [trail('eu', { homeRegion: 'eu-west-1', isMultiRegion: false, s3DataEvents: events(ALL) })]);
    expect(none.message).toBe('no trail is multi-Region (eu covers only eu-west-1), so S3 object access in other Regions is not recorded');
  });

  it('passes on one trail while another could not be read; an ERROR when nothing read passes', () => {
    const unread = trail('other', { s3DataEvents: failed(denied('cloudtrail', 'GetEventSelectors')) });
    expect(run([unread, trail('main', { s3DataEvents: events(ALL) })]).status).toBe('PASS');
    const r = run([unread, trail('main')]);
    expect(r.status).toBe('ERROR');
    expect(r.message).toContain('could not read GetEventSelectors for trail other: AccessDenied');
    expect(r.message).toContain('among the trails that could be read: trail main is multi-Region but records read data events (GetObject...) for no bucket');
  });

  it('is an ERROR when the logging status could not be read for a trail that records everything', () => {
    const r = run([trail('main', { isLogging: failed(denied('cloudtrail', 'GetTrailStatus')), s3DataEvents: events(ALL) })]);
    expect(r).toMatchObject({ status: 'ERROR', message: expect.stringMatching(/^could not read GetTrailStatus for trail main: AccessDenied: User is not authorized to perform: cloudtrail:GetTrailStatus\. Fix: allow cloudtrail:GetTrailStatus /) });
  });

  it('fails a known shortfall even when another part of the trail could not be read', () => {
    const r = run([trail('main', { isLogging: failed(denied('cloudtrail', 'GetTrailStatus')), s3DataEvents: events({ buckets: 'none' }) })]);
    expect(r.status).toBe('FAIL');
  });
});
