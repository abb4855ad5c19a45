import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parse as parseYaml } from 'yaml';
import { UsageError } from '../errors';
import { CONFIG_SCHEMA, type ConfigFile } from './schema';
import { compileResourcePattern } from './suppressions';
import { DEFAULT_CLASSIFICATION, type ClassificationConfig } from '../judge/classification';
import { DEFAULT_CONFIG, DEFAULT_THRESHOLDS, type AuditConfig, type Suppression } from './types';

const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv, ['date']);
const validate = ajv.compile(CONFIG_SCHEMA);

/** Reads, parses (YAML or JSON) and validates a config file; any problem is a UsageError naming the file and field. */
export function loadConfig(path: string | undefined, knownCheckIds: readonly string[]): AuditConfig {
  if (!path) return DEFAULT_CONFIG;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read config file ${path}: ${(error as Error).message}. Fix: pass an existing file to --config.`);
  }
  let data: unknown;
  try {
    data = parseYaml(text) ?? {};
  } catch (error) {
    throw new UsageError(`config file ${path} is not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  return parseConfig(data, path, knownCheckIds);
}

export function parseConfig(data: unknown, source: string, knownCheckIds: readonly string[]): AuditConfig {
  if (!validate(data)) {
    const first = validate.errors?.[0];
    const where = first?.instancePath ? first.instancePath : '(top level)';
    const detail =
      first?.keyword === 'additionalProperties'
        ? `unknown field '${(first.params as { additionalProperty: string }).additionalProperty}'`
        : (first?.message ?? 'invalid');
    throw new UsageError(`config file ${source}: ${where}: ${detail}. Fix the field (see the README, "Config file").`);
  }
  const file = data as ConfigFile;
  const suppressions = (file.suppressions ?? []).map((s, index): Suppression => {
    const at = `/suppressions/${index}`;
    if (!knownCheckIds.includes(s.checkId)) {
      throw new UsageError(`config file ${source}: ${at}/checkId: unknown check '${s.checkId}'. Fix: use an id from 'npm run checks'.`);
    }
    try {
      compileResourcePattern(s.resource);
    } catch (error) {
      throw new UsageError(`config file ${source}: ${at}/resource: ${(error as Error).message}`);
    }
    for (const account of s.accounts ?? []) {
      if (!/[*?]/.test(account) && !/^\d{12}$/.test(account)) {
        throw new UsageError(`config file ${source}: ${at}/accounts: '${account}' is not a 12-digit account id. Fix: write the whole id, or a glob such as 1111*.`);
      }
    }
    for (const region of s.regions ?? []) {
      if (!/[*?]/.test(region) && region !== 'global' && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) {
        throw new UsageError(`config file ${source}: ${at}/regions: '${region}' is not a region name. Fix: write a name such as us-east-1, a glob such as eu-*, or global.`);
      }
    }
    return {
      checkId: s.checkId,
      resource: s.resource,
      reason: s.reason,
      ...(s.expires ? { expires: s.expires } : {}),
      ...(s.accounts ? { accounts: [...s.accounts] } : {}),
      ...(s.regions ? { regions: [...s.regions] } : {}),
      ...(s.tags ? { tags: { ...s.tags } } : {}),
      ...(s.approvedBy ? { approvedBy: s.approvedBy } : {}),
      ...(s.ticket ? { ticket: s.ticket } : {}),
    };
  });
  const classification = parseClassification(file.classification, source);
  const t = file.thresholds ?? {};
  const pp = t.passwordPolicy ?? {};
  const d = DEFAULT_THRESHOLDS;
  return {
    thresholds: {
      accessKeyMaxAgeDays: t.accessKeyMaxAgeDays ?? d.accessKeyMaxAgeDays,
      unusedCredentialDays: t.unusedCredentialDays ?? d.unusedCredentialDays,
      backupRetentionDays: t.backupRetentionDays ?? d.backupRetentionDays,
      backupPlanRetentionDays: t.backupPlanRetentionDays ?? d.backupPlanRetentionDays,
      adminPorts: t.adminPorts ?? d.adminPorts,
      elbSslPolicies: t.elbSslPolicies ?? d.elbSslPolicies,
      elbTlsPassthroughPorts: t.elbTlsPassthroughPorts ?? d.elbTlsPassthroughPorts,
      acmMinDaysToExpiry: t.acmMinDaysToExpiry ?? d.acmMinDaysToExpiry,
      auditLogRetentionDays: t.auditLogRetentionDays ?? d.auditLogRetentionDays,
      dynamodbRequireCustomerManagedKey: t.dynamodbRequireCustomerManagedKey ?? d.dynamodbRequireCustomerManagedKey,
      passwordPolicy: {
        minimumLength: pp.minimumLength ?? d.passwordPolicy.minimumLength,
        requireUppercase: pp.requireUppercase ?? d.passwordPolicy.requireUppercase,
        requireLowercase: pp.requireLowercase ?? d.passwordPolicy.requireLowercase,
        requireNumbers: pp.requireNumbers ?? d.passwordPolicy.requireNumbers,
        requireSymbols: pp.requireSymbols ?? d.passwordPolicy.requireSymbols,
        // An explicit null switches the requirement off; absence keeps the default.
        maxAgeDays: pp.maxAgeDays === undefined ? d.passwordPolicy.maxAgeDays : pp.maxAgeDays,
        reusePrevention: pp.reusePrevention === undefined ? d.passwordPolicy.reusePrevention : pp.reusePrevention,
      },
      rootUnusedDays: t.rootUnusedDays ?? d.rootUnusedDays,
      publicInstanceAllowTags: (t.publicInstanceAllowTags ?? d.publicInstanceAllowTags).map((tag) => ({
        key: tag.key,
        ...(tag.value !== undefined && tag.value !== null ? { value: tag.value } : {}),
      })),
      noncurrentVersionRetentionDays: t.noncurrentVersionRetentionDays ?? d.noncurrentVersionRetentionDays,
    },
    suppressions,
    ...(classification ? { classification } : {}),
  };
}

/** The classification section over the defaults; undefined when the file has none. ARN patterns must compile. */
function parseClassification(c: ConfigFile['classification'], source: string): ClassificationConfig | undefined {
  if (!c) return undefined;
  const d = DEFAULT_CLASSIFICATION;
  (c.arns ?? []).forEach((pattern, index) => {
    try {
      compileResourcePattern(pattern);
    } catch (error) {
      throw new UsageError(`config file ${source}: /classification/arns/${index}: ${(error as Error).message}`);
    }
  });
  return {
    enabled: c.enabled ?? d.enabled,
    tags: (c.tags ?? d.tags).map((t) => ({ key: t.key, values: [...t.values] })),
    arns: [...(c.arns ?? d.arns)],
    raiseSeverity: c.raiseSeverity ?? d.raiseSeverity,
    eligibleServices: [...(c.eligibleServices ?? d.eligibleServices)],
  };
}
