import {
  actionMatches,
  coversAction,
  coversResource,
  coversService,
  globMatch,
  isRestrictingCondition,
  parsePolicy,
  parsePrincipal,
  policyExposure,
  publicStatements,
  resourceMatches,
  restrictedEveryoneStatements,
  serviceGrants,
  tlsEnforcement,
  unboundServicesNote,
  type Statement,
  type TlsTarget,
} from '../../src/judge/policy';
import { defaultTopicPolicy } from '../support/builders/sns';

const QUEUE = 'arn:aws:sqs:us-east-1:111122223333:claims-intake';
const TOPIC = 'arn:aws:sns:us-east-1:111122223333:lab-results';

const doc = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

/** The statements of a well-formed document (the test fails if it is not). */
function statements(...raw: object[]): Statement[] {
  const parsed = parsePolicy(doc(...raw), { noun: 'queue policy' });
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.statements;
}

const allow = (extra: object) => ({ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: QUEUE, ...extra });
const publicOf = (...raw: object[]) => publicStatements(statements(...raw)).map((p) => p.description);

describe('principal forms', () => {
  it.each([
    ['"*"', '*', { wildcard: true, aws: [] }, 'Principal "*"'],
    ['{"AWS": "*"}', { AWS: '*' }, { wildcard: true, aws: ['*'] }, 'Principal {"AWS": "*"}'],
    ['an AWS list holding "*"', { AWS: ['arn:aws:iam::444455556666:root', '*'] }, { wildcard: true, aws: ['arn:aws:iam::444455556666:root', '*'] }, 'Principal {"AWS": "*"}'],
    ['a partial wildcard in an ARN', { AWS: 'arn:aws:iam::*:root' }, { wildcard: true }, 'Principal {"AWS": "arn:aws:iam::*:root"}'],
    ['{"Service": "*"}', { Service: '*' }, { wildcard: true, service: ['*'] }, 'Principal {"Service": "*"}'],
  ])('%s is anyone, and public without conditions', (_, principal, parsed, described) => {
    const p = parsePrincipal(principal);
    expect(p).toMatchObject({ ok: true, principals: parsed });
    expect(publicOf(allow({ Principal: principal }))).toEqual([`sqs:SendMessage to ${described} without conditions (statement #1)`]);
  });

  it.each([
    ['an account id', { AWS: '123456789012' }, { aws: ['123456789012'] }],
    ['an account id written as a JSON number', { AWS: 123456789012 }, { aws: ['123456789012'] }],
    ['an account root ARN', { AWS: 'arn:aws:iam::123456789012:root' }, { aws: ['arn:aws:iam::123456789012:root'] }],
    ['a role and an account', { AWS: ['arn:aws:iam::123456789012:role/app', '444455556666'] }, { aws: ['arn:aws:iam::123456789012:role/app', '444455556666'] }],
    ['a service', { Service: 'sns.amazonaws.com' }, { service: ['sns.amazonaws.com'] }],
    ['services', { Service: ['s3.amazonaws.com', 'events.amazonaws.com'] }, { service: ['s3.amazonaws.com', 'events.amazonaws.com'] }],
    ['a canonical user', { CanonicalUser: '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be' }, { canonicalUser: ['79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be'] }],
    ['a federated provider', { Federated: 'cognito-identity.amazonaws.com' }, { federated: ['cognito-identity.amazonaws.com'] }],
    ['several types', { AWS: '123456789012', Service: 'lambda.amazonaws.com' }, { aws: ['123456789012'], service: ['lambda.amazonaws.com'] }],
  ])('%s is a fixed principal, not public', (_, principal, parsed) => {
    expect(parsePrincipal(principal)).toMatchObject({ ok: true, principals: { wildcard: false, ...parsed } });
    expect(publicOf(allow({ Principal: principal }))).toEqual([]);
  });

  it.each([
    ['a bare ARN string', 'arn:aws:iam::123456789012:root', 'has a Principal that is neither "*" nor an object ("arn:aws:iam::123456789012:root")'],
    ['an empty object', {}, 'has an empty Principal'],
    ['an unknown type', { Account: '123456789012' }, 'has an unknown principal type "Account"'],
    ['an empty list', { AWS: [] }, 'has a AWS principal that is not a string or a list of strings'],
    ['an object value', { Service: { name: 'sns' } }, 'has a Service principal that is not a string or a list of strings'],
  ])('%s is malformed, with the reason', (_, principal, reason) => {
    expect(parsePrincipal(principal)).toEqual({ ok: false, reason });
    expect(parsePolicy(doc(allow({ Principal: principal })), { noun: 'queue policy' })).toEqual({ ok: false, reason: `statement #1 of the queue policy ${reason}` });
  });
});

