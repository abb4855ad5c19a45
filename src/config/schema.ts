import type { JSONSchemaType } from 'ajv';

/** The config file as users write it: every field optional, thresholds merged over the defaults. */
export interface ConfigFile {
  thresholds?: {
    accessKeyMaxAgeDays?: number;
    unusedCredentialDays?: number;
    backupRetentionDays?: number;
    adminPorts?: number[];
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
  };
  suppressions?: Array<{ checkId: string; resource: string; reason: string; expires?: string }>;
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
        adminPorts: {
          type: 'array',
          nullable: true,
          minItems: 1,
          uniqueItems: true,
          items: { type: 'integer', minimum: 0, maximum: 65535 },
          description: 'ec2.security-group-open-admin-ports: ports that must never be open to the internet',
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
        },
      },
    },
  },
};
