/**
 * The synthetic account the benchmark audits: N buckets and M IAM users, and a few resources of every regional
 * service in each region. Deterministic (resource i always looks the same), so two runs are comparable.
 */
export interface SyntheticAccount {
  accountId: string;
  regions: string[];
  buckets: number;
  users: number;
  /** Resources of each kind per region (volumes, security groups, keys, databases, ...). */
  perRegion: number;
}

export const ACCOUNT_ID = '123456789012';

/** The 17 regions enabled by default in a commercial account. */
export const DEFAULT_REGIONS = [
  'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-south-1', 'ap-southeast-1', 'ap-southeast-2', 'ca-central-1',
  'eu-central-1', 'eu-north-1', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'sa-east-1', 'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
];

export interface BucketShape {
  name: string;
  region: string;
  policy: string | null;
  publicAcl: boolean;
  blockPublicAccess: boolean;
  encryption: 'AES256' | 'aws:kms' | null;
  versioning: boolean;
}

/**
 * Bucket i, by i mod 6: 0 compliant (SSE-KMS, versioning, Block Public Access, TLS-only policy); 1 SSE-S3 and
 * versioning; 2 SSE-S3 and a public-read policy; 3 nothing configured but default encryption; 4 Block Public Access
 * and SSE-S3; 5 a public-read ACL. Buckets live in the first region unless the account spreads them.
 */
export function bucket(account: SyntheticAccount, i: number): BucketShape {
  const name = `bench-bucket-${String(i).padStart(6, '0')}`;
  const kind = i % 6;
  const tlsOnly = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Sid: 'TlsOnly', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [`arn:aws:s3:::${name}`, `arn:aws:s3:::${name}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
  });
  const publicRead = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${name}/*` }] });
  return {
    name,
    region: account.regions[i % Math.min(3, account.regions.length)] ?? 'us-east-1',
    policy: kind === 0 ? tlsOnly : kind === 2 ? publicRead : null,
    publicAcl: kind === 5,
    blockPublicAccess: kind === 0 || kind === 4,
    encryption: kind === 0 ? 'aws:kms' : 'AES256',
    versioning: kind === 0 || kind === 1,
  };
}

/** The IAM credential report: root, then user i by i mod 3 (console + MFA, console without MFA, access key only). */
export function credentialReport(account: SyntheticAccount, now: Date): string {
  const header =
    'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,' +
    'access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,' +
    'access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,' +
    'cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';
  const day = (n: number) => new Date(now.getTime() - n * 86_400_000).toISOString().replace(/\.\d{3}Z$/, '+00:00');
  const rows = [
    `<root_account>,arn:aws:iam::${account.accountId}:root,${day(2000)},not_supported,${day(400)},not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
  ];
  for (let i = 0; i < account.users; i += 1) {
    const kind = i % 3;
    const user = `bench-user-${String(i).padStart(5, '0')}`;
    const console = kind !== 2;
    const key = kind === 2 || i % 5 === 0;
    rows.push(
      [
        user, `arn:aws:iam::${account.accountId}:user/${user}`, day(500), console ? 'true' : 'false', console ? day(i % 90) : 'N/A', console ? day(200) : 'N/A', 'N/A',
        kind === 0 ? 'true' : 'false',
        key ? 'true' : 'false', key ? day(30 + (i % 200)) : 'N/A', key ? day(i % 60) : 'N/A', key ? 'us-east-1' : 'N/A', key ? 's3' : 'N/A',
        'false', 'N/A', 'N/A', 'N/A', 'N/A', 'false', 'N/A', 'false', 'N/A',
      ].join(','),
    );
  }
  return `${[header, ...rows].join('\n')}\n`;
}
