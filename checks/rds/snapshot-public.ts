import type { Check, CheckResult } from '../../src/evaluate/types';
import { fail, pass, unreadable, readOf } from '../../src/evaluate/results';
import type { DbSnapshot } from '../../src/inventory/types';
import { eachSnapshot, snapshotName, snapshotResource } from './databases';

const check: Check = {
  id: 'rds.snapshot-public',
  title: 'RDS DB and cluster snapshots are not public',
  severity: 'critical',
  hipaa: ['164.312(a)(1)'],
  controls: ['RDS.1'],
  description:
    'A manual snapshot whose restore attribute includes "all" can be copied and restored by any AWS account: a full ' +
    'copy of the database, ePHI included, is public. Every manual DB snapshot and DB cluster snapshot is checked ' +
    '(automated snapshots cannot be shared); sharing with named accounts is reported but not failed.',
  remediation: {
    text:
      'Make the snapshot private: RDS console > Snapshots > <snapshot> > Actions > Share snapshot > Private, or ' +
      '`aws rds modify-db-snapshot-attribute --db-snapshot-identifier <id> --attribute-name restore --values-to-remove all` ' +
      '(`modify-db-cluster-snapshot-attribute --db-cluster-snapshot-identifier <id>` for cluster snapshots). Share with ' +
      'specific account ids only where needed, and prefer encrypted snapshots, which cannot be made public.',
    url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ShareSnapshot.html',
  },
  reads: ['rds.snapshots', 'rds.snapshotAttributes'],
  evaluate(inventory) {
    return eachSnapshot(inventory, judge);
  },
};

function judge(s: DbSnapshot, region: string): CheckResult {
  const resource = snapshotResource(s);
  const name = snapshotName(s);
  const restorableBy = readOf(s.restorableBy, 'rds', region, s.kind === 'cluster' ? 'DescribeDBClusterSnapshotAttributes' : 'DescribeDBSnapshotAttributes');
  if (!restorableBy.ok) return unreadable(region, resource, restorableBy.error, `the sharing attributes of ${name}`);
  const sharedWith = restorableBy.value;
  if (sharedWith.includes('all')) {
    const plain = s.encrypted ? '' : ', and it is unencrypted';
    return fail(region, resource, `manual ${name} is public: any AWS account can copy and restore it${plain}`);
  }
  if (sharedWith.length === 0) return pass(region, resource, `manual ${name} is not shared with any other account`);
  const accounts = sharedWith.length === 1 ? 'account' : 'accounts';
  return pass(region, resource, `manual ${name} is not public; it is shared only with ${accounts} ${sharedWith.join(', ')}`);
}

export default check;
