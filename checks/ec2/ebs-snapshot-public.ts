import type { Check, CheckResult } from '../../src/evaluate/types';
import type { EbsSnapshot } from '../../src/inventory/ec2';
import type { Read } from '../../src/inventory/read';
import { accountResource, eachRegion, fail, pass, withRead, readOf } from '../../src/evaluate/results';

function name(snapshot: EbsSnapshot): string {
  const tag = snapshot.tags.Name ? ` (${snapshot.tags.Name})` : '';
  const of = snapshot.volumeId ? ` of ${snapshot.volumeId}` : '';
  return `snapshot ${snapshot.snapshotId}${tag}${of}`;
}

function judge(snapshot: EbsSnapshot, region: string, blockState: Read<string>): CheckResult {
  const resource = { type: 'Other', id: snapshot.snapshotId, arn: snapshot.arn };
  if (!snapshot.public) {
    return pass(region, resource, `${name(snapshot)} is not shared publicly`);
  }
  if (blockState.ok && blockState.value === 'block-all-sharing') {
    return pass(
      region,
      resource,
      `${name(snapshot)} is shared with all AWS accounts, but block public access for snapshots (block-all-sharing) in ` +
        `${region} keeps it private; it becomes public again if that setting is relaxed, so remove the public permission`,
    );
  }
  // Only unencrypted snapshots can be shared publicly, so a public one is readable by anyone.
  const content = snapshot.encrypted ? '' : '; it is unencrypted, so anyone can read its data';
  const unknown = blockState.ok ? '' : ` (block public access state unknown: ${blockState.error.code})`;
  return fail(region, resource, `${name(snapshot)} can be restored by every AWS account${content}${unknown}`);
}

const check: Check = {
  id: 'ec2.ebs-snapshot-public',
  title: 'EBS snapshots are not public',
  severity: 'critical',
  hipaa: ['164.312(a)(1)', '164.308(a)(3)(i)'],
  controls: ['EC2.1'],
  description:
    'A snapshot whose create-volume permission includes the group "all" can be restored into a volume by any AWS ' +
    'account in the world. Public snapshots are always unencrypted, so a snapshot of a disk that held ePHI is a full ' +
    'disclosure. Snapshots kept private by block public access in block-all-sharing mode pass, with a note.',
  remediation: {
    text:
      'Remove the public permission: EC2 console > Snapshots > (snapshot) > Actions > Snapshot settings > Modify ' +
      'permissions > Private, or `aws ec2 modify-snapshot-attribute --snapshot-id <snap> --attribute ' +
      'createVolumePermission --operation-type remove --group-names all`. Then enable block public access for ' +
      'snapshots (`aws ec2 enable-snapshot-block-public-access --state block-all-sharing`) in every region, and treat ' +
      'the data as possibly disclosed under the breach notification rule.',
    url: 'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-modifying-snapshot-permissions.html',
  },
  reads: ['ec2.snapshots', 'ec2.snapshotBlockPublicAccess'],
  evaluate(inventory) {
    const account = accountResource(inventory);
    return eachRegion(inventory, 'ec2', inventory.ec2, (data, region) =>
      withRead(data.snapshots, region, account, (snapshots) =>
        snapshots.map((s) => judge(s, region, readOf(data.snapshotBlockPublicAccess, 'ec2', region, 'GetSnapshotBlockPublicAccessState'))),
      ),
    );
  },
};

export default check;
