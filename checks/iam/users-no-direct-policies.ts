import type { Check } from '../../src/evaluate/types';
import { accountResource, fail, GLOBAL, globalSection, pass, withRead } from '../../src/evaluate/results';
import type { IamUserDetail } from '../../src/inventory/types';
import { principalResource } from './principals';

function judge(user: IamUserDetail) {
  const resource = principalResource({ kind: 'user', detail: user });
  const direct = [
    ...user.attachedPolicies.map((p) => `managed policy ${p.name}`),
    ...user.inlinePolicies.map((p) => `inline policy "${p.name}"`),
  ];
  if (direct.length > 0) {
    return fail(GLOBAL, resource, `user ${user.name} has ${direct.length === 1 ? 'a policy' : 'policies'} of its own: ${direct.join(', ')}`);
  }
  const via = user.groups.length === 0 ? 'belongs to no group (it holds no identity permissions)' : `gets access through ${user.groups.length === 1 ? 'group' : 'groups'} ${user.groups.join(', ')}`;
  return pass(GLOBAL, resource, `user ${user.name} has no policy of its own; it ${via}`);
}

const check: Check = {
  id: 'iam.users-no-direct-policies',
  title: 'IAM users get their permissions through groups or roles, not policies of their own',
  severity: 'low',
  hipaa: ['164.308(a)(4)(ii)(B)', '164.308(a)(4)(ii)(C)'],
  controls: ['IAM.2'],
  description:
    'Permissions granted user by user drift apart, outlive the job they were for and cannot be reviewed per role; ' +
    'access authorization and modification procedures are auditable when access comes from groups (or roles) that ' +
    'stand for job functions. A user fails when any managed policy is attached to it or any inline policy is ' +
    'embedded in it.',
  remediation: {
    text:
      'Create a group per job function with the policies it needs, add the user (`aws iam add-user-to-group`), then ' +
      'detach the user\'s own policies (`aws iam detach-user-policy`, `aws iam delete-user-policy`). Better still, ' +
      'move people to IAM Identity Center.',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups_manage_attach-policy.html',
  },
  reads: ['iam.authorizationDetails'],
  evaluate(inventory) {
    return globalSection(inventory, 'iam', inventory.iam, (iam) =>
      withRead(iam.authorizationDetails, GLOBAL, accountResource(inventory), (details) => details.users.map(judge), 'the IAM authorization details'),
    );
  },
};

export default check;
