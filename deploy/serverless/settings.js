'use strict';

/**
 * The deployment's parameters, validated and typed once. serverless.yml declares every parameter with its
 * default under `params.default`; `--param="name=value"` overrides one (values from the command line are
 * strings, so numbers and booleans are parsed here). A bad value stops `serverless package` / `deploy` with a
 * message naming the parameter and what it accepts. docs/deploy.md documents each parameter.
 */

const NAMES = [
  'mode',
  'schedule',
  'regions',
  'checks',
  'failOn',
  'reportBucket',
  'reportBucketRegion',
  'reportPrefix',
  'kmsKeyArn',
  'retentionDays',
  'objectLock',
  'objectLockMode',
  'securityHub',
  'securityHubFailedOnly',
  'memberRoleName',
  'externalId',
  'accountConcurrency',
  'regionsPerInvocation',
  'auditMemory',
  'auditTimeout',
  'collectMemory',
  'collectTimeout',
  'finishMemory',
  'finishTimeout',
  'alarmEmail',
  'logRetentionDays',
  'auditConfigKey',
];

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'informational'];
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
/** HIPAA documentation retention, 45 CFR 164.316(b)(2)(i): six years. */
const MIN_RETENTION_DAYS = 2190;
const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

class ParamError extends Error {}

function fail(name, value, expected) {
  throw new ParamError(`parameter ${name}=${JSON.stringify(value)} is invalid: expected ${expected} (see docs/deploy.md)`);
}

function text(params, name) {
  const value = params[name];
  if (value === undefined || value === null) return '';
  return String(value).trim();
}

function bool(params, name) {
  const value = text(params, name);
  if (value === 'true') return true;
  if (value === 'false') return false;
  return fail(name, params[name], 'true or false');
}

function int(params, name, min, max) {
  const value = text(params, name);
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) fail(name, params[name], `an integer from ${min} to ${max}`);
  return n;
}

function oneOf(params, name, allowed) {
  const value = text(params, name);
  if (!allowed.includes(value)) fail(name, params[name], `one of ${allowed.join(', ')}`);
  return value;
}

function matching(params, name, pattern, expected) {
  const value = text(params, name);
  if (!pattern.test(value)) fail(name, params[name], expected);
  return value;
}

/**
 * The typed settings from raw parameter values. `service` and `stage` name the resources; `region` is the
 * stack's region.
 */
