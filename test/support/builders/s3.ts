import type { PublicAccessBlock, S3Bucket, S3Inventory } from '../../../src/inventory/types';
import { ok } from '../inventory';

/* Typed S3 inventory for check tests: complete objects with defaults, overridable field by field. */

export const ALL_ON: PublicAccessBlock = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };
export const ALL_OFF: PublicAccessBlock = { blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false };
export const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';
export const AUTH_USERS = 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers';
export const OWNER = 'owner-canonical-id';

/** A private, well-configured bucket; override what a test needs. */
export function bucket(name: string, overrides: Partial<S3Bucket> = {}): S3Bucket {
  return {
    name,
    arn: `arn:aws:s3:::${name}`,
    region: 'us-east-1',
    publicAccessBlock: ok(null),
    policy: ok(null),
    policyStatus: ok(null),
    acl: ok({ ownerId: OWNER, grants: [{ granteeType: 'CanonicalUser', id: OWNER, permission: 'FULL_CONTROL' }] }),
    encryption: ok({ rules: [{ sseAlgorithm: 'AES256', bucketKeyEnabled: false }] }),
    versioning: ok({ status: 'Enabled', mfaDelete: false }),
    ...overrides,
  };
}

export function s3(buckets: S3Bucket[], account: S3Inventory['accountPublicAccessBlock'] = ok(null)): S3Inventory {
  return { accountPublicAccessBlock: account, buckets: ok(buckets) };
}

export function policy(...statements: object[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}
