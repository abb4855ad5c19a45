import {
  GenerateCredentialReportCommand,
  GetAccountAuthorizationDetailsCommand,
  type GetAccountAuthorizationDetailsResponse,
  IAMClient,
} from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { iamCollector } from '../../src/collect/iam';
import { decodePolicyDocument } from '../../src/collect/iam-authorization';
import { awsError, collectContext } from '../support/inventory';
import { inOrder } from '../support/pages';

const iam = mockClient(IAMClient);
beforeEach(() => iam.reset());

const ACCOUNT = '111122223333';
const ONLY_DETAILS = ['iam.authorizationDetails'] as const;

/** URL-encoding as IAM does it (RFC 3986: `*`, `(`, `)`, `'` and `!` encoded too, unlike encodeURIComponent). */
const rfc3986 = (text: string) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

const ADMIN = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, null, 2);
const READ = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:Get*', Resource: 'arn:aws:s3:::phi-*/*' }] });
const OLD = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }] });

const EMPTY: GetAccountAuthorizationDetailsResponse = { UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [], IsTruncated: false };

describe('iam collector: GetAccountAuthorizationDetails', () => {
  it('follows Marker pages, asks only for users, groups, roles and customer policies, and URL-decodes every document', async () => {
    const pages = inOrder<GetAccountAuthorizationDetailsResponse>([
      {
        IsTruncated: true,
        Marker: 'm1',
        UserDetailList: [
          {
            UserName: 'jsmith',
            Arn: `arn:aws:iam::${ACCOUNT}:user/jsmith`,
            Path: '/',
            GroupList: ['admins'],
            UserPolicyList: [{ PolicyName: 'temp-admin', PolicyDocument: rfc3986(ADMIN) }],
            AttachedManagedPolicies: [{ PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }],
            PermissionsBoundary: { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: `arn:aws:iam::${ACCOUNT}:policy/boundary` },
            Tags: [{ Key: 'team', Value: 'ops' }],
          },
        ],
        GroupDetailList: [{ GroupName: 'admins', Arn: `arn:aws:iam::${ACCOUNT}:group/admins`, GroupPolicyList: [], AttachedManagedPolicies: [] }],
        RoleDetailList: [],
        Policies: [],
      },
      {
        IsTruncated: false,
        UserDetailList: [],
        GroupDetailList: [],
        RoleDetailList: [
          {
            RoleName: 'ci-deploy',
            Arn: `arn:aws:iam::${ACCOUNT}:role/ci/ci-deploy`,
            Path: '/ci/',
            RolePolicyList: [],
            AttachedManagedPolicies: [{ PolicyName: 'ci-deploy', PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/ci-deploy` }],
          },
        ],
        Policies: [
          {
            PolicyName: 'ci-deploy',
            Arn: `arn:aws:iam::${ACCOUNT}:policy/ci-deploy`,
            Path: '/',
            DefaultVersionId: 'v2',
            AttachmentCount: 1,
            PermissionsBoundaryUsageCount: 0,
            // Only the default version is in force; v1 is kept for rollback and must not be read.
            PolicyVersionList: [
              { VersionId: 'v1', IsDefaultVersion: false, Document: rfc3986(OLD) },
              { VersionId: 'v2', IsDefaultVersion: true, Document: rfc3986(READ) },
            ],
          },
        ],
      },
    ], { sent: 'Marker', given: 'Marker' });
    iam.on(GetAccountAuthorizationDetailsCommand).callsFake(pages.fake);
    const ctx = collectContext(['us-east-1'], ONLY_DETAILS);
    const data = await iamCollector.collect(ctx);

    expect(pages.inputs).toEqual([
      { Filter: ['User', 'Group', 'Role', 'LocalManagedPolicy'], MaxItems: 1000 },
      { Filter: ['User', 'Group', 'Role', 'LocalManagedPolicy'], MaxItems: 1000, Marker: 'm1' },
    ]);
    expect(data.authorizationDetails).toEqual({
      ok: true,
      value: {
        users: [
          {
            name: 'jsmith',
            arn: `arn:aws:iam::${ACCOUNT}:user/jsmith`,
            path: '/',
            inlinePolicies: [{ name: 'temp-admin', document: ADMIN }],
            attachedPolicies: [{ name: 'AdministratorAccess', arn: 'arn:aws:iam::aws:policy/AdministratorAccess' }],
            groups: ['admins'],
            permissionsBoundaryArn: `arn:aws:iam::${ACCOUNT}:policy/boundary`,
            tags: { team: 'ops' },
          },
        ],
        groups: [{ name: 'admins', arn: `arn:aws:iam::${ACCOUNT}:group/admins`, path: '/', inlinePolicies: [], attachedPolicies: [] }],
        roles: [
          {
            name: 'ci-deploy',
            arn: `arn:aws:iam::${ACCOUNT}:role/ci/ci-deploy`,
            path: '/ci/',
            inlinePolicies: [],
            attachedPolicies: [{ name: 'ci-deploy', arn: `arn:aws:iam::${ACCOUNT}:policy/ci-deploy` }],
            tags: {},
          },
        ],
        policies: [
          {
            name: 'ci-deploy',
            arn: `arn:aws:iam::${ACCOUNT}:policy/ci-deploy`,
            path: '/',
            defaultVersionId: 'v2',
            document: READ,
            attachmentCount: 1,
            permissionsBoundaryUsageCount: 0,
          },
        ],
      },
    });
    // Only the wanted read: no credential report, summary, password policy or MFA listing.
    expect(ctx.aws.apiCalls.byOperation()).toEqual({ 'iam:GetAccountAuthorizationDetails': 2 });
    expect(iam.commandCalls(GenerateCredentialReportCommand)).toHaveLength(0);
    expect(data.credentialReport).toBeUndefined();
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
  });

  it('takes a customer policy\'s name from its ARN when the answer leaves PolicyName out (moto does)', async () => {
    iam.on(GetAccountAuthorizationDetailsCommand).resolves({
      ...EMPTY,
      Policies: [{ Arn: `arn:aws:iam::${ACCOUNT}:policy/team/ci-admin`, DefaultVersionId: 'v1', PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: rfc3986(ADMIN) }] }],
    });
    const data = await iamCollector.collect(collectContext(['us-east-1'], ONLY_DETAILS));
    expect(data.authorizationDetails?.ok && data.authorizationDetails.value.policies.map((p) => [p.name, p.path, p.attachmentCount])).toEqual([['ci-admin', '/', 0]]);
  });

  it('is not read when no selected check wants it', async () => {
    const ctx = collectContext(['us-east-1'], ['iam.virtualMfaDevices']);
    iam.onAnyCommand().resolves({ VirtualMFADevices: [] });
    const data = await iamCollector.collect(ctx);
    expect(data.authorizationDetails).toBeUndefined();
    expect(iam.commandCalls(GetAccountAuthorizationDetailsCommand)).toHaveLength(0);
    expect(ctx.aws.apiCalls.byOperation()).toEqual({ 'iam:ListVirtualMFADevices': 1 });
  });

  it('records AccessDenied as a failed read of GetAccountAuthorizationDetails', async () => {
    iam.on(GetAccountAuthorizationDetailsCommand).rejects(
      Object.assign(awsError('AccessDenied', 'User is not authorized to perform: iam:GetAccountAuthorizationDetails', 403), { Code: 'AccessDenied' }),
    );
    const data = await iamCollector.collect(collectContext(['us-east-1'], ONLY_DETAILS));
    expect(data.authorizationDetails).toEqual({
      ok: false,
      error: {
        service: 'iam',
        region: 'global',
        operation: 'GetAccountAuthorizationDetails',
        code: 'AccessDenied',
        message: 'User is not authorized to perform: iam:GetAccountAuthorizationDetails',
      },
    });
  });

  it.each([
    ['an empty answer', {}, /lacks UserDetailList, GroupDetailList, RoleDetailList, Policies/],
    ['a page that is truncated without a Marker', { ...EMPTY, IsTruncated: true }, /truncated but carries no Marker/],
    [
      'a user without its inline policy list',
      { ...EMPTY, UserDetailList: [{ UserName: 'a', Arn: `arn:aws:iam::${ACCOUNT}:user/a`, GroupList: [], AttachedManagedPolicies: [] }] },
      /lacks UserPolicyList/,
    ],
    [
      'an inline policy without its document',
      { ...EMPTY, RoleDetailList: [{ RoleName: 'r', Arn: `arn:aws:iam::${ACCOUNT}:role/r`, RolePolicyList: [{ PolicyName: 'p' }], AttachedManagedPolicies: [] }] },
      /lacks PolicyDocument/,
    ],
    [
      'a customer policy whose default version has no document',
      {
        ...EMPTY,
        Policies: [{ PolicyName: 'p', Arn: `arn:aws:iam::${ACCOUNT}:policy/p`, DefaultVersionId: 'v3', PolicyVersionList: [{ VersionId: 'v1', Document: rfc3986(READ) }] }],
      },
      /default version v3 of policy arn:aws:iam::111122223333:policy\/p/,
    ],
  ])('reports %s as IncompleteAnswer, never as an account without policies', async (_what, answer, message) => {
    iam.on(GetAccountAuthorizationDetailsCommand).resolves(answer);
    const data = await iamCollector.collect(collectContext(['us-east-1'], ONLY_DETAILS));
    expect(data.authorizationDetails).toMatchObject({ ok: false, error: { operation: 'GetAccountAuthorizationDetails', code: 'IncompleteAnswer' } });
    expect(data.authorizationDetails?.ok === false && data.authorizationDetails.error.message).toMatch(message);
  });
});

describe('decodePolicyDocument', () => {
  it('decodes RFC 3986 encoding, %2A and line breaks included', () => {
    expect(decodePolicyDocument('%7B%22Action%22%3A%22%2A%22%7D')).toBe('{"Action":"*"}');
    expect(decodePolicyDocument(rfc3986(ADMIN))).toBe(ADMIN);
  });

  it('keeps a document that is already JSON, a literal % included', () => {
    const plain = '{"Condition":{"StringLike":{"s3:prefix":"100%/"}}}';
    expect(decodePolicyDocument(plain)).toBe(plain);
    expect(decodePolicyDocument(`  ${plain}`)).toBe(`  ${plain}`);
  });

  it('refuses text that is neither, rather than guessing', () => {
    expect(() => decodePolicyDocument('%E0%A4%A')).toThrow(/neither JSON nor URL-encoded JSON/);
  });
});