function settingsFrom(params, { service, stage, region }) {
  const mode = oneOf(params, 'mode', ['single', 'organization']);
  const org = mode === 'organization';
  const schedule = matching(params, 'schedule', /^(rate\(\d+ (minute|minutes|hour|hours|day|days)\)|cron\(.+\))$/, 'an EventBridge schedule: rate(1 day), rate(12 hours) or cron(0 6 * * ? *)');

  const regions = text(params, 'regions') || 'all';
  if (regions !== 'all' && !regions.split(',').every((r) => REGION.test(r.trim()))) fail('regions', params.regions, "'all' or a comma-separated list of region names");
  const checks = text(params, 'checks');
  if (checks !== '' && !/^[a-z0-9.,-]+$/.test(checks)) fail('checks', params.checks, 'a comma-separated list of check ids or prefixes (npm run checks)');
  const failOn = oneOf(params, 'failOn', [...SEVERITIES, 'none']);

  const existingBucket = text(params, 'reportBucket');
  if (existingBucket !== '' && !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(existingBucket)) fail('reportBucket', params.reportBucket, 'an S3 bucket name, or empty to create the bucket');
  const bucketRegion = text(params, 'reportBucketRegion');
  if (bucketRegion !== '' && !REGION.test(bucketRegion)) fail('reportBucketRegion', params.reportBucketRegion, 'a region name, or empty');
  const prefix = matching(params, 'reportPrefix', /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/, 'a key prefix without leading or trailing slash, e.g. hipaa-audit');
  const kmsKeyArn = text(params, 'kmsKeyArn');
  if (kmsKeyArn !== '' && !/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[\w-]+$/.test(kmsKeyArn)) fail('kmsKeyArn', params.kmsKeyArn, 'a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>), or empty to create the key');
  const retentionDays = int(params, 'retentionDays', MIN_RETENTION_DAYS, 36500);
  const objectLock = bool(params, 'objectLock');
  const objectLockMode = oneOf(params, 'objectLockMode', ['GOVERNANCE', 'COMPLIANCE']);

  const memberRoleName = matching(params, 'memberRoleName', /^[\w+=,.@-]{1,64}$/, 'an IAM role name');
  const externalId = text(params, 'externalId');
  if (org && !/^[\w+=,.@:/-]{2,1224}$/.test(externalId)) {
    fail('externalId', params.externalId, 'the external id the member roles require, 2 to 1224 characters of [A-Za-z0-9+=,.@:/_-] (organization mode needs one: generate it with `uuidgen`)');
  }
  const alarmEmail = text(params, 'alarmEmail');
  if (alarmEmail !== '' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(alarmEmail)) fail('alarmEmail', params.alarmEmail, 'an email address, or empty');
  const logRetentionDays = int(params, 'logRetentionDays', 1, 3653);
  if (!LOG_RETENTION_DAYS.includes(logRetentionDays)) fail('logRetentionDays', params.logRetentionDays, `one of ${LOG_RETENTION_DAYS.join(', ')}`);
  const auditConfigKey = text(params, 'auditConfigKey');
  if (auditConfigKey !== '' && !auditConfigKey.startsWith(`${prefix}/`)) fail('auditConfigKey', params.auditConfigKey, `a key under ${prefix}/ (the auditor reads only its prefix), or empty`);

  const createBucket = existingBucket === '';
  const createKey = kmsKeyArn === '';
  if (!createBucket && objectLock) fail('objectLock', params.objectLock, 'false when reportBucket names an existing bucket (Object Lock is set when a bucket is created)');

  const base = `${service}-${stage}`;
  return {
    mode,
    org,
    schedule,
    service: base,
    roleName: `${base}-${region}`.slice(0, 64),
    stateMachineName: `${base}-organization-audit`,
    env: {
      AUDIT_REGIONS: regions,
      AUDIT_CHECKS: checks,
      FAIL_ON: failOn,
      REPORT_PREFIX: prefix,
      SECURITY_HUB: String(bool(params, 'securityHub')),
      SECURITY_HUB_FAILED_ONLY: String(bool(params, 'securityHubFailedOnly')),
      AUDIT_CONFIG_KEY: auditConfigKey,
    },
    failOn,
    prefix,
    retentionDays,
    objectLock,
    objectLockConfiguration: objectLock
      ? { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: objectLockMode, Days: retentionDays } } }
      : { Ref: 'AWS::NoValue' },
    memberRoleName,
    externalId,
    accountConcurrency: int(params, 'accountConcurrency', 1, 1000),
    regionsPerInvocation: int(params, 'regionsPerInvocation', 1, 50),
    audit: { memorySize: int(params, 'auditMemory', 128, 10240), timeout: int(params, 'auditTimeout', 30, 900) },
    collect: { memorySize: int(params, 'collectMemory', 128, 10240), timeout: int(params, 'collectTimeout', 30, 900) },
    finish: { memorySize: int(params, 'finishMemory', 128, 10240), timeout: int(params, 'finishTimeout', 30, 900) },
    logRetentionDays,
    alarmSubscriptions: alarmEmail ? [{ Protocol: 'email', Endpoint: alarmEmail }] : [],
    // The report bucket: created by the stack (with its access-log bucket), or an existing one by name.
    createBucket,
    reportBucket: createBucket ? { Ref: 'ReportBucket' } : existingBucket,
    reportBucketRegion: createBucket ? { Ref: 'AWS::Region' } : bucketRegion,
    // The customer-managed key: created (rotating yearly), or an existing one by ARN.
    createKey,
    kmsKeyArn: createKey ? { 'Fn::GetAtt': ['ReportKey', 'Arn'] } : kmsKeyArn,
    files: {
      key: createKey ? 'key.yml' : 'none.yml',
      bucket: createBucket ? 'bucket.yml' : 'none.yml',
      mode: `${mode}.yml`,
      functions: `functions-${mode}.yml`,
      modePolicy: `policy-${mode}.yml`,
    },
  };
}

/** serverless.yml: `custom.settings: ${file(./deploy/serverless/settings.js)}`. */
module.exports = async ({ resolveVariable, options }) => {
  const params = {};
  for (const name of NAMES) params[name] = await resolveVariable(`param:${name}`);
  const service = await resolveVariable('self:service');
  const stage = options.stage || (await resolveVariable('self:provider.stage'));
  const region = options.region || (await resolveVariable('self:provider.region'));
  return settingsFrom(params, { service, stage, region });
};
module.exports.settingsFrom = settingsFrom;
module.exports.NAMES = NAMES;
module.exports.MIN_RETENTION_DAYS = MIN_RETENTION_DAYS;
