import type {
  AttachedPolicy as SdkAttachedPolicy,
  GetAccountAuthorizationDetailsResponse,
  GroupDetail,
  ManagedPolicyDetail,
  PolicyDetail,
  RoleDetail,
  UserDetail,
} from '@aws-sdk/client-iam';
import type {
  IamAttachedPolicy,
  IamAuthorizationDetails,
  IamCustomerManagedPolicy,
  IamGroupDetail,
  IamInlinePolicy,
  IamPrincipalDetail,
  IamRoleDetail,
  IamUserDetail,
} from '../inventory/iam';
import { expectFields, IncompleteAnswerError } from './attempt';
import { tagsOf } from './tags';

/*
 * Turns GetAccountAuthorizationDetails pages into inventory data (the call itself is in iam.ts). Documents are kept
 * as JSON text; judging them is for checks (src/judge/policy.ts).
 */

/**
 * IAM returns policy documents URL-encoded (RFC 3986); the JavaScript SDK does not decode them. Encoded JSON cannot
 * start with `{` (it is `%7B`), so a document that does is already plain JSON (an emulator, a proxy) and is kept as
 * is: decoding it would corrupt a literal `%`.
 */
export function decodePolicyDocument(raw: string): string {
  if (raw.trimStart().startsWith('{')) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new IncompleteAnswerError('a policy document is neither JSON nor URL-encoded JSON');
  }
}

function inline(list: PolicyDetail[]): IamInlinePolicy[] {
  return list.map((p) => {
    const policy = expectFields(p, ['PolicyName', 'PolicyDocument']);
    return { name: policy.PolicyName, document: decodePolicyDocument(policy.PolicyDocument) };
  });
}

function attached(list: SdkAttachedPolicy[]): IamAttachedPolicy[] {
  return list.map((p) => {
    const policy = expectFields(p, ['PolicyName', 'PolicyArn']);
    return { name: policy.PolicyName, arn: policy.PolicyArn };
  });
}

// IAM lists every member of an entity, an empty list as an empty element (`<UserPolicyList/>`): a missing list is a
// cut answer, and taking it as "none" would pass a user whose policies we never saw.

/** What users, groups and roles share: identity and the policies they hold themselves. */
function principal(name: string, arn: string, path: string | undefined, inlineList: PolicyDetail[], attachedList: SdkAttachedPolicy[]): IamPrincipalDetail {
  return { name, arn, path: path ?? '/', inlinePolicies: inline(inlineList), attachedPolicies: attached(attachedList) };
}

function boundary(d: UserDetail | RoleDetail): { permissionsBoundaryArn?: string } {
  const arn = d.PermissionsBoundary?.PermissionsBoundaryArn;
  return arn ? { permissionsBoundaryArn: arn } : {};
}

function user(u: UserDetail): IamUserDetail {
  const d = expectFields(u, ['UserName', 'Arn', 'UserPolicyList', 'AttachedManagedPolicies', 'GroupList']);
  return {
    ...principal(d.UserName, d.Arn, d.Path, d.UserPolicyList, d.AttachedManagedPolicies),
    groups: [...d.GroupList],
    ...boundary(d),
    tags: tagsOf(d.Tags),
  };
}

function group(g: GroupDetail): IamGroupDetail {
  const d = expectFields(g, ['GroupName', 'Arn', 'GroupPolicyList', 'AttachedManagedPolicies']);
  return principal(d.GroupName, d.Arn, d.Path, d.GroupPolicyList, d.AttachedManagedPolicies);
}

function role(r: RoleDetail): IamRoleDetail {
  const d = expectFields(r, ['RoleName', 'Arn', 'RolePolicyList', 'AttachedManagedPolicies']);
  return { ...principal(d.RoleName, d.Arn, d.Path, d.RolePolicyList, d.AttachedManagedPolicies), ...boundary(d), tags: tagsOf(d.Tags) };
}

/** Only the default version is in force; the others (up to four) are kept by IAM for rollback and grant nothing. */
function policy(p: ManagedPolicyDetail): IamCustomerManagedPolicy {
  // The name is also the ARN's last segment: an answer without it (moto omits it) loses nothing.
  const d = expectFields(p, ['Arn', 'DefaultVersionId', 'PolicyVersionList']);
  const version = d.PolicyVersionList.find((v) => v.VersionId === d.DefaultVersionId) ?? d.PolicyVersionList.find((v) => v.IsDefaultVersion === true);
  if (version?.Document === undefined) {
    throw new IncompleteAnswerError(`the answer lacks the document of the default version ${d.DefaultVersionId} of policy ${d.Arn}`);
  }
  return {
    name: d.PolicyName ?? d.Arn.slice(d.Arn.lastIndexOf('/') + 1),
    arn: d.Arn,
    path: d.Path ?? '/',
    defaultVersionId: d.DefaultVersionId,
    document: decodePolicyDocument(version.Document),
    attachmentCount: d.AttachmentCount ?? 0,
    permissionsBoundaryUsageCount: d.PermissionsBoundaryUsageCount ?? 0,
  };
}

/**
 * Gathers every page. Each page carries the four lists (empty ones included) since all four kinds are asked for;
 * a page that says it is truncated without a Marker to continue from is a cut answer, not the end.
 */
export async function collectAuthorizationDetails(pages: AsyncIterable<GetAccountAuthorizationDetailsResponse>): Promise<IamAuthorizationDetails> {
  const out: IamAuthorizationDetails = { users: [], groups: [], roles: [], policies: [] };
  for await (const page of pages) {
    const p = expectFields(page, ['UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies']);
    if (p.IsTruncated === true && !p.Marker) throw new IncompleteAnswerError('the answer says it is truncated but carries no Marker to continue from');
    out.users.push(...p.UserDetailList.map(user));
    out.groups.push(...p.GroupDetailList.map(group));
    out.roles.push(...p.RoleDetailList.map(role));
    out.policies.push(...p.Policies.map(policy));
  }
  return out;
}
