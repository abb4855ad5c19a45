import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const actionsOf = (file: string): string[] =>
  (JSON.parse(readFileSync(join(root, 'iam', file), 'utf8')) as { Statement: Array<{ Action: string | string[] }> }).Statement.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
const source = (file: string) => readFileSync(join(root, file), 'utf8');

describe('the evidence permissions in iam/', () => {
  it('grant the publisher exactly the KMS and S3 calls that sign and lock, and the verifier those that check', () => {
    expect(actionsOf('evidence-publisher-policy.json').sort()).toEqual(['kms:GetPublicKey', 'kms:Sign', 's3:GetBucketObjectLockConfiguration', 's3:PutObjectRetention']);
    expect(actionsOf('evidence-verifier-policy.json').sort()).toEqual(['kms:Decrypt', 'kms:GetPublicKey', 'kms:Verify', 's3:GetBucketLocation', 's3:GetObject', 's3:ListBucket']);
    // Those calls are the ones the code makes.
    expect(source('src/evidence/sign.ts')).toMatch(/new GetPublicKeyCommand[\s\S]*new SignCommand[\s\S]*new VerifyCommand/);
    expect(source('src/publish/s3/evidence.ts')).toContain('new GetObjectLockConfigurationCommand');
  });

  it('keep signing out of the read-only audit policies', () => {
    for (const file of ['auditor-policy.json', 'securityaudit-supplement-policy.json']) {
      expect(actionsOf(file).filter((a) => /^kms:(Sign|Verify|GetPublicKey)$|PutObject/.test(a))).toEqual([]);
    }
  });
});
