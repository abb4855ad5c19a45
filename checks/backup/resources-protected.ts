import type { Check, CheckResult, ResourceRef } from '../../src/evaluate/types';
import { accountResource, eachRegion, fail, pass, readOf, unreadable, unreadableAll } from '../../src/evaluate/results';
import type { ApiError, BackupRegion, Inventory, Read, ServiceName, Tags } from '../../src/inventory/types';
import { selectionCovers, selectionCoversRegardlessOfTags } from './selection';

/** A resource that should be in a backup plan. */
interface Target {
  resource: ResourceRef;
  /** `volume vol-1`, `DB instance db1`, `DB cluster c1`. */
  label: string;
  tags: Tags;
  /** ARNs of EC2 instances the volume is attached to: an instance backup (an AMI) includes its volumes. */
  attachedInstanceArns: string[];
}

/** A list the check could not read: what it was and why. */
interface Unread {
  what: string;
  error: ApiError;
}

const check: Check = {
  id: 'backup.resources-protected',
  title: 'RDS databases and EBS volumes are covered by an AWS Backup plan',
  severity: 'medium',
  hipaa: ['164.308(a)(7)(ii)(A)'],
  controls: [],
  description:
    'The HIPAA data backup plan standard requires retrievable exact copies of ePHI. An AWS Backup plan backs up every ' +
    'resource its selections cover on a schedule, with retention and vault protection, independently of RDS automated ' +
    'backups (which are deleted with the instance). Each EBS volume, standalone RDS DB instance and RDS cluster is ' +
    'checked against the selections of the backup plans in its region (resource ARN patterns, tags, NotResources and ' +
    'Conditions); Aurora members are covered through their cluster and read replicas through their source, so they ' +
    'are not judged on their own. A volume attached to an EC2 instance that a plan selects by ARN counts as covered, ' +
    'since an instance backup includes its volumes.',
  remediation: {
    text:
      'Assign the resource to a backup plan: AWS Backup console > Backup plans > <plan> > Assign resources, and select ' +
      'it by resource type, ARN or tag (e.g. tag backup=daily with `aws ec2 create-tags` / `aws rds add-tags-to-resource`); ' +
      'or `aws backup create-backup-selection --backup-plan-id <id> --backup-selection file://selection.json`. Make sure ' +
      'the resource type is opted in (AWS Backup > Settings > Service opt-in).',
    url: 'https://docs.aws.amazon.com/aws-backup/latest/devguide/assigning-resources.html',
  },
  reads: ['backup.plans', 'backup.protectedResources', 'ec2.volumes', 'rds.instances', 'rds.clusters'],
  evaluate(inventory) {
    return eachRegion(inventory, 'backup', inventory.backup, (section, region) => {
      const backup: Required<Pick<BackupRegion, 'plans' | 'protectedResources'>> = {
        plans: readOf(section.plans, 'backup', region, 'ListBackupPlans'),
        protectedResources: readOf(section.protectedResources, 'backup', region, 'ListProtectedResources'),
      };
      const { targets, unread } = targetsIn(inventory, region);
      const results = targets.map((t) => judge(t, backup, region));
      if (unread.length > 0) {
        if (!backup.plans.ok) unread.push({ what: `AWS Backup plans in ${region}`, error: backup.plans.error });
        results.push(unreadableAll(region, accountResource(inventory), unread.map((u) => ({ what: `${u.what} (${u.error.service} ${u.error.operation})`, error: u.error }))));
      }
      return results;
    });
  },
};

