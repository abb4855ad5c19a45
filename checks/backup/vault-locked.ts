import type { Check, CheckResult } from '../../src/evaluate/types';
import { accountResource, eachRegion, fail, pass, readOf, result, unreadable, withRead } from '../../src/evaluate/results';
import type { BackupVault, Inventory } from '../../src/inventory/types';
import { deniesActions, parsePolicy } from '../../src/judge/policy';

/**
 * What a vault access policy must deny to every caller to protect the recovery points: deleting them, and
 * shortening their lifecycle (which expires them).
 */
export const PROTECTING_DENIALS = ['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle'];
/** Denials that keep the protecting ones from being removed by rewriting or deleting the policy. */
const POLICY_GUARDS = ['backup:PutBackupVaultAccessPolicy', 'backup:DeleteBackupVaultAccessPolicy'];

const check: Check = {
  id: 'backup.vault-locked',
  title: 'AWS Backup vaults that hold recovery points are locked or deny deleting them',
  severity: 'medium',
  hipaa: ['164.308(a)(7)(ii)(A)', '164.312(c)(1)'],
  controls: [],
  description:
    'Backups are the copies of ePHI that survive ransomware and mistakes, unless whoever gets in can delete them too. ' +
    'Each backup vault that holds recovery points passes when AWS Backup Vault Lock applies to it (no one, root ' +
    'included, can delete its recovery points or shorten their retention): in compliance mode (a lock date) the lock ' +
    'becomes immutable at that date, in governance mode (no lock date) anyone allowed ' +
    'backup:DeleteBackupVaultLockConfiguration can remove it; the message says which. An unlocked vault passes when ' +
    'its access policy denies backup:DeleteRecoveryPoint and backup:UpdateRecoveryPointLifecycle to every principal ' +
    '(Principal "*", exemptions of named callers allowed); the message says whether the policy also protects itself. ' +
    'Empty vaults, and restore access vaults (which expose the recovery points of a logically air-gapped vault), are ' +
    'not judged.',
  remediation: {
    text:
      'Apply Vault Lock: AWS Backup console > Backup vaults > <vault> > Vault Lock > Create, or `aws backup ' +
      'put-backup-vault-lock-configuration --backup-vault-name <vault> --min-retention-days 35 [--changeable-for-days 3]` ' +
      '(with --changeable-for-days the lock becomes immutable, compliance mode, after that grace time). Or add a vault ' +
      'access policy statement with Effect Deny, Principal "*", Action backup:DeleteRecoveryPoint, ' +
      'backup:UpdateRecoveryPointLifecycle, backup:PutBackupVaultAccessPolicy and backup:DeleteBackupVaultAccessPolicy, ' +
      'Resource "*" (`aws backup put-backup-vault-access-policy`).',
    url: 'https://docs.aws.amazon.com/aws-backup/latest/devguide/vault-lock.html',
  },
  reads: ['backup.vaults'],
  evaluate(inventory, ctx) {
    return eachRegion(inventory, 'backup', inventory.backup, (data, region) =>
      withRead(
        readOf(data.vaults, 'backup', region, 'ListBackupVaults'),
        region,
        accountResource(inventory),
        (vaults) => vaults.flatMap((vault) => judge(inventory, vault, region, ctx.now)),
        `AWS Backup vaults in ${region}`,
      ),
    );
  },
};

