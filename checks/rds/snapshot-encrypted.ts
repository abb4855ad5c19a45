import type { Check, CheckResult } from '../../src/evaluate/types';
import { fail, pass } from '../../src/evaluate/results';
import type { DbSnapshot } from '../../src/inventory/types';
import { eachSnapshot, snapshotName, snapshotResource } from './databases';

const check: Check = {
  id: 'rds.snapshot-encrypted',
  title: 'Manual RDS DB and cluster snapshots are encrypted',
  severity: 'high',
  hipaa: ['164.312(a)(2)(iv)'],
  controls: ['RDS.4'],
  description:
    'A manual snapshot is a full copy of a database, ePHI included, kept until someone deletes it, often long after ' +
    'the database is gone. An unencrypted one can be copied, shared with another account or made public and restored ' +
    'there without any KMS key permission standing in the way. Every manual DB snapshot and DB cluster snapshot is ' +
    'checked; automated snapshots follow their database, judged by rds.storage-encrypted.',
  remediation: {
    text:
      'A snapshot cannot be encrypted in place: copy it with a KMS key (`aws rds copy-db-snapshot ' +
      '--source-db-snapshot-identifier <snap> --target-db-snapshot-identifier <snap>-enc --kms-key-id <key>`, or ' +
      '`aws rds copy-db-cluster-snapshot ... --kms-key-id <key>` for a cluster snapshot), check the copy, then delete the ' +
      'unencrypted one (`aws rds delete-db-snapshot --db-snapshot-identifier <snap>`). Encrypt the source database too, ' +
      'or its next snapshots will be unencrypted again.',
    url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_CopySnapshot.html',
  },
  reads: ['rds.snapshots'],
  evaluate(inventory) {
    return eachSnapshot(inventory, judge);
  },
};

function judge(s: DbSnapshot, region: string): CheckResult {
  const resource = snapshotResource(s);
  const name = `manual ${snapshotName(s)}`;
  return s.encrypted ? pass(region, resource, `${name} is encrypted`) : fail(region, resource, `${name} is not encrypted`);
}

export default check;