describe('NotPrincipal', () => {
  it('an Allow with NotPrincipal grants everyone but the listed principals: public', () => {
    expect(publicOf(allow({ Sid: 'AllBut', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:role/x' } }))).toEqual([
      'sqs:SendMessage to everyone except its NotPrincipal (statement "AllBut")',
    ]);
  });

  it('is parsed like a Principal', () => {
    const [s] = statements({ Effect: 'Deny', NotPrincipal: { AWS: ['arn:aws:iam::111122223333:root'] }, Action: '*', Resource: '*' });
    expect(s).toMatchObject({ notPrincipal: { AWS: ['arn:aws:iam::111122223333:root'] }, principals: { wildcard: false, aws: ['arn:aws:iam::111122223333:root'] } });
    expect(s?.principal).toBeUndefined();
  });

  it('a Deny with NotPrincipal does not enforce TLS for everyone', () => {
    const s = statements({ Effect: 'Deny', NotPrincipal: { AWS: '111122223333' }, Action: 'sqs:*', Resource: QUEUE, Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
    expect(tlsEnforcement(s, { service: 'sqs', arn: QUEUE })).toEqual({ enforced: false, reason: 'the Deny on aws:SecureTransport=false (statement #1) applies to specific principals, not Principal "*"' });
  });
});

describe('actions', () => {
  it.each([
    ['sqs:*', 'sqs:SendMessage', true],
    ['SQS:SendMessage', 'sqs:sendmessage', true],
    ['sqs:sendmessage', 'SQS:SendMessage', true],
    ['sqs:Send*', 'sqs:SendMessageBatch', true],
    ['sqs:Send*', 'sqs:ReceiveMessage', false],
    ['s3:Get?bject', 's3:GetObject', true],
    ['*', 'lambda:InvokeFunction', true],
    ['sns:*', 'sqs:SendMessage', false],
    ['sqs:SendMessage', 'sqs:SendMessageBatch', false],
  ])('%s matches %s: %s', (pattern, action, expected) => {
    expect(actionMatches(pattern, action)).toBe(expected);
  });

  it.each([
    ['Action list', { Action: ['sqs:ReceiveMessage', 'SQS:Send*'] }, 'sqs:SendMessage', true],
    ['Action elsewhere', { Action: 'sqs:ReceiveMessage' }, 'sqs:SendMessage', false],
    ['NotAction that excludes it', { NotAction: 'sqs:Send*' }, 'sqs:SendMessage', false],
    ['NotAction that excludes other actions', { NotAction: ['sqs:DeleteQueue', 'sqs:SetQueueAttributes'] }, 'sqs:SendMessage', true],
  ])('a statement with %s %j takes in %s: %s', (_, actions, action, expected) => {
    const [s] = statements({ Effect: 'Allow', Principal: { AWS: '111122223333' }, Resource: '*', ...actions });
    expect(coversAction(s as Statement, action)).toBe(expected);
  });

  it.each([
    ['"*"', { Action: '*' }, true],
    ['sqs:*', { Action: 'sqs:*' }, true],
    ['SQS:* among others', { Action: ['sqs:SendMessage', 'SQS:*'] }, true],
    ['a wildcard service part', { Action: 'sq?:*' }, true],
    ['sqs:Send*', { Action: 'sqs:Send*' }, false],
    ['another service', { Action: 'sns:*' }, false],
    ['NotAction of another service', { NotAction: 'iam:*' }, true],
    ['NotAction of one of its actions', { NotAction: 'sqs:DeleteQueue' }, false],
    ['NotAction "*"', { NotAction: '*' }, false],
  ])('%s %j covers every sqs action: %s', (_, actions, expected) => {
    const [s] = statements({ Effect: 'Deny', Principal: '*', Resource: '*', ...actions });
    expect(coversService(s as Statement, 'sqs')).toBe(expected);
  });

  it('describes NotAction grants', () => {
    expect(publicOf({ Effect: 'Allow', Principal: '*', NotAction: ['sqs:DeleteQueue'], Resource: QUEUE })).toEqual([
      'every action except sqs:DeleteQueue to Principal "*" without conditions (statement #1)',
    ]);
  });
});

describe('wildcard matching', () => {
  it.each([
    ['', '', true],
    ['*', '', true],
    ['a*', 'a', true],
    ['a*c', 'abbbc', true],
    ['a*c', 'abbbd', false],
    ['a?c', 'abc', true],
    ['a?c', 'ac', false],
    ['*b*', 'abc', true],
    ['**', 'x', true],
    ['a.c', 'abc', false], // regular-expression characters are literal
    ['(a|b)', '(a|b)', true],
    ['[ab]', 'a', false],
  ])('%j matches %j: %s', (pattern, value, expected) => {
    expect(globMatch(pattern, value)).toBe(expected);
  });

  it('matches case-insensitively only when told to', () => {
    expect(globMatch('SQS:Send*', 'sqs:sendmessage')).toBe(false);
    expect(globMatch('SQS:Send*', 'sqs:sendmessage', true)).toBe(true);
  });

  it('takes no exponential time on a pattern written to make regular expressions backtrack', () => {
    const started = Date.now();
    expect(globMatch(`${'*a'.repeat(40)}*b`, 'a'.repeat(5000))).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('resources', () => {
  it.each([
    [QUEUE, QUEUE, true],
    ['*', QUEUE, true],
    ['arn:aws:sqs:*:111122223333:*', QUEUE, true],
    ['arn:aws:sqs:us-east-1:111122223333:claims-*', QUEUE, true],
    ['arn:aws:sqs:us-east-1:111122223333:Claims-Intake', QUEUE, false], // ARNs are case-sensitive
    ['arn:aws:sqs:us-east-1:111122223333:claims-intake-dlq', QUEUE, false],
    ['arn:aws:sqs:us-east-1:111122223333:claims-intak?', QUEUE, true],
  ])('%s matches %s: %s', (pattern, arn, expected) => {
    expect(resourceMatches(pattern, arn)).toBe(expected);
  });

  it.each([
    ['Resource naming it', { Resource: QUEUE }, true],
    ['Resource naming another', { Resource: 'arn:aws:sqs:us-east-1:111122223333:other' }, false],
    ['NotResource naming another', { NotResource: 'arn:aws:sqs:us-east-1:111122223333:other' }, true],
    ['NotResource naming it', { NotResource: 'arn:aws:sqs:*:*:claims-*' }, false],
    ['neither', {}, false],
  ])('a statement with %s %j covers the queue: %s', (_, resources, expected) => {
    const [s] = statements({ Effect: 'Deny', Principal: '*', Action: '*', ...resources });
    expect(coversResource(s as Statement, QUEUE)).toBe(expected);
  });
});

describe('conditions', () => {
  const condition = (operator: string, key: string, values: unknown[]) => ({ operator, key, values });

  it.each([
    // Keys that pin the caller or source, with fixed values.
    ['StringEquals', 'aws:SourceAccount', ['111122223333']],
    ['StringEquals', 'AWS:SourceAccount', ['111122223333']],
    ['StringEquals', 'aws:SourceAccount', [111122223333]],
    ['StringEquals', 'AWS:SourceOwner', ['111122223333']],
    ['StringEqualsIgnoreCase', 'aws:PrincipalOrgID', ['o-abc123']],
    ['StringEquals', 'aws:PrincipalAccount', ['111122223333', '444455556666']],
    ['StringEquals', 'aws:SourceOrgID', ['o-abc123']],
    ['StringLike', 'aws:SourceVpce', ['vpce-0a1b2c3d']],
    ['StringEquals', 'aws:SourceVpc', ['vpc-1']],
    ['ArnEquals', 'aws:SourceArn', [TOPIC]],
    ['ArnLike', 'aws:SourceArn', ['arn:aws:execute-api:us-east-1:111122223333:a1b2c3/*/POST/claims']],
    ['ArnLike', 'aws:SourceArn', ['arn:aws:sns:*:111122223333:*']],
    ['ArnLike', 'aws:PrincipalArn', ['arn:aws:iam::111122223333:role/app-*']],
    ['ForAnyValue:StringEquals', 'aws:PrincipalOrgID', ['o-abc123']],
    ['ForAnyValue:StringLike', 'aws:PrincipalOrgPaths', ['o-abc123/r-ab12/ou-ab12-11111111/*']],
    ['IpAddress', 'aws:SourceIp', ['10.0.0.0/8']],
    ['IpAddress', 'aws:SourceIp', ['203.0.113.7']],
    ['IpAddress', 'aws:SourceIp', ['2001:db8::/32']],
    ['StringLike', 'aws:userid', ['AROAEXAMPLEROLEID:*']],
    ['StringEquals', 'lambda:EventSourceToken', ['amzn1.ask.skill.1234']],
  ])('%s %s %j restricts', (operator, key, values) => {
    expect(isRestrictingCondition(condition(operator, key, values))).toBe(true);
  });

  it.each([
    // IfExists and ForAllValues are true when the key is absent, as it is for callers from the internet.
    ['StringEqualsIfExists', 'aws:SourceAccount', ['111122223333']],
    ['ArnLikeIfExists', 'aws:SourceArn', [TOPIC]],
    ['ForAllValues:StringEquals', 'aws:PrincipalOrgID', ['o-abc123']],
    ['IpAddressIfExists', 'aws:SourceIp', ['10.0.0.0/8']],
    // Negated operators let everyone else in.
    ['StringNotEquals', 'aws:SourceAccount', ['111122223333']],
    ['ArnNotEquals', 'aws:SourceArn', [TOPIC]],
    ['NotIpAddress', 'aws:SourceIp', ['10.0.0.0/8']],
    ['ForAnyValue:StringNotEquals', 'aws:PrincipalOrgID', ['o-abc123']],
    // Operators that do not pin a value.
    ['Null', 'aws:SourceAccount', ['false']],
    ['Bool', 'aws:SecureTransport', ['true']],
    ['Bool', 'aws:PrincipalIsAWSService', ['true']],
    ['NumericLessThan', 'aws:MultiFactorAuthAge', [3600]],
    ['DateGreaterThan', 'aws:CurrentTime', ['2026-01-01T00:00:00Z']],
    ['StringEquals', 'aws:SourceIp', ['10.0.0.0/8']],
    // Keys that do not name the caller or source.
    ['StringLike', 'aws:Referer', ['https://example.com/*']],
    ['StringEquals', 'aws:RequestedRegion', ['us-east-1']],
    ['StringEquals', 'lambda:FunctionUrlAuthType', ['NONE']],
    // Wildcards, variables and wide ranges.
    ['StringLike', 'aws:SourceVpce', ['vpce-*']],
    ['StringEquals', 'aws:SourceAccount', ['111122223333', '*']],
    ['StringEquals', 'aws:SourceAccount', ['${aws:PrincipalAccount}']],
    ['StringLike', 'aws:PrincipalOrgID', ['o-?bc123']],
    ['ArnLike', 'aws:SourceArn', ['arn:aws:s3:::claims-*']],
    ['ArnLike', 'aws:SourceArn', ['arn:aws:sns:us-east-1:*:lab-results']],
    ['ArnEquals', 'aws:PrincipalArn', ['arn:aws:iam::${aws:username}:root']],
    ['ForAnyValue:StringLike', 'aws:PrincipalOrgPaths', ['o-*/r-ab12/*']],
    ['IpAddress', 'aws:SourceIp', ['0.0.0.0/0']],
    ['IpAddress', 'aws:SourceIp', ['10.0.0.0/7']],
    ['IpAddress', 'aws:SourceIp', ['2001:db8::/16']],
    ['IpAddress', 'aws:SourceIp', ['10.0.0.0/8', '0.0.0.0/0']],
    ['StringEquals', 'aws:SourceAccount', []],
  ])('%s %s %j does not restrict', (operator, key, values) => {
    expect(isRestrictingCondition(condition(operator, key, values))).toBe(false);
  });

  it('a statement is restricted by any one of its conditions (they are ANDed) and names the keys of those that do not', () => {
    const restricted = allow({ Principal: '*', Condition: { StringLike: { 'aws:Referer': '*' }, StringEquals: { 'aws:SourceAccount': '111122223333' } } });
    expect(publicOf(restricted)).toEqual([]);
    const open = allow({ Principal: '*', Condition: { StringLike: { 'aws:Referer': '*' }, StringNotEquals: { 'aws:SourceAccount': '111122223333' } } });
    expect(publicOf(open)).toEqual(['sqs:SendMessage to Principal "*" with conditions that do not restrict the caller (aws:Referer, aws:SourceAccount) (statement #1)']);
  });
});

describe('Deny guards', () => {
  const openAllow = allow({ Sid: 'Open', Principal: '*', Action: ['sqs:SendMessage', 'sqs:ReceiveMessage'] });
  const guard = (extra: object) => ({ Sid: 'OrgOnly', Effect: 'Deny', Principal: '*', Action: 'sqs:*', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-abc123' } }, ...extra });

  it.each([
    ['StringNotEquals aws:PrincipalOrgID on sqs:* everywhere', guard({})],
    ['StringNotEqualsIfExists (a missing key still denies)', guard({ Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abc123' } } })],
    ['ArnNotLike on a fixed-account source ARN', guard({ Condition: { ArnNotLike: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:111122223333:*' } } })],
    ['two excluding conditions', guard({ Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-abc123', 'aws:SourceVpce': 'vpce-1' } } })],
    ['"*" actions on the queue itself', guard({ Action: '*', Resource: QUEUE })],
    ['{"AWS": "*"}', guard({ Principal: { AWS: '*' } })],
  ])('a Deny for everyone outside fixed callers makes an open Allow non-public: %s', (_, deny) => {
    const s = statements(openAllow, deny);
    expect(publicStatements(s)).toEqual([]);
    expect(restrictedEveryoneStatements(s).map((x) => x.label)).toEqual(['statement "Open"']);
    expect(policyExposure(doc(openAllow, deny), 'queue policy')).toEqual({
      state: 'private',
      text: 'its queue policy statements for Principal "*" are limited by conditions on fixed sources or principals (statement "Open", by the Deny in statement "OrgOnly")',
    });
  });

  it.each([
    ['narrowed by another condition', guard({ Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-abc123' }, Bool: { 'aws:SecureTransport': 'false' } } })],
    ['a wildcard value', guard({ Condition: { StringNotLike: { 'aws:PrincipalOrgID': 'o-*' } } })],
    ['a set qualifier', guard({ Condition: { 'ForAnyValue:StringNotEquals': { 'aws:PrincipalOrgID': 'o-abc123' } } })],
    ['a key that does not pin the caller', guard({ Condition: { StringNotEquals: { 'aws:RequestedRegion': 'us-east-1' } } })],
    ['fewer actions than the Allow', guard({ Action: 'sqs:SendMessage' })],
    ['NotAction', guard({ Action: undefined, NotAction: 'sqs:DeleteQueue' })],
    ['another resource', guard({ Resource: 'arn:aws:sqs:us-east-1:111122223333:other' })],
    ['specific principals', guard({ Principal: { AWS: '444455556666' } })],
    ['no condition at all', guard({ Condition: undefined })],
  ])('a Deny that does not guard every grant leaves the Allow public: %s', (_, deny) => {
    expect(publicOf(openAllow, deny)).toEqual(['sqs:SendMessage, sqs:ReceiveMessage to Principal "*" without conditions (statement "Open")']);
  });
});

describe('service principal grants (the confused-deputy guard)', () => {
  const fromTopic = (condition?: object) => allow({ Sid: 'FromTopic', Principal: { Service: 'sns.amazonaws.com' }, ...(condition ? { Condition: condition } : {}) });

  it.each([
    ['ArnEquals aws:SourceArn', { ArnEquals: { 'aws:SourceArn': TOPIC } }, 'aws:SourceArn'],
    ['StringEquals AWS:SourceAccount', { StringEquals: { 'AWS:SourceAccount': '111122223333' } }, 'AWS:SourceAccount'],
    ['ArnLike aws:SourceArn in one account', { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:111122223333:lab-*' } }, 'aws:SourceArn'],
    ['aws:SourceOrgID', { StringEquals: { 'aws:SourceOrgID': 'o-abc123' } }, 'aws:SourceOrgID'],
  ])('bound by %s: not public', (_, condition, key) => {
    const s = statements(fromTopic(condition));
    expect(serviceGrants(s)).toEqual([{ statement: s[0], services: ['sns.amazonaws.com'], boundBy: key }]);
    expect(publicStatements(s, { unboundServices: true })).toEqual([]);
  });

  it.each([
    ['no condition', undefined],
    ['a wildcard source ARN', { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:*:lab-results' } }],
    ['an IfExists source account', { StringEqualsIfExists: { 'aws:SourceAccount': '111122223333' } }],
    ['a condition on the transport only', { Bool: { 'aws:SecureTransport': 'true' } }],
  ])('unbound with %s: public when unbound services count, not otherwise', (_, condition) => {
    const s = statements(fromTopic(condition));
    expect(serviceGrants(s)[0]?.boundBy).toBeUndefined();
    expect(publicStatements(s, { unboundServices: true }).map((p) => p.description)).toEqual([
      'sqs:SendMessage to service principal sns.amazonaws.com without aws:SourceArn or aws:SourceAccount, so any AWS account\'s resources of that service can use it (statement "FromTopic")',
    ]);
    expect(publicStatements(s)).toEqual([]);
  });

  it('names every service of a multi-service grant, and ignores Deny statements and AWS principals', () => {
    const s = statements(
      allow({ Principal: { Service: ['s3.amazonaws.com', 'events.amazonaws.com'] } }),
      { Effect: 'Deny', Principal: { Service: 'sns.amazonaws.com' }, Action: '*', Resource: '*' },
      allow({ Principal: { AWS: '444455556666' } }),
    );
    expect(serviceGrants(s).map((g) => g.services)).toEqual([['s3.amazonaws.com', 'events.amazonaws.com']]);
    expect(publicStatements(s, { unboundServices: true })[0]?.description).toContain('to service principals s3.amazonaws.com, events.amazonaws.com without');
  });
});

describe('policyExposure', () => {
  it('names the document with its noun', () => {
    expect(policyExposure(null, 'queue policy')).toEqual({ state: 'private', text: 'no queue policy' });
    expect(policyExposure(doc(allow({ Principal: { AWS: '444455556666' } })), 'topic policy')).toEqual({ state: 'private', text: 'no public topic policy statements' });
    expect(policyExposure(doc(allow({ Sid: 'Any', Principal: '*' })), 'queue policy')).toEqual({
      state: 'public',
      text: 'its queue policy allows sqs:SendMessage to Principal "*" without conditions (statement "Any")',
    });
    expect(policyExposure('{', 'function policy')).toMatchObject({ state: 'unknown', text: expect.stringMatching(/^the function policy is not valid JSON/) });
  });

  it('passes the default SNS topic policy (everyone, pinned to the owner by AWS:SourceOwner)', () => {
    const defaultPolicy = defaultTopicPolicy('lab-results');
    expect(policyExposure(defaultPolicy, 'topic policy')).toEqual({
      state: 'private',
      text: 'its topic policy statements for Principal "*" are limited by conditions on fixed sources or principals (statement "__default_statement_ID")',
    });
  });

  it('keeps unbound service grants apart for a note when they are not counted as public', () => {
    const document = doc(allow({ Sid: 'Topic', Principal: { Service: 'sns.amazonaws.com' } }), allow({ Sid: 'Bound', Principal: { Service: 's3.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } } }));
    const noted = policyExposure(document, 'queue policy');
    expect(noted).toEqual({
      state: 'private',
      text: 'no public queue policy statements',
      unboundServices: ['sqs:SendMessage to service principal sns.amazonaws.com without aws:SourceArn or aws:SourceAccount, so any AWS account\'s resources of that service can use it (statement "Topic")'],
    });
    expect(unboundServicesNote(noted)).toBe(`; note: it also grants ${noted.unboundServices?.[0]}`);
    const counted = policyExposure(document, 'function policy', { unboundServices: true });
    expect(counted.state).toBe('public');
    expect(counted.unboundServices).toBeUndefined();
    expect(unboundServicesNote(counted)).toBe('');
  });

  it('joins several public statements', () => {
    const e = policyExposure(doc(allow({ Sid: 'A', Principal: '*' }), allow({ Sid: 'B', Principal: { Service: 's3.amazonaws.com' } })), 'queue policy', { unboundServices: true });
    expect(e.state).toBe('public');
    expect(e.text).toMatch(/^its queue policy allows sqs:SendMessage to Principal "\*" without conditions \(statement "A"\); and sqs:SendMessage to service principal s3\.amazonaws\.com/);
  });
});

describe('malformed documents', () => {
  const ok = { Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: QUEUE };

  it.each([
    ['not JSON', 'not json', /^the queue policy is not valid JSON \(/],
    ['no Statement', '{"Version":"2012-10-17"}', /^the queue policy has no Statement element$/],
    ['a JSON array', '[]', /^the queue policy has no Statement element$/],
    ['a statement that is not an object', doc(5 as unknown as object), /^statement #1 of the queue policy is not an object$/],
    ['an unknown Effect', doc({ ...ok, Effect: 'Permit' }), /^statement #1 of the queue policy has Effect "Permit", neither Allow nor Deny$/],
    ['no Effect', doc({ ...ok, Effect: undefined }), /^statement #1 of the queue policy has Effect null, neither Allow nor Deny$/],
    ['both Principal and NotPrincipal', doc({ ...ok, NotPrincipal: { AWS: '1' } }), /has both Principal and NotPrincipal$/],
    ['no Principal', doc({ ...ok, Principal: undefined }), /has no Principal \(a resource policy statement must name one\)$/],
    ['both Action and NotAction', doc({ ...ok, NotAction: 'sqs:DeleteQueue' }), /has both Action and NotAction$/],
    ['neither Action nor NotAction', doc({ ...ok, Action: undefined }), /has neither Action nor NotAction$/],
    ['an empty Action list', doc({ ...ok, Action: [] }), /has an Action or NotAction that is not a string or a list of strings$/],
    ['a numeric Action', doc({ ...ok, Action: 5 }), /has an Action or NotAction that is not a string or a list of strings$/],
    ['both Resource and NotResource', doc({ ...ok, NotResource: QUEUE }), /has both Resource and NotResource$/],
    ['a Resource object', doc({ ...ok, Resource: { arn: QUEUE } }), /has a Resource or NotResource that is not a string or a list of strings$/],
    ['a Condition string', doc({ ...ok, Condition: 'aws:SourceAccount' }), /has a Condition that is not an object$/],
    ['a condition block that is a list', doc({ ...ok, Condition: { StringEquals: ['x'] } }), /has a condition StringEquals that is not an object$/],
    ['a condition value that is an object', doc({ ...ok, Condition: { StringEquals: { 'aws:SourceAccount': { id: 1 } } } }), /has a condition StringEquals aws:SourceAccount whose values are not strings, numbers or booleans$/],
  ])('%s: the reason, never a guess', (_, document, reason) => {
    const parsed = parsePolicy(document, { noun: 'queue policy' });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.reason).toMatch(reason);
  });

  it('names the statement by its Sid, and the generic document when no noun is given', () => {
    expect(parsePolicy(doc(ok, { ...ok, Sid: 'Bad', Effect: 'allowed' }), { noun: 'topic policy' })).toEqual({
      ok: false,
      reason: 'statement "Bad" of the topic policy has Effect "allowed", neither Allow nor Deny',
    });
    expect(parsePolicy('nope')).toMatchObject({ ok: false, reason: expect.stringMatching(/^the policy is not valid JSON/) });
  });

  it('accepts an identity policy without Principal when told it is one, a single Statement object, and case-insensitive Effect', () => {
    const identity = JSON.stringify({ Statement: { Effect: 'allow', Action: 'sqs:*', Resource: '*' } });
    expect(parsePolicy(identity, { identity: true })).toMatchObject({ ok: true, statements: [{ label: 'statement #1', effect: 'allow', actions: ['sqs:*'] }] });
    expect(parsePolicy(identity).ok).toBe(false);
  });
});

describe('TLS enforcement by service', () => {
  const insecure = { Bool: { 'aws:SecureTransport': 'false' } };
  const deny = (extra: object) => ({ Sid: 'TlsOnly', Effect: 'Deny', Principal: '*', Resource: QUEUE, Condition: insecure, ...extra });
  const sqs: TlsTarget = { service: 'sqs', arn: QUEUE };
  const sns: TlsTarget = { service: 'sns', arn: TOPIC };
  const judge = (target: TlsTarget, ...raw: object[]) => tlsEnforcement(statements(...raw), target);

  it.each([
    ['sqs:*', sqs, deny({ Action: 'sqs:*' }), 'denies every SQS action to any principal over plain HTTP (aws:SecureTransport=false, statement "TlsOnly")'],
    ['"*" on "*"', sqs, deny({ Action: '*', Resource: '*' }), 'denies every SQS action'],
    ['SQS:* upper case, BoolIfExists, boolean false', sqs, deny({ Action: 'SQS:*', Condition: { BoolIfExists: { 'aws:SecureTransport': false } } }), 'denies every SQS action'],
    ['the message actions', sqs, deny({ Action: ['sqs:SendMessage', 'sqs:ReceiveMessage'] }), 'denies sqs:SendMessage and sqs:ReceiveMessage (the actions that carry messages) to any principal over plain HTTP'],
    ['NotAction sparing a metadata action', sqs, deny({ NotAction: 'sqs:GetQueueUrl' }), 'denies sqs:SendMessage and sqs:ReceiveMessage (the actions that carry messages)'],
    ['NotResource naming another queue', sqs, deny({ Action: 'sqs:*', Resource: undefined, NotResource: 'arn:aws:sqs:us-east-1:111122223333:other' }), 'denies every SQS action'],
    ['sns:*', sns, deny({ Action: 'sns:*', Resource: TOPIC }), 'denies every SNS action to any principal over plain HTTP'],
    ['SNS:Publish, as SNS documents it', sns, deny({ Action: 'SNS:Publish', Resource: TOPIC }), 'denies sns:Publish (the action that carries messages) to any principal over plain HTTP'],
    ['publish and subscribe', sns, deny({ Action: ['sns:Publish', 'sns:Subscribe'], Resource: TOPIC }), 'denies sns:Publish (the action that carries messages)'],
  ])('enforced: %s', (_, target, statement, how) => {
    const t = judge(target, statement);
    expect(t).toMatchObject({ enforced: true, coversBucket: true });
    expect(t.enforced && t.how).toContain(how);
  });

  it.each([
    ['only sending', sqs, deny({ Action: 'sqs:SendMessage' }), 'the Deny on aws:SecureTransport=false (statement "TlsOnly") covers only sqs:SendMessage, not sqs:SendMessage and sqs:ReceiveMessage'],
    ['NotAction sparing receive', sqs, deny({ NotAction: 'sqs:Receive*' }), 'covers only every action except sqs:Receive*, not sqs:SendMessage and sqs:ReceiveMessage'],
    ['only subscribe', sns, deny({ Action: 'sns:Subscribe', Resource: TOPIC }), 'covers only sns:Subscribe, not sns:Publish'],
    ['another queue', sqs, deny({ Action: 'sqs:*', Resource: 'arn:aws:sqs:us-east-1:111122223333:other' }), `does not cover the queue ${QUEUE} (Resource arn:aws:sqs:us-east-1:111122223333:other)`],
    ['NotResource naming it', sqs, deny({ Action: 'sqs:*', Resource: undefined, NotResource: QUEUE }), `does not cover the queue ${QUEUE} (NotResource ${QUEUE})`],
    ['no Resource', sns, deny({ Action: 'sns:*', Resource: undefined }), `does not cover the topic ${TOPIC} (Resource missing)`],
    ['a specific principal', sqs, deny({ Action: 'sqs:*', Principal: { AWS: 'arn:aws:iam::111122223333:role/app' } }), 'applies to specific principals, not Principal "*"'],
    ['narrowed', sqs, deny({ Action: 'sqs:*', Condition: { ...insecure, StringEquals: { 'aws:SourceVpce': 'vpce-1' } } }), 'is narrowed by other conditions (StringEquals aws:SourceVpce)'],
    ['SecureTransport true', sqs, deny({ Action: 'sqs:*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } }), 'the queue policy has no Deny on aws:SecureTransport=false'],
    ['s3:TlsVersion, which only S3 knows', sqs, deny({ Action: 'sqs:*', Condition: { NumericLessThan: { 's3:TlsVersion': '1.2' } } }), 'the queue policy has no Deny on aws:SecureTransport=false'],
    ['an Allow', sqs, deny({ Effect: 'Allow', Action: 'sqs:*' }), 'the queue policy has no Deny on aws:SecureTransport=false'],
  ])('not enforced: %s', (_, target, statement, reason) => {
    const t = judge(target, statement);
    expect(t.enforced).toBe(false);
    expect(!t.enforced && t.reason).toContain(reason);
  });

  it('names the document by the target: its noun, or the service default', () => {
    expect(judge(sns)).toEqual({ enforced: false, reason: 'the topic policy has no Deny on aws:SecureTransport=false' });
    expect(judge({ ...sqs, noun: 'access policy' })).toEqual({ enforced: false, reason: 'the access policy has no Deny on aws:SecureTransport=false' });
  });

  it('reads a string target as an S3 bucket ARN, judged on its objects', () => {
    const s = statements({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::logs/*', Condition: insecure });
    expect(tlsEnforcement(s, 'arn:aws:s3:::logs')).toMatchObject({ enforced: true, coversBucket: false });
    expect(tlsEnforcement(s, { service: 's3', arn: 'arn:aws:s3:::other' })).toEqual({
      enforced: false,
      reason: 'the Deny on aws:SecureTransport=false (statement #1) does not cover the bucket\'s objects (Resource arn:aws:s3:::logs/*)',
    });
  });
});
