import type { Check, CheckResult, ResourceRef } from '../../src/evaluate/types';
import { accountResource, eachRegion, fail, pass, readOf, regionNotCollected, result, unreadable, unreadableAll } from '../../src/evaluate/results';
import type { ApiError, BackupPlan, BackupRegionSettings, Ec2Instance, Inventory, ProtectedResource, Read, ServiceName, Tags } from '../../src/inventory/types';
import { DEFAULT_CLASSIFICATION, tagIndexOf, type TagIndex } from '../../src/judge/classification';
import { tableResource } from '../dynamodb/tables';
import { instanceResource } from '../ec2/instances';
import { coverageOf, type Coverage } from './selection';

/** Something whose tags a selection may need: known, or unknown and why. */
interface Tagged {
  arn: string;
  /** null: the inventory does not hold them. */
  tags: Tags | null;
  /** Why the tags are unknown; absent with null tags: the resource is gone, so a tag term cannot hold. */
  tagsUnknownBecause?: string;
}

/** An EC2 instance a volume is attached to: an instance backup (an AMI) includes its volumes. */
interface AttachedInstance extends Tagged {
  id: string;
}

/** A resource that should be in a backup plan. */
interface Target extends Tagged {
  resource: ResourceRef;
  /** `volume vol-1`, `DB instance db1 (postgres)`, `DynamoDB table claims`, ... */
  label: string;
  /** AWS Backup's name for the resource type in the region's service opt-in (`EBS`, `RDS`, `Aurora`, `DynamoDB`, ...). */
  backupType: string;
  attachedInstances: AttachedInstance[];
}

/** A list the check could not read: what it was and why. */
interface Unread {
  what: string;
  error: ApiError;
}

/** Resource types AWS Backup protects only when opted in, even when a selection names the type (AWS Backup developer guide). */
const OPT_IN_ALWAYS = new Set(['Aurora', 'Neptune', 'DocumentDB']);

/** Instances that hold data worth a backup: every state but those on the way out. */
const GONE_INSTANCE_STATES = new Set(['shutting-down', 'terminated']);

const check: Check = {
  id: 'backup.resources-protected',
  title: 'EBS volumes, EC2 instances, RDS databases, EFS file systems and DynamoDB tables are covered by an AWS Backup plan',
  severity: 'medium',
  hipaa: ['164.308(a)(7)(ii)(A)'],
  controls: [],
  description:
    'The HIPAA data backup plan standard requires retrievable exact copies of ePHI. An AWS Backup plan backs up every ' +
    'resource its selections cover on a schedule, with retention and vault protection, independently of RDS automated ' +
    'backups, DynamoDB point-in-time recovery and on-demand backups (which are not in a plan). Each EBS volume, EC2 ' +
    'instance, standalone RDS DB instance, RDS cluster, EFS file system and DynamoDB table is checked against the ' +
    'selections of the backup plans in its region (resource ARN patterns, tags, `*`, NotResources and Conditions) and ' +
    "against the region's AWS Backup service opt-in, which decides whether a resource included by tag, by service or " +
    'by `*` is backed up (a selection naming the resource type includes it regardless, except Aurora, Neptune and ' +
    'DocumentDB). Aurora members are covered through their cluster and read replicas through their source; a volume ' +
    'attached to an EC2 instance that a plan covers counts as covered, since an instance backup includes its volumes. ' +
    'Tags come with each resource from its own service, except DynamoDB tables, whose tags are those the Resource ' +
    'Groups Tagging API lists (GetResources, read by every run that classifies ePHI); where that listing could not be ' +
    'read, a table that only a tag-based selection could cover is reported as not judged.',
  remediation: {
    text:
      'Assign the resource to a backup plan: AWS Backup console > Backup plans > <plan> > Assign resources, and select ' +
      'it by resource type, ARN or tag (e.g. tag backup=daily with `aws ec2 create-tags` / `aws rds add-tags-to-resource`); ' +
      'or `aws backup create-backup-selection --backup-plan-id <id> --backup-selection file://selection.json`. Make sure ' +
      'the resource type is opted in (AWS Backup > Settings > Service opt-in, or `aws backup update-region-settings ' +
      '--resource-type-opt-in-preference EFS=true`).',
    url: 'https://docs.aws.amazon.com/aws-backup/latest/devguide/assigning-resources.html',
  },
  reads: [
    'backup.plans',
    'backup.protectedResources',
    'backup.regionSettings',
    'ec2.volumes',
    'ec2.instances',
    'rds.instances',
    'rds.clusters',
    'efs.fileSystems',
    'dynamodb.tables',
  ],
  // tagging.resources is deliberately not in `reads`: without it only tag-dependent tables go unjudged, not the check.
  evaluate(inventory, ctx) {
    const index = tagIndexOf(inventory, ctx.classification ?? DEFAULT_CLASSIFICATION);
    return eachRegion(inventory, 'backup', inventory.backup, (section, region) => {
      const backup: RegionBackup = {
        region,
        plans: readOf(section.plans, 'backup', region, 'ListBackupPlans'),
        protectedResources: readOf(section.protectedResources, 'backup', region, 'ListProtectedResources'),
        settings: readOf(section.regionSettings, 'backup', region, 'DescribeRegionSettings'),
      };
      const { targets, unread } = targetsIn(inventory, region, index);
      const results = targets.map((t) => judge(t, backup));
      if (unread.length > 0) {
        if (!backup.plans.ok) unread.push({ what: `AWS Backup plans in ${region}`, error: backup.plans.error });
        results.push(unreadableAll(region, accountResource(inventory), unread.map((u) => ({ what: `${u.what} (${u.error.service} ${u.error.operation})`, error: u.error }))));
      }
      return results;
    });
  },
};

