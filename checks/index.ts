import type { Check } from '../src/evaluate/types';
import iamRootMfa from './iam/root-mfa';
import iamRootHardwareMfa from './iam/root-hardware-mfa';
import iamRootAccessKeys from './iam/root-access-keys';
import iamUserConsoleMfa from './iam/user-console-mfa';
import iamPasswordPolicy from './iam/password-policy';
import iamAccessKeyRotation from './iam/access-key-rotation';
import iamUnusedCredentials from './iam/unused-credentials';
import kmsKeyRotation from './kms/key-rotation';
import s3AccountPublicAccessBlock from './s3/account-public-access-block';
import s3BucketPublicAccess from './s3/bucket-public-access';
import s3BucketPublicAccessBlock from './s3/bucket-public-access-block';
import s3BucketDefaultEncryption from './s3/bucket-default-encryption';
import s3BucketTlsOnly from './s3/bucket-tls-only';
import s3BucketVersioning from './s3/bucket-versioning';
import ec2EbsDefaultEncryption from './ec2/ebs-default-encryption';
import ec2EbsVolumeEncryption from './ec2/ebs-volume-encryption';
import ec2EbsSnapshotPublic from './ec2/ebs-snapshot-public';
import ec2SecurityGroupOpenAdminPorts from './ec2/security-group-open-admin-ports';
import vpcFlowLogs from './vpc/flow-logs';
import rdsInstancePublic from './rds/instance-public';
import rdsSnapshotPublic from './rds/snapshot-public';
import rdsStorageEncrypted from './rds/storage-encrypted';
import rdsMultiAz from './rds/multi-az';
import rdsBackupRetention from './rds/backup-retention';
import backupResourcesProtected from './backup/resources-protected';
import cloudtrailMultiRegion from './cloudtrail/multi-region';
import cloudtrailLogFileValidation from './cloudtrail/log-file-validation';
import cloudtrailEncryption from './cloudtrail/encryption';
import configRecorder from './config/recorder';
import guarddutyEnabled from './guardduty/enabled';
import elasticacheInTransitEncryption from './elasticache/in-transit-encryption';
import elasticacheAtRestEncryption from './elasticache/at-rest-encryption';
import opensearchHttpsRequired from './opensearch/https-required';
import opensearchEncryptedAtRest from './opensearch/encrypted-at-rest';
import efsEncrypted from './efs/encrypted';
import dynamodbEncryption from './dynamodb/encryption';
import dynamodbPitr from './dynamodb/pitr';

/** The catalogue, in the order reports list it. Ids are a public interface: never rename one. */
export const CHECKS: readonly Check[] = [
  iamRootMfa,
  iamRootHardwareMfa,
  iamRootAccessKeys,
  iamUserConsoleMfa,
  iamPasswordPolicy,
  iamAccessKeyRotation,
  iamUnusedCredentials,
  kmsKeyRotation,
  s3AccountPublicAccessBlock,
  s3BucketPublicAccess,
  s3BucketPublicAccessBlock,
  s3BucketDefaultEncryption,
  s3BucketTlsOnly,
  s3BucketVersioning,
  ec2EbsDefaultEncryption,
  ec2EbsVolumeEncryption,
  ec2EbsSnapshotPublic,
  ec2SecurityGroupOpenAdminPorts,
  vpcFlowLogs,
  rdsInstancePublic,
  rdsSnapshotPublic,
  rdsStorageEncrypted,
  rdsMultiAz,
  rdsBackupRetention,
  backupResourcesProtected,
  cloudtrailMultiRegion,
  cloudtrailLogFileValidation,
  cloudtrailEncryption,
  configRecorder,
  guarddutyEnabled,
  elasticacheInTransitEncryption,
  elasticacheAtRestEncryption,
  opensearchHttpsRequired,
  opensearchEncryptedAtRest,
  efsEncrypted,
  dynamodbEncryption,
  dynamodbPitr,
];
