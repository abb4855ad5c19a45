import check from '../../../checks/backup/vault-locked';
import type { BackupVault } from '../../../src/inventory/types';
import { backupRegion, backupVault as vault } from '../../support/builders/backup';
import { policy } from '../../support/builders/s3';
import { checkContext, denied, failed, inventory, ok, statuses } from '../../support/inventory';

const regions = ['us-east-1', 'eu-west-1'];
const judge = (...vaults: BackupVault[]) => check.evaluate(inventory({ backup: { 'us-east-1': { ...backupRegion(ok([])), vaults: ok(vaults) } } }), checkContext());

const DENY = { Sid: 'ProtectRecoveryPoints', Effect: 'Deny', Principal: '*', Action: ['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle'], Resource: '*' };
const GUARD = { Sid: 'ProtectPolicy', Effect: 'Deny', Principal: '*', Action: ['backup:PutBackupVaultAccessPolicy', 'backup:DeleteBackupVaultAccessPolicy'], Resource: '*' };

describe('backup.vault-locked', () => {
  it('passes locked vaults, naming compliance mode (immutable or in grace time) and governance mode', () => {
    const results = judge(
      vault('compliance', { locked: true, lockDate: '2026-01-01T00:00:00.000Z', minRetentionDays: 35, maxRetentionDays: 365, accessPolicy: undefined }),
      vault('grace', { locked: true, lockDate: '2026-06-03T00:00:00.000Z', minRetentionDays: 7, accessPolicy: undefined }),
      vault('governance', { locked: true, accessPolicy: undefined }),
    );
    expect(statuses(results)).toEqual({ 'us-east-1/compliance': 'PASS', 'us-east-1/grace': 'PASS', 'us-east-1/governance': 'PASS' });
    expect(results[0]?.message).toBe(
      'backup vault compliance (10 recovery points) is locked: Vault Lock in compliance mode, immutable since 2026-01-01T00:00:00.000Z: no one, ' +
        'root included, can remove it or delete recovery points before they expire (minimum retention 35 days, maximum 365 days)',
    );
    expect(results[1]?.message).toContain('Vault Lock in compliance mode, still in its grace time: it becomes immutable on 2026-06-03T00:00:00.000Z and can be removed until then');
    expect(results[2]?.message).toBe(
      'backup vault governance (10 recovery points) is locked: Vault Lock in governance mode (no lock date): principals allowed ' +
        'backup:DeleteBackupVaultLockConfiguration can still remove the lock (no minimum retention enforced)',
    );
    expect(results[0]?.resource).toEqual({ type: 'AwsBackupBackupVault', id: 'compliance', arn: 'arn:aws:backup:us-east-1:111122223333:backup-vault:compliance' });
  });

  it('fails an unlocked vault without an access policy', () => {
    const [only] = judge(vault('Default', { recoveryPoints: 1 }));
    expect(only).toMatchObject({ status: 'FAIL' });
    expect(only?.message).toBe(
      'backup vault Default (1 recovery point) has no Vault Lock and no access policy: anyone allowed backup:DeleteRecoveryPoint can delete its recovery points',
    );
  });

  it('passes an unlocked vault whose access policy denies deleting recovery points to everyone, saying whether it guards itself', () => {
    const results = judge(
      vault('guarded', { accessPolicy: ok(policy(DENY, GUARD)) }),
      vault('unguarded', { accessPolicy: ok(policy(DENY)) }),
      vault('break-glass', {
        accessPolicy: ok(policy({ ...DENY, Action: 'backup:*', Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/break-glass' } } })),
      }),
    );
    expect(statuses(results)).toEqual({ 'us-east-1/guarded': 'PASS', 'us-east-1/unguarded': 'PASS', 'us-east-1/break-glass': 'PASS' });
    expect(results[0]?.message).toBe(
      'backup vault guarded (10 recovery points) has no Vault Lock, but its access policy denies backup:DeleteRecoveryPoint and ' +
        'backup:UpdateRecoveryPointLifecycle to every principal (statement "ProtectRecoveryPoints"); it also denies changing or deleting the policy itself',
    );
    expect(results[1]?.message).toContain(
      '; the policy does not deny backup:PutBackupVaultAccessPolicy and backup:DeleteBackupVaultAccessPolicy, so whoever may change it can lift this protection',
    );
    expect(results[2]?.message).toContain('to every principal except aws:PrincipalArn arn:aws:iam::111122223333:role/break-glass (statement "ProtectRecoveryPoints"); it also denies');
  });

  it('fails an unlocked vault whose policy leaves deletion open: one action only, one principal only, or a narrowing condition', () => {
    const results = judge(
      vault('delete-only', { accessPolicy: ok(policy({ ...DENY, Action: 'backup:DeleteRecoveryPoint' })) }),
      vault('one-role', { accessPolicy: ok(policy({ ...DENY, Principal: { AWS: 'arn:aws:iam::111122223333:role/ops' } })) }),
      vault('mfa-only', { accessPolicy: ok(policy({ ...DENY, Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } })) }),
    );
    expect(statuses(results)).toEqual({ 'us-east-1/delete-only': 'FAIL', 'us-east-1/one-role': 'FAIL', 'us-east-1/mfa-only': 'FAIL' });
    expect(results[0]?.message).toBe(
      'backup vault delete-only (10 recovery points) has no Vault Lock, and its access policy does not deny backup:UpdateRecoveryPointLifecycle ' +
        'to every principal (a Deny with Principal "*" and no condition other than exempting named callers)',
    );
    expect(results[1]?.message).toContain('does not deny backup:DeleteRecoveryPoint and backup:UpdateRecoveryPointLifecycle to every principal');
  });

  it('does not judge empty vaults or restore access vaults, and names logically air-gapped ones', () => {
    const results = judge(
      vault('empty', { recoveryPoints: 0 }),
      vault('restore', { vaultType: 'RESTORE_ACCESS_BACKUP_VAULT', accessPolicy: undefined }),
      vault('lag', { vaultType: 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT', locked: true, lockDate: '2025-01-01T00:00:00.000Z', accessPolicy: undefined }),
    );
    expect(statuses(results)).toEqual({ 'us-east-1/lag': 'PASS' });
    expect(results[0]?.message).toMatch(/^logically air-gapped backup vault lag \(10 recovery points\) is locked: Vault Lock in compliance mode/);
  });

  it('judges a vault whose recovery point count was not reported', () => {
    const [only] = judge(vault('uncounted', { recoveryPoints: undefined }));
    expect(only?.status).toBe('FAIL');
    expect(only?.message).toMatch(/^backup vault uncounted \(recovery points \(count not reported\)\) has no Vault Lock/);
  });

  it('reports ERROR when the policy could not be read, was not collected, or does not parse', () => {
    const results = judge(
      vault('denied', { accessPolicy: failed(denied('backup', 'GetBackupVaultAccessPolicy')) }),
      vault('uncollected', { accessPolicy: undefined }),
      vault('garbled', { accessPolicy: ok('{"Statement": ') }),
    );
    expect(statuses(results)).toEqual({ 'us-east-1/denied': 'ERROR', 'us-east-1/uncollected': 'ERROR', 'us-east-1/garbled': 'ERROR' });
    expect(results[0]?.message).toContain('could not read the access policy of backup vault denied: AccessDenied');
    expect(results[2]?.message).toMatch(/its access policy could not be read: the policy is not valid JSON/);
  });

  it('reports ERROR, not FAIL, when the lock state was not reported and the policy does not protect the vault', () => {
    const results = judge(
      vault('no-lock-state', { locked: undefined }),
      vault('no-lock-state-weak', { locked: undefined, accessPolicy: ok(policy({ ...DENY, Action: 'backup:DeleteRecoveryPoint' })) }),
      vault('no-lock-state-protected', { locked: undefined, accessPolicy: ok(policy(DENY)) }),
    );
    expect(statuses(results)).toEqual({ 'us-east-1/no-lock-state': 'ERROR', 'us-east-1/no-lock-state-weak': 'ERROR', 'us-east-1/no-lock-state-protected': 'PASS' });
    expect(results[2]?.message).toContain('has no Vault Lock reported (ListBackupVaults did not say), but its access policy denies');
  });

  it('reports ERROR for a region whose vaults could not be listed, were not collected, or that the inventory does not hold', () => {
    const inv = inventory({
      regions: [...regions, 'ap-south-1'],
      backup: {
        'us-east-1': { ...backupRegion(ok([])), vaults: failed(denied('backup', 'ListBackupVaults')) },
        'eu-west-1': backupRegion(ok([])),
      },
    });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ 'us-east-1/111122223333': 'ERROR', 'eu-west-1/111122223333': 'ERROR', 'ap-south-1/111122223333': 'ERROR' });
    expect(results[0]?.message).toContain('could not read AWS Backup vaults in us-east-1: AccessDenied');
  });
});
