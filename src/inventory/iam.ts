import type { Read } from './read';

export interface CredentialReportAccessKey {
  active: boolean;
  /** ISO timestamp, or null when the report says N/A. */
  lastRotated: string | null;
  lastUsed: string | null;
}

/** One row of the IAM credential report, typed. */
export interface CredentialReportUser {
  user: string;
  arn: string;
  /** True for the `<root_account>` row. */
  isRoot: boolean;
  userCreationTime: string | null;
  /** Root's row says `not_supported`: null then. */
  passwordEnabled: boolean | null;
  passwordLastUsed: string | null;
  passwordLastChanged: string | null;
  mfaActive: boolean;
  /** Both slots of the report, in order: index 0 is access key 1, index 1 is access key 2 (inactive with null dates when absent). */
  accessKeys: CredentialReportAccessKey[];
}

export interface CredentialReport {
  /** When IAM generated the report (it reuses a report up to 4 hours old). */
  generatedAt: string;
  users: CredentialReportUser[];
}

/** The root-related part of GetAccountSummary. */
export interface AccountSummary {
  mfaEnabled: boolean;
  accessKeysPresent: boolean;
  /** AccountPasswordPresent; null when the response lacks it. */
  passwordPresent: boolean | null;
  signingCertificatesPresent: boolean;
}

export interface PasswordPolicy {
  minimumPasswordLength: number;
  requireSymbols: boolean;
  requireNumbers: boolean;
  requireUppercaseCharacters: boolean;
  requireLowercaseCharacters: boolean;
  allowUsersToChangePassword: boolean;
  /** Days; null when passwords never expire. */
  maxPasswordAge: number | null;
  /** Null when reuse is not prevented. */
  passwordReusePrevention: number | null;
  hardExpiry: boolean;
}

export interface VirtualMfaDevice {
  serialNumber: string;
  /** ARN of the user it is assigned to (`arn:aws:iam::<acct>:root` for root); absent when unassigned. */
  userArn?: string;
}

/** The reads the IAM collector can make; a check names those it needs (`iam.credentialReport`). */
export const IAM_READS = ['credentialReport', 'accountSummary', 'passwordPolicy', 'virtualMfaDevices'] as const;

/** A field is absent when its read was not asked for (no selected check needed it). */
export interface IamInventory {
  credentialReport?: Read<CredentialReport>;
  accountSummary?: Read<AccountSummary>;
  /** null: the account has no password policy (GetAccountPasswordPolicy answered NoSuchEntity). */
  passwordPolicy?: Read<PasswordPolicy | null>;
  virtualMfaDevices?: Read<VirtualMfaDevice[]>;
}
