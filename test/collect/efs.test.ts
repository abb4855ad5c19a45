import { DescribeFileSystemsCommand, EFSClient, type FileSystemDescription } from '@aws-sdk/client-efs';
import { mockClient } from 'aws-sdk-client-mock';
import { efsCollector } from '../../src/collect/efs';
import { awsError, collectContext } from '../support/inventory';
import { tokenPages } from '../support/pages';

const efs = mockClient(EFSClient);
beforeEach(() => efs.reset());

const arn = (id: string) => `arn:aws:elasticfilesystem:us-east-1:111122223333:file-system/${id}`;

/** A file system as DescribeFileSystems returns it, with its required members. */
function fs(id: string, extra: Partial<FileSystemDescription> = {}): FileSystemDescription {
  return {
    OwnerId: '111122223333',
    CreationToken: id,
    FileSystemId: id,
    FileSystemArn: arn(id),
    CreationTime: new Date('2025-01-01'),
    LifeCycleState: 'available',
    NumberOfMountTargets: 2,
    SizeInBytes: { Value: 6144 },
    PerformanceMode: 'generalPurpose',
    Tags: [],
    ...extra,
  };
}

describe('efs collector', () => {
  it('follows DescribeFileSystems pages by their own marker and keeps encryption, key and tags', async () => {
    const pages = tokenPages('Marker', [
      [
        undefined,
        {
          NextMarker: 'm2',
          FileSystems: [
            fs('fs-0aaa', {
              Name: 'scans',
              Encrypted: true,
              KmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/k1',
              Tags: [{ Key: 'Name', Value: 'scans' }, { Key: 'backup', Value: 'daily' }],
            }),
          ],
        },
      ],
      ['m2', { FileSystems: [fs('fs-0bbb', { LifeCycleState: 'deleting' })] }],
    ]);
    efs.on(DescribeFileSystemsCommand).callsFake(pages.fake);
    const ctx = collectContext();
    const data = await efsCollector.collect(ctx, 'us-east-1');
    expect(pages.inputs).toEqual([{}, { Marker: 'm2' }]);
    expect(data.fileSystems).toEqual({
      ok: true,
      value: [
        {
          id: 'fs-0aaa',
          arn: arn('fs-0aaa'),
          name: 'scans',
          state: 'available',
          encrypted: true,
          kmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/k1',
          tags: { Name: 'scans', backup: 'daily' },
        },
        // Encrypted absent: not encrypted (the API's default).
        { id: 'fs-0bbb', arn: arn('fs-0bbb'), state: 'deleting', encrypted: false, tags: {} },
      ],
    });
    expect(ctx.aws.apiCalls.byOperation()).toEqual({ 'efs:DescribeFileSystems': 2 });
  });

  it('records AccessDenied as a failed read', async () => {
    efs.on(DescribeFileSystemsCommand).rejects(awsError('AccessDenied', 'not authorized to perform elasticfilesystem:DescribeFileSystems', 403));
    expect((await efsCollector.collect(collectContext(), 'eu-west-1')).fileSystems).toEqual({
      ok: false,
      error: { service: 'efs', region: 'eu-west-1', operation: 'DescribeFileSystems', code: 'AccessDenied', message: 'not authorized to perform elasticfilesystem:DescribeFileSystems' },
    });
  });

  it('takes an answer without FileSystems, or a file system without its tags, for an incomplete answer', async () => {
    efs.on(DescribeFileSystemsCommand).resolves({});
    expect((await efsCollector.collect(collectContext(), 'us-east-1')).fileSystems).toMatchObject({
      ok: false,
      error: { code: 'IncompleteAnswer', message: 'the answer lacks FileSystems, which AWS always returns' },
    });
    // Tags absent would read as "no tags" to the backup coverage check: it is an incomplete answer instead.
    efs.on(DescribeFileSystemsCommand).resolves({ FileSystems: [{ ...fs('fs-1'), Tags: undefined }] });
    expect((await efsCollector.collect(collectContext(), 'us-east-1')).fileSystems).toMatchObject({
      ok: false,
      error: { code: 'IncompleteAnswer', message: 'the answer lacks Tags, which AWS always returns' },
    });
  });

  it('builds the ARN from the partition when the answer omits it, and makes no call when not wanted', async () => {
    efs.on(DescribeFileSystemsCommand).resolves({ FileSystems: [fs('fs-1', { FileSystemArn: undefined })] });
    const data = await efsCollector.collect({ ...collectContext(['cn-north-1']), partition: 'aws-cn' }, 'cn-north-1');
    expect(data.fileSystems!.ok && data.fileSystems!.value[0]?.arn).toBe('arn:aws-cn:elasticfilesystem:cn-north-1:111122223333:file-system/fs-1');
    efs.resetHistory();
    expect(await efsCollector.collect(collectContext(['us-east-1'], ['dynamodb.tables']), 'us-east-1')).toEqual({});
    expect(efs.calls()).toHaveLength(0);
  });
});
