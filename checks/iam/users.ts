import type { CheckResult, ResourceRef } from '../../src/evaluate/types';
import { accountResource, GLOBAL, globalSection, withRead } from '../../src/evaluate/results';
import type { CredentialReportUser, Inventory } from '../../src/inventory/types';

/* Helpers the IAM user checks share (not a check: not in the catalogue). */

/** "1 day ago", "12 days ago". */
export const ago = (days: number | null): string => `${days} day${days === 1 ? '' : 's'} ago`;

/** An IAM user as ASFF names it; the same whether the check passes or fails. */
export const userResource = (u: CredentialReportUser): ResourceRef => ({ type: 'AwsIamUser', id: u.user, arn: u.arn });

/**
 * Judges every IAM user of the credential report, root left out, in report order; `judge` returns undefined for a
 * user it does not judge. IAM not collected or an unreadable credential report yields one ERROR for the account.
 */
export function eachUser(inventory: Inventory, judge: (user: CredentialReportUser) => CheckResult | undefined): CheckResult[] {
  return globalSection(inventory, 'iam', inventory.iam, (iam) =>
    withRead(
      iam.credentialReport,
      GLOBAL,
      accountResource(inventory),
      (report) =>
        report.users
          .filter((u) => !u.isRoot)
          .flatMap((u) => {
            const judged = judge(u);
            return judged ? [judged] : [];
          }),
      'the IAM credential report',
    ),
  );
}
