import type { CheckResult, ResourceRef } from '../../src/evaluate/types';
import { accountResource, eachRegion, withRead } from '../../src/evaluate/results';
import type { Ec2Instance, Inventory } from '../../src/inventory/types';

/* Helpers the EC2 instance checks share (not a check: not in the catalogue). */

/**
 * States in which an instance is judged: running, and pending (it runs within seconds with exactly these settings).
 * Stopping, stopped, shutting-down and terminated instances serve nothing and hold no public IP once stopped; a
 * stopped one is judged again when it starts.
 */
const JUDGED_STATES = new Set(['pending', 'running']);

/** An instance as ASFF names it; the same whether the check passes or fails. */
export const instanceResource = (i: Ec2Instance): ResourceRef => ({ type: 'AwsEc2Instance', id: i.instanceId, arn: i.arn });

/** `instance i-0abc (web-1)`, with its Name tag when it has one. */
export const instanceLabel = (i: Ec2Instance): string => `instance ${i.instanceId}${i.tags.Name ? ` (${i.tags.Name})` : ''}`;

/** Judges every pending or running instance of every audited region; an unreadable listing is one ERROR for the region. */
export function eachInstance(inventory: Inventory, judge: (instance: Ec2Instance, region: string) => CheckResult): CheckResult[] {
  return eachRegion(inventory, 'ec2', inventory.ec2, (data, region) =>
    withRead(
      data.instances,
      region,
      accountResource(inventory),
      (instances) => instances.filter((i) => JUDGED_STATES.has(i.state)).map((i) => judge(i, region)),
      `the EC2 instances in ${region}`,
    ),
  );
}
