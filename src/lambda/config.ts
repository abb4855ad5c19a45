import { SCOPES, SEVERITIES, type AuditScope, type Severity } from '../evaluate/types';
import { ConfigurationError } from './errors';

/**
 * What a handler needs to know about its deployment, read from the environment serverless.yml sets
 * (see docs/deploy.md for the parameters behind each variable). Read once per invocation, so a bad
 * deployment fails with the variable's name rather than half-way through an audit.
 */
export interface Settings {
  /** The Lambda's region: STS, region discovery and global services. */
  region: string;
  report: {
    bucket: string;
    /** No leading or trailing slash. */
    prefix: string;
    /** Known when the stack created the bucket; otherwise looked up once (findBucketRegion). */
    region?: string;
    kmsKeyId?: string;
  };
  regions: string[] | 'all';
  /** Check ids or prefixes; empty: the whole catalogue. */
  checks: string[];
  /** `ephi`: report only findings on ePHI resources and account-level checks (AUDIT_SCOPE; default all). */
  scope: AuditScope;
  /** Unsuppressed FAILs at or above this severity feed the alarm metric; null: no threshold. */
  failOn: Severity | null;
  /** With failOn: an audit with ERROR findings does not raise IncompleteAudit (one that judged nothing still does). */
  allowIncomplete: boolean;
  securityHub: { enabled: boolean; failedOnly: boolean };
  /** An S3 key under the report prefix holding a config file (thresholds, suppressions); null: defaults. */
  configKey: string | null;
  /** An asymmetric KMS key (ARN) that signs each run's manifest (deploy parameter signKeyArn); absent: unsigned. */
  signKeyArn?: string;
}

export interface OrgSettings extends Settings {
  memberRoleName: string;
  externalId: string;
  /** Scratch bucket for the organization run (account list, partial inventories, map results). */
  workBucket: string;
  /** Regions one collect invocation reads (see docs/deploy.md for the arithmetic). */
  regionsPerInvocation: number;
}

type Env = Record<string, string | undefined>;

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const PREFIX = /^[A-Za-z0-9!_.*'()-]+(\/[A-Za-z0-9!_.*'()-]+)*$/;
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;

function bad(name: string, value: string | undefined, expected: string): never {
  const seen = value === undefined ? 'unset' : `'${value}'`;
  throw new ConfigurationError(`environment variable ${name} is ${seen}: expected ${expected}. Fix: set the matching parameter in serverless.yml and deploy again (docs/deploy.md).`);
}

function required(env: Env, name: string, pattern: RegExp, expected: string): string {
  const value = env[name];
  if (value === undefined || !pattern.test(value)) bad(name, value, expected);
  return value;
}

function optional(env: Env, name: string, pattern: RegExp, expected: string): string | undefined {
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  if (!pattern.test(value)) bad(name, value, expected);
  return value;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return bad(name, value, 'true or false');
}

function list(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
}

export function readSettings(env: Env = process.env): Settings {
  const region = required(env, 'AWS_REGION', REGION, 'the Lambda region (set by the Lambda runtime)');
  const bucket = required(env, 'REPORT_BUCKET', BUCKET, 'an S3 bucket name');
  const prefix = required(env, 'REPORT_PREFIX', PREFIX, 'a key prefix without leading or trailing slash, e.g. hipaa-audit');
  const bucketRegion = optional(env, 'REPORT_BUCKET_REGION', REGION, 'a region name like us-east-1');
  const kmsKeyId = optional(env, 'REPORT_KMS_KEY_ARN', /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[\w-]+$/, 'a KMS key ARN');

  const rawRegions = (env.AUDIT_REGIONS ?? 'all').trim();
  let regions: string[] | 'all' = 'all';
  if (rawRegions !== '' && rawRegions !== 'all') {
    regions = list(rawRegions);
    if (!regions.every((r) => REGION.test(r))) bad('AUDIT_REGIONS', env.AUDIT_REGIONS, "'all' or a comma-separated list of region names");
  }

  const rawFailOn = (env.FAIL_ON ?? 'none').trim();
  if (rawFailOn !== 'none' && rawFailOn !== '' && !(SEVERITIES as readonly string[]).includes(rawFailOn)) {
    bad('FAIL_ON', env.FAIL_ON, `one of ${SEVERITIES.join(', ')} or none`);
  }

  const rawScope = (env.AUDIT_SCOPE ?? '').trim() || 'all';
  if (!(SCOPES as readonly string[]).includes(rawScope)) bad('AUDIT_SCOPE', env.AUDIT_SCOPE, `one of ${SCOPES.join(', ')}`);

  const configKey = optional(env, 'AUDIT_CONFIG_KEY', PREFIX, 'an S3 key');
  if (configKey !== undefined && !configKey.startsWith(`${prefix}/`)) bad('AUDIT_CONFIG_KEY', configKey, `a key under ${prefix}/ (the only prefix the auditor may read)`);

  const signKeyArn = optional(env, 'SIGN_KEY_ARN', /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[\w-]+$/, 'an asymmetric KMS key ARN (SIGN_VERIFY), or empty');

  return {
    region,
    ...(signKeyArn ? { signKeyArn } : {}),
    report: { bucket, prefix, ...(bucketRegion ? { region: bucketRegion } : {}), ...(kmsKeyId ? { kmsKeyId } : {}) },
    regions,
    checks: list(env.AUDIT_CHECKS),
    scope: rawScope as AuditScope,
    failOn: rawFailOn === 'none' || rawFailOn === '' ? null : (rawFailOn as Severity),
    allowIncomplete: flag(env, 'ALLOW_INCOMPLETE', false),
    securityHub: { enabled: flag(env, 'SECURITY_HUB', true), failedOnly: flag(env, 'SECURITY_HUB_FAILED_ONLY', false) },
    configKey: configKey ?? null,
  };
}

export function readOrgSettings(env: Env = process.env): OrgSettings {
  const base = readSettings(env);
  const perInvocation = Number(env.REGIONS_PER_INVOCATION ?? '');
  if (!Number.isInteger(perInvocation) || perInvocation < 1 || perInvocation > 50) {
    bad('REGIONS_PER_INVOCATION', env.REGIONS_PER_INVOCATION, 'an integer from 1 to 50');
  }
  return {
    ...base,
    memberRoleName: required(env, 'MEMBER_ROLE_NAME', ROLE_NAME, 'an IAM role name'),
    externalId: required(env, 'EXTERNAL_ID', EXTERNAL_ID, 'the external id the member roles require (2 to 1224 characters of [\\w+=,.@:/-])'),
    workBucket: required(env, 'WORK_BUCKET', BUCKET, 'an S3 bucket name'),
    regionsPerInvocation: perInvocation,
  };
}

