import type { ResourceRef } from '../../src/evaluate/types';
import type { AccountSummary, CredentialReport, CredentialReportUser, Inventory, Read } from '../../src/inventory/types';

/* Helpers the three root checks share (not a check: not in the catalogue). */

/** The root user, as ASFF names the account it belongs to; the same whether the check passes or fails. */
export function rootResource(inventory: Inventory): ResourceRef {
  return { type: 'AwsAccount', id: inventory.accountId, arn: `arn:${inventory.partition}:iam::${inventory.accountId}:root` };
}

/** The `<root_account>` row of the credential report, when the report was read. */
export function rootRow(report: Read<CredentialReport>): CredentialReportUser | undefined {
  return report.ok ? report.value.users.find((u) => u.isRoot) : undefined;
}

/**
 * The sign-in credentials the account summary says root holds. An absent AccountPasswordPresent counts as a
 * password (conservative). Empty: root has no credentials at all (centralized root access management).
 */
export function rootCredentials(summary: AccountSummary): string[] {
  const held: string[] = [];
  if (summary.passwordPresent === true) held.push('a console password');
  if (summary.passwordPresent === null) held.push('a console password (assumed: the account summary does not report AccountPasswordPresent)');
  if (summary.accessKeysPresent) held.push('access keys');
  if (summary.signingCertificatesPresent) held.push('signing certificates');
  return held;
}

export const NO_ROOT_CREDENTIALS =
  'the root user has no credentials (no password, access keys or signing certificates, e.g. removed by centralized ' +
  'root access management in AWS Organizations), so it cannot sign in and MFA is not needed';

/** "a", "a and b", "a, b and c". */
export function listing(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
