import check from '../../../checks/iam/users-no-direct-policies';
import type { IamUserDetail } from '../../../src/inventory/types';
import { checkContext, denied, failed, inventory, ok, statuses } from '../../support/inventory';
import { ADMINISTRATOR_ACCESS, authorizationDetails, iamGroup, iamInventory, iamRole, iamUser, READ_DOCUMENT } from '../../support/builders/iam';

const run = (users: IamUserDetail[]) =>
  check.evaluate(
    inventory({ iam: iamInventory({ authorizationDetails: ok(authorizationDetails({ users, groups: [iamGroup('admins', { attachedPolicies: [ADMINISTRATOR_ACCESS] })], roles: [iamRole('ci', { attachedPolicies: [ADMINISTRATOR_ACCESS] })] })) }) }),
    checkContext(),
  );

describe('iam.users-no-direct-policies', () => {
  it('fails a user with an attached managed policy, naming it', () => {
    expect(run([iamUser('jsmith', { attachedPolicies: [ADMINISTRATOR_ACCESS] })])).toEqual([
      {
        status: 'FAIL',
        region: 'global',
        resource: { type: 'AwsIamUser', id: 'jsmith', arn: 'arn:aws:iam::111122223333:user/jsmith' },
        message: 'user jsmith has a policy of its own: managed policy AdministratorAccess',
      },
    ]);
  });

  it('fails a user with inline policies, listing managed and inline ones', () => {
    const [r] = run([
      iamUser('svc', {
        attachedPolicies: [{ name: 'etl', arn: 'arn:aws:iam::111122223333:policy/etl' }],
        inlinePolicies: [{ name: 's3-temp', document: READ_DOCUMENT }],
        groups: ['admins'],
      }),
    ]);
    expect(r).toMatchObject({ status: 'FAIL', message: 'user svc has policies of its own: managed policy etl, inline policy "s3-temp"' });
  });

  it('passes users whose access comes through groups, or who hold no permissions at all', () => {
    const results = run([iamUser('ana', { groups: ['admins', 'readers'] }), iamUser('new-hire')]);
    expect(results.map((r) => [r.status, r.message])).toEqual([
      ['PASS', 'user ana has no policy of its own; it gets access through groups admins, readers'],
      ['PASS', 'user new-hire has no policy of its own; it belongs to no group (it holds no identity permissions)'],
    ]);
  });

  it('judges users only: groups and roles holding policies are how access should be given', () => {
    expect(statuses(run([iamUser('ana', { groups: ['admins'] })]))).toEqual({ 'global/ana': 'PASS' });
    expect(run([])).toEqual([]);
  });

  it('reports ERROR when the authorization details could not be read', () => {
    const results = check.evaluate(
      inventory({ iam: iamInventory({ authorizationDetails: failed(denied('iam', 'GetAccountAuthorizationDetails', 'global')) }) }),
      checkContext(),
    );
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ status: 'ERROR', resource: { type: 'AwsAccount', id: '111122223333' } });
    expect(results[0]?.message).toContain('AccessDenied');
    expect(check.evaluate(inventory(), checkContext()).map((r) => r.status)).toEqual(['ERROR']);
  });
});
