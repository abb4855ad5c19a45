import type { ResourceRef } from '../../src/evaluate/types';
import type { IamAuthorizationDetails, IamPrincipalDetail } from '../../src/inventory/types';

/* Helpers the checks over IAM users, groups and roles share (not a check: not in the catalogue). */

export type PrincipalKind = 'user' | 'group' | 'role';

export interface Principal {
  kind: PrincipalKind;
  detail: IamPrincipalDetail;
}

const ASFF_TYPE: Record<PrincipalKind, string> = { user: 'AwsIamUser', group: 'AwsIamGroup', role: 'AwsIamRole' };

/** A user, group or role as ASFF names it; the same whether the check passes or fails. */
export const principalResource = (p: Principal): ResourceRef => ({ type: ASFF_TYPE[p.kind], id: p.detail.name, arn: p.detail.arn });

/** Every user, group and role, in that order. */
export function principals(details: IamAuthorizationDetails): Principal[] {
  return [
    ...details.users.map((detail): Principal => ({ kind: 'user', detail })),
    ...details.groups.map((detail): Principal => ({ kind: 'group', detail })),
    ...details.roles.map((detail): Principal => ({ kind: 'role', detail })),
  ];
}

/** Roles AWS creates and manages for a service (path /aws-service-role/): their policies cannot be changed. */
export const isServiceLinked = (p: Principal): boolean => p.kind === 'role' && p.detail.path.startsWith('/aws-service-role/');

/** How much of a list a message names before it says "and N more". */
const SHOWN = 20;

/** `role/a, group/Admins (members: x, y), user/b`, at most SHOWN names then "and N more". */
export function describePrincipals(holders: Principal[], details: IamAuthorizationDetails): string {
  const names = holders.map((p) => {
    if (p.kind !== 'group') return `${p.kind}/${p.detail.name}`;
    const members = details.users.filter((u) => u.groups.includes(p.detail.name)).map((u) => u.name);
    return `group/${p.detail.name} (${members.length === 0 ? 'no members' : `members: ${members.join(', ')}`})`;
  });
  return names.length <= SHOWN ? names.join(', ') : `${names.slice(0, SHOWN).join(', ')} and ${names.length - SHOWN} more`;
}

/** Every user, group and role that has the managed policy `arn` attached directly. */
export const holdersOf = (details: IamAuthorizationDetails, arn: string): Principal[] =>
  principals(details).filter((p) => p.detail.attachedPolicies.some((a) => a.arn === arn));
