import type { Read } from './read';

export type Tags = Record<string, string>;

export interface EbsVolume {
  volumeId: string;
  arn: string;
  encrypted: boolean;
  kmsKeyId?: string;
  state: string;
  attachedInstanceIds: string[];
  tags: Tags;
}

export interface EbsSnapshot {
  snapshotId: string;
  arn: string;
  encrypted: boolean;
  /** The KMS key encrypting an encrypted snapshot; absent in inventories collected before it was kept. */
  kmsKeyId?: string;
  /** The source volume; omitted for copied snapshots, which AWS reports with the placeholder vol-ffffffff. */
  volumeId?: string;
  /** Restorable by every AWS account (createVolumePermission group `all`). */
  public: boolean;
  tags: Tags;
}

export interface IpPermission {
  /** tcp | udp | icmp | icmpv6 | -1 (all) | a protocol number */
  protocol: string;
  fromPort?: number;
  toPort?: number;
  ipv4Ranges: string[];
  ipv6Ranges: string[];
  prefixListIds: string[];
  referencedGroupIds: string[];
}

export interface SecurityGroup {
  groupId: string;
  groupName: string;
  arn: string;
  vpcId?: string;
  ingress: IpPermission[];
  /** Outbound rules; absent when the answer had none listed, and in inventories saved before they were recorded. */
  egress?: IpPermission[];
  /** The VPC's default security group (named `default`, in a VPC); absent in inventories saved before it was recorded. */
  isDefault?: boolean;
  tags: Tags;
}

export interface Vpc {
  vpcId: string;
  arn: string;
  isDefault: boolean;
  cidrBlock?: string;
  tags: Tags;
}

export interface FlowLog {
  flowLogId: string;
  resourceId: string;
  /** ACTIVE is the only status that records. */
  status: string;
  /** SUCCESS | FAILED: FAILED means records are not reaching the destination. */
  deliverLogsStatus?: string;
  /** Why delivery fails (e.g. "Access error", "Rate limited"), when it does. */
  deliverLogsErrorMessage?: string;
  /** ACCEPT | REJECT | ALL */
  trafficType?: string;
  /** cloud-watch-logs | s3 | kinesis-data-firehose */
  destinationType?: string;
  /** Where records go: the bucket / log group / stream ARN, or the log group name. */
  destination?: string;
}

/** An EC2 instance as DescribeInstances reports it (every state, terminated ones included while EC2 still lists them). */
export interface Ec2Instance {
  instanceId: string;
  arn: string;
  /** pending | running | shutting-down | terminated | stopping | stopped */
  state: string;
  /** Every public IPv4 address on the instance: the primary one and those associated with any network interface. */
  publicIps: string[];
  /**
   * The instance's own metadata options (account-level IMDS defaults apply only at launch and are already reflected
   * here). Absent when DescribeInstances reported none.
   */
  metadataOptions?: {
    /** required: IMDSv2 only | optional: IMDSv1 also answers */
    httpTokens?: string;
    /** enabled | disabled */
    httpEndpoint?: string;
    /** pending (a change is being applied) | applied */
    state?: string;
  };
  vpcId?: string;
  subnetId?: string;
  securityGroupIds: string[];
  /** ARN of the instance profile, when the instance has one. */
  iamInstanceProfileArn?: string;
  tags: Tags;
}

/** The reads the EC2 collector can make in a region (each one bulk, paginated call or two). */
export const EC2_READS = ['ebsEncryptionByDefault', 'volumes', 'snapshots', 'snapshotBlockPublicAccess', 'securityGroups', 'vpcs', 'flowLogs', 'instances'] as const;

/** A field is absent when its read was not asked for (no selected check needed it). */
export interface Ec2Region {
  ebsEncryptionByDefault?: Read<{ enabled: boolean; kmsKeyId?: string }>;
  volumes?: Read<EbsVolume[]>;
  /** Snapshots this account owns. */
  snapshots?: Read<EbsSnapshot[]>;
  /**
   * Block public access for snapshots in the region: block-all-sharing | block-new-sharing | unblocked.
   * Under block-all-sharing a snapshot shared with `all` is still marked public but is not available to anyone.
   */
  snapshotBlockPublicAccess?: Read<string>;
  securityGroups?: Read<SecurityGroup[]>;
  vpcs?: Read<Vpc[]>;
  flowLogs?: Read<FlowLog[]>;
  instances?: Read<Ec2Instance[]>;
}
