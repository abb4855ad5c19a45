import { accountResource, fail, GLOBAL, pass, unreadable } from '../../src/evaluate/results';
import type { Check, CheckResult, ResourceRef } from '../../src/evaluate/types';
import type { ApiError, ByRegion, Inventory, Read, ReadId } from '../../src/inventory/types';
import { DEFAULT_CLASSIFICATION, tagIndexOf, type ResourceClassification } from '../../src/judge/classification';
import { clusterResource as cacheClusterResource, groupResource, serverlessResource } from '../elasticache/caches';
import { tableResource } from '../dynamodb/tables';
import { domainResource } from '../opensearch/domains';
import { clusterResource as redshiftResource } from '../redshift/clusters';
import { bucketResource } from '../s3/buckets';
import { queueResource } from '../sqs/queues';
import { topicResource } from '../sns/topics';

/** One data store the inventory holds, where it lives. */
export interface DataStore {
  kind: string;
  region: string;
  resource: ResourceRef;
}

/** One list of data stores as read: its stores, or the failed (or absent) read. */
interface StoreList {
  region: string;
  what: string;
  read: Read<DataStore[]> | undefined;
}

/** The stores of a regional read, region by region (a region without the section reads as absent). */
function regional<S, T>(
  inventory: Inventory,
  section: ByRegion<S> | undefined,
  read: (s: S) => Read<T[] | null> | undefined,
  what: string,
  kind: string,
  toStore: (item: T) => ResourceRef | undefined,
): StoreList[] {
  return inventory.regions.map((region) => {
    const r = section?.[region] === undefined ? undefined : read(section[region] as S);
    const stores = (items: T[] | null): DataStore[] =>
      (items ?? []).flatMap((item) => {
        const resource = toStore(item);
        return resource ? [{ kind, region, resource }] : [];
      });
    return { region, what: `${what} in ${region}`, read: r === undefined ? undefined : r.ok ? { ok: true, value: stores(r.value) } : r };
  });
}

const ref = (type: string, id: string, arn: string): ResourceRef => ({ type, id, arn });

/**
 * Every kind of data store the inventory holds, and how to enumerate it: a store is listed once, at the resource its
 * own checks judge (Aurora and Multi-AZ cluster members at their cluster, ElastiCache group members at their group);
 * stores being deleted are left out.
 */
export const DATA_STORES: ReadonlyArray<{ kind: string; reads: ReadId[]; lists: (inventory: Inventory) => StoreList[] }> = [
  {
    kind: 'S3 bucket',
    reads: ['s3.buckets'],
    lists: (inv) => {
      const read = inv.s3?.buckets;
      const value: Read<DataStore[]> | undefined = read && (read.ok ? { ok: true, value: read.value.map((b) => ({ kind: 'S3 bucket', region: b.region, resource: bucketResource(b) })) } : read);
      return [{ region: GLOBAL, what: 'the S3 bucket list', read: value }];
    },
  },
  {
    kind: 'RDS DB instance',
    reads: ['rds.instances'],
    lists: (inv) => regional(inv, inv.rds, (r) => r.instances, 'RDS DB instances', 'RDS DB instance', (i) => (i.clusterId || i.status === 'deleting' ? undefined : ref('AwsRdsDbInstance', i.id, i.arn))),
  },
  {
    kind: 'RDS DB cluster',
    reads: ['rds.clusters'],
    lists: (inv) => regional(inv, inv.rds, (r) => r.clusters, 'RDS DB clusters', 'RDS DB cluster', (c) => (c.status === 'deleting' ? undefined : ref('AwsRdsDbCluster', c.id, c.arn))),
  },
  {
    kind: 'DynamoDB table',
    reads: ['dynamodb.tables'],
    lists: (inv) => regional(inv, inv.dynamodb, (r) => r.tables, 'DynamoDB tables', 'DynamoDB table', tableResource),
  },
  {
    kind: 'EFS file system',
    reads: ['efs.fileSystems'],
    lists: (inv) =>
      regional(inv, inv.efs, (r) => r.fileSystems, 'EFS file systems', 'EFS file system', (f) =>
        f.state === 'deleting' || f.state === 'deleted' ? undefined : ref('AwsEfsFileSystem', f.id, f.arn),
      ),
  },
  {
    kind: 'ElastiCache cache',
    reads: ['elasticache.replicationGroups', 'elasticache.cacheClusters', 'elasticache.serverlessCaches'],
    lists: (inv) => [
      ...regional(inv, inv.elasticache, (r) => r.replicationGroups, 'ElastiCache replication groups', 'ElastiCache replication group', (g) => (g.status === 'deleting' ? undefined : groupResource(g))),
      ...regional(inv, inv.elasticache, (r) => r.cacheClusters, 'ElastiCache cache clusters', 'ElastiCache cache cluster', (c) =>
        c.replicationGroupId || c.status === 'deleting' ? undefined : cacheClusterResource(c),
      ),
      ...regional(inv, inv.elasticache, (r) => r.serverlessCaches, 'ElastiCache serverless caches', 'ElastiCache serverless cache', (s) => (s.status === 'deleting' ? undefined : serverlessResource(s))),
    ],
  },
  {
    kind: 'DAX cluster',
    reads: ['dax.clusters'],
    lists: (inv) => regional(inv, inv.dax, (r) => r.clusters, 'DAX clusters', 'DAX cluster', (c) => (c.status === 'deleting' ? undefined : ref('Other', c.name, c.arn))),
  },
  {
    kind: 'OpenSearch domain',
    reads: ['opensearch.domains'],
    lists: (inv) => regional(inv, inv.opensearch, (r) => r.domains, 'OpenSearch domains', 'OpenSearch domain', (d) => (d.deleted ? undefined : domainResource(d))),
  },
  {
    kind: 'Redshift cluster',
    reads: ['redshift.clusters'],
    lists: (inv) => regional(inv, inv.redshift, (r) => r.clusters, 'Redshift clusters', 'Redshift cluster', (c) => (c.status === 'deleting' ? undefined : redshiftResource(c))),
  },
  { kind: 'SQS queue', reads: ['sqs.queues'], lists: (inv) => regional(inv, inv.sqs, (r) => r.queues, 'SQS queues', 'SQS queue', queueResource) },
  { kind: 'SNS topic', reads: ['sns.topics'], lists: (inv) => regional(inv, inv.sns, (r) => r.topics, 'SNS topics', 'SNS topic', topicResource) },
  {
    kind: 'EBS volume',
    reads: ['ec2.volumes'],
    lists: (inv) => regional(inv, inv.ec2, (r) => r.volumes, 'EBS volumes', 'EBS volume', (v) => (v.state === 'deleting' || v.state === 'deleted' ? undefined : ref('AwsEc2Volume', v.volumeId, v.arn))),
  },
];