/** The region's EBS volumes, standalone DB instances and DB clusters, and the lists that could not be read. */
function targetsIn(inventory: Inventory, region: string): { targets: Target[]; unread: Unread[] } {
  const targets: Target[] = [];
  const unread: Unread[] = [];
  const read = <T>(service: ServiceName, value: Read<T> | undefined, what: string): T | undefined => {
    if (value === undefined) {
      unread.push({ what, error: notCollected(inventory, service, region) });
      return undefined;
    }
    if (!value.ok) {
      unread.push({ what, error: value.error });
      return undefined;
    }
    return value.value;
  };
  const instanceArn = (id: string) => `arn:${inventory.partition}:ec2:${region}:${inventory.accountId}:instance/${id}`;

  const ec2 = inventory.ec2?.[region];
  for (const v of read('ec2', ec2?.volumes, `EBS volumes in ${region}`) ?? []) {
    if (v.state === 'deleting' || v.state === 'deleted') continue;
    targets.push({
      resource: { type: 'AwsEc2Volume', id: v.volumeId, arn: v.arn },
      label: `volume ${v.volumeId}`,
      tags: v.tags,
      attachedInstanceArns: v.attachedInstanceIds.map(instanceArn),
    });
  }

  const rds = inventory.rds?.[region];
  for (const i of read('rds', rds?.instances, `RDS DB instances in ${region}`) ?? []) {
    // Cluster members are backed up through their cluster (judged below); a read replica holds a copy of its
    // source's data, which is judged itself. A deleting instance needs no plan.
    if (i.clusterId !== undefined || i.readReplicaSourceId !== undefined || i.status === 'deleting') continue;
    targets.push({
      resource: { type: 'AwsRdsDbInstance', id: i.id, arn: i.arn },
      label: `DB instance ${i.id} (${i.engine})`,
      tags: i.tags,
      attachedInstanceArns: [],
    });
  }
  for (const c of read('rds', rds?.clusters, `RDS DB clusters in ${region}`) ?? []) {
    if (c.status === 'deleting') continue;
    targets.push({
      resource: { type: 'AwsRdsDbCluster', id: c.id, arn: c.arn },
      label: `DB cluster ${c.id} (${c.engine})`,
      tags: c.tags,
      attachedInstanceArns: [],
    });
  }
  return { targets, unread };
}

function notCollected(inventory: Inventory, service: ServiceName, region: string): ApiError {
  const recorded = inventory.errors.find((e) => e.service === service && (e.region === region || e.region === 'global'));
  return (
    recorded ?? {
      service,
      region,
      operation: 'collect',
      code: 'NotCollected',
      message: `the inventory holds no ${service} data for ${region}`,
    }
  );
}

function judge(target: Target, backup: Required<Pick<BackupRegion, 'plans' | 'protectedResources'>>, region: string): CheckResult {
  const { resource, label } = target;
  if (!backup.plans.ok) return unreadable(region, resource, backup.plans.error, `AWS Backup plans in ${region}`);
  const plans = backup.plans.value;
  const protectedResources = backup.protectedResources.ok ? backup.protectedResources.value : undefined;
  const lastBackup = protectedResources?.find((p) => p.arn === resource.arn)?.lastBackupTime;

  let unreadPlan: { name: string; error: ApiError } | undefined;
  for (const plan of plans) {
    if (!plan.selections.ok) {
      unreadPlan ??= { name: plan.planName, error: plan.selections.error };
      continue;
    }
    for (const selection of plan.selections.value) {
      const direct = selectionCovers(selection, resource.arn, target.tags);
      if (direct !== null) {
        const history = protectedResources === undefined ? '' : lastBackup !== undefined ? `; last backup ${lastBackup}` : '; no recovery point recorded yet';
        return pass(region, resource, `${label} is in AWS Backup plan ${plan.planName} (selection ${selection.selectionName}: ${direct})${history}`);
      }
      for (const instanceArn of target.attachedInstanceArns) {
        const how = selectionCoversRegardlessOfTags(selection, instanceArn);
        if (how === null) continue;
        // The recovery points are the instance's (an AMI with a snapshot of every attached volume).
        const instanceId = instanceArn.slice(instanceArn.lastIndexOf('/') + 1);
        const instanceBackup = protectedResources?.find((p) => p.arn === instanceArn)?.lastBackupTime;
        const history =
          protectedResources === undefined
            ? ''
            : instanceBackup !== undefined
              ? `; last backup of ${instanceId} ${instanceBackup}`
              : `; no recovery point of ${instanceId} recorded yet`;
        return pass(
          region,
          resource,
          `${label} is in AWS Backup plan ${plan.planName} through attached EC2 instance ${instanceId} (selection ${selection.selectionName}: ${how}), whose backups include its volumes${history}`,
        );
      }
    }
  }
  // Not covered by any plan we could read: a plan we could not read might cover it.
  if (unreadPlan) return unreadable(region, resource, unreadPlan.error, `the selections of AWS Backup plan ${unreadPlan.name}`);
  const none = plans.length === 0 ? ` (${region} has no backup plans)` : '';
  const stray =
    lastBackup !== undefined
      ? `; it has a recovery point from ${lastBackup} (an on-demand or earlier backup), but no plan keeps backing it up`
      : '';
  return fail(region, resource, `${label} is in no AWS Backup plan${none}${stray}`);
}

export default check;
