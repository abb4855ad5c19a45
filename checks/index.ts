import type { Check } from '../src/evaluate/types';
import iamRootMfa from './iam/root-mfa';
import iamRootHardwareMfa from './iam/root-hardware-mfa';
import iamRootAccessKeys from './iam/root-access-keys';
import iamUserConsoleMfa from './iam/user-console-mfa';
import iamPasswordPolicy from './iam/password-policy';
import iamAccessKeyRotation from './iam/access-key-rotation';
import iamUnusedCredentials from './iam/unused-credentials';
import iamNoFullAdminPolicies from './iam/no-full-admin-policies';
import iamUsersNoDirectPolicies from './iam/users-no-direct-policies';
import iamRootNotUsed from './iam/root-not-used';
import kmsKeyRotation from './kms/key-rotation';
import kmsKeysNotPendingDeletion from './kms/keys-not-pending-deletion';
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
import ec2InstancePublicIp from './ec2/instance-public-ip';
import ec2Imdsv2Required from './ec2/imdsv2-required';
import vpcFlowLogs from './vpc/flow-logs';
import vpcDefaultSecurityGroupClosed from './vpc/default-security-group-closed';
import rdsInstancePublic from './rds/instance-public';
import rdsSnapshotPublic from './rds/snapshot-public';
import rdsStorageEncrypted from './rds/storage-encrypted';
import rdsMultiAz from './rds/multi-az';
import rdsBackupRetention from './rds/backup-retention';
import rdsTlsRequired from './rds/tls-required';
import rdsSnapshotEncrypted from './rds/snapshot-encrypted';
import rdsDeletionProtection from './rds/deletion-protection';
import redshiftRequireSsl from './redshift/require-ssl';
import redshiftEncrypted from './redshift/encrypted';
import backupResourcesProtected from './backup/resources-protected';
import backupVaultLocked from './backup/vault-locked';
import backupPlanRetention from './backup/plan-retention';
import cloudtrailMultiRegion from './cloudtrail/multi-region';
import cloudtrailLogFileValidation from './cloudtrail/log-file-validation';
import cloudtrailEncryption from './cloudtrail/encryption';
import cloudtrailCloudwatchLogs from './cloudtrail/cloudwatch-logs';
import cloudtrailS3DataEvents from './cloudtrail/s3-data-events';
import cloudtrailLogBucketProtected from './cloudtrail/log-bucket-protected';
import logsAuditLogRetention from './logs/audit-log-retention';
import cloudwatchSecurityAlarms from './cloudwatch/security-alarms';
import configRecorder from './config/recorder';
import guarddutyEnabled from './guardduty/enabled';
import sqsTlsOnly from './sqs/tls-only';
import sqsEncrypted from './sqs/encrypted';
import sqsNotPublic from './sqs/not-public';
import snsTlsOnly from './sns/tls-only';
import snsEncrypted from './sns/encrypted';
import snsNotPublic from './sns/not-public';
import lambdaNotPublic from './lambda/not-public';
import securityhubEnabled from './securityhub/enabled';
import inspectorEnabled from './inspector/enabled';
import macieEnabled from './macie/enabled';
import elbListenersEncrypted from './elb/listeners-encrypted';
import elbTlsPolicy from './elb/tls-policy';
import elbTargetsEncrypted from './elb/targets-encrypted';
import elbAccessLogs from './elb/access-logs';
import cloudfrontViewerHttps from './cloudfront/viewer-https';
import cloudfrontOriginHttps from './cloudfront/origin-https';
import acmCertificatesValid from './acm/certificates-valid';
import elasticacheInTransitEncryption from './elasticache/in-transit-encryption';
import elasticacheAtRestEncryption from './elasticache/at-rest-encryption';
import opensearchHttpsRequired from './opensearch/https-required';
import opensearchEncryptedAtRest from './opensearch/encrypted-at-rest';
import efsEncrypted from './efs/encrypted';
import dynamodbEncryption from './dynamodb/encryption';
import dynamodbPitr from './dynamodb/pitr';
import accountEphiInEligibleServices from './account/ephi-in-eligible-services';
import accountEphiStoresClassified from './account/ephi-stores-classified';
import s3EphiBucketReplication from './s3/ephi-bucket-replication';
import s3EphiBucketObjectLock from './s3/ephi-bucket-object-lock';

/** The catalogue, in the order reports list it. Ids are a public interface: never rename one. */
export const CHECKS: readonly Check[] = [
  iamRootMfa,
  iamRootHardwareMfa,
  iamRootAccessKeys,
  iamUserConsoleMfa,
  iamPasswordPolicy,
  iamAccessKeyRotation,
  iamUnusedCredentials,
  iamNoFullAdminPolicies,
  iamUsersNoDirectPolicies,
  iamRootNotUsed,
  kmsKeyRotation,
  kmsKeysNotPendingDeletion,
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
  ec2InstancePublicIp,
  ec2Imdsv2Required,
  vpcFlowLogs,
  vpcDefaultSecurityGroupClosed,
  rdsInstancePublic,
  rdsSnapshotPublic,
  rdsStorageEncrypted,
  rdsMultiAz,
  rdsBackupRetention,
  rdsTlsRequired,
  rdsSnapshotEncrypted,
  rdsDeletionProtection,
  redshiftRequireSsl,
  redshiftEncrypted,
  backupResourcesProtected,
  backupVaultLocked,
  backupPlanRetention,
  cloudtrailMultiRegion,
  cloudtrailLogFileValidation,
  cloudtrailEncryption,
  cloudtrailCloudwatchLogs,
  cloudtrailS3DataEvents,
  cloudtrailLogBucketProtected,
  logsAuditLogRetention,
  cloudwatchSecurityAlarms,
  configRecorder,
  guarddutyEnabled,
  sqsTlsOnly,
  sqsEncrypted,
  sqsNotPublic,
  snsTlsOnly,
  snsEncrypted,
  snsNotPublic,
  lambdaNotPublic,
  securityhubEnabled,
  inspectorEnabled,
  macieEnabled,
  elbListenersEncrypted,
  elbTlsPolicy,
  elbTargetsEncrypted,
  elbAccessLogs,
  cloudfrontViewerHttps,
  cloudfrontOriginHttps,
  acmCertificatesValid,
  elasticacheInTransitEncryption,
  elasticacheAtRestEncryption,
  opensearchHttpsRequired,
  opensearchEncryptedAtRest,
  efsEncrypted,
  dynamodbEncryption,
  dynamodbPitr,
  accountEphiInEligibleServices,
  accountEphiStoresClassified,
  s3EphiBucketReplication,
  s3EphiBucketObjectLock,
];
