/**
 * Helpers the log-group checks share (not a check: not in the catalogue): CloudWatch Logs ARNs, and which log
 * groups receive audit logs (CloudTrail trails' log groups, VPC flow logs delivered to CloudWatch Logs).
 */
import type { ResourceRef } from '../../src/evaluate/types';
import { GLOBAL, readOf } from '../../src/evaluate/results';
import type { ApiError, Inventory } from '../../src/inventory/types';
import { allTrails, trailLabel } from '../cloudtrail/trails';

/** A log group as an ARN names it. */
export interface LogGroupRef {
  partition: string;
  region: string;
  account: string;
  name: string;
}

/** `arn:<partition>:logs:<region>:<account>:log-group:<name>`, with or without the trailing `:*`; null otherwise. */
export function parseLogGroupArn(arn: string): LogGroupRef | null {
  const m = /^arn:([^:]+):logs:([^:]+):(\d{12}):log-group:([^:]+)(:\*)?$/.exec(arn);
  if (!m) return null;
  return { partition: m[1] as string, region: m[2] as string, account: m[3] as string, name: m[4] as string };
}

export function logGroupArn(ref: LogGroupRef): string {
  return `arn:${ref.partition}:logs:${ref.region}:${ref.account}:log-group:${ref.name}`;
}

/** The log group as a finding names it (ASFF has no log group type). */
export function logGroupResource(ref: LogGroupRef): ResourceRef {
  return { type: 'Other', id: ref.name, arn: logGroupArn(ref) };
}

/** A log group that receives audit logs, and what sends them. */
export interface AuditLogGroup {
  ref: LogGroupRef;
  /** `trail <name>`, `flow log fl-... of vpc-...`. */
  sources: string[];
  /** Whether a CloudTrail trail delivers here (CloudTrail also keeps its logs in S3). */
  fromCloudTrail: boolean;
}

/**
 * The log groups that CloudTrail trails (any audited region's listing, organization trails included) and VPC flow
 * logs (destination type cloud-watch-logs) deliver to, once each, and the reads that kept some from being known.
 */
export function auditLogGroups(inventory: Inventory): { groups: AuditLogGroup[]; errors: ApiError[] } {
  const byKey = new Map<string, AuditLogGroup>();
  const add = (ref: LogGroupRef, source: string, fromCloudTrail: boolean) => {
    const key = logGroupArn(ref);
    const group = byKey.get(key) ?? { ref, sources: [], fromCloudTrail: false };
    group.sources.push(source);
    group.fromCloudTrail ||= fromCloudTrail;
    byKey.set(key, group);
  };

  const { trails, errors } = allTrails(inventory);
  for (const trail of trails) {
    const ref = trail.cloudWatchLogsLogGroupArn ? parseLogGroupArn(trail.cloudWatchLogsLogGroupArn) : null;
    if (ref) add(ref, trailLabel(trail, inventory), true);
  }

  for (const region of inventory.regions) {
    const data = inventory.ec2?.[region];
    if (!data) {
      errors.push(
        inventory.errors.find((e) => e.service === 'ec2' && (e.region === region || e.region === GLOBAL)) ?? {
          service: 'ec2',
          region,
          operation: 'collect',
          code: 'NotCollected',
          message: `the inventory holds no ec2 data for ${region}`,
        },
      );
      continue;
    }
    const flowLogs = readOf(data.flowLogs, 'ec2', region, 'DescribeFlowLogs');
    if (!flowLogs.ok) {
      errors.push({ ...flowLogs.error, region });
      continue;
    }
    for (const log of flowLogs.value) {
      if (log.destinationType !== 'cloud-watch-logs' || !log.destination) continue;
      // The destination is the group's ARN, or (older flow logs) its name in the flow log's own region and account.
      const ref = parseLogGroupArn(log.destination) ?? { partition: inventory.partition, region, account: inventory.accountId, name: log.destination };
      add(ref, `flow log ${log.flowLogId} of ${log.resourceId}`, false);
    }
  }
  return { groups: [...byKey.values()], errors };
}
