'use strict';

const { readFileSync } = require('node:fs');
const { join } = require('node:path');

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
  'scope',
  'failOn',
  'allowIncomplete',
  'reportBucket',
  'reportBucketRegion',
  'reportPrefix',
  'kmsKeyArn',
  'retentionDays',
  'objectLock',
  'objectLockMode',
  'signKeyArn',
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
  'athenaAccounts',
  'athenaStartDate',
  'nodeRuntime',
];

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'informational'];
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
/** HIPAA documentation retention, 45 CFR 164.316(b)(2)(i): six years. */
const MIN_RETENTION_DAYS = 2190;
const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

class ParamError extends Error {}

/** The Athena DDL the stack's Glue tables are made from (docs/s3-reports.md, "Athena"). */
const ATHENA_DIR = join(__dirname, '..', '..', 'athena');
/** The placeholder bucket and prefix of the DDL files' LOCATION and storage.location.template. */
const DDL_PLACEHOLDER = 's3://amzn-s3-demo-bucket/hipaa/';

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

/** A day `YYYY-MM-DD` that exists and is not in the future (a YAML date, unquoted in serverless.yml, is a Date). */
function day(params, name, expected) {
  const raw = params[name];
  const value = raw instanceof Date && !Number.isNaN(raw.getTime()) ? raw.toISOString().slice(0, 10) : text(params, name);
  const t = Date.parse(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== value || t > Date.now()) fail(name, raw, expected);
  return value;
}

/**
 * One CREATE EXTERNAL TABLE of athena/: its name, columns (type and comment), partition keys, SerDe, folder
 * under the prefix, and TBLPROPERTIES. The deployed Glue table is this statement with the placeholders filled
 * in, so the two cannot drift apart (test/publish/s3/athena.test.ts checks the DDL against the records written).
 */
function ddlTable(file) {
  const sql = readFileSync(join(ATHENA_DIR, file), 'utf8');
  const bad = (what) => {
    throw new Error(`athena/${file}: cannot read ${what} for the stack's Glue table (deploy/serverless/settings.js expects the layout of athena/findings.sql)`);
  };
  const table = /^CREATE EXTERNAL TABLE IF NOT EXISTS (\w+) \(\n([\s\S]*?)\n\)\nPARTITIONED BY \(([^)]*)\)\nROW FORMAT SERDE '([^']+)'\nLOCATION '([^']+)'\nTBLPROPERTIES \(\n([\s\S]*?)\n\);/m.exec(sql);
  if (!table) bad('the CREATE EXTERNAL TABLE statement');
  const [, name, body, partitions, serde, location, properties] = table;
  const columns = body.split('\n').map((line) => {
    const column = /^\s*([a-z_][a-z0-9_]*)\s+(\S+?)(?:\s+COMMENT\s+'([^']*)')?\s*,?\s*$/.exec(line);
    if (!column) bad(`the column ${JSON.stringify(line.trim())}`);
    return column[3] === undefined ? { Name: column[1], Type: column[2] } : { Name: column[1], Type: column[2], Comment: column[3] };
  });
  const partitionKeys = partitions.split(',').map((p) => {
    const key = /^\s*`?(\w+)`?\s+(\w+)\s*$/.exec(p);
    if (!key) bad(`the partition key ${JSON.stringify(p.trim())}`);
    return { Name: key[1], Type: key[2] };
  });
  const parameters = {};
  for (const line of properties.split('\n')) {
    const property = /^\s*'([^']+)'\s*=\s*'([^']*)',?\s*$/.exec(line);
    if (!property) bad(`the table property ${JSON.stringify(line.trim())}`);
    parameters[property[1]] = property[2];
  }
  const template = parameters['storage.location.template'];
  if (!location.startsWith(DDL_PLACEHOLDER) || !template || !template.startsWith(location)) bad(`LOCATION and storage.location.template under ${DDL_PLACEHOLDER}`);
  return { name, columns, partitionKeys, serde, folder: location.slice(DDL_PLACEHOLDER.length), partitionPath: template.slice(location.length), parameters };
}

/**
 * The Glue table of a DDL file for this deployment: LOCATION under the report bucket and prefix, account
 * projection as chosen by athenaAccounts, date projection from athenaStartDate.
 */
