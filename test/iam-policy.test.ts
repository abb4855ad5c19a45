import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { iamActionOf, securityAuditGrants } from '../src/aws/iam-actions';

const root = join(__dirname, '..');
const policy = JSON.parse(readFileSync(join(root, 'iam', 'auditor-policy.json'), 'utf8')) as { Statement: Array<{ Action: string[] }> };
const supplement = JSON.parse(readFileSync(join(root, 'iam', 'securityaudit-supplement-policy.json'), 'utf8')) as typeof policy;
const granted = new Set(policy.Statement.flatMap((s) => s.Action));

/** The client name a collector file records its errors under, where it differs from the file's name. */
const SERVICE_OF_FILE: Record<string, string> = { 'session.ts': 'ec2' };

/** Every operation the collectors (and the session) can call, read from their source, as `<client name>:<operation>`. */
function operations(): string[] {
  const files = [
    ...readdirSync(join(root, 'src', 'collect')).map((f) => join(root, 'src', 'collect', f)),
    join(root, 'src', 'aws', 'session.ts'),
  ];
  const ops = new Set<string>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const name = file.split('/').pop() as string;
    const service = SERVICE_OF_FILE[name] ?? name.replace(/\.ts$/, '');
    for (const m of text.matchAll(/\bnew\s+([A-Z][A-Za-z0-9]+)Command\b|\bpaginate([A-Z][A-Za-z0-9]+)\b/g)) {
      const op = (m[1] ?? m[2]) as string;
      if (op === 'GetCallerIdentity') ops.add(`sts:${op}`);
      else if (op === 'GetAccountPublicAccessBlock') ops.add(`s3control:${op}`);
      // The cloudwatch collector reads the subscriptions of its alarms' SNS topics with an SNS client.
      else if (op === 'ListSubscriptionsByTopic') ops.add(`sns:${op}`);
      else ops.add(`${service}:${op}`);
    }
  }
  return [...ops].sort();
}

/** The IAM actions behind those operations (what the ERROR fixes name). */
const actions = (): string[] =>
  [...new Set(operations().map((op) => iamActionOf(op.split(':')[0] as string, op.split(':')[1] as string)).filter((a): a is string => a !== null))].sort();

describe('the IAM policy in iam/', () => {
  it('finds the operations the collectors call', () => {
    expect(operations()).toEqual(expect.arrayContaining(['iam:GenerateCredentialReport', 's3:GetBucketPolicyStatus', 'rds:DescribeDBSnapshotAttributes', 'ec2:DescribeRegions']));
    expect(actions()).toEqual(expect.arrayContaining(['s3:ListAllMyBuckets', 's3:GetEncryptionConfiguration', 's3:GetAccountPublicAccessBlock']));
  });

  it('grants every read the auditor makes', () => {
    expect(actions().filter((a) => !granted.has(a))).toEqual([]);
  });

  it('grants nothing but reads, and nothing the collectors do not call', () => {
    for (const action of granted) expect(action).toMatch(/^[a-z0-9-]+:(Describe|Get|List|BatchGet|GenerateCredentialReport)/);
    expect([...granted].filter((a) => !actions().includes(a))).toEqual([]);
  });

  it('supplements SecurityAudit with exactly the reads it lacks', () => {
    const lacking = actions().filter((a) => !securityAuditGrants(a));
    expect(supplement.Statement.flatMap((s) => s.Action).sort()).toEqual(lacking);
  });
});

describe('the SecurityAudit list', () => {
  it('matches wildcards as IAM does', () => {
    expect(securityAuditGrants('ec2:DescribeVolumes')).toBe(true); // ec2:Describe*
    expect(securityAuditGrants('s3:GetBucketAcl')).toBe(true); // s3:GetBucket*
    expect(securityAuditGrants('backup:ListBackupPlans')).toBe(false);
    expect(securityAuditGrants('macie2:GetMacieSession')).toBe(false);
  });
});

describe('the README section on IAM permissions', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const start = readme.indexOf('## IAM permissions');
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
  const named = (text: string): string[] => [...text.matchAll(/`([a-z0-9-]+:[A-Za-z]+)`/g)].map((m) => m[1] as string);

  it('names every read SecurityAudit lacks, and every AWS Backup, KMS, DynamoDB, DAX and EFS read the collectors make', () => {
    const mentioned = new Set(named(section));
    const wanted = [...supplement.Statement.flatMap((s) => s.Action), ...actions().filter((a) => /^(backup|kms|dynamodb|dax|elasticfilesystem):/.test(a))];
    expect(wanted.filter((a) => !mentioned.has(a))).toEqual([]);
  });

  it('says rightly, row by row, whether SecurityAudit grants the reads its table lists', () => {
    const rows = section.split('\n').filter((l) => l.startsWith('| ') && named(l).length > 0);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const grants = row.trimEnd().endsWith('| yes |');
      for (const action of named(row)) expect(`${action}: ${securityAuditGrants(action)}`).toBe(`${action}: ${grants}`);
      // Every action a row names is one the collectors call.
      for (const action of named(row)) expect(actions()).toContain(action);
    }
  });
});
