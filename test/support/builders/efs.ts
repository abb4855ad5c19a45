import type { EfsFileSystem } from '../../../src/inventory/types';
import { ACCOUNT } from '../inventory';

/** An available, encrypted file system without a Name tag or a named key. */
export function fileSystem(id: string, extra: Partial<EfsFileSystem> = {}): EfsFileSystem {
  return { id, arn: `arn:aws:elasticfilesystem:us-east-1:${ACCOUNT}:file-system/${id}`, state: 'available', encrypted: true, tags: {}, ...extra };
}
