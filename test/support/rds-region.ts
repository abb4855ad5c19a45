import { DescribeDBClustersCommand, DescribeDBClusterSnapshotsCommand, DescribeDBInstancesCommand, DescribeDBProxiesCommand, DescribeDBSnapshotsCommand, type RDSClient } from '@aws-sdk/client-rds';
import type { AwsClientStub } from 'aws-sdk-client-mock';

/** Nothing in the region: every RDS list the collector reads answers empty, unless a test says otherwise. */
export function emptyRdsRegion(rds: AwsClientStub<RDSClient>): void {
  rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [] });
  rds.on(DescribeDBClustersCommand).resolves({ DBClusters: [] });
  rds.on(DescribeDBSnapshotsCommand).resolves({ DBSnapshots: [] });
  rds.on(DescribeDBClusterSnapshotsCommand).resolves({ DBClusterSnapshots: [] });
  rds.on(DescribeDBProxiesCommand).resolves({ DBProxies: [] });
}
