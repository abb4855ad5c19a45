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

/** An inline policy embedded in a user, group or role. */
export interface IamInlinePolicy {
  name: string;
  /** The policy document as JSON text (URL-decoded). */
  document: string;
}

/** A managed policy attached to a user, group or role. */
export interface IamAttachedPolicy {
  name: string;
  /** `arn:<partition>:iam::aws:policy/...` for AWS managed policies, `arn:<partition>:iam::<account>:policy/...` for customer managed ones. */
  arn: string;
}

/** What users, groups and roles have in common: who they are and the policies they hold directly. */
export interface IamPrincipalDetail {
  name: string;
  arn: string;
  path: string;
  inlinePolicies: IamInlinePolicy[];
  attachedPolicies: IamAttachedPolicy[];
}

export interface IamUserDetail extends IamPrincipalDetail {
  /** Names of the groups the user belongs to. */
  groups: string[];
  permissionsBoundaryArn?: string;
  tags: Record<string, string>;
}

export type IamGroupDetail = IamPrincipalDetail;

export interface IamRoleDetail extends IamPrincipalDetail {
  permissionsBoundaryArn?: string;
  tags: Record<string, string>;
}

/** A customer managed policy with the document of its default version (the only one in force). */
export interface IamCustomerManagedPolicy {
  name: string;
  arn: string;
  path: string;
  defaultVersionId: string;
  /** The default version's document as JSON text (URL-decoded). */
  document: string;
  /** Users, groups and roles it is attached to, as IAM counts them (permissions boundaries not included). */
  attachmentCount: number;
  /** Users and roles that use it as their permissions boundary (which grants nothing by itself). */
  permissionsBoundaryUsageCount: number;
}

/** GetAccountAuthorizationDetails: every user, group, role and customer managed policy, in one paginated read. */
export interface IamAuthorizationDetails {
  users: IamUserDetail[];
  groups: IamGroupDetail[];
  roles: IamRoleDetail[];
  policies: IamCustomerManagedPolicy[];
}

/** The reads the IAM collector can make; a check names those it needs (`iam.credentialReport`). */
export const IAM_READS = ['credentialReport', 'accountSummary', 'passwordPolicy', 'virtualMfaDevices', 'authorizationDetails'] as const;

/** A field is absent when its read was not asked for (no selected check needed it). */
export interface IamInventory {
  credentialReport?: Read<CredentialReport>;
  accountSummary?: Read<AccountSummary>;
  /** null: the account has no password policy (GetAccountPasswordPolicy answered NoSuchEntity). */
  passwordPolicy?: Read<PasswordPolicy | null>;
  virtualMfaDevices?: Read<VirtualMfaDevice[]>;
  authorizationDetails?: Read<IamAuthorizationDetails>;
}
