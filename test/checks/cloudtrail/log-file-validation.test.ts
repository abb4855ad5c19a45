import check from '../../../checks/cloudtrail/log-file-validation';
import { checkContext, denied, failed, inventory, ok, statuses } from '../../support/inventory';
import { trail } from '../../support/builders/cloudtrail';

const regions = ['us-east-1', 'eu-west-1'];

describe('cloudtrail.log-file-validation', () => {
  it('passes a validating trail and fails one without validation, per trail in its home region', () => {
    const inv = inventory({
      regions,
      cloudtrail: {
        'us-east-1': { trails: ok([trail('phi-audit')]) },
        'eu-west-1': { trails: ok([trail('eu-claims', { homeRegion: 'eu-west-1', isMultiRegion: false, logFileValidationEnabled: false, s3BucketName: 'eu-claims-logs' })]) },
      },
    });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ 'us-east-1/phi-audit': 'PASS', 'eu-west-1/eu-claims': 'FAIL' });
    expect(results[0]?.message).toBe('trail phi-audit delivers signed digest files, so tampering with its logs in bucket phi-audit-logs can be detected');
    expect(results[1]?.message).toBe('trail eu-claims has log file validation disabled: changes to its logs in bucket eu-claims-logs cannot be detected');
    expect(results[1]?.resource).toEqual({ type: 'AwsCloudTrailTrail', id: 'eu-claims', arn: 'arn:aws:cloudtrail:eu-west-1:111122223333:trail/eu-claims' });
  });

  it('says where to fix an organization trail owned by another account', () => {
    const org = trail('org-trail', {
      isOrganizationTrail: true,
      logFileValidationEnabled: false,
      arn: 'arn:aws:cloudtrail:us-east-1:999988887777:trail/org-trail',
    });
    const [only] = check.evaluate(inventory({ cloudtrail: { 'us-east-1': { trails: ok([org]) } } }), checkContext());
    expect(only?.status).toBe('FAIL');
    expect(only?.message).toContain('organization trail org-trail (owned by account 999988887777) has log file validation disabled');
    expect(only?.message).toContain('(fix it in account 999988887777)');
  });

  it('judges a trail seen in two regions once, in its home region', () => {
    const foreign = trail('org-trail', { homeRegion: 'us-west-2', logFileValidationEnabled: false });
    const inv = inventory({ regions, cloudtrail: { 'us-east-1': { trails: ok([foreign]) }, 'eu-west-1': { trails: ok([foreign]) } } });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ 'us-west-2/org-trail': 'FAIL' });
  });

  it('reports ERROR for a region whose trails could not be read', () => {
    const inv = inventory({
      regions,
      cloudtrail: { 'us-east-1': { trails: ok([trail('phi-audit')]) }, 'eu-west-1': { trails: failed(denied('cloudtrail', 'DescribeTrails', 'eu-west-1')) } },
    });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ 'us-east-1/phi-audit': 'PASS', 'eu-west-1/111122223333': 'ERROR' });
    expect(results[1]?.message).toBe('could not read CloudTrail trails in eu-west-1: AccessDenied: User is not authorized to perform: cloudtrail:DescribeTrails. Fix: allow cloudtrail:DescribeTrails for the auditing identity (the AWS managed SecurityAudit policy includes it; where SecurityAudit is attached, a permissions boundary, SCP or resource policy denies it).');
  });

  it('yields nothing for a region without trails (cloudtrail.multi-region covers that)', () => {
    expect(check.evaluate(inventory({ cloudtrail: { 'us-east-1': { trails: ok([]) } } }), checkContext())).toEqual([]);
  });
});