function glueTable(file, { bucket, prefix, accountProjection, startDate }) {
  const ddl = ddlTable(file);
  const s3 = (path) => ({ 'Fn::Join': ['', ['s3://', bucket, `/${prefix}/${path}`]] });
  const parameters = { EXTERNAL: 'TRUE' };
  for (const [key, value] of Object.entries(ddl.parameters)) {
    if (key === 'projection.account.values') continue;
    if (key === 'projection.account.type') Object.assign(parameters, accountProjection);
    else if (key === 'projection.date.range') parameters[key] = `${startDate},NOW`;
    else if (key === 'storage.location.template') parameters[key] = s3(`${ddl.folder}${ddl.partitionPath}`);
    else parameters[key] = value;
  }
  return { name: ddl.name, columns: ddl.columns, partitionKeys: ddl.partitionKeys, serde: ddl.serde, location: s3(ddl.folder), parameters };
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
  const allowIncomplete = bool(params, 'allowIncomplete');

  const existingBucket = text(params, 'reportBucket');
  if (existingBucket !== '' && !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(existingBucket)) fail('reportBucket', params.reportBucket, 'an S3 bucket name, or empty to create the bucket');
  const bucketRegion = text(params, 'reportBucketRegion');
  if (bucketRegion !== '' && !REGION.test(bucketRegion)) fail('reportBucketRegion', params.reportBucketRegion, 'a region name, or empty');
  const prefix = matching(params, 'reportPrefix', /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/, 'a key prefix without leading or trailing slash, e.g. hipaa-audit');
  const kmsKeyArn = text(params, 'kmsKeyArn');
  if (kmsKeyArn !== '' && !/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[\w-]+$/.test(kmsKeyArn)) fail('kmsKeyArn', params.kmsKeyArn, 'a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>), or empty to create the key');
  const signKeyArn = text(params, 'signKeyArn');
  if (signKeyArn !== '' && !/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[\w-]+$/.test(signKeyArn)) {
    fail('signKeyArn', params.signKeyArn, 'the ARN of an asymmetric KMS key with key usage SIGN_VERIFY (arn:aws:kms:<region>:<account>:key/<id>; not an alias), or empty for unsigned manifests');
  }
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

  const athenaAccountList = text(params, 'athenaAccounts');
  const athenaAccounts = athenaAccountList === '' ? [] : athenaAccountList.split(',').map((a) => a.trim());
  if (!athenaAccounts.every((a) => /^\d{12}$/.test(a)) || new Set(athenaAccounts).size !== athenaAccounts.length) {
    fail('athenaAccounts', params.athenaAccounts, 'a comma-separated list of distinct 12-digit account ids (the accounts whose reports the Athena tables show), or empty');
  }
  const athenaStartDate = day(params, 'athenaStartDate', 'a day YYYY-MM-DD, not in the future: the first day of reports the Athena tables show');

  // The code is built for Node 22 (esbuild target node22); nodejs20.x is deprecated (2026-04-30) and Lambda
  // no longer creates functions on it.
  const nodeRuntime = oneOf(params, 'nodeRuntime', ['nodejs22.x', 'nodejs24.x']);

  const createBucket = existingBucket === '';
  const createKey = kmsKeyArn === '';
  if (!createBucket && objectLock) fail('objectLock', params.objectLock, 'false when reportBucket names an existing bucket (Object Lock is set when a bucket is created)');

  const base = `${service}-${stage}`;
  const reportBucket = createBucket ? { Ref: 'ReportBucket' } : existingBucket;
  // Account partitions: the listed accounts; else this account (single mode) or, in organization mode, the
  // values each query names (injected: no list to keep up as accounts join; docs/s3-reports.md, "Athena").
  const accountProjection =
    athenaAccounts.length > 0
      ? { 'projection.account.type': 'enum', 'projection.account.values': athenaAccounts.join(',') }
      : org
        ? { 'projection.account.type': 'injected' }
        : { 'projection.account.type': 'enum', 'projection.account.values': { Ref: 'AWS::AccountId' } };
  const table = (file) => glueTable(file, { bucket: reportBucket, prefix, accountProjection, startDate: athenaStartDate });
  return {
    mode,
    org,
    schedule,
    nodeRuntime,
    service: base,
    roleName: `${base}-${region}`.slice(0, 64),
    stateMachineName: `${base}-organization-audit`,
    env: {
      AUDIT_REGIONS: regions,
      AUDIT_CHECKS: checks,
      AUDIT_SCOPE: oneOf(params, 'scope', ['all', 'ephi']),
      FAIL_ON: failOn,
      ALLOW_INCOMPLETE: String(allowIncomplete),
      REPORT_PREFIX: prefix,
      SECURITY_HUB: String(bool(params, 'securityHub')),
      SECURITY_HUB_FAILED_ONLY: String(bool(params, 'securityHubFailedOnly')),
      AUDIT_CONFIG_KEY: auditConfigKey,
      SIGN_KEY_ARN: signKeyArn,
    },
    signKeyArn,
    failOn,
    allowIncomplete,
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
    reportBucket,
    reportBucketRegion: createBucket ? { Ref: 'AWS::Region' } : bucketRegion,
    // The customer-managed key: created (rotating yearly), or an existing one by ARN.
    createKey,
    kmsKeyArn: createKey ? { 'Fn::GetAtt': ['ReportKey', 'Arn'] } : kmsKeyArn,
    // The Glue database and the tables of athena/findings.sql and athena/summaries.sql (common.yml).
    athena: {
      database: base.toLowerCase().replace(/[^a-z0-9]+/g, '_'),
      accountProjection: accountProjection['projection.account.type'],
      findings: table('findings.sql'),
      summaries: table('summaries.sql'),
    },
    files: {
      key: createKey ? 'key.yml' : 'none.yml',
      bucket: createBucket ? 'bucket.yml' : 'none.yml',
      mode: `${mode}.yml`,
      functions: `functions-${mode}.yml`,
      modePolicy: `policy-${mode}.yml`,
      // The role may sign with the signing key, and only with it, when there is one.
      signing: signKeyArn ? 'signing.yml' : 'none.yml',
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
