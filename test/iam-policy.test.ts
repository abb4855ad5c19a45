import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');
const policy = JSON.parse(readFileSync(join(root, 'iam', 'auditor-policy.json'), 'utf8')) as { Statement: Array<{ Action: string[] }> };
const supplement = JSON.parse(readFileSync(join(root, 'iam', 'securityaudit-supplement-policy.json'), 'utf8')) as typeof policy;
const granted = new Set(policy.Statement.flatMap((s) => s.Action));

/** The IAM action behind an SDK operation, where its name differs. */
const ACTION_OF: Record<string, string | null> = {
  'sts:GetCallerIdentity': null, // needs no permission
  's3:ListBuckets': 's3:ListAllMyBuckets',
  's3:GetBucketEncryption': 's3:GetEncryptionConfiguration',
  's3:GetPublicAccessBlock': 's3:GetBucketPublicAccessBlock',
  's3:GetAccountPublicAccessBlock': 's3:GetAccountPublicAccessBlock',
};

const PREFIX: Record<string, string> = { 'session.ts': 'ec2', 'config.ts': 'config' };

/** Every operation the collectors (and the session) can call, read from their source. */
function operations(): string[] {
  const files = [
    ...readdirSync(join(root, 'src', 'collect')).map((f) => join(root, 'src', 'collect', f)),
    join(root, 'src', 'aws', 'session.ts'),
  ];
  const ops = new Set<string>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const name = file.split('/').pop() as string;
    const prefix = PREFIX[name] ?? name.replace(/\.ts$/, '');
    for (const m of text.matchAll(/\bnew\s+([A-Z][A-Za-z0-9]+)Command\b|\bpaginate([A-Z][A-Za-z0-9]+)\b/g)) {
      const op = (m[1] ?? m[2]) as string;
      const service = op === 'GetCallerIdentity' ? 'sts' : prefix;
      ops.add(`${service}:${op}`);
    }
  }
  return [...ops].sort();
}

describe('the IAM policy in iam/', () => {
  const ops = operations();

  it('finds the operations the collectors call', () => {
    expect(ops).toEqual(expect.arrayContaining(['iam:GenerateCredentialReport', 's3:GetBucketPolicyStatus', 'rds:DescribeDBSnapshotAttributes', 'ec2:DescribeRegions']));
  });

  it('grants every read the auditor makes', () => {
    const missing = ops.map((op) => (op in ACTION_OF ? ACTION_OF[op] : op)).filter((a): a is string => typeof a === 'string' && !granted.has(a));
    expect(missing).toEqual([]);
  });

  it('grants nothing but reads', () => {
    for (const action of granted) expect(action).toMatch(/^[a-z0-9-]+:(Describe|Get|List|GenerateCredentialReport)/);
    for (const action of supplement.Statement.flatMap((s) => s.Action)) expect(granted.has(action)).toBe(true);
  });
});
