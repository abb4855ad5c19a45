import type { Tags } from './ec2';
import type { Read } from './read';

/** `fileSystems`: DescribeFileSystems (paginated; tags come with it). */
export const EFS_READS = ['fileSystems'] as const;

export interface EfsFileSystem {
  id: string;
  arn: string;
  /** The Name tag, when set. */
  name?: string;
  /** creating | available | updating | deleting | deleted | error */
  state: string;
  encrypted: boolean;
  kmsKeyId?: string;
  tags: Tags;
}

export interface EfsRegion {
  fileSystems?: Read<EfsFileSystem[]>;
}
