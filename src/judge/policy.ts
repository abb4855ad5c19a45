/**
 * Our reading of IAM policy documents (bucket, queue, topic, function, key and identity policies): parsing, who a
 * statement lets in, the conditions that pin the caller or source, and TLS enforcement. Shared judgement: every
 * check that reads a policy document uses this module, none parses one itself.
 */

// ---------------------------------------------------------------------------------------------------------------
// Policy parsing

export interface Condition {
  /** As written, e.g. `StringEquals`, `ForAnyValue:StringLike`, `BoolIfExists`. */
  operator: string;
  key: string;
  values: unknown[];
}

export interface Statement {
  /** `statement "Sid"` or `statement #2` (1-based), for messages. */
  label: string;
  effect: 'Allow' | 'Deny' | string;
  /** Exactly one of principal / notPrincipal is normally present. */
  principal?: unknown;
  notPrincipal?: unknown;
  actions?: string[];
  notActions?: string[];
  resources?: string[];
  notResources?: string[];
  conditions: Condition[];
}

export type ParsedPolicy = { ok: true; statements: Statement[] } | { ok: false; reason: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const strings = (v: unknown): string[] | undefined => (v === undefined ? undefined : list(v).map((x) => String(x)));

/** Parses a policy document; a malformed one yields the reason, never a guess. */
export function parsePolicy(document: string): ParsedPolicy {
  let doc: unknown;
  try {
    doc = JSON.parse(document);
  } catch (error) {
    return { ok: false, reason: `the bucket policy is not valid JSON (${(error as Error).message})` };
  }
  if (!isObject(doc) || doc.Statement === undefined) return { ok: false, reason: 'the bucket policy has no Statement element' };
  const raw = list(doc.Statement);
  const statements: Statement[] = [];
  for (const [index, s] of raw.entries()) {
    if (!isObject(s)) return { ok: false, reason: `statement #${index + 1} of the bucket policy is not an object` };
    const conditions: Condition[] = [];
    if (s.Condition !== undefined) {
      if (!isObject(s.Condition)) return { ok: false, reason: `the Condition of statement #${index + 1} is not an object` };
      for (const [operator, block] of Object.entries(s.Condition)) {
        if (!isObject(block)) return { ok: false, reason: `condition ${operator} of statement #${index + 1} is not an object` };
        for (const [key, value] of Object.entries(block)) conditions.push({ operator, key, values: list(value) });
      }
    }
    const actions = strings(s.Action);
    const notActions = strings(s.NotAction);
    const resources = strings(s.Resource);
    const notResources = strings(s.NotResource);
    statements.push({
      label: typeof s.Sid === 'string' && s.Sid !== '' ? `statement "${s.Sid}"` : `statement #${index + 1}`,
      effect: String(s.Effect ?? ''),
      ...(s.Principal !== undefined ? { principal: s.Principal } : {}),
      ...(s.NotPrincipal !== undefined ? { notPrincipal: s.NotPrincipal } : {}),
      ...(actions ? { actions } : {}),
      ...(notActions ? { notActions } : {}),
      ...(resources ? { resources } : {}),
      ...(notResources ? { notResources } : {}),
      conditions,
    });
  }
  return { ok: true, statements };
}

/** Principal `"*"`, `{"AWS": "*"}` or an AWS list holding `"*"`: anyone, authenticated or not. */
export function isEveryone(principal: unknown): boolean {
  if (principal === '*') return true;
  if (isObject(principal)) return list(principal.AWS).some((p) => p === '*');
  return false;
}

function describeActions(s: Statement): string {
  if (s.notActions) return `every action except ${s.notActions.join(', ')}`;
  const actions = s.actions ?? [];
  if (actions.length === 0) return 'no action';
  return actions.join(', ');
}

// ---------------------------------------------------------------------------------------------------------------
// Public policy statements (mirrors S3's own definition of a "public" bucket policy)

/**
 * Condition keys that pin who may use a statement or where the request must come from. A statement open to
 * Principal "*" is not public when one of them holds fixed values (S3's "meaning of public", plus the
 * principal-org/account keys that restrict callers to known identities).
 */
const RESTRICTING_KEYS = new Set(
  [
    'aws:SourceIp',
    'aws:SourceVpc',
    'aws:SourceVpce',
    'aws:SourceArn',
    'aws:SourceAccount',
    'aws:SourceOwner',
    'aws:SourceOrgID',
    'aws:PrincipalOrgID',
    'aws:PrincipalAccount',
    'aws:PrincipalArn',
    'aws:userid',
    'aws:username',
    's3:DataAccessPointArn',
    's3:DataAccessPointAccount',
  ].map((k) => k.toLowerCase()),
);

/** Operators that only let a request through when the key is present and equals one of the values. */
const MATCHING_OPERATORS = new Set(['stringequals', 'stringequalsignorecase', 'stringlike', 'arnequals', 'arnlike', 'ipaddress']);

const hasWildcardOrVariable = (v: string) => /[*?]|\$\{/.test(v);

/** A CIDR narrow enough that S3 does not call it public: /8 or longer for IPv4, /32 or longer for IPv6. */
function isNarrowCidr(value: string): boolean {
  const [address = '', prefixText] = value.split('/');
  const ipv6 = address.includes(':');
  const prefix = prefixText === undefined ? (ipv6 ? 128 : 32) : Number(prefixText);
  if (!Number.isInteger(prefix)) return false;
  return ipv6 ? prefix >= 32 : prefix >= 8;
}

/** Whether one condition limits the statement to fixed principals or sources. */
export function isRestrictingCondition(c: Condition): boolean {
  let op = c.operator.toLowerCase();
  if (op.startsWith('forallvalues:')) return false; // true when the key is absent
  if (op.startsWith('foranyvalue:')) op = op.slice('foranyvalue:'.length);
  if (op.endsWith('ifexists')) return false; // true when the key is absent (e.g. requests from the internet)
  if (!MATCHING_OPERATORS.has(op)) return false; // negated operators (StringNotEquals, NotIpAddress) let everyone else in
  const key = c.key.toLowerCase();
  if (!RESTRICTING_KEYS.has(key)) return false;
  if (c.values.length === 0) return false;
  return c.values.every((raw) => {
    if (typeof raw !== 'string') return false;
    if (key === 'aws:sourceip') return op === 'ipaddress' && isNarrowCidr(raw);
    // aws:userid "AROAROLEID:*" names the sessions of one role: as fixed as a principal.
    if (key === 'aws:userid' && /^[A-Z0-9]+:\*$/.test(raw)) return true;
    return !hasWildcardOrVariable(raw);
  });
}

export interface PublicStatement {
  statement: Statement;
  /** What the statement grants and to whom, e.g. `s3:GetObject to Principal "*" without conditions`. */
  description: string;
}

/** Allow statements of a parsed policy that grant access to anyone. */
export function publicStatements(statements: Statement[]): PublicStatement[] {
  const out: PublicStatement[] = [];
  for (const s of statements) {
    if (s.effect.toLowerCase() !== 'allow') continue;
    const actions = describeActions(s);
    if (s.notPrincipal !== undefined) {
      // Allow + NotPrincipal grants everyone except the listed principals: treated as public (conservative).
      out.push({ statement: s, description: `${actions} to everyone except its NotPrincipal (${s.label})` });
      continue;
    }
    if (!isEveryone(s.principal)) continue;
    if (s.conditions.some(isRestrictingCondition)) continue;
    const principal = s.principal === '*' ? 'Principal "*"' : 'Principal {"AWS": "*"}';
    const conditions =
      s.conditions.length === 0
        ? 'without conditions'
        : `with conditions that do not restrict the caller (${[...new Set(s.conditions.map((c) => c.key))].join(', ')})`;
    out.push({ statement: s, description: `${actions} to ${principal} ${conditions} (${s.label})` });
  }
  return out;
}

/** Allow statements open to Principal "*" that conditions restrict: the subtle reason a policy is not public. */
export function restrictedEveryoneStatements(statements: Statement[]): Statement[] {
  return statements.filter(
    (s) => s.effect.toLowerCase() === 'allow' && s.notPrincipal === undefined && isEveryone(s.principal) && s.conditions.some(isRestrictingCondition),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// TLS enforcement

export type TlsEnforcement =
  | { enforced: true; how: string; statement: Statement; coversBucket: boolean }
  | { enforced: false; reason: string };

function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`);
}

const matchesAny = (patterns: string[], value: string) => patterns.some((p) => globToRegExp(p).test(value));

const coversAllS3Actions = (s: Statement) => (s.actions ?? []).some((a) => a === '*' || a.toLowerCase() === 's3:*');

type TlsCondition = { kind: 'secure-transport' } | { kind: 'tls-version'; minimum: string };

function tlsCondition(c: Condition): TlsCondition | undefined {
  const op = c.operator.toLowerCase();
  const key = c.key.toLowerCase();
  if ((op === 'bool' || op === 'boolifexists') && key === 'aws:securetransport') {
    return c.values.some((v) => v === false || (typeof v === 'string' && v.toLowerCase() === 'false')) ? { kind: 'secure-transport' } : undefined;
  }
  if (op === 'numericlessthan' && key === 's3:tlsversion') {
    const v = c.values.find((x) => (typeof x === 'number' || typeof x === 'string') && Number.isFinite(Number(x)));
    return v === undefined ? undefined : { kind: 'tls-version', minimum: String(v) };
  }
  return undefined;
}

/**
 * Whether the policy denies every S3 action to everyone over plain HTTP (aws:SecureTransport=false), or below a
 * minimum TLS version (s3:TlsVersion), for the bucket's objects. A Deny narrowed by extra conditions, fewer
 * actions or principals, or resources that miss the objects does not count; the reason names the first shortfall.
 */
export function tlsEnforcement(statements: Statement[], bucketArn: string): TlsEnforcement {
  const objectArn = `${bucketArn}/any-object-key`;
  const found: Array<{ s: Statement; tls: TlsCondition }> = [];
  const shortfalls: string[] = [];
  for (const s of statements) {
    if (s.effect.toLowerCase() !== 'deny') continue;
    const tlsConditions = s.conditions.map((c) => ({ c, tls: tlsCondition(c) })).filter((x) => x.tls !== undefined);
    const first = tlsConditions[0];
    if (!first?.tls) continue;
    const what = first.tls.kind === 'secure-transport' ? 'the Deny on aws:SecureTransport=false' : 'the Deny on s3:TlsVersion';
    if (s.notPrincipal !== undefined || !isEveryone(s.principal)) {
      shortfalls.push(`${what} (${s.label}) applies to specific principals, not Principal "*"`);
    } else if (!coversAllS3Actions(s)) {
      shortfalls.push(`${what} (${s.label}) covers only ${describeActions(s)}, not s3:*`);
    } else if (!s.resources || !matchesAny(s.resources, objectArn)) {
      shortfalls.push(`${what} (${s.label}) does not cover the bucket's objects (Resource ${(s.resources ?? s.notResources ?? []).join(', ') || 'missing'})`);
    } else if (s.conditions.length > 1) {
      const others = s.conditions.filter((c) => c !== first.c).map((c) => `${c.operator} ${c.key}`);
      shortfalls.push(`${what} (${s.label}) is narrowed by other conditions (${others.join(', ')})`);
    } else {
      found.push({ s, tls: first.tls });
    }
  }
  const best = found.find((f) => f.tls.kind === 'secure-transport') ?? found[0];
  if (best) {
    const how =
      best.tls.kind === 'secure-transport'
        ? `denies every S3 action to any principal over plain HTTP (aws:SecureTransport=false, ${best.s.label})`
        : `denies every S3 action to any principal below TLS ${best.tls.minimum} (s3:TlsVersion, ${best.s.label}): minimum TLS version ${best.tls.minimum}`;
    return { enforced: true, how, statement: best.s, coversBucket: matchesAny(best.s.resources ?? [], bucketArn) };
  }
  return { enforced: false, reason: shortfalls[0] ?? 'the bucket policy has no Deny on aws:SecureTransport=false' };
}

// ---------------------------------------------------------------------------------------------------------------
// Denied actions

/** Condition keys that name the caller: a negated match on them exempts those callers from a Deny. */
const CALLER_KEYS = new Set(['aws:principalarn', 'aws:principalaccount', 'aws:principalorgid', 'aws:userid', 'aws:username'].map((k) => k.toLowerCase()));
const NEGATED_OPERATORS = new Set(['stringnotequals', 'stringnotequalsignorecase', 'stringnotlike', 'arnnotequals', 'arnnotlike']);

export interface Denial {
  action: string;
  /** The first Deny statement that covers the action on the resource for every caller (exemptions aside); absent: none does. */
  statement?: Statement;
  /** Callers the statement exempts (its NotPrincipal, or a negated condition on the caller), described; empty: nobody. */
  exempted: string[];
}

/** Whether an action pattern (`backup:Delete*`, `*`) matches an action; IAM action names ignore case. */
function actionMatches(pattern: string, action: string): boolean {
  return globToRegExp(pattern.toLowerCase()).test(action.toLowerCase());
}

function coversAction(s: Statement, action: string): boolean {
  if (s.notActions) return !s.notActions.some((p) => actionMatches(p, action));
  return (s.actions ?? []).some((p) => actionMatches(p, action));
}

function coversResource(s: Statement, resourceArn: string): boolean {
  if (s.notResources) return !matchesAny(s.notResources, resourceArn);
  return matchesAny(s.resources ?? [], resourceArn);
}

/**
 * Whether the policy denies each action on `resourceArn` to every caller: a Deny with Principal "*" (or
 * {"AWS": "*"}, or a NotPrincipal, which exempts the principals it names), an Action or NotAction that covers the
 * action (wildcards such as `backup:Delete*` included), a Resource or NotResource that covers the resource, and no
 * condition other than a negated match on the caller (`StringNotLike aws:PrincipalArn`: everyone but a break-glass
 * role). A Deny narrowed by any other condition, or limited to named principals, does not count: it leaves other
 * callers free. To ask about every resource of a kind, pass an ARN with a `*` where the id goes.
 */
export function deniesActions(statements: Statement[], actions: string[], resourceArn: string): Denial[] {
  return actions.map((action) => {
    for (const s of statements) {
      if (s.effect.toLowerCase() !== 'deny') continue;
      if (s.notPrincipal === undefined && !isEveryone(s.principal)) continue;
      if (!coversAction(s, action) || !coversResource(s, resourceArn)) continue;
      const exemptions = s.conditions.map((c) => {
        // ...IfExists changes nothing here: the caller keys are always present.
        const op = c.operator.toLowerCase().replace(/ifexists$/, '');
        if (!NEGATED_OPERATORS.has(op) || !CALLER_KEYS.has(c.key.toLowerCase())) return undefined;
        return `${c.key} ${c.values.map(String).join(', ')}`;
      });
      if (exemptions.some((e) => e === undefined)) continue;
      const exempted = [
        ...(s.notPrincipal !== undefined ? [`NotPrincipal ${JSON.stringify(s.notPrincipal)}`] : []),
        ...exemptions.filter((e): e is string => e !== undefined),
      ];
      return { action, statement: s, exempted };
    }
    return { action, exempted: [] };
  });
}
