import { catchesSecurityEvent, parseFilterPattern, type SecurityEvent } from '../../src/judge/log-patterns';

const ROOT_CIS = '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }';
const UNAUTHORIZED_CIS = '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }';

describe('catchesSecurityEvent', () => {
  const cases: Array<[string, SecurityEvent, string, boolean]> = [
    // Root use: the CIS pattern as Security Hub and CIS print it, and tolerated spellings of it.
    ['CIS root pattern', 'root-use', ROOT_CIS, true],
    ['Security Hub spelling, no spaces', 'root-use', '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}', true],
    ['terms in another order, bare values', 'root-use', '{ $.eventType != AwsServiceEvent && $.userIdentity.type = Root && $.userIdentity.invokedBy NOT EXISTS }', true],
    ['parentheses and lower-case keyword', 'root-use', '{ ($.userIdentity.type = "Root") && ($.userIdentity.invokedBy not exists) && ($.eventType != "AwsServiceEvent") }', true],
    ['broader: every root event, service-invoked included', 'root-use', '{ $.userIdentity.type = "Root" }', true],
    ['broader: root events or console logins', 'root-use', `{ (${ROOT_CIS.slice(1, -1)}) || $.eventName = "ConsoleLogin" }`, true],
    ['narrower: only root console logins', 'root-use', '{ $.userIdentity.type = "Root" && $.eventName = "ConsoleLogin" }', false],
    ['wrong value case', 'root-use', '{ $.userIdentity.type = "root" }', false],
    ['IS NULL is not NOT EXISTS', 'root-use', '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy IS NULL }', false],
    ['a term pattern, not JSON', 'root-use', 'Root', false],
    ['an empty pattern', 'root-use', '', false],
    ['unbalanced parentheses', 'root-use', '{ ($.userIdentity.type = "Root" }', false],
    ['unterminated quote', 'root-use', '{ $.userIdentity.type = "Root }', false],
    // Unauthorized calls: both alternatives must be caught.
    ['CIS v1.2 unauthorized pattern', 'unauthorized-calls', UNAUTHORIZED_CIS, true],
    ['OR terms swapped, no parentheses', 'unauthorized-calls', '{ $.errorCode = "AccessDenied*" || $.errorCode = "*UnauthorizedOperation" }', true],
    ['Security Hub spelling, no spaces', 'unauthorized-calls', '{($.errorCode="*UnauthorizedOperation")||($.errorCode="AccessDenied*")}', true],
    [
      'CIS v1.4+ with its noise exclusions',
      'unauthorized-calls',
      '{($.errorCode ="*UnauthorizedOperation") || ($.errorCode ="AccessDenied*") && ($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket")}',
      true,
    ],
    [
      'CIS exclusions applied to both alternatives',
      'unauthorized-calls',
      '{ (($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*")) && $.eventName != "HeadBucket" }',
      true,
    ],
    ['only AccessDenied', 'unauthorized-calls', '{ $.errorCode = "AccessDenied*" }', false],
    ['narrowed by another exclusion', 'unauthorized-calls', '{ ($.errorCode = "*UnauthorizedOperation" || $.errorCode = "AccessDenied*") && $.eventSource != "s3.amazonaws.com" }', false],
    ['only the tolerated exclusions: almost every event', 'unauthorized-calls', '{ $.eventName != "HeadBucket" }', false],
    ['the root pattern is not the unauthorized one', 'unauthorized-calls', ROOT_CIS, false],
  ];

  it.each(cases)('%s (%s)', (_name, event, pattern, expected) => {
    expect(catchesSecurityEvent(pattern, event)).toBe(expected);
  });
});

describe('parseFilterPattern', () => {
  it('expands && over || into conjunctions, && binding tighter', () => {
    expect(parseFilterPattern('{ $.a = 1 || $.b = 2 && $.c = 3 }')).toEqual([['$.a = 1'], ['$.b = 2', '$.c = 3']]);
    expect(parseFilterPattern('{ ($.a = 1 || $.b = 2) && $.c = 3 }')).toEqual([['$.a = 1', '$.c = 3'], ['$.b = 2', '$.c = 3']]);
  });

  it('keeps quoted characters as data, including escaped quotes and operators', () => {
    expect(parseFilterPattern('{ $.message = "a \\"b\\" && c" }')).toEqual([['$.message = a "b" && c']]);
  });

  it('refuses patterns that expand beyond reason rather than judging them', () => {
    const term = (i: number) => `($.f${i} = 1 || $.g${i} = 2)`;
    expect(parseFilterPattern(`{ ${Array.from({ length: 7 }, (_, i) => term(i)).join(' && ')} }`)).toBeNull();
  });

  it('refuses trailing tokens and stray operators', () => {
    expect(parseFilterPattern('{ $.a = 1 $.b = 2 }')).toBeNull();
    expect(parseFilterPattern('{ $.a = 1 && }')).toBeNull();
    expect(parseFilterPattern('{ && $.a = 1 }')).toBeNull();
    expect(parseFilterPattern('{ $.a }')).toBeNull();
  });
});
