import check from '../../../checks/iam/no-full-admin-policies';
import type { IamAuthorizationDetails } from '../../../src/inventory/types';
import { DEFAULT_CONFIG } from '../../../src/config/types';
import { evaluate } from '../../../src/evaluate/evaluate';
import { summarize } from '../../../src/evaluate/summary';
import { checkContext, COLLECTED_AT, denied, failed, inventory, ok } from '../../support/inventory';
import {
  ADMIN_DOCUMENT,
  ADMINISTRATOR_ACCESS,
  authorizationDetails,
  customerPolicy,
  iamGroup,
  iamInventory,
  iamRole,
  iamUser,
  policyDocument,
  READ_DOCUMENT,
} from '../../support/builders/iam';

const run = (details: Partial<IamAuthorizationDetails>) =>
  check.evaluate(inventory({ iam: iamInventory({ authorizationDetails: ok(authorizationDetails(details)) }) }), checkContext());
const byId = (details: Partial<IamAuthorizationDetails>) => Object.fromEntries(run(details).map((r) => [r.resource.id, r]));

const ciAdmin = customerPolicy('ci-admin', ADMIN_DOCUMENT, { attachmentCount: 1 });
const attach = (p: { name: string; arn: string }) => ({ attachedPolicies: [{ name: p.name, arn: p.arn }] });

