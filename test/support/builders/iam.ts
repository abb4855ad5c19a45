import type {
  AccountSummary,
  IamAuthorizationDetails,
  IamCustomerManagedPolicy,
  IamGroupDetail,
  IamRoleDetail,
  IamUserDetail,
  CredentialReport,
  CredentialReportAccessKey,
  CredentialReportUser,
  IamInventory,
  Read,
} from '../../../src/inventory/types';
import { ACCOUNT, COLLECTED_AT, ok } from '../inventory';

/* Typed IAM inventory for check tests: complete objects with defaults, overridable field by field. */

export const ROOT_ARN = `arn:aws:iam::${ACCOUNT}:root`;

/** The ISO timestamp `n` days before the inventory was collected (COLLECTED_AT). */
export const daysAgo = (n: number): string => new Date(new Date(COLLECTED_AT).getTime() - n * 86_400_000).toISOString();

/** An empty access key slot of the credential report (inactive, never rotated or used). */
export const NO_KEY: CredentialReportAccessKey = { active: false, lastRotated: null, lastUsed: null };

/** An access key rotated `rotatedDaysAgo` and last used `usedDaysAgo` (null: never used) days before collection. */
export function accessKey(active: boolean, rotatedDaysAgo: number, usedDaysAgo: number | null = 1): CredentialReportAccessKey {
  return { active, lastRotated: daysAgo(rotatedDaysAgo), lastUsed: usedDaysAgo === null ? null : daysAgo(usedDaysAgo) };
}

/** An IAM user's credential report row: created 400 days ago, no console password, no MFA, no access keys. */
export function credentialUser(name: string, over: Partial<CredentialReportUser> = {}): CredentialReportUser {
  return {
    user: name,
    arn: `arn:aws:iam::${ACCOUNT}:user/${name}`,
    isRoot: false,
    userCreationTime: daysAgo(400),
    passwordEnabled: false,
    passwordLastUsed: null,
    passwordLastChanged: null,
    mfaActive: false,
    accessKeys: [NO_KEY, NO_KEY],
    ...over,
  };
}

/** The `<root_account>` row of the credential report: MFA active, no access keys (password: not_supported). */
export function rootUser(over: Partial<CredentialReportUser> = {}): CredentialReportUser {
  return credentialUser('<root_account>', {
    arn: ROOT_ARN,
    isRoot: true,
    userCreationTime: '2019-01-01T00:00:00.000Z',
    passwordEnabled: null,
    mfaActive: true,
    ...over,
  });
}

/** A credential report generated when the inventory was collected. */
export function credentialReport(users: CredentialReportUser[]): Read<CredentialReport> {
  return ok({ generatedAt: COLLECTED_AT, users });
}

/** The root part of the account summary: root has MFA and a password, no access keys or signing certificates. */
export function accountSummary(over: Partial<AccountSummary> = {}): AccountSummary {
  return { mfaEnabled: true, accessKeysPresent: false, passwordPresent: true, signingCertificatesPresent: false, ...over };
}

/** IAM where every read succeeded: an empty credential report, the default account summary, no password policy, no virtual MFA devices. */
export function iamInventory(over: Partial<IamInventory> = {}): IamInventory {
  return {
    credentialReport: credentialReport([]),
    accountSummary: ok(accountSummary()),
    passwordPolicy: ok(null),
    virtualMfaDevices: ok([]),
    authorizationDetails: ok(authorizationDetails()),
    ...over,
  };
}

/** IAM whose credential report lists these users; override other parts as needed. */
export function iamWithUsers(users: CredentialReportUser[], over: Partial<IamInventory> = {}): IamInventory {
  return iamInventory({ credentialReport: credentialReport(users), ...over });
}

/** A policy document allowing `actions` on `resources` (one Allow statement), as JSON text. */
export function policyDocument(actions: string | string[], resources: string | string[] = '*', extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: resources, ...extra }] });
}

export const ADMIN_DOCUMENT = policyDocument('*');
export const READ_DOCUMENT = policyDocument(['s3:GetObject', 's3:ListBucket'], ['arn:aws:s3:::phi-records', 'arn:aws:s3:::phi-records/*']);
export const ADMINISTRATOR_ACCESS = { name: 'AdministratorAccess', arn: 'arn:aws:iam::aws:policy/AdministratorAccess' };

/** An IAM user at path / with no policies, groups or tags. */
export function iamUser(name: string, over: Partial<IamUserDetail> = {}): IamUserDetail {
  return { name, arn: `arn:aws:iam::${ACCOUNT}:user/${name}`, path: '/', inlinePolicies: [], attachedPolicies: [], groups: [], tags: {}, ...over };
}

export function iamGroup(name: string, over: Partial<IamGroupDetail> = {}): IamGroupDetail {
  return { name, arn: `arn:aws:iam::${ACCOUNT}:group/${name}`, path: '/', inlinePolicies: [], attachedPolicies: [], ...over };
}

export function iamRole(name: string, over: Partial<IamRoleDetail> = {}): IamRoleDetail {
  const path = over.path ?? '/';
  return { name, arn: `arn:aws:iam::${ACCOUNT}:role${path}${name}`, path, inlinePolicies: [], attachedPolicies: [], tags: {}, ...over };
}

/** A customer managed policy at path / (default version v1, attached to nothing) with the given document. */
export function customerPolicy(name: string, document: string, over: Partial<IamCustomerManagedPolicy> = {}): IamCustomerManagedPolicy {
  return {
    name,
    arn: `arn:aws:iam::${ACCOUNT}:policy/${name}`,
    path: '/',
    defaultVersionId: 'v1',
    document,
    attachmentCount: 0,
    permissionsBoundaryUsageCount: 0,
    ...over,
  };
}

/** Authorization details holding these entities (nothing else). */
export function authorizationDetails(over: Partial<IamAuthorizationDetails> = {}): IamAuthorizationDetails {
  return { users: [], groups: [], roles: [], policies: [], ...over };
}
