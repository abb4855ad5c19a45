import { parse as parseYaml } from 'yaml';
import { CHECKS } from '../../checks';
import type { AwsContext } from '../aws/context';
import { parseConfig } from '../config/load';
import { DEFAULT_CONFIG, type AuditConfig } from '../config/types';
import type { Settings } from './config';
import { ConfigurationError } from './errors';
import { getText } from '../publish/s3/objects';

/**
 * The thresholds and suppressions for the run: the config file at AUDIT_CONFIG_KEY in the report bucket, or
 * the defaults when none is configured. A configured file that is missing or invalid fails the run (silently
 * dropping suppressions would raise false alarms; silently dropping thresholds would hide failures).
 */
export async function loadAuditConfig(aws: AwsContext, settings: Settings, bucketRegion: string): Promise<AuditConfig> {
  if (!settings.configKey) return DEFAULT_CONFIG;
  const where = `s3://${settings.report.bucket}/${settings.configKey}`;
  const text = await getText(aws, { bucket: settings.report.bucket, region: bucketRegion }, settings.configKey);
  if (text === null) throw new ConfigurationError(`the audit config ${where} does not exist. Fix: upload it, or deploy with auditConfigKey empty.`);
  let data: unknown;
  try {
    data = parseYaml(text) ?? {};
  } catch (error) {
    throw new ConfigurationError(`the audit config ${where} is not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  try {
    return parseConfig(data, where, CHECKS.map((c) => c.id));
  } catch (error) {
    throw new ConfigurationError((error as Error).message);
  }
}
