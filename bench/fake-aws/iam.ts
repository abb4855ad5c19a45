import { ACCOUNT_ID, credentialReport, type SyntheticAccount } from './account';
import { page, range, type Handler } from './call';
import { queryAnswer, queryError, xmlMap, type Answer } from './wire';

/* IAM (query protocol): the credential report, account summary, password policy, virtual MFA devices and the
 * authorization details (users, groups, roles, customer managed policies) of the synthetic account. */

const userName = (i: number) => `bench-user-${String(i).padStart(5, '0')}`;
/** IAM writes policy documents URL-encoded. */
const doc = (value: unknown) => encodeURIComponent(JSON.stringify(value));
const ROLES = 12;
const created = '2023-01-01T00:00:00Z';

const GROUPS = [
  { name: 'admins', attached: [{ PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }], inline: [] },
  { name: 'clinicians', attached: [{ PolicyName: 'bench-ehr-read', PolicyArn: `arn:aws:iam::${ACCOUNT_ID}:policy/bench-ehr-read` }], inline: [] },
];

const POLICIES = [
  {
    name: 'bench-ehr-read',
    document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::bench-bucket-000001', 'arn:aws:s3:::bench-bucket-000001/*'] }] },
    attachments: 1,
  },
  { name: 'bench-legacy-admin', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, attachments: 1 },
];

/** User i, by i mod 4: in clinicians; in admins; with an inline policy of their own; with a managed policy attached directly. */
function userDetail(i: number) {
  const kind = i % 4;
  return {
    Path: '/',
    UserName: userName(i),
    UserId: `AIDABENCH${String(i).padStart(8, '0')}`,
    Arn: `arn:aws:iam::${ACCOUNT_ID}:user/${userName(i)}`,
    CreateDate: created,
    UserPolicyList: kind === 2 ? [{ PolicyName: 'self-service', PolicyDocument: doc({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:ChangePassword', Resource: '*' }] }) }] : [],
    GroupList: kind === 1 ? ['admins'] : kind === 0 ? ['clinicians'] : [],
    AttachedManagedPolicies: kind === 3 ? [{ PolicyName: 'bench-legacy-admin', PolicyArn: `arn:aws:iam::${ACCOUNT_ID}:policy/bench-legacy-admin` }] : [],
    Tags: [{ Key: 'team', Value: `team-${i % 7}` }],
  };
}

function roleDetail(i: number) {
  const name = i === 0 ? 'OrganizationAccountAccessRole' : `bench-service-role-${i}`;
  const trust = i === 0 ? { AWS: `arn:aws:iam::999999999999:root` } : { Service: 'ec2.amazonaws.com' };
  return {
    Path: '/',
    RoleName: name,
    RoleId: `AROABENCH${String(i).padStart(8, '0')}`,
    Arn: `arn:aws:iam::${ACCOUNT_ID}:role/${name}`,
    CreateDate: created,
    AssumeRolePolicyDocument: doc({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: trust, Action: 'sts:AssumeRole' }] }),
    InstanceProfileList: [],
    RolePolicyList: [],
    AttachedManagedPolicies: i === 0 ? [{ PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }] : [],
    Tags: [],
    RoleLastUsed: {},
  };
}

/** One entity of the authorization details, in the order IAM pages them: users, groups, roles, policies. */
type Entity = { kind: 'user' | 'group' | 'role' | 'policy'; i: number };

function authorizationDetails(account: SyntheticAccount, marker: string | null, maxItems: number): Answer {
  const entities: Entity[] = [
    ...range(account.users).map((i) => ({ kind: 'user' as const, i })),
    ...range(GROUPS.length).map((i) => ({ kind: 'group' as const, i })),
    ...range(ROLES).map((i) => ({ kind: 'role' as const, i })),
    ...range(POLICIES.length).map((i) => ({ kind: 'policy' as const, i })),
  ];
  const p = page(entities, marker, maxItems);
  const of = (kind: Entity['kind']) => p.items.filter((e) => e.kind === kind).map((e) => e.i);
  return queryAnswer('GetAccountAuthorizationDetails', {
    UserDetailList: of('user').map(userDetail),
    GroupDetailList: of('group').map((i) => {
      const g = GROUPS[i] ?? GROUPS[0]!;
      return { Path: '/', GroupName: g.name, GroupId: `AGPABENCH${i}`, Arn: `arn:aws:iam::${ACCOUNT_ID}:group/${g.name}`, CreateDate: created, GroupPolicyList: g.inline, AttachedManagedPolicies: g.attached };
    }),
    RoleDetailList: of('role').map(roleDetail),
    Policies: of('policy').map((i) => {
      const pol = POLICIES[i] ?? POLICIES[0]!;
      return {
        PolicyName: pol.name,
        PolicyId: `ANPABENCH${i}`,
        Arn: `arn:aws:iam::${ACCOUNT_ID}:policy/${pol.name}`,
        Path: '/',
        DefaultVersionId: 'v2',
        AttachmentCount: pol.attachments,
        PermissionsBoundaryUsageCount: 0,
        IsAttachable: true,
        CreateDate: created,
        UpdateDate: created,
        PolicyVersionList: [
          { Document: doc(pol.document), VersionId: 'v2', IsDefaultVersion: true, CreateDate: created },
          { Document: doc({ Version: '2012-10-17', Statement: [] }), VersionId: 'v1', IsDefaultVersion: false, CreateDate: created },
        ],
      };
    }),
    IsTruncated: p.next !== undefined,
    ...(p.next ? { Marker: p.next } : {}),
  });
}

export const iam: Handler = (call, account) => {
  const action = call.params.get('Action') ?? '';
  switch (action) {
    case 'GenerateCredentialReport':
      return queryAnswer(action, { State: 'COMPLETE' });
    case 'GetCredentialReport':
      return queryAnswer(action, { Content: Buffer.from(credentialReport(account, new Date())).toString('base64'), ReportFormat: 'text/csv', GeneratedTime: new Date().toISOString() });
    case 'GetAccountSummary':
      return queryAnswer(action, {
        SummaryMap: xmlMap({ AccountMFAEnabled: 1, AccountAccessKeysPresent: 0, AccountPasswordPresent: 1, AccountSigningCertificatesPresent: 0, Users: account.users, Groups: GROUPS.length, Roles: ROLES, Policies: POLICIES.length }),
      });
    case 'GetAccountPasswordPolicy':
      return queryAnswer(action, { PasswordPolicy: { MinimumPasswordLength: 14, RequireSymbols: true, RequireNumbers: true, RequireUppercaseCharacters: true, RequireLowercaseCharacters: true, AllowUsersToChangePassword: true, ExpirePasswords: true, MaxPasswordAge: 90, PasswordReusePrevention: 24 } });
    case 'ListVirtualMFADevices': {
      const devices = range(Math.ceil(account.users / 3)).map((i) => ({
        SerialNumber: `arn:aws:iam::${ACCOUNT_ID}:mfa/${userName(i * 3)}`,
        User: { Arn: `arn:aws:iam::${ACCOUNT_ID}:user/${userName(i * 3)}`, UserName: userName(i * 3), UserId: 'AIDA', Path: '/', CreateDate: created },
        EnableDate: created,
      }));
      const p = page(devices, call.params.get('Marker'), Number(call.params.get('MaxItems') ?? 100));
      return queryAnswer(action, { VirtualMFADevices: p.items, IsTruncated: p.next !== undefined, ...(p.next ? { Marker: p.next } : {}) });
    }
    case 'GetAccountAuthorizationDetails':
      return authorizationDetails(account, call.params.get('Marker'), Number(call.params.get('MaxItems') ?? 100));
    default:
      return queryError('InvalidAction', `${action} is not served by the fake`);
  }
};
