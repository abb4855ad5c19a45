import type { JSONSchemaType } from 'ajv';
import type { Suppression } from './types';

/** The config file as users write it: every field optional, thresholds merged over the defaults. */
export interface ConfigFile {
  thresholds?: {
    accessKeyMaxAgeDays?: number;
    unusedCredentialDays?: number;
    backupRetentionDays?: number;
    backupPlanRetentionDays?: number;
    adminPorts?: number[];
    elbSslPolicies?: string[];
    elbTlsPassthroughPorts?: number[];
    acmMinDaysToExpiry?: number;
    auditLogRetentionDays?: number;
    dynamodbRequireCustomerManagedKey?: boolean;
    passwordPolicy?: {
      minimumLength?: number;
      requireUppercase?: boolean;
      requireLowercase?: boolean;
      requireNumbers?: boolean;
      requireSymbols?: boolean;
      maxAgeDays?: number | null;
      reusePrevention?: number | null;
    };
    rootUnusedDays?: number;
    publicInstanceAllowTags?: Array<{ key: string; value?: string }>;
    noncurrentVersionRetentionDays?: number;
  };
  suppressions?: Suppression[];
  classification?: {
    enabled?: boolean;
    tags?: Array<{ key: string; values: string[] }>;
    arns?: string[];
    raiseSeverity?: boolean;
    eligibleServices?: string[];
  };
}

const days = (description: string) => ({ type: 'integer', minimum: 1, maximum: 3650, nullable: false, description }) as const;

