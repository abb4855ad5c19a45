import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateDBClusterCommand,
  CreateDBClusterParameterGroupCommand,
  CreateDBInstanceCommand,
  CreateDBParameterGroupCommand,
  CreateDBProxyCommand,
  CreateDBSnapshotCommand,
  ModifyDBClusterParameterGroupCommand,
  ModifyDBParameterGroupCommand,
  RDSClient,
} from '@aws-sdk/client-rds';
import { CreateSubnetCommand, CreateVpcCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  CreateClusterCommand,
  CreateClusterParameterGroupCommand,
  RedshiftClient,
} from '@aws-sdk/client-redshift';
import { main } from '../../src/cli/main';
import type { FindingsReport } from '../../src/evaluate/finding';
import { startEmulator, type Emulator } from '../support/emulator';

/**
 * The RDS (and Redshift) path over real HTTP: the SDK's query-protocol serialisation and XML parsing, pagination and the
 * parameter-name filter, against moto on loopback (test/support/emulator). The account is seeded with the SDK,
 * then audited through --endpoint-url exactly as a user would.
 */
jest.setTimeout(120_000);

describe('the RDS and Redshift checks against a local emulator', () => {
  let emu: Emulator;
  const saved = { ...process.env };
  const credentials = { accessKeyId: 'AKIALOCAL', secretAccessKey: 'local' };

  beforeAll(async () => {
    emu = await startEmulator();
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey });
    const rds = new RDSClient({ region: 'us-east-1', endpoint: emu.url, credentials });
    await rds.send(new CreateDBParameterGroupCommand({ DBParameterGroupName: 'phi-pg14', DBParameterGroupFamily: 'postgres14', Description: 'TLS only' }));
    await rds.send(
      new ModifyDBParameterGroupCommand({
        DBParameterGroupName: 'phi-pg14',
        Parameters: [{ ParameterName: 'rds.force_ssl', ParameterValue: '1', ApplyMethod: 'immediate' }],
      }),
    );
    const instance = (id: string, version: string, extra: Record<string, unknown>) =>
      rds.send(
        new CreateDBInstanceCommand({
          DBInstanceIdentifier: id,
          DBInstanceClass: 'db.t4g.micro',
          Engine: 'postgres',
          EngineVersion: version,
          AllocatedStorage: 20,
          MasterUsername: 'admin_user',
          MasterUserPassword: 'not-a-real-password-1',
          ...extra,
        }),
      );
    await instance('ehr', '14.10', { DBParameterGroupName: 'phi-pg14', DeletionProtection: true, StorageEncrypted: true });
    await instance('ehr-reporting', '14.10', { DBParameterGroupName: 'phi-pg14', DeletionProtection: true, StorageEncrypted: true });
    await instance('portal', '13.15', {});
    await instance('intake', '16.3', { DeletionProtection: true });
    await rds.send(new CreateDBSnapshotCommand({ DBInstanceIdentifier: 'portal', DBSnapshotIdentifier: 'portal-export' }));
    await rds.send(new CreateDBClusterParameterGroupCommand({ DBClusterParameterGroupName: 'claims-tls', DBParameterGroupFamily: 'aurora-mysql8.0', Description: 'TLS only' }));
    await rds.send(
      new ModifyDBClusterParameterGroupCommand({
        DBClusterParameterGroupName: 'claims-tls',
        Parameters: [{ ParameterName: 'require_secure_transport', ParameterValue: 'ON', ApplyMethod: 'immediate' }],
      }),
    );
    await rds.send(
      new CreateDBClusterCommand({
        DBClusterIdentifier: 'claims',
        Engine: 'aurora-mysql',
        EngineVersion: '8.0.mysql_aurora.3.05.2',
        DBClusterParameterGroupName: 'claims-tls',
        MasterUsername: 'admin_user',
        MasterUserPassword: 'not-a-real-password-1',
        StorageEncrypted: true,
        DeletionProtection: false,
      }),
    );
    // A proxy lives in subnets that must exist.
    const ec2 = new EC2Client({ region: 'us-east-1', endpoint: emu.url, credentials });
    const vpc = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }));
    const subnets = await Promise.all(
      ['10.0.1.0/24', '10.0.2.0/24'].map((CidrBlock) => ec2.send(new CreateSubnetCommand({ VpcId: vpc.Vpc?.VpcId, CidrBlock }))),
    );
    ec2.destroy();
    await rds.send(
      new CreateDBProxyCommand({
        DBProxyName: 'portal-proxy',
        EngineFamily: 'POSTGRESQL',
        Auth: [{ AuthScheme: 'SECRETS', SecretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:portal-AbCdEf', IAMAuth: 'DISABLED' }],
        RoleArn: 'arn:aws:iam::123456789012:role/portal-proxy',
        VpcSubnetIds: subnets.map((s) => s.Subnet?.SubnetId ?? ''),
        RequireTLS: false,
      }),
    );
    rds.destroy();
  });

  afterAll(async () => {
    process.env = saved;
    await emu?.stop();
  });

  /** Runs the CLI against the emulator with these checks; the report it wrote. */
  async function audit(checks: string): Promise<{ code: number; err: string; report: FindingsReport }> {
    const dir = join(mkdtempSync(join(tmpdir(), 'emu-rds-')), 'run');
    let err = '';
    const code = await main(['--endpoint-url', emu.url, '--region', 'us-east-1', '--regions', 'us-east-1', '--checks', checks, '--output-dir', dir, '--quiet'], {
      stdout: { write: () => undefined, isTTY: false },
      stderr: { write: (s) => void (err += s), isTTY: false },
    });
    return { code, err, report: JSON.parse(readFileSync(join(dir, 'findings.json'), 'utf8')) as FindingsReport };
  }

  it('audits instances, parameter groups and snapshots read over HTTP', async () => {
    const { code, err, report } = await audit('rds.');
    expect(err).toBe('');
    expect(code).toBe(0); // no --fail-on: findings do not fail the run
    const of = (checkId: string) => report.findings.filter((f) => f.checkId === checkId).map((f) => [f.resource.id, f.status, f.message]);

    expect(of('rds.tls-required')).toEqual([
      ['ehr', 'PASS', 'DB instance ehr (postgres 14.10) refuses connections without TLS: rds.force_ssl = 1 in DB parameter group phi-pg14 (source: user)'],
      ['ehr-reporting', 'PASS', expect.stringContaining('rds.force_ssl = 1 in DB parameter group phi-pg14')],
      [
        'portal',
        'FAIL',
        'DB instance portal (postgres 13.15) accepts connections without TLS: rds.force_ssl = 0, the RDS for PostgreSQL default before version 15, which applies since DB parameter group default.postgres13 does not set it',
      ],
      ['intake', 'PASS', expect.stringContaining('rds.force_ssl = 1, the RDS for PostgreSQL 15+ default, which applies since DB parameter group default.postgres16')],
      ['claims', 'PASS', expect.stringContaining('require_secure_transport = ON in DB cluster parameter group claims-tls')],
      ['portal-proxy', 'FAIL', 'RDS Proxy portal-proxy (POSTGRESQL) accepts client connections without TLS (RequireTLS is false)'],
    ]);
    expect(of('rds.deletion-protection').map(([id, status]) => [id, status])).toEqual([
      ['ehr', 'PASS'],
      ['ehr-reporting', 'PASS'],
      ['portal', 'FAIL'],
      ['intake', 'PASS'],
      ['claims', 'FAIL'],
    ]);
    expect(of('rds.snapshot-encrypted')).toEqual([['portal-export', 'FAIL', 'manual DB snapshot portal-export (of portal) is not encrypted']]);
    // The checks that were there before read the same answers as ever.
    expect(of('rds.storage-encrypted').map(([id, status]) => [id, status])).toEqual([
      ['ehr', 'PASS'],
      ['ehr-reporting', 'PASS'],
      ['portal', 'FAIL'],
      ['intake', 'FAIL'],
      ['claims', 'PASS'],
    ]);
    expect(report.findings.filter((f) => f.status === 'ERROR')).toEqual([]);
    // Four instances on three parameter groups: three DescribeDBParameters series, not four. In all: the instance,
    // cluster, snapshot, cluster snapshot and proxy listings, one snapshot's attributes, three parameter series
    // and one cluster parameter series.
    expect(report.run.apiCalls.byService.rds).toBe(10);
  });

  it('audits Redshift clusters and their require_ssl over HTTP', async () => {
    const redshift = new RedshiftClient({ region: 'us-east-1', endpoint: emu.url, credentials });
    await redshift.send(new CreateClusterParameterGroupCommand({ ParameterGroupName: 'phi-ssl', ParameterGroupFamily: 'redshift-1.0', Description: 'SSL only' }));
    const create = (id: string, extra: Record<string, unknown>) =>
      redshift.send(new CreateClusterCommand({ ClusterIdentifier: id, NodeType: 'ra3.xlplus', MasterUsername: 'admin_user', MasterUserPassword: 'NotReal-Password1', ClusterType: 'single-node', ...extra }));
    await create('warehouse', { ClusterParameterGroupName: 'phi-ssl', Encrypted: true });
    await create('warehouse-2', { ClusterParameterGroupName: 'phi-ssl', Encrypted: true });
    await create('scratch', { Encrypted: false });
    redshift.destroy();

    const { code, err, report } = await audit('redshift.');
    expect(err).toBe('');
    expect(code).toBe(0);
    const of = (checkId: string) => report.findings.filter((f) => f.checkId === checkId).map((f) => [f.resource.id, f.status, f.message]);
    // moto keeps every cluster parameter group at its defaults (it has no ModifyClusterParameterGroup), so over HTTP
    // only the require_ssl = false path shows; the other paths are covered over mocks.
    expect(of('redshift.require-ssl')).toEqual([
      ['warehouse', 'FAIL', 'Redshift cluster warehouse accepts connections without SSL: require_ssl = false in parameter group phi-ssl (source: engine-default)'],
      ['warehouse-2', 'FAIL', expect.stringContaining('parameter group phi-ssl')],
      ['scratch', 'FAIL', expect.stringContaining('require_ssl = false in parameter group default.redshift-1.0')],
    ]);
    expect(of('redshift.encrypted').map(([id, status]) => [id, status])).toEqual([
      ['warehouse', 'PASS'],
      ['warehouse-2', 'PASS'],
      ['scratch', 'FAIL'],
    ]);
    expect(report.findings.filter((f) => f.status === 'ERROR')).toEqual([]);
    // Three clusters on two parameter groups: one DescribeClusters and two DescribeClusterParameters.
    expect(report.run.apiCalls.byService.redshift).toBe(3);
  });
});
