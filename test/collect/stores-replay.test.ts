import { AwsContext } from '../../src/aws/context';
import { DEFAULT_CONFIG } from '../../src/config/types';
import type { FindingsReport } from '../../src/evaluate/finding';
import type { Inventory } from '../../src/inventory/types';
import { runAudit } from '../../src/run-audit';
import { ACCOUNT } from '../support/inventory';
import { mockAccount } from '../support/mock-account';

const STORE_CHECKS = ['elasticache.', 'opensearch.', 'efs.', 'dynamodb.', 'kms.key-rotation'];

describe('caches, search domains, file systems and tables: live over mocked AWS, then replayed', () => {
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
    const run = await runAudit({ source: { kind: 'live', session }, regions: ['us-east-1'], selection: { include: ['dynamodb.pitr'] }, config: DEFAULT_CONFIG });
    // Besides the tags every classified run reads (one GetResources page here), only what dynamodb.pitr needs.
    expect(run.inventory.reads).toEqual(['dynamodb.pitr', 'tagging.resources']);
    expect(session.aws.apiCalls.byOperation()).toMatchObject({ 'dynamodb:ListTables': 1, 'dynamodb:DescribeContinuousBackups': 2 });
    expect(session.aws.apiCalls.byOperation()['dynamodb:DescribeTable']).toBeUndefined();
    expect(mocks.dax?.calls()).toHaveLength(0);
    expect(run.report.findings.map((f) => `${f.resource.id} ${f.status}`).sort()).toEqual(['claims PASS', 'sessions FAIL']);
  });
});
