import { AwsContext } from '../../src/aws/context';
import { DEFAULT_CONFIG } from '../../src/config/types';
import type { FindingsReport } from '../../src/evaluate/finding';
import type { Inventory } from '../../src/inventory/types';
import { runAudit } from '../../src/run-audit';
import { ACCOUNT } from '../support/inventory';
import { DOOMED_KEY, mockAccount } from '../support/mock-account';

const STORE_CHECKS = [
  'elasticache.',
  'opensearch.',
  'efs.',
  'dynamodb.',
  'redshift.',
  'sqs.',
  'sns.',
  'kms.',
  'rds.snapshot-encrypted',
  'rds.deletion-protection',
  'backup.',
];

describe('ePHI stores, keys and backups: live over mocked AWS, then replayed', () => {
  let mocks: ReturnType<typeof mockAccount>;
  beforeEach(() => {
    mocks = mockAccount();
  });

  it('a replay of the saved inventory reproduces the live findings, with no AWS call', async () => {
    const session = { aws: new AwsContext(), accountId: ACCOUNT, partition: 'aws', callerArn: 'x', homeRegion: 'us-east-1' };
    const live = await runAudit({ source: { kind: 'live', session }, selection: { include: STORE_CHECKS }, config: DEFAULT_CONFIG });
    const find = (checkId: string, id: string) => live.report.findings.find((f) => f.checkId === checkId && f.resource.id === id);

    expect(find('elasticache.in-transit-encryption', 'phi-sessions')?.status).toBe('FAIL');
    expect(find('elasticache.in-transit-encryption', 'lookup')?.message).toContain('Memcached supports it only from version 1.6.12');
    expect(find('elasticache.at-rest-encryption', 'lookup')?.status).toBe('PASS');
    expect(find('opensearch.https-required', 'patient-search')?.message).toContain('allows TLSv1 and TLSv1.1');
    // The KMS inventory of the same run tells who manages the domain's key.
    expect(find('opensearch.encrypted-at-rest', 'patient-search')?.message).toContain('the customer managed KMS key');
    expect(find('efs.encrypted', 'fs-0referrals')).toMatchObject({ status: 'FAIL', hipaa: ['164.312(a)(2)(iv)'], controls: ['EFS.1'] });
    expect(find('dynamodb.encryption', 'sessions')?.message).toContain('the AWS owned key');
    expect(find('dynamodb.encryption', 'claims')?.message).toContain('the customer managed KMS key');
    expect(find('dynamodb.encryption', 'claims-cache')?.status).toBe('FAIL');
    expect(find('dynamodb.pitr', 'sessions')?.status).toBe('FAIL');
    expect(find('dynamodb.pitr', 'claims')?.status).toBe('PASS');
    expect(find('redshift.encrypted', 'warehouse')?.status).toBe('PASS');
    expect(find('redshift.encrypted', 'scratch')?.status).toBe('FAIL');
    expect(find('redshift.require-ssl', 'scratch')?.status).toBe('FAIL');
    expect(find('sqs.encrypted', 'intake')?.status).toBe('PASS');
    expect(find('sqs.encrypted', 'scratch')?.status).toBe('FAIL');
    expect(find('sns.encrypted', 'patient-notify')?.status).toBe('PASS');
    expect(find('sns.encrypted', 'alerts')?.status).toBe('FAIL');
    expect(find('rds.snapshot-encrypted', 'patient-db-pre-upgrade')?.status).toBe('PASS');
    expect(find('rds.snapshot-encrypted', 'patient-db-export')?.status).toBe('FAIL');
    expect(find('rds.deletion-protection', 'claims-db')?.status).toBe('PASS');
    expect(find('rds.deletion-protection', 'patient-db')?.status).toBe('FAIL');
    // The key pending deletion names what still uses it, the queue by its alias.
    const doomed = find('kms.keys-not-pending-deletion', DOOMED_KEY);
    expect(doomed?.status).toBe('FAIL');
    for (const user of ['RDS DB snapshot patient-db-pre-upgrade', 'Redshift cluster warehouse', 'SQS queue intake', 'AWS Backup vault Default (3 recovery points)']) {
      expect(doomed?.message).toContain(`${user} in us-east-1`);
    }
    expect(find('kms.keys-not-pending-deletion', 'k-1')?.status).toBe('PASS');
    // The table's backup tag comes from the tagging API alone.
    expect(find('backup.resources-protected', 'claims')?.message).toBe(
      'DynamoDB table claims is in AWS Backup plan phi-daily (selection tagged: tag backup=daily); last backup 2026-05-31T05:00:00.000Z',
    );
    expect(find('backup.resources-protected', 'sessions')?.status).toBe('FAIL');
    expect(find('backup.resources-protected', 'claims-db')?.status).toBe('PASS');
    expect(find('backup.resources-protected', 'fs-0referrals')?.message).toContain('AWS Backup plan scratch-weekly (selection referrals');
    expect(find('backup.plan-retention', 'phi-daily')?.status).toBe('PASS');
    expect(find('backup.plan-retention', 'scratch-weekly')?.status).toBe('FAIL');
    expect(find('backup.vault-locked', 'phi-vault')?.status).toBe('PASS');
    expect(find('backup.vault-locked', 'Default')?.status).toBe('FAIL');
    // eu-west-1 holds nothing, and DAX is not offered there: no ERROR anywhere.
    expect(live.report.findings.filter((f) => f.status === 'ERROR')).toEqual([]);
    expect(live.report.summary.collectionErrors).toBe(0);
    // Bulk reads except DynamoDB's per-table describes: 2 tables, 2 calls each, in the one region that has them.
    expect(live.report.run.apiCalls.byService).toMatchObject({ elasticache: 6, opensearch: 3, efs: 2, dynamodb: 6, dax: 2 });

    const saved = JSON.parse(JSON.stringify(live.inventory)) as Inventory;
    for (const m of Object.values(mocks)) m.reset();
    const replay = await runAudit({ source: { kind: 'inventory', inventory: saved }, selection: { include: STORE_CHECKS }, config: DEFAULT_CONFIG });
    for (const m of Object.values(mocks)) expect(m.calls()).toHaveLength(0);
    const strip = (r: FindingsReport) => r.findings.map(({ id, status, message, resource, region }) => ({ id, status, message, resource, region }));
    expect(strip(replay.report)).toEqual(strip(live.report));
    expect(replay.report.summary).toEqual(live.report.summary);
  });

  it('a scoped run reads only what its checks need: PITR alone makes no DescribeTable call and no DAX call', async () => {
    const session = { aws: new AwsContext(), accountId: ACCOUNT, partition: 'aws', callerArn: 'x', homeRegion: 'us-east-1' };
    const released = jest.spyOn(session.aws, 'releaseClients');
    const run = await runAudit({ source: { kind: 'live', session }, regions: ['us-east-1'], selection: { include: ['dynamodb.pitr'] }, config: DEFAULT_CONFIG });
    // Collection's clients are let go before the report is built.
    expect(released).toHaveBeenCalledTimes(1);
    // Besides the tags every classified run reads (one GetResources page here), only what dynamodb.pitr needs.
    expect(run.inventory.reads).toEqual(['dynamodb.pitr', 'tagging.resources']);
    expect(session.aws.apiCalls.byOperation()).toMatchObject({ 'dynamodb:ListTables': 1, 'dynamodb:DescribeContinuousBackups': 2 });
    expect(session.aws.apiCalls.byOperation()['dynamodb:DescribeTable']).toBeUndefined();
    expect(mocks.dax?.calls()).toHaveLength(0);
    expect(run.report.findings.map((f) => `${f.resource.id} ${f.status}`).sort()).toEqual(['claims PASS', 'sessions FAIL']);
  });
});
