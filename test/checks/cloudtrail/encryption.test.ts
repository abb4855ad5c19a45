import check from '../../../checks/cloudtrail/encryption';
import { checkContext, denied, failed, inventory, ok, statuses } from '../../support/inventory';
import { trail } from '../../support/builders/cloudtrail';

const regions = ['us-east-1', 'eu-west-1'];
const KEY = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

describe('cloudtrail.encryption', () => {
  it('passes a trail with a KMS key, naming it, and fails one without', () => {
    const inv = inventory({
      regions,
      cloudtrail: {
        'us-east-1': { trails: ok([trail('org-trail')]) },
        'eu-west-1': { trails: ok([trail('eu-claims', { homeRegion: 'eu-west-1', isMultiRegion: false, kmsKeyId: KEY })]) },
      },
    });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ 'us-east-1/org-trail': 'FAIL', 'eu-west-1/eu-claims': 'PASS' });
    expect(results[0]?.message).toBe(
      "trail org-trail has no KMS key: its logs in bucket org-trail-logs get only the bucket's default encryption (SSE-S3 unless the bucket defaults to SSE-KMS)",
    );
    expect(results[1]?.message).toBe(`trail eu-claims encrypts its logs in bucket eu-claims-logs with KMS key ${KEY}`);
    expect(results[1]?.resource).toEqual({ type: 'AwsCloudTrailTrail', id: 'eu-claims', arn: 'arn:aws:cloudtrail:eu-west-1:111122223333:trail/eu-claims' });
  });

  it('keeps the same resource for a trail whether it passes or fails', () => {
    const before = check.evaluate(inventory({ cloudtrail: { 'us-east-1': { trails: ok([trail('t')]) } } }), checkContext())[0];
    const after = check.evaluate(inventory({ cloudtrail: { 'us-east-1': { trails: ok([trail('t', { kmsKeyId: KEY })]) } } }), checkContext())[0];
    expect(before?.status).toBe('FAIL');
    expect(after?.status).toBe('PASS');
    expect(after?.resource).toEqual(before?.resource);
  });

  it('says where to fix an organization trail owned by another account', () => {
    const org = trail('org-trail', { isOrganizationTrail: true, arn: 'arn:aws:cloudtrail:us-east-1:999988887777:trail/org-trail' });
    const [only] = check.evaluate(inventory({ cloudtrail: { 'us-east-1': { trails: ok([org]) } } }), checkContext());
    expect(only?.message).toMatch(/^organization trail org-trail \(owned by account 999988887777\) has no KMS key: .*\(fix it in account 999988887777\)$/);
  });

  it('de-duplicates a trail listed in two regions by ARN', () => {
    const t = trail('dup', { kmsKeyId: KEY });
    const inv = inventory({ regions, cloudtrail: { 'us-east-1': { trails: ok([t]) }, 'eu-west-1': { trails: ok([t]) } } });
    expect(check.evaluate(inv, checkContext())).toHaveLength(1);
  });

  it('reports ERROR for unreadable or missing regions', () => {
    const inv = inventory({ regions, cloudtrail: { 'us-east-1': { trails: failed(denied('cloudtrail', 'DescribeTrails')) } } });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ 'us-east-1/111122223333': 'ERROR', 'eu-west-1/111122223333': 'ERROR' });
    expect(results[0]?.message).toContain('AccessDenied');
  });
});