export const CONFIG_SCHEMA: JSONSchemaType<ConfigFile> = {
  $id: 'https://github.com/hipaa-posture-auditor/config.schema.json',
  type: 'object',
  additionalProperties: false,
  properties: {
    thresholds: {
      type: 'object',
      nullable: true,
      additionalProperties: false,
      properties: {
        accessKeyMaxAgeDays: { ...days('iam.access-key-rotation: maximum age of an active access key'), nullable: true },
        unusedCredentialDays: { ...days('iam.unused-credentials: days a password or key may go unused'), nullable: true },
        backupRetentionDays: { type: 'integer', minimum: 1, maximum: 35, nullable: true, description: 'rds.backup-retention: minimum automated backup retention (RDS allows 1-35)' },
        backupPlanRetentionDays: { ...days('backup.plan-retention: minimum days an AWS Backup plan keeps its daily recovery points'), nullable: true },
        adminPorts: {
          type: 'array',
          nullable: true,
          minItems: 1,
          uniqueItems: true,
          items: { type: 'integer', minimum: 0, maximum: 65535 },
          description: 'ec2.security-group-open-admin-ports: ports that must never be open to the internet',
        },
        elbSslPolicies: {
          type: 'array',
          nullable: true,
          minItems: 1,
          uniqueItems: true,
          items: { type: 'string', minLength: 1, maxLength: 128 },
          description: 'elb.tls-policy: the ALB/NLB security policies accepted (names; * matches any characters)',
        },
        elbTlsPassthroughPorts: {
          type: 'array',
          nullable: true,
          uniqueItems: true,
          items: { type: 'integer', minimum: 1, maximum: 65535 },
          description: 'elb.listeners-encrypted: ports on which an NLB TCP listener passes TLS through to its targets unopened (default none; Classic TCP listeners fail whatever the port)',
        },
        acmMinDaysToExpiry: { type: 'integer', minimum: 1, maximum: 365, nullable: true, description: 'acm.certificates-valid: a certificate in use must stay valid longer than this' },
        auditLogRetentionDays: {
          type: 'integer',
          minimum: 1,
          maximum: 3653,
          nullable: true,
          description: 'logs.audit-log-retention: days CloudTrail and flow log groups must keep events (CloudWatch Logs offers up to 3653, or never expire)',
        },
        dynamodbRequireCustomerManagedKey: {
          type: 'boolean',
          nullable: true,
          description: 'dynamodb.encryption: fail tables not encrypted with a customer managed KMS key',
        },
        passwordPolicy: {
          type: 'object',
          nullable: true,
          additionalProperties: false,
          properties: {
            minimumLength: { type: 'integer', minimum: 6, maximum: 128, nullable: true },
            requireUppercase: { type: 'boolean', nullable: true },
            requireLowercase: { type: 'boolean', nullable: true },
            requireNumbers: { type: 'boolean', nullable: true },
            requireSymbols: { type: 'boolean', nullable: true },
            maxAgeDays: { type: 'integer', minimum: 1, maximum: 1095, nullable: true },
            reusePrevention: { type: 'integer', minimum: 1, maximum: 24, nullable: true },
          },
        },
        rootUnusedDays: { ...days('iam.root-not-used: days in which the root user must not have been used'), nullable: true },
        publicInstanceAllowTags: {
          type: 'array',
          nullable: true,
          description: 'ec2.instance-public-ip: tags that mark an instance as deliberately public (without value: any value of the key)',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['key'],
            properties: {
              key: { type: 'string', minLength: 1, maxLength: 128 },
              value: { type: 'string', maxLength: 256, nullable: true },
            },
          },
        },
        noncurrentVersionRetentionDays: {
          ...days('s3.ephi-bucket-object-lock: a lifecycle rule may expire the noncurrent versions of an ePHI bucket no sooner than this'),
          nullable: true,
        },
      },
    },
    suppressions: {
      type: 'array',
      nullable: true,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['checkId', 'resource', 'reason'],
        properties: {
          checkId: { type: 'string', minLength: 1 },
          resource: { type: 'string', minLength: 1, description: 'glob, or /regex/ between slashes, matched against the resource ARN and id' },
          reason: { type: 'string', minLength: 3, description: 'why the risk is accepted; shown in every report' },
          expires: { type: 'string', format: 'date', nullable: true, description: 'YYYY-MM-DD; from that day on the suppression stops applying' },
          accounts: {
            type: 'array',
            nullable: true,
            minItems: 1,
            uniqueItems: true,
            items: { type: 'string', pattern: '^[0-9*?]{1,12}$' },
            description: 'only in these accounts: 12-digit ids, or globs of digits with * and ? (1111*)',
          },
          regions: {
            type: 'array',
            nullable: true,
            minItems: 1,
            uniqueItems: true,
            items: { type: 'string', pattern: '^[a-z0-9*?-]{1,32}$' },
            description: 'only in these regions: names or globs (eu-*); global for account-wide and IAM findings',
          },
          tags: {
            type: 'object',
            nullable: true,
            minProperties: 1,
            maxProperties: 50,
            required: [],
            propertyNames: { minLength: 1, maxLength: 128 },
            additionalProperties: { type: 'string', maxLength: 256 },
            description: 'only on resources carrying every one of these tags: key (case-insensitive) to a value glob (* and ?, case-insensitive)',
          },
          approvedBy: { type: 'string', minLength: 1, maxLength: 256, nullable: true, description: 'who accepted the risk; shown wherever the suppression is' },
          ticket: { type: 'string', minLength: 1, maxLength: 512, nullable: true, description: 'the ticket recording the decision (id or URL); shown wherever the suppression is' },
        },
      },
    },
    classification: {
      type: 'object',
      nullable: true,
      additionalProperties: false,
      description: 'which resources hold ePHI (tags, ARN patterns) and what that changes',
      properties: {
        enabled: { type: 'boolean', nullable: true, description: 'false: no classification of findings, no severity raise, no --scope ephi' },
        tags: {
          type: 'array',
          nullable: true,
          description: 'tags that mark ePHI (key and values compare case-insensitively); replaces the default list',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['key', 'values'],
            properties: {
              key: { type: 'string', minLength: 1, maxLength: 128 },
              values: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1, maxLength: 256 } },
            },
          },
        },
        arns: {
          type: 'array',
          nullable: true,
          items: { type: 'string', minLength: 1 },
          description: 'resources whose ARN matches one of these globs (or /regex/) hold ePHI whatever their tags',
        },
        raiseSeverity: { type: 'boolean', nullable: true, description: 'raise a FAIL on an ePHI resource one severity level (default true)' },
        eligibleServices: {
          type: 'array',
          nullable: true,
          uniqueItems: true,
          items: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$', maxLength: 64 },
          description: 'ARN service namespaces to treat as HIPAA eligible besides the shipped list (account.ephi-in-eligible-services)',
        },
      },
    },
  },
};