/** What the check knows of AWS Backup in one region. */
interface RegionBackup {
  region: string;
  plans: Read<BackupPlan[]>;
  protectedResources: Read<ProtectedResource[]>;
  settings: Read<BackupRegionSettings>;
}

/** The region's resources of every judged kind, and the lists that could not be read. */
function targetsIn(inventory: Inventory, region: string, index: TagIndex): { targets: Target[]; unread: Unread[] } {
  const targets: Target[] = [];
  const unread: Unread[] = [];
  const read = <T>(service: ServiceName, value: Read<T> | undefined, what: string): T | undefined => {
    if (value === undefined) {
      unread.push({ what, error: regionNotCollected(inventory, service, region) });
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
  const instances = read('ec2', ec2?.instances, `EC2 instances in ${region}`);
  const byId = new Map<string, Ec2Instance>((instances ?? []).map((i) => [i.instanceId, i]));
  // An instance missing from a list that was read is gone: a tag term cannot hold for it (only its ARN is judged).
  const attached = (id: string): AttachedInstance => {
    const known = byId.get(id);
    if (known) return { id, arn: known.arn, tags: known.tags };
    const arn = instanceArn(id);
    if (instances !== undefined) return { id, arn, tags: null };
    // The instance list could not be read: the tagging API's listing may still know the instance's tags.
    const listed = index.lookup(arn, region).tags;
    return listed ? { id, arn, tags: listed } : { id, arn, tags: null, tagsUnknownBecause: `the EC2 instances in ${region} could not be read` };
  };

  for (const v of read('ec2', ec2?.volumes, `EBS volumes in ${region}`) ?? []) {
    if (v.state === 'deleting' || v.state === 'deleted') continue;
    targets.push({
      resource: { type: 'AwsEc2Volume', id: v.volumeId, arn: v.arn },
      arn: v.arn,
      label: `volume ${v.volumeId}`,
      tags: v.tags,
      backupType: 'EBS',
      attachedInstances: v.attachedInstanceIds.map(attached),
    });
  }
  for (const i of instances ?? []) {
    if (GONE_INSTANCE_STATES.has(i.state)) continue;
    targets.push({
      resource: instanceResource(i),
      arn: i.arn,
      label: `EC2 instance ${i.instanceId}${i.tags.Name ? ` (${i.tags.Name})` : ''}`,
      tags: i.tags,
      backupType: 'EC2',
      attachedInstances: [],
    });
  }

  const rds = inventory.rds?.[region];
  for (const i of read('rds', rds?.instances, `RDS DB instances in ${region}`) ?? []) {
    // Cluster members are backed up through their cluster (judged below); a read replica holds a copy of its
    // source's data, which is judged itself. A deleting instance needs no plan.
    if (i.clusterId !== undefined || i.readReplicaSourceId !== undefined || i.status === 'deleting') continue;
    targets.push({
      resource: { type: 'AwsRdsDbInstance', id: i.id, arn: i.arn },
      arn: i.arn,
      label: `DB instance ${i.id} (${i.engine})`,
      tags: i.tags,
      backupType: 'RDS',
      attachedInstances: [],
    });
  }
  for (const c of read('rds', rds?.clusters, `RDS DB clusters in ${region}`) ?? []) {
    if (c.status === 'deleting') continue;
    targets.push({
      resource: { type: 'AwsRdsDbCluster', id: c.id, arn: c.arn },
      arn: c.arn,
      label: `DB cluster ${c.id} (${c.engine})`,
      tags: c.tags,
      backupType: clusterBackupType(c.engine),
      attachedInstances: [],
    });
  }

  for (const f of read('efs', inventory.efs?.[region]?.fileSystems, `EFS file systems in ${region}`) ?? []) {
    if (f.state === 'deleting' || f.state === 'deleted') continue;
    targets.push({
      resource: { type: 'AwsEfsFileSystem', id: f.id, arn: f.arn },
      arn: f.arn,
      label: `EFS file system ${f.id}${f.name ? ` (${f.name})` : ''}`,
      tags: f.tags,
      backupType: 'EFS',
      attachedInstances: [],
    });
  }

  const tables = read('dynamodb', inventory.dynamodb?.[region]?.tables, `DynamoDB tables in ${region}`) ?? [];
  const tagsUnread = tables.length > 0 ? index.unreadRegions().get(region) : undefined;
  for (const t of tables) {
    // A table's status is known only when DescribeTable answered; one being deleted needs no plan.
    if (t.details?.ok === true && t.details.value.status === 'DELETING') continue;
    // The DynamoDB collector reads no tags: the tagging API's listing holds them (none when it does not list the table).
    const tags = index.lookup(t.arn, region).tags;
    targets.push({
      resource: tableResource(t),
      arn: t.arn,
      label: `DynamoDB table ${t.name}`,
      ...(tags ? { tags } : { tags: null, tagsUnknownBecause: tableTagsUnknown(region, tagsUnread) }),
      backupType: 'DynamoDB',
      attachedInstances: [],
    });
  }
  return { targets, unread };
}

/** Why a table's tags are not known: the audit reads them only through the tagging API, and it did not answer for the region. */
function tableTagsUnknown(region: string, error: ApiError | undefined): string {
  const source = 'DynamoDB table tags come only from the Resource Groups Tagging API';
  if (error === undefined) return `${source}, and the tags of resources in ${region} are not known`;
  if (error.code === 'NotCollected') {
    return `${source}, whose listing for ${region} this inventory does not hold (tagging.resources was not collected; a run reads it unless classification is off)`;
  }
  return `${source}, whose ${error.operation} failed in ${region} (${error.code}: ${error.message.replace(/[.\s]+$/, '')})`;
}

/** AWS Backup's resource type for a cluster DescribeDBClusters lists (Aurora, Neptune, DocumentDB or a Multi-AZ DB cluster). */
function clusterBackupType(engine: string): string {
  if (engine.startsWith('aurora')) return 'Aurora';
  if (engine === 'neptune') return 'Neptune';
  if (engine === 'docdb') return 'DocumentDB';
  return 'RDS';
}

/** A selection that would cover the target (directly or through an attached instance) but for something. */
interface Near {
  plan: string;
  selection: string;
  how: string;
  /** The attached instance the coverage goes through. */
  via?: AttachedInstance;
  backupType: string;
}

/** Whether AWS Backup acts on a covered resource: true, false, or the reason it is not known. */
function optedIn(coverage: { byType: boolean }, backupType: string, settings: Read<BackupRegionSettings>): boolean | { error: ApiError } | 'unlisted' {
  if (coverage.byType && !OPT_IN_ALWAYS.has(backupType)) return true;
  if (!settings.ok) return { error: settings.error };
  const value = settings.value.optIn[backupType];
  return value === undefined ? 'unlisted' : value;
}

function judge(target: Target, backup: RegionBackup): CheckResult {
  const { resource, label } = target;
  const { region } = backup;
  if (!backup.plans.ok) return unreadable(region, resource, backup.plans.error, `AWS Backup plans in ${region}`);
  const protectedResources = backup.protectedResources.ok ? backup.protectedResources.value : undefined;
  const lastBackupOf = (arn: string) => protectedResources?.find((p) => p.arn === arn)?.lastBackupTime;
  const lastBackup = lastBackupOf(target.arn);

  let unreadPlan: { name: string; error: ApiError } | undefined;
  let tagsUnknown: (Near & { because: string }) | undefined;
  let optInUnknown: (Near & { error?: ApiError }) | undefined;
  let notOptedIn: (Near & { byType: boolean }) | undefined;

  /** A PASS when this coverage protects the target; otherwise notes why it might or does not. */
  const consider = (coverage: Coverage, who: Tagged, near: Near): CheckResult | undefined => {
    if (coverage.kind === 'not-covered') return undefined;
    if (coverage.kind === 'depends-on-tags') {
      // A resource that is gone (missing from a list that was read) meets no tag term.
      if (who.tagsUnknownBecause !== undefined) tagsUnknown ??= { ...near, how: coverage.how, because: who.tagsUnknownBecause };
      return undefined;
    }
    const on = optedIn(coverage, near.backupType, backup.settings);
    if (on === true) return passFor(near);
    if (on === false) notOptedIn ??= { ...near, byType: coverage.byType };
    else optInUnknown ??= on === 'unlisted' ? near : { ...near, error: on.error };
    return undefined;
  };

  const passFor = (near: Near): CheckResult => {
    if (!near.via) {
      const history = protectedResources === undefined ? '' : lastBackup !== undefined ? `; last backup ${lastBackup}` : '; no recovery point recorded yet';
      return pass(region, resource, `${label} is in AWS Backup plan ${near.plan} (selection ${near.selection}: ${near.how})${history}`);
    }
    // The recovery points are the instance's (an AMI with a snapshot of every attached volume).
    const instanceId = near.via.id;
    const instanceBackup = lastBackupOf(near.via.arn);
    const history =
      protectedResources === undefined
        ? ''
        : instanceBackup !== undefined
          ? `; last backup of ${instanceId} ${instanceBackup}`
          : `; no recovery point of ${instanceId} recorded yet`;
    return pass(
      region,
      resource,
      `${label} is in AWS Backup plan ${near.plan} through attached EC2 instance ${instanceId} (selection ${near.selection}: ${near.how}), whose backups include its volumes${history}`,
    );
  };

  for (const plan of backup.plans.value) {
    if (!plan.selections.ok) {
      unreadPlan ??= { name: plan.planName, error: plan.selections.error };
      continue;
    }
    for (const selection of plan.selections.value) {
      const base = { plan: plan.planName, selection: selection.selectionName };
      const direct = coverageOf(selection, target.arn, target.tags);
      const passed = consider(direct, target, { ...base, how: direct.kind === 'not-covered' ? '' : direct.how, backupType: target.backupType });
      if (passed) return passed;
      for (const instance of target.attachedInstances) {
        const through = coverageOf(selection, instance.arn, instance.tags);
        const viaPass = consider(through, instance, { ...base, how: through.kind === 'not-covered' ? '' : through.how, via: instance, backupType: 'EC2' });
        if (viaPass) return viaPass;
      }
    }
  }

  const stray =
    lastBackup !== undefined
      ? `; it has a recovery point from ${lastBackup} (an on-demand or earlier backup), but no plan keeps backing it up`
      : '';
  // Not protected by any plan we could read and judge: a plan we could not read might cover it.
  if (unreadPlan) return unreadable(region, resource, unreadPlan.error, `the selections of AWS Backup plan ${unreadPlan.name}`);
  if (tagsUnknown) {
    const t = tagsUnknown;
    const subject = t.via ? `attached EC2 instance ${t.via.id}` : label;
    const evidence = lastBackup !== undefined ? ` It has a recovery point from ${lastBackup}.` : '';
    return result(
      'ERROR',
      region,
      resource,
      `could not tell whether ${label} is in an AWS Backup plan: selection ${t.selection} of plan ${t.plan} includes ${subject} only by ${t.how}, ` +
        `and ${t.because}.${evidence} Fix: check the tags of ${subject} against the selection, or select it by ARN or resource type.`,
    );
  }
  if (optInUnknown) {
    const o = optInUnknown;
    const decides = `AWS Backup's service opt-in for ${o.backupType} in ${region}, which decides whether selection ${o.selection} of plan ${o.plan} (${o.how}) protects ${o.via ? `attached EC2 instance ${o.via.id}` : label}`;
    if (o.error) return unreadable(region, resource, o.error, decides);
    const subject = o.via ? `attached EC2 instance ${o.via.id}` : 'it';
    return result(
      'ERROR',
      region,
      resource,
      `could not tell whether ${label} is protected: selection ${o.selection} of plan ${o.plan} includes ${subject} by ${o.how}, which AWS Backup ` +
        `honours only for opted-in resource types, and the region settings of ${region} do not list ${o.backupType}. ` +
        `Fix: opt ${o.backupType} in (AWS Backup > Settings > Service opt-in) or select the resource by resource type or ARN.`,
    );
  }
  if (notOptedIn) {
    const n = notOptedIn;
    const selected = `selected by AWS Backup plan ${n.plan} (selection ${n.selection}: ${n.how})`;
    const why = n.byType
      ? `AWS Backup backs up ${n.backupType} resources only when the type is opted in`
      : 'AWS Backup backs up what a selection includes by tag, by service or by "*" only for opted-in resource types';
    const subject = n.via ? `${label} is not backed up: attached EC2 instance ${n.via.id} is ${selected}` : `${label} is ${selected}`;
    return fail(region, resource, `${subject}, but ${n.backupType} is not opted in to AWS Backup in ${region} and ${why}${stray}`);
  }
  const none = backup.plans.value.length === 0 ? ` (${region} has no backup plans)` : '';
  return fail(region, resource, `${label} is in no AWS Backup plan${none}${stray}`);
}

export default check;