/** Every data store the inventory holds, and an ERROR result for each list that could not be read. */
export function dataStores(inventory: Inventory): { stores: DataStore[]; errors: CheckResult[] } {
  const stores: DataStore[] = [];
  const errors: CheckResult[] = [];
  for (const kind of DATA_STORES) {
    for (const list of kind.lists(inventory)) {
      // A replay narrowed to fewer regions still lists every bucket: only the audited regions' stores count.
      if (list.read?.ok) stores.push(...list.read.value.filter((s) => s.region === GLOBAL || inventory.regions.includes(s.region)));
      else {
        const recorded = inventory.errors.find((e) => kind.reads.some((r) => r.startsWith(`${e.service}.`)) && (e.region === list.region || e.region === GLOBAL));
        const error: ApiError = list.read?.error ?? recorded ?? { service: 'inventory', region: list.region, operation: kind.reads.join(', '), code: 'NotCollected', message: `the inventory holds no ${list.what}` };
        errors.push(unreadable(list.region, accountResource(inventory), error, list.what));
      }
    }
  }
  return { stores, errors };
}

function verdict(store: DataStore, c: ResourceClassification, error: ApiError | undefined): CheckResult {
  const name = `${store.kind} ${store.resource.id}`;
  if (c.classification === 'unknown') {
    const e = error ?? { service: 'tagging', region: store.region, operation: 'GetResources', code: 'Unknown', message: c.reason ?? 'the tags could not be read' };
    return unreadable(store.region, store.resource, e, `the tags of ${name}, so whether it is classified`);
  }
  if (c.by && 'arnPattern' in c.by) return pass(store.region, store.resource, `${name} is classified ePHI by the config's ARN pattern ${c.by.arnPattern}`);
  if (c.classificationTag) {
    const t = c.classificationTag;
    return pass(store.region, store.resource, `${name} carries the classification tag ${t.key}=${t.value} (${c.classification === 'ephi' ? 'ePHI' : 'not ePHI'})`);
  }
  return fail(store.region, store.resource, `${name} carries no classification tag: nothing says whether it holds ePHI, so the ePHI view and --scope ephi leave its other findings out`);
}

const reads: ReadId[] = ['tagging.resources', ...DATA_STORES.flatMap((d) => d.reads)];

const check: Check = {
  id: 'account.ephi-stores-classified',
  title: 'Every data store carries a classification tag',
  severity: 'informational',
  // An untagged store is not-ePHI by definition: under --scope ephi its FAIL would vanish with the rest of the store's.
  keptInEveryScope: true,
  hipaa: ['164.308(a)(1)(ii)(A)'],
  controls: [],
  description:
    'A risk analysis starts with knowing where ePHI is. Every bucket, database, table, file system, cache, search ' +
    'domain, warehouse, queue, topic and volume should say whether it holds ePHI through a classification tag ' +
    '(the keys configured under classification.tags), so no data store is silently out of the ePHI scope. Judged ' +
    'from the tags the Resource Groups Tagging API lists and those the stores carry themselves; collecting it reads ' +
    'the lists of every kind of store.',
  remediation: {
    text:
      'Tag each data store with its classification, e.g. `aws resourcegroupstaggingapi tag-resources --resource-arn-list <ARN> ' +
      '--tags data-classification=phi` (or internal, public, ...); enforce it for new resources with a tag policy in AWS ' +
      'Organizations, or list ePHI stores by ARN under classification.arns in the config.',
    url: 'https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html',
  },
  reads,
  evaluate(inventory, ctx) {
    const index = tagIndexOf(inventory, ctx.classification ?? DEFAULT_CLASSIFICATION);
    const unread = index.unreadRegions();
    const { stores, errors } = dataStores(inventory);
    return [...errors, ...stores.map((s) => verdict(s, index.lookup(s.resource.arn, s.region), unread.get(s.region)))];
  },
};

export default check;
