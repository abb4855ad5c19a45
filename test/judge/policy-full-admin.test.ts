import { fullAdminStatements, parsePolicy, type Statement } from '../../src/judge/policy';

/** The statements of a policy holding `statements`, parsed as checks parse them. */
function statementsOf(...statements: Array<Record<string, unknown>>): Statement[] {
  const parsed = parsePolicy(JSON.stringify({ Version: '2012-10-17', Statement: statements }), { identity: true });
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.statements;
}

const labels = (...statements: Array<Record<string, unknown>>) => fullAdminStatements(statementsOf(...statements)).map((s) => s.label);

describe('fullAdminStatements', () => {
  it('finds Allow "*" on "*", as a string or inside a list, and names the statement', () => {
    expect(labels({ Sid: 'Admin', Effect: 'Allow', Action: '*', Resource: '*' })).toEqual(['statement "Admin"']);
    expect(labels({ Effect: 'Allow', Action: ['s3:GetObject', '*'], Resource: ['arn:aws:s3:::b', '*'] })).toEqual(['statement #1']);
  });

  it('treats "*:*" as every action, and refuses to guess on an empty NotAction or NotResource', () => {
    expect(labels({ Effect: 'Allow', Action: '*:*', Resource: '*' })).toHaveLength(1);
    // IAM refuses empty lists; the reader does too, so such a document is reported as not judged, never passed.
    for (const statement of [{ Effect: 'Allow', NotAction: [], Resource: '*' }, { Effect: 'Allow', Action: '*', NotResource: [] }]) {
      expect(parsePolicy(JSON.stringify({ Statement: [statement] }), { identity: true })).toMatchObject({ ok: false, reason: expect.stringMatching(/is not a string or a list of strings/) });
    }
  });

  it('ignores statements narrowed in any way', () => {
    expect(labels({ Effect: 'Allow', Action: 's3:*', Resource: '*' })).toEqual([]);
    expect(labels({ Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::phi-records/*' })).toEqual([]);
    // PowerUserAccess-style: everything except IAM is broad, but not full administration.
    expect(labels({ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' })).toEqual([]);
    expect(labels({ Effect: 'Allow', Action: '*', NotResource: ['arn:aws:s3:::audit-logs/*'] })).toEqual([]);
    expect(labels({ Effect: 'Allow', Action: '*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } })).toEqual([]);
    expect(labels({ Effect: 'Deny', Action: '*', Resource: '*' })).toEqual([]);
    // A statement with no resource element allows nothing.
    expect(labels({ Effect: 'Allow', Action: '*' })).toEqual([]);
  });

  it('keeps every full-admin statement of a policy, whatever else it holds', () => {
    expect(
      labels(
        { Sid: 'Read', Effect: 'Allow', Action: 's3:Get*', Resource: '*' },
        { Sid: 'All', Effect: 'Allow', Action: '*', Resource: '*' },
        { Sid: 'NoIam', Effect: 'Deny', Action: 'iam:*', Resource: '*' },
        { Effect: 'allow', Action: ['*'], Resource: ['*'] },
      ),
    ).toEqual(['statement "All"', 'statement #4']);
  });
});
