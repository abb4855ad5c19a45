/**
 * CloudWatch Logs JSON filter patterns (`{ $.field = "value" && ... }`), read well enough to tell whether a metric
 * filter catches the CloudTrail events CIS and Security Hub ask to alarm on (CloudWatch.1 root use, CloudWatch.2
 * unauthorized API calls). A pattern is reduced to a disjunction of conjunctions of comparisons, each comparison
 * normalised (whitespace, quotes around the value, keyword case), so the order of terms and parentheses do not
 * matter. A pattern catches an event kind when, for every way the CIS pattern can match, some conjunction of the
 * pattern asks for no more than that: the pattern matches at least what the CIS pattern matches (it may match more,
 * e.g. every root event including service-invoked ones). The pattern is data: it is tokenised, never evaluated.
 */

/** A comparison, normalised: `$.userIdentity.type = Root`, `$.userIdentity.invokedBy NOT EXISTS`. */
type Term = string;
/** Terms that must all hold. */
type Conjunction = Term[];

export type SecurityEvent = 'root-use' | 'unauthorized-calls';

/** What CIS prescribes for each event kind, as alternatives (CIS AWS Foundations v1.2-v3, Security Hub CloudWatch.1/.2). */
const REQUIRED: Record<SecurityEvent, Conjunction[]> = {
  'root-use': [['$.userIdentity.type = Root', '$.userIdentity.invokedBy NOT EXISTS', '$.eventType != AwsServiceEvent']],
  'unauthorized-calls': [['$.errorCode = *UnauthorizedOperation'], ['$.errorCode = AccessDenied*']],
};

/** Exclusions CIS itself adds in later versions (v1.4+: noise from log delivery and HeadBucket); they do not disqualify. */
const TOLERATED: Record<SecurityEvent, ReadonlySet<Term>> = {
  'root-use': new Set(),
  'unauthorized-calls': new Set(['$.sourceIPAddress != delivery.logs.amazonaws.com', '$.eventName != HeadBucket']),
};

/** What each event kind is, in words, for messages. */
export const SECURITY_EVENT_LABEL: Record<SecurityEvent, string> = {
  'root-use': 'root user activity',
  'unauthorized-calls': 'unauthorized API calls',
};

/** Whether a metric filter with this pattern counts every event the CIS pattern for `event` counts. */
export function catchesSecurityEvent(pattern: string, event: SecurityEvent): boolean {
  const dnf = parseFilterPattern(pattern);
  if (!dnf) return false;
  const tolerated = TOLERATED[event];
  return REQUIRED[event].every((required) =>
    dnf.some((conjunction) => {
      const asked = conjunction.filter((t) => !tolerated.has(t));
      // A conjunction asking for nothing relevant (only tolerated exclusions) would count almost every event.
      return asked.length > 0 && asked.every((t) => required.includes(t));
    }),
  );
}

/** Conjunctions beyond which a pattern is not expanded (a pattern that large is not a CIS filter). */
const MAX_CONJUNCTIONS = 64;

/**
 * A JSON filter pattern as a disjunction of conjunctions of normalised comparisons; null when the pattern is not
 * a JSON pattern (space-delimited and term patterns cannot test CloudTrail fields) or cannot be read.
 */
export function parseFilterPattern(pattern: string): Conjunction[] | null {
  const text = pattern.trim();
  if (!text.startsWith('{') || !text.endsWith('}')) return null;
  const tokens = tokenize(text.slice(1, -1));
  if (!tokens || tokens.length === 0) return null;
  const parser = new Parser(tokens);
  const dnf = parser.expression();
  return dnf && parser.done() ? dnf : null;
}

type Token = { kind: '(' | ')' | '&&' | '||' } | { kind: 'term'; term: Term };

const OPERATORS = ['!=', '<=', '>=', '=', '<', '>'] as const;
const KEYWORDS = [/^NOT\s+EXISTS\b/i, /^IS\s+NULL\b/i, /^IS\s+TRUE\b/i, /^IS\s+FALSE\b/i] as const;

/** Splits the inside of `{ ... }` into parentheses, `&&`, `||` and comparisons; null on anything else. */
function tokenize(text: string): Token[] | null {
  const tokens: Token[] = [];
  let i = 0;
  const skip = () => {
    while (i < text.length && /\s/.test(text[i] as string)) i += 1;
  };
  while (true) {
    skip();
    if (i >= text.length) return tokens;
    const rest = text.slice(i);
    if (rest[0] === '(' || rest[0] === ')') {
      tokens.push({ kind: rest[0] });
      i += 1;
    } else if (rest.startsWith('&&') || rest.startsWith('||')) {
      tokens.push({ kind: rest.slice(0, 2) as '&&' | '||' });
      i += 2;
    } else if (rest[0] === '$') {
      const selector = /^\$[^\s=!<>()&|]*/.exec(rest)?.[0] as string;
      i += selector.length;
      skip();
      const after = text.slice(i);
      const keyword = KEYWORDS.map((k) => k.exec(after)?.[0]).find((m) => m !== undefined);
      if (keyword) {
        tokens.push({ kind: 'term', term: `${selector} ${keyword.toUpperCase().split(/\s+/).join(' ')}` });
        i += keyword.length;
        continue;
      }
      const operator = OPERATORS.find((o) => after.startsWith(o));
      if (!operator) return null;
      i += operator.length;
      skip();
      const value = readValue(text, i);
      if (!value) return null;
      i = value.end;
      tokens.push({ kind: 'term', term: `${selector} ${operator} ${value.value}` });
    } else {
      return null;
    }
  }
}

/** A quoted value (backslash escapes kept as the escaped character) or a bare one up to a space, `)` or `&&`/`||`. */
function readValue(text: string, start: number): { value: string; end: number } | null {
  if (text[start] === '"') {
    let value = '';
    let i = start + 1;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\' && i + 1 < text.length) i += 1;
      value += text[i];
      i += 1;
    }
    return i < text.length ? { value, end: i + 1 } : null;
  }
  const bare = /^[^\s()&|]+/.exec(text.slice(start))?.[0];
  return bare ? { value: bare, end: start + bare.length } : null;
}

/** `||` binds looser than `&&`; parentheses group. Each rule returns its disjunctive normal form, or null. */
class Parser {
  private at = 0;
  constructor(private readonly tokens: Token[]) {}

  done(): boolean {
    return this.at === this.tokens.length;
  }

  expression(): Conjunction[] | null {
    let dnf = this.conjunction();
    while (dnf && this.peek('||')) {
      this.at += 1;
      const next = this.conjunction();
      if (!next) return null;
      dnf = [...dnf, ...next];
      if (dnf.length > MAX_CONJUNCTIONS) return null;
    }
    return dnf;
  }

  private conjunction(): Conjunction[] | null {
    let dnf = this.primary();
    while (dnf && this.peek('&&')) {
      this.at += 1;
      const next = this.primary();
      if (!next) return null;
      const left: Conjunction[] = dnf;
      dnf = left.flatMap((a) => next.map((b) => [...new Set([...a, ...b])]));
      if (dnf.length > MAX_CONJUNCTIONS) return null;
    }
    return dnf;
  }

  private primary(): Conjunction[] | null {
    const token = this.tokens[this.at];
    if (!token) return null;
    this.at += 1;
    if (token.kind === 'term') return [[token.term]];
    if (token.kind !== '(') return null;
    const inner = this.expression();
    if (!inner || !this.peek(')')) return null;
    this.at += 1;
    return inner;
  }

  private peek(kind: Token['kind']): boolean {
    return this.tokens[this.at]?.kind === kind;
  }
}
