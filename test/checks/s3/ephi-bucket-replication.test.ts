import check from '../../../checks/s3/ephi-bucket-replication';
import type { Inventory, ReplicationRule, S3Bucket } from '../../../src/inventory/types';
import { bucket, s3 } from '../../support/builders/s3';
import { PHI, tagged, tagging } from '../../support/builders/tagging';
import { checkContext, denied, failed, inventory, ok } from '../../support/inventory';

const rule = (destinationBucket: string, extra: Partial<ReplicationRule> = {}): ReplicationRule => ({ id: 'r1', status: 'Enabled', filter: {}, destinationBucket: `arn:aws:s3:::${destinationBucket}`, ...extra });
const replicating = (name: string, ...rules: ReplicationRule[]): S3Bucket => bucket(name, { replication: ok({ rules }) });

/** The buckets, every one tagged ePHI unless listed in `plain`; tags read in us-east-1 and eu-west-1. */
function inv(buckets: S3Bucket[], plain: string[] = []): Inventory {
  return inventory({
    regions: ['us-east-1', 'eu-west-1'],
    s3: s3(buckets),
    tagging: tagging({
      'us-east-1': buckets.filter((b) => !plain.includes(b.name) && b.region === 'us-east-1').map((b) => tagged(b.arn, PHI)),
      'eu-west-1': buckets.filter((b) => !plain.includes(b.name) && b.region === 'eu-west-1').map((b) => tagged(b.arn, PHI)),
    }),
  });
}
const run = (i: Inventory) => check.evaluate(i, checkContext());
const verdicts = (i: Inventory) => run(i).map((r) => [r.resource.id, r.status, r.message]);

describe('s3.ephi-bucket-replication', () => {
  it('has the exact metadata', () => {
    expect(check).toMatchObject({
      id: 's3.ephi-bucket-replication',
      severity: 'medium',
      hipaa: ['164.308(a)(7)(ii)(B)', '164.308(a)(7)(ii)(C)'],
      controls: [],
      reads: ['s3.buckets', 's3.bucketReplication', 'tagging.resources'],
      ephiOnly: true,
    });
  });

  it('passes replication of every object to another region (a listed bucket) or another account (named in the rule)', () => {
    const results = verdicts(
      inv([
        replicating('phi-a', rule('dr-eu')),
        bucket('dr-eu', { region: 'eu-west-1', replication: ok(null) }),
        replicating('phi-b', rule('partner-dr', { destinationAccount: '444455556666' })),
      ], ['dr-eu']),
    );
    expect(results).toEqual([
      ['phi-a', 'PASS', 'bucket phi-a (ePHI by tag data-classification=phi) replicates every object to bucket dr-eu in eu-west-1 (rule r1)'],
      ['phi-b', 'PASS', 'bucket phi-b (ePHI by tag data-classification=phi) replicates every object to bucket partner-dr in account 444455556666 (rule r1)'],
    ]);
  });

  it('passes a destination that is none of the account’s buckets in the audited regions: another account or region either way', () => {
    const [r] = run(inv([replicating('phi', rule('somewhere-else'))]));
    expect(r?.status).toBe('PASS');
    expect(r?.message).toContain('bucket somewhere-else, which is not one of this account\'s buckets in the audited regions (so in another account or region than us-east-1)');
  });

  it('fails no replication, disabled rules, same-region copies, and copies of part of the objects', () => {
    const results = verdicts(
      inv(
        [
          bucket('none', { replication: ok(null) }),
          replicating('disabled', rule('dr-eu', { status: 'Disabled' })),
          replicating('same', rule('backup-same')),
          replicating('partial', rule('dr-eu', { filter: { prefix: 'scans/' } }), rule('backup-same')),
          replicating('excludes', rule('dr-eu', { filter: { excludes: true } })),
          bucket('backup-same', { replication: ok(null) }),
          bucket('dr-eu', { region: 'eu-west-1', replication: ok(null) }),
        ],
        ['backup-same', 'dr-eu'],
      ),
    );
    expect(results).toEqual([
      ['none', 'FAIL', 'bucket none (ePHI by tag data-classification=phi) has no replication configured: its only copy is in us-east-1'],
      ['disabled', 'FAIL', 'bucket disabled (ePHI by tag data-classification=phi) has 1 replication rule(s), none enabled'],
      ['same', 'FAIL', 'bucket same (ePHI by tag data-classification=phi) replicates only within its own account and region (bucket backup-same in the same account and region (us-east-1)): a regional outage takes every copy'],
      ['partial', 'FAIL', "bucket partial (ePHI by tag data-classification=phi) replicates to another region or account only objects matching prefix 'scans/' (to bucket dr-eu in eu-west-1): other objects have no copy there"],
      ['excludes', 'FAIL', 'bucket excludes (ePHI by tag data-classification=phi) replicates to another region or account only objects matching with exclusions (Not) (to bucket dr-eu in eu-west-1): other objects have no copy there'],
    ]);
  });

  it('judges only ePHI buckets: the others yield nothing', () => {
    expect(run(inv([bucket('plain', { replication: ok(null) })], ['plain']))).toEqual([]);
  });

  it('ERROR when the replication read failed, the bucket’s tags could not be read, or the destination could not be located', () => {
    const i = inventory({
      regions: ['us-east-1', 'eu-west-1'],
      s3: s3([
        bucket('denied', { replication: failed(denied('s3', 'GetBucketReplication')) }),
        bucket('eu-untagged', { region: 'eu-west-1', replication: ok(null) }),
        replicating('to-hidden', rule('hidden')),
        bucket('hidden', { region: 'global', replication: failed({ service: 's3', region: 'global', operation: 'GetBucketLocation', code: 'AccessDenied', message: 'no s3:GetBucketLocation' }) }),
      ]),
      tagging: tagging({ 'us-east-1': [tagged('arn:aws:s3:::denied', PHI), tagged('arn:aws:s3:::to-hidden', PHI)], 'eu-west-1': denied('tagging', 'GetResources', 'eu-west-1') }),
    });
    const results = run(i);
    expect(results.map((r) => [r.resource.id, r.status])).toEqual([
      ['denied', 'ERROR'],
      ['eu-untagged', 'ERROR'],
      ['to-hidden', 'ERROR'],
      ['hidden', 'ERROR'],
    ]);
    expect(results[0]?.message).toMatch(/^could not read the replication configuration of bucket denied: AccessDenied/);
    expect(results[1]?.message).toMatch(/^could not read the tags of bucket eu-untagged, so whether it holds ePHI: AccessDenied: .*Fix: allow tag:GetResources/);
    expect(results[2]?.message).toMatch(/^could not read the region of bucket hidden, where bucket to-hidden .* replicates: AccessDenied: no s3:GetBucketLocation\. Fix: allow s3:GetBucketLocation/);
    // The unlocated bucket itself: its tags cannot be looked up without its region.
    expect(results[3]?.message).toContain('could not read the tags of bucket hidden');
  });

  it('ERROR for the check when the inventory holds no bucket list', () => {
    expect(run(inventory({ tagging: tagging({ 'us-east-1': [] }) }))).toEqual([expect.objectContaining({ status: 'ERROR', resource: expect.objectContaining({ type: 'AwsAccount' }) })]);
  });
});
