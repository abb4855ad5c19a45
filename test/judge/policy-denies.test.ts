import { deniesActions, parsePolicy, type Statement } from '../../src/judge/policy';

const POINTS = 'arn:aws:backup:us-east-1:111122223333:recovery-point:*';
const ACTIONS = ['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle'];

function statements(...raw: object[]): Statement[] {
  const parsed = parsePolicy(JSON.stringify({ Version: '2012-10-17', Statement: raw }));
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.statements;
}

/** For each action: the label of the statement that denies it to everyone, or null. */
const deniedBy = (s: Statement[], actions = ACTIONS, resource = POINTS) =>
  Object.fromEntries(deniesActions(s, actions, resource).map((d) => [d.action, d.statement?.label ?? null]));

const deny = (extra: object = {}) => ({ Sid: 'NoDelete', Effect: 'Deny', Principal: '*', Action: ACTIONS, Resource: '*', ...extra });

describe('deniesActions', () => {
  it.each<[string, object, Record<string, string | null>]>([
    ['both actions, Principal "*", Resource "*"', deny(), { 'backup:DeleteRecoveryPoint': 'statement "NoDelete"', 'backup:UpdateRecoveryPointLifecycle': 'statement "NoDelete"' }],
    ['a wildcard action (backup:Delete*) covers only what it matches', deny({ Action: 'backup:Delete*' }), { 'backup:DeleteRecoveryPoint': 'statement "NoDelete"', 'backup:UpdateRecoveryPointLifecycle': null }],
    ['backup:* covers both', deny({ Action: 'backup:*' }), { 'backup:DeleteRecoveryPoint': 'statement "NoDelete"', 'backup:UpdateRecoveryPointLifecycle': 'statement "NoDelete"' }],
    ['"*" covers both', deny({ Action: '*' }), { 'backup:DeleteRecoveryPoint': 'statement "NoDelete"', 'backup:UpdateRecoveryPointLifecycle': 'statement "NoDelete"' }],
    ['action names ignore case', deny({ Action: 'Backup:deleterecoverypoint' }), { 'backup:DeleteRecoveryPoint': 'statement "NoDelete"', 'backup:UpdateRecoveryPointLifecycle': null }],
    ['a ? wildcard matches one character', deny({ Action: 'backup:DeleteRecoveryPoin?' }), { 'backup:DeleteRecoveryPoint': 'statement "NoDelete"', 'backup:UpdateRecoveryPointLifecycle': null }],
    ['NotAction denies everything it does not list', deny({ Action: undefined, NotAction: ['backup:UpdateRecoveryPointLifecycle'] }), { 'backup:DeleteRecoveryPoint': 'statement "NoDelete"', 'backup:UpdateRecoveryPointLifecycle': null }],
    ['{"AWS": "*"} is everyone', deny({ Principal: { AWS: '*' } }), { 'backup:DeleteRecoveryPoint': 'statement "NoDelete"', 'backup:UpdateRecoveryPointLifecycle': 'statement "NoDelete"' }],
    ['a Deny to one role leaves everyone else free', deny({ Principal: { AWS: 'arn:aws:iam::111122223333:role/ops' } }), { 'backup:DeleteRecoveryPoint': null, 'backup:UpdateRecoveryPointLifecycle': null }],
    ['Allow is not Deny', deny({ Effect: 'Allow' }), { 'backup:DeleteRecoveryPoint': null, 'backup:UpdateRecoveryPointLifecycle': null }],
    ['a recovery-point ARN pattern covers every recovery point', deny({ Resource: 'arn:aws:backup:*:*:recovery-point:*' }), { 'backup:DeleteRecoveryPoint': 'statement "NoDelete"', 'backup:UpdateRecoveryPointLifecycle': 'statement "NoDelete"' }],
    ['one recovery point is not every recovery point', deny({ Resource: 'arn:aws:backup:us-east-1:111122223333:recovery-point:abc' }), { 'backup:DeleteRecoveryPoint': null, 'backup:UpdateRecoveryPointLifecycle': null }],
    ['a NotResource that excludes recovery points does not cover them', deny({ Resource: undefined, NotResource: 'arn:aws:backup:*:*:recovery-point:*' }), { 'backup:DeleteRecoveryPoint': null, 'backup:UpdateRecoveryPointLifecycle': null }],
    ['a condition on the source leaves other requests free', deny({ Condition: { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }), { 'backup:DeleteRecoveryPoint': null, 'backup:UpdateRecoveryPointLifecycle': null }],
    ['a positive match on the caller denies only that caller', deny({ Condition: { StringEquals: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/intern' } } }), { 'backup:DeleteRecoveryPoint': null, 'backup:UpdateRecoveryPointLifecycle': null }],
  ])('%s', (_name, statement, expected) => {
    expect(deniedBy(statements(statement))).toEqual(expected);
  });

  it('counts a Deny that exempts named callers, and says whom it exempts', () => {
    const s = statements(
      deny({ Condition: { ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::111122223333:role/break-glass', 'arn:aws:iam::111122223333:role/backup-admin'] } } }),
    );
    const [first] = deniesActions(s, ['backup:DeleteRecoveryPoint'], POINTS);
    expect(first?.statement?.label).toBe('statement "NoDelete"');
    expect(first?.exempted).toEqual(['aws:PrincipalArn arn:aws:iam::111122223333:role/break-glass, arn:aws:iam::111122223333:role/backup-admin']);
    const ifExists = statements(deny({ Condition: { StringNotLikeIfExists: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/break-glass' } } }));
    expect(deniedBy(ifExists)['backup:DeleteRecoveryPoint']).toBe('statement "NoDelete"');
  });

  it('counts a Deny with NotPrincipal, which exempts its principals', () => {
    const s = statements({ Effect: 'Deny', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'backup:DeleteRecoveryPoint', Resource: '*' });
    const [first] = deniesActions(s, ['backup:DeleteRecoveryPoint'], POINTS);
    expect(first?.statement?.label).toBe('statement #1');
    expect(first?.exempted).toEqual(['NotPrincipal {"AWS":"arn:aws:iam::111122223333:root"}']);
  });

  it('takes each action from the first statement that denies it', () => {
    const s = statements(
      { Sid: 'Narrow', Effect: 'Deny', Principal: '*', Action: 'backup:DeleteRecoveryPoint', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } },
      { Sid: 'Delete', Effect: 'Deny', Principal: '*', Action: 'backup:DeleteRecoveryPoint', Resource: '*' },
      { Sid: 'Lifecycle', Effect: 'Deny', Principal: '*', Action: 'backup:UpdateRecoveryPointLifecycle', Resource: '*' },
    );
    expect(deniedBy(s)).toEqual({ 'backup:DeleteRecoveryPoint': 'statement "Delete"', 'backup:UpdateRecoveryPointLifecycle': 'statement "Lifecycle"' });
  });

  it('keeps the actions in the order asked, and denies nothing for an empty policy', () => {
    expect(deniesActions([], ['b:Two', 'a:One'], '*')).toEqual([
      { action: 'b:Two', exempted: [] },
      { action: 'a:One', exempted: [] },
    ]);
  });
});