describe('iam.no-full-admin-policies', () => {
  it('fails an attached customer policy allowing "*" on "*", naming the statement and who holds it', () => {
    const r = byId({ policies: [ciAdmin], roles: [iamRole('ci-deploy', attach(ciAdmin))] })['ci-admin'];
    expect(r).toEqual({
      status: 'FAIL',
      region: 'global',
      resource: { type: 'AwsIamPolicy', id: 'ci-admin', arn: 'arn:aws:iam::111122223333:policy/ci-admin' },
      message: 'customer managed policy ci-admin (default version v1) allows every action on every resource (statement #1) and is attached to role/ci-deploy',
    });
  });

  it('names the members of a group that holds it', () => {
    const r = byId({
      policies: [ciAdmin],
      groups: [iamGroup('ops', attach(ciAdmin))],
      users: [iamUser('ana', { groups: ['ops'] }), iamUser('ben', { groups: ['ops'] }), iamUser('cy', { groups: ['dev'] })],
    })['ci-admin'];
    expect(r?.status).toBe('FAIL');
    expect(r?.message).toContain('is attached to group/ops (members: ana, ben)');
  });

  it('fails on AttachmentCount alone when no entity listed it (an attachment made between two pages)', () => {
    const r = byId({ policies: [customerPolicy('late', ADMIN_DOCUMENT, { attachmentCount: 2 })] }).late;
    expect(r?.status).toBe('FAIL');
    expect(r?.message).toContain('is attached to 2 principal(s) (per its AttachmentCount)');
  });

  it('passes a scoped customer policy, and one that allows "*" on "*" but is attached to nobody', () => {
    const results = byId({
      policies: [customerPolicy('phi-read', READ_DOCUMENT, { attachmentCount: 1 }), customerPolicy('spare-admin', ADMIN_DOCUMENT, { permissionsBoundaryUsageCount: 1 })],
      users: [iamUser('ana', attach(customerPolicy('phi-read', READ_DOCUMENT)))],
    });
    expect(results['phi-read']).toMatchObject({
      status: 'PASS',
      message: 'customer managed policy phi-read (default version v1) has no statement allowing every action on every resource; attached to user/ana',
    });
    expect(results['spare-admin']).toMatchObject({ status: 'PASS' });
    expect(results['spare-admin']?.message).toContain('attached to no user, group or role, so it grants nothing (it is only a permissions boundary for 1 principal(s)');
  });

  it('does not count statements narrowed by a condition, a resource or a NotAction', () => {
    const mfa = customerPolicy('mfa-admin', policyDocument('*', '*', { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }), { attachmentCount: 1 });
    const power = customerPolicy('power', JSON.stringify({ Statement: { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' } }), { attachmentCount: 1 });
    const results = byId({ policies: [mfa, power] });
    expect(results['mfa-admin']?.status).toBe('PASS');
    expect(results.power?.status).toBe('PASS');
  });

  it('fails a principal whose inline policy allows "*" on "*", one result per principal', () => {
    const results = byId({
      users: [
        iamUser('jsmith', { inlinePolicies: [{ name: 'read', document: READ_DOCUMENT }, { name: 'break-glass', document: ADMIN_DOCUMENT }] }),
        iamUser('ana', { inlinePolicies: [{ name: 'read', document: READ_DOCUMENT }] }),
      ],
      roles: [iamRole('etl', { inlinePolicies: [{ name: 'all', document: policyDocument(['*'], ['*']) }] })],
    });
    expect(results.jsmith).toMatchObject({
      status: 'FAIL',
      resource: { type: 'AwsIamUser', id: 'jsmith', arn: 'arn:aws:iam::111122223333:user/jsmith' },
      message: 'user jsmith has an inline policy allowing every action on every resource: "break-glass" (statement #1)',
    });
    expect(results.ana).toMatchObject({ status: 'PASS', message: 'the inline policy of user ana ("read") has no statement allowing every action on every resource' });
    expect(results.etl).toMatchObject({ status: 'FAIL', resource: { type: 'AwsIamRole' } });
  });

  it('leaves out principals without inline policies and service-linked roles', () => {
    const results = byId({
      users: [iamUser('plain')],
      roles: [iamRole('AWSServiceRoleForSupport', { path: '/aws-service-role/support.amazonaws.com/', inlinePolicies: [{ name: 'x', document: ADMIN_DOCUMENT }] })],
    });
    expect(Object.keys(results)).toEqual(['111122223333']);
  });

  it('lists the holders of AWS managed AdministratorAccess in an informational result on the account, without failing them', () => {
    const results = run({
      users: [iamUser('root-like', attach(ADMINISTRATOR_ACCESS)), iamUser('ana', { groups: ['admins'] })],
      groups: [iamGroup('admins', attach(ADMINISTRATOR_ACCESS))],
      roles: [iamRole('OrganizationAccountAccessRole', attach(ADMINISTRATOR_ACCESS))],
    });
    expect(results).toEqual([
      {
        status: 'PASS',
        region: 'global',
        resource: { type: 'AwsAccount', id: '111122223333', arn: 'AWS::::Account:111122223333' },
        message:
          'for access review (AWS managed policies are not judged here): 3 principal(s) hold AdministratorAccess: user/root-like, ' +
          'group/admins (members: ana), role/OrganizationAccountAccessRole',
        severity: 'informational',
      },
    ]);
    expect(run({})[0]).toMatchObject({ message: 'no user, group or role holds the AWS managed AdministratorAccess policy', severity: 'informational' });
  });

  it('keeps its own severity on the policy verdicts and reports the note as informational through evaluate', () => {
    const inv = inventory({ iam: iamInventory({ authorizationDetails: ok(authorizationDetails({ policies: [ciAdmin], roles: [iamRole('ci-deploy', attach(ciAdmin)), iamRole('admin', attach(ADMINISTRATOR_ACCESS))] })) }) });
    const findings = evaluate(inv, [check], DEFAULT_CONFIG, new Date(COLLECTED_AT)).findings;
    expect(findings.map((f) => [f.resource.id, f.status, f.severity, f.baseSeverity])).toEqual([
      ['ci-admin', 'FAIL', 'high', undefined],
      ['111122223333', 'PASS', 'informational', 'high'],
    ]);
    expect(summarize(findings, []).bySeverity).toMatchObject({ high: { PASS: 0, FAIL: 1, ERROR: 0 }, informational: { PASS: 1, FAIL: 0, ERROR: 0 } });
  });

  it('recognises AdministratorAccess in the inventory\'s partition only', () => {
    const gov = { name: 'AdministratorAccess', arn: 'arn:aws-us-gov:iam::aws:policy/AdministratorAccess' };
    const details = authorizationDetails({ roles: [iamRole('admin', attach(gov))] });
    const inv = inventory({ partition: 'aws-us-gov', iam: iamInventory({ authorizationDetails: ok(details) }) });
    expect(check.evaluate(inv, checkContext())[0]?.message).toContain('1 principal(s) hold AdministratorAccess: role/admin');
    expect(run({ roles: [iamRole('admin', attach(gov))] })[0]?.message).toContain('no user, group or role holds');
  });

  it('reports a document it cannot parse as ERROR for that policy or principal, never PASS', () => {
    const results = byId({
      policies: [customerPolicy('broken', '{"Statement": ', { attachmentCount: 1 })],
      roles: [iamRole('r', { inlinePolicies: [{ name: 'bad', document: '[]' }] })],
    });
    expect(results.broken).toMatchObject({ status: 'ERROR' });
    expect(results.broken?.message).toMatch(/^cannot judge customer managed policy broken \(default version v1\): /);
    expect(results.r).toMatchObject({ status: 'ERROR' });
    expect(results.r?.message).toContain('cannot judge the inline policies of role r: "bad": ');
  });

  it('still fails a principal with a full-admin inline policy beside an unparsable one', () => {
    const r = byId({ users: [iamUser('u', { inlinePolicies: [{ name: 'bad', document: 'nope' }, { name: 'all', document: ADMIN_DOCUMENT }] })] }).u;
    expect(r?.status).toBe('FAIL');
  });

  it('reports ERROR when the authorization details could not be read or were not collected', () => {
    const unread = check.evaluate(
      inventory({ iam: iamInventory({ authorizationDetails: failed(denied('iam', 'GetAccountAuthorizationDetails', 'global')) }) }),
      checkContext(),
    );
    expect(unread).toHaveLength(1);
    expect(unread[0]).toMatchObject({ status: 'ERROR', resource: { type: 'AwsAccount' } });
    expect(unread[0]?.message).toContain('could not read the IAM authorization details: AccessDenied');
    expect(unread[0]?.message).toContain('allow iam:GetAccountAuthorizationDetails');
    const absent = check.evaluate(inventory({ iam: iamInventory({ authorizationDetails: undefined }) }), checkContext());
    expect(absent.map((r) => r.status)).toEqual(['ERROR']);
    expect(check.evaluate(inventory(), checkContext()).map((r) => r.status)).toEqual(['ERROR']);
  });
});