function judge(inventory: Inventory, vault: BackupVault, region: string, now: Date): CheckResult[] {
  if (vault.recoveryPoints === 0 || vault.vaultType === 'RESTORE_ACCESS_BACKUP_VAULT') return [];
  const resource = { type: 'AwsBackupBackupVault', id: vault.name, arn: vault.arn };
  const airGapped = vault.vaultType === 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT' ? 'logically air-gapped ' : '';
  const points = vault.recoveryPoints === undefined ? 'recovery points (count not reported)' : `${vault.recoveryPoints} recovery point${vault.recoveryPoints === 1 ? '' : 's'}`;
  const label = `${airGapped}backup vault ${vault.name} (${points})`;
  if (vault.locked === true) return [pass(region, resource, `${label} is locked: ${lockMode(vault, now)}${retention(vault)}`)];

  const policyRead = readOf(vault.accessPolicy, 'backup', region, 'GetBackupVaultAccessPolicy');
  if (!policyRead.ok) return [unreadable(region, resource, policyRead.error, `the access policy of backup vault ${vault.name}`)];
  const unlocked = vault.locked === false ? 'has no Vault Lock' : 'has no Vault Lock reported (ListBackupVaults did not say)';
  if (policyRead.value === null) {
    if (vault.locked === undefined) return [result('ERROR', region, resource, `${label}: ListBackupVaults did not report whether Vault Lock applies, and the vault has no access policy`)];
    return [fail(region, resource, `${label} ${unlocked} and no access policy: anyone allowed backup:DeleteRecoveryPoint can delete its recovery points`)];
  }
  const parsed = parsePolicy(policyRead.value);
  if (!parsed.ok) return [result('ERROR', region, resource, `${label}: its access policy could not be read: ${parsed.reason.replace('bucket policy', 'policy')}`)];
  const recoveryPoints = `arn:${inventory.partition}:backup:${region}:${inventory.accountId}:recovery-point:*`;
  const denials = deniesActions(parsed.statements, PROTECTING_DENIALS, recoveryPoints);
  const missing = denials.filter((d) => !d.statement).map((d) => d.action);
  if (missing.length === 0) {
    const by = [...new Set(denials.map((d) => d.statement?.label ?? ''))].join(', ');
    const exempted = [...new Set(denials.flatMap((d) => d.exempted))];
    const except = exempted.length ? ` except ${exempted.join('; ')}` : '';
    const guards = deniesActions(parsed.statements, POLICY_GUARDS, vault.arn);
    const unguarded = guards.filter((g) => !g.statement).map((g) => g.action);
    const selfProtection = unguarded.length
      ? `; the policy does not deny ${unguarded.join(' and ')}, so whoever may change it can lift this protection`
      : '; it also denies changing or deleting the policy itself';
    return [pass(region, resource, `${label} ${unlocked}, but its access policy denies ${PROTECTING_DENIALS.join(' and ')} to every principal${except} (${by})${selfProtection}`)];
  }
  if (vault.locked === undefined) {
    return [result('ERROR', region, resource, `${label}: ListBackupVaults did not report whether Vault Lock applies, and the access policy does not deny ${missing.join(' and ')} to every principal`)];
  }
  return [fail(region, resource, `${label} ${unlocked}, and its access policy does not deny ${missing.join(' and ')} to every principal (a Deny with Principal "*" and no condition other than exempting named callers)`)];
}

/** Compliance mode (a lock date; immutable from then on) or governance mode (no lock date). */
function lockMode(vault: BackupVault, now: Date): string {
  if (vault.lockDate === undefined) {
    return 'Vault Lock in governance mode (no lock date): principals allowed backup:DeleteBackupVaultLockConfiguration can still remove the lock';
  }
  if (new Date(vault.lockDate).getTime() <= now.getTime()) {
    return `Vault Lock in compliance mode, immutable since ${vault.lockDate}: no one, root included, can remove it or delete recovery points before they expire`;
  }
  return `Vault Lock in compliance mode, still in its grace time: it becomes immutable on ${vault.lockDate} and can be removed until then`;
}

function retention(vault: BackupVault): string {
  const min = vault.minRetentionDays !== undefined ? `minimum retention ${vault.minRetentionDays} days` : 'no minimum retention enforced';
  const max = vault.maxRetentionDays !== undefined ? `, maximum ${vault.maxRetentionDays} days` : '';
  return ` (${min}${max})`;
}

export default check;
