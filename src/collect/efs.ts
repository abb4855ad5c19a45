import { EFSClient, paginateDescribeFileSystems, type FileSystemDescription } from '@aws-sdk/client-efs';
import type { EfsFileSystem, EfsRegion } from '../inventory/efs';
import { arnsIn, type ArnOf } from './arn';
import { attemptList, expectFields } from './attempt';
import type { RegionalCollector } from './collector';
import { tagsOf } from './tags';

/**
 * EFS in one region: DescribeFileSystems, paginated by Marker. Encryption, the KMS key and the tags all come with
 * the listing: nothing is read per file system.
 */
export const efsCollector: RegionalCollector<'efs'> = {
  scope: 'regional',
  async collect(ctx, region): Promise<EfsRegion> {
    if (!ctx.wants('efs.fileSystems')) return {};
    const client = ctx.aws.client('efs', EFSClient, region);
    const arn = arnsIn(ctx, 'elasticfilesystem', region);
    const fileSystems = await attemptList({ service: 'efs', region, operation: 'DescribeFileSystems' }, paginateDescribeFileSystems({ client }, {}), 'FileSystems', (f) =>
      toFileSystem(expectFields(f, ['FileSystemId', 'LifeCycleState', 'Tags']), arn),
    );
    return { fileSystems };
  },
};

type Listed = FileSystemDescription & { FileSystemId: string; LifeCycleState: string; Tags: NonNullable<FileSystemDescription['Tags']> };

function toFileSystem(f: Listed, arn: ArnOf): EfsFileSystem {
  const id = f.FileSystemId;
  return {
    id,
    arn: f.FileSystemArn ?? arn(`file-system/${id}`),
    ...(f.Name ? { name: f.Name } : {}),
    state: f.LifeCycleState,
    encrypted: f.Encrypted === true,
    ...(f.KmsKeyId ? { kmsKeyId: f.KmsKeyId } : {}),
    tags: tagsOf(f.Tags),
  };
}
