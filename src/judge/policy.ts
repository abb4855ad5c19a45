/**
 * Our reading of IAM policy documents (bucket, queue, topic, function, key and identity policies): parsing, who a
 * statement lets in, the conditions that pin the caller or source, and TLS enforcement. Shared judgement: every
 * check that reads a policy document uses this module, none parses one itself.
 *
 * The reading follows the IAM policy grammar (Principal/NotPrincipal, Action/NotAction, Resource/NotResource,
 * Condition operators with IfExists and the ForAnyValue/ForAllValues set qualifiers) and, for publicness, S3's
 * "meaning of public" (a statement open to everyone is public unless a condition pins it to fixed values), which
 * AWS Config applies to queue, topic and function policies alike. A document we cannot read yields its reason,
 * never a guess.
 */

// ---------------------------------------------------------------------------------------------------------------
// Policy parsing

export interface Condition {
  /** As written, e.g. `StringEquals`, `ForAnyValue:StringLike`, `BoolIfExists`. */
  operator: string;
  key: string;
  values: unknown[];
}

/** Who a Principal or NotPrincipal names, by type; `wildcard` when any entry holds `*`. */
export interface Principals {
  wildcard: boolean;
  aws: string[];
  service: string[];
  federated: string[];
  canonicalUser: string[];
}

export interface Statement {
  /** `statement "Sid"` or `statement #2` (1-based), for messages. */
  label: string;
  effect: 'Allow' | 'Deny' | string;
  /** Exactly one of principal / notPrincipal is present in a resource policy (neither in an identity policy). */
  principal?: unknown;
  notPrincipal?: unknown;
  /** The parsed form of whichever of principal / notPrincipal is present. */
  principals?: Principals;
  actions?: string[];
  notActions?: string[];
  resources?: string[];
  notResources?: string[];
  conditions: Condition[];
}

export type ParsedPolicy = { ok: true; statements: Statement[] } | { ok: false; reason: string };

export interface ParseOptions {
  /** The document's name in messages: `bucket policy`, `queue policy`, `topic policy`, `function policy`, ... */
  noun?: string;
  /** An identity policy (attached to a user, group or role) has no Principal; a resource policy must have one. */
  identity?: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const isScalar = (v: unknown): v is string | number | boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** A list of strings (a single string counts as a list of one); undefined when absent; `false` when malformed. */
function stringList(v: unknown): string[] | undefined | false {
  if (v === undefined) return undefined;
  const items = list(v);
  if (items.length === 0 || !items.every((x) => typeof x === 'string')) return false;
  return items as string[];
}

const PRINCIPAL_TYPES = { AWS: 'aws', Service: 'service', Federated: 'federated', CanonicalUser: 'canonicalUser' } as const;

/** Parses a Principal or NotPrincipal element; a malformed one yields the reason. */
export function parsePrincipal(value: unknown): { ok: true; principals: Principals } | { ok: false; reason: string } {
  const principals: Principals = { wildcard: false, aws: [], service: [], federated: [], canonicalUser: [] };
  if (value === '*') return { ok: true, principals: { ...principals, wildcard: true } };
  if (!isObject(value)) return { ok: false, reason: `has a Principal that is neither "*" nor an object (${JSON.stringify(value)})` };
  const types = Object.keys(value);
  if (types.length === 0) return { ok: false, reason: 'has an empty Principal' };
  for (const type of types) {
    const field = PRINCIPAL_TYPES[type as keyof typeof PRINCIPAL_TYPES];
    if (!field) return { ok: false, reason: `has an unknown principal type ${JSON.stringify(type)}` };
    // Account ids are sometimes written as JSON numbers; IAM reads them as strings.
    const entries = list(value[type]);
    if (entries.length === 0 || !entries.every((e) => typeof e === 'string' || typeof e === 'number')) {
      return { ok: false, reason: `has a ${type} principal that is not a string or a list of strings` };
    }
    for (const entry of entries.map(String)) {
      principals[field].push(entry);
      if (entry.includes('*')) principals.wildcard = true;
    }
  }
  return { ok: true, principals };
}

/** Parses a policy document; a malformed one yields the reason, never a guess. */
export function parsePolicy(document: string, options: ParseOptions = {}): ParsedPolicy {
  const noun = options.noun ?? 'policy';
  let doc: unknown;
  try {
    doc = JSON.parse(document);
  } catch (error) {
    return { ok: false, reason: `the ${noun} is not valid JSON (${(error as Error).message})` };
  }
  if (!isObject(doc) || doc.Statement === undefined) return { ok: false, reason: `the ${noun} has no Statement element` };
  const statements: Statement[] = [];
  for (const [index, s] of list(doc.Statement).entries()) {
    if (!isObject(s)) return { ok: false, reason: `statement #${index + 1} of the ${noun} is not an object` };
    const label = typeof s.Sid === 'string' && s.Sid !== '' ? `statement "${s.Sid}"` : `statement #${index + 1}`;
    const bad = (what: string): ParsedPolicy => ({ ok: false, reason: `${label} of the ${noun} ${what}` });

    const effect = s.Effect;
    if (typeof effect !== 'string' || !/^(allow|deny)$/i.test(effect)) return bad(`has Effect ${JSON.stringify(effect ?? null)}, neither Allow nor Deny`);

    if (s.Principal !== undefined && s.NotPrincipal !== undefined) return bad('has both Principal and NotPrincipal');
    const who = s.Principal ?? s.NotPrincipal;
    let principals: Principals | undefined;
    if (who === undefined) {
      if (!options.identity) return bad('has no Principal (a resource policy statement must name one)');
    } else {
      const parsed = parsePrincipal(who);
      if (!parsed.ok) return bad(parsed.reason);
      principals = parsed.principals;
    }

    const actions = stringList(s.Action);
    const notActions = stringList(s.NotAction);
    if (actions === false || notActions === false) return bad('has an Action or NotAction that is not a string or a list of strings');
    if (actions && notActions) return bad('has both Action and NotAction');
    if (!actions && !notActions) return bad('has neither Action nor NotAction');

    const resources = stringList(s.Resource);
    const notResources = stringList(s.NotResource);
    if (resources === false || notResources === false) return bad('has a Resource or NotResource that is not a string or a list of strings');
    if (resources && notResources) return bad('has both Resource and NotResource');

    const conditions: Condition[] = [];
    if (s.Condition !== undefined) {
      if (!isObject(s.Condition)) return bad('has a Condition that is not an object');
      for (const [operator, block] of Object.entries(s.Condition)) {
        if (!isObject(block)) return bad(`has a condition ${operator} that is not an object`);
        for (const [key, value] of Object.entries(block)) {
          const values = list(value);
          if (!values.every(isScalar)) return bad(`has a condition ${operator} ${key} whose values are not strings, numbers or booleans`);
          conditions.push({ operator, key, values });
        }
      }
    }

    statements.push({
      label,
      effect,
      ...(s.Principal !== undefined ? { principal: s.Principal } : {}),
      ...(s.NotPrincipal !== undefined ? { notPrincipal: s.NotPrincipal } : {}),
      ...(principals ? { principals } : {}),
      ...(actions ? { actions } : {}),
      ...(notActions ? { notActions } : {}),
      ...(resources ? { resources } : {}),
      ...(notResources ? { notResources } : {}),
      conditions,
    });
  }
  return { ok: true, statements };
}

const isAllow = (s: Statement) => s.effect.toLowerCase() === 'allow';
const isDeny = (s: Statement) => s.effect.toLowerCase() === 'deny';

/** Principal `"*"`, `{"AWS": "*"}` or an AWS list holding `"*"`: every caller, authenticated or not. */
export function isEveryone(principal: unknown): boolean {
  if (principal === '*') return true;
  if (isObject(principal)) return list(principal.AWS).some((p) => p === '*');
  return false;
}

/** Whether an Allow's principal lets anyone in: any wildcard, in any principal type (`{"AWS": "*"}`, `{"Service": "*"}`). */
function opensToAnyone(s: Statement): boolean {
  if (s.principal === undefined) return false;
  return s.principals?.wildcard ?? isEveryone(s.principal);
}

/** The principal as messages name it: `Principal "*"`, `Principal {"AWS": "*"}`. */
function describeWildcardPrincipal(s: Statement): string {
  if (s.principal === '*') return 'Principal "*"';
  const p = s.principals;
  if (p) {
    for (const [type, field] of Object.entries(PRINCIPAL_TYPES)) {
      const entry = p[field].find((e) => e.includes('*'));
      if (entry !== undefined) return `Principal {"${type}": ${JSON.stringify(entry)}}`;
    }
  }
  return 'Principal {"AWS": "*"}';
}

function describeActions(s: Statement): string {
  if (s.notActions) return `every action except ${s.notActions.join(', ')}`;
  const actions = s.actions ?? [];
  if (actions.length === 0) return 'no action';
  return actions.join(', ');
}

// ---------------------------------------------------------------------------------------------------------------
// Wildcards in actions and resources

/**
 * Whether `value` matches a pattern with `*` (any run of characters) and `?` (one character). Policy text is data
 * written by whoever can edit the policy: matched without building a regular expression, in O(pattern x value)
 * at worst (the greedy two-pointer algorithm), so no pattern can make matching backtrack exponentially.
 */
export function globMatch(pattern: string, value: string, ignoreCase = false): boolean {
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  const v = ignoreCase ? value.toLowerCase() : value;
  let pi = 0;
  let vi = 0;
  let star = -1;
  let resume = 0;
  while (vi < v.length) {
    if (pi < p.length && (p[pi] === '?' || p[pi] === v[vi])) {
      pi += 1;
      vi += 1;
    } else if (pi < p.length && p[pi] === '*') {
      star = pi;
      resume = vi;
      pi += 1;
    } else if (star >= 0) {
      pi = star + 1;
      resume += 1;
      vi = resume;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi] === '*') pi += 1;
  return pi === p.length;
}

/** Whether an action pattern (`sqs:*`, `SQS:Send*`, `*`) matches an action: action names are case-insensitive. */
export function actionMatches(pattern: string, action: string): boolean {
  return globMatch(pattern, action, true);
}

/** Whether the statement's Action (or NotAction) takes in `action`. */
export function coversAction(s: Statement, action: string): boolean {
  if (s.notActions) return !s.notActions.some((p) => actionMatches(p, action));
  return (s.actions ?? []).some((p) => actionMatches(p, action));
}

/** Whether an action pattern names every action of a service: `*`, `sqs:*`, `SQS:*`. */
function namesWholeService(pattern: string, prefix: string): boolean {
  if (pattern === '*') return true;
  const colon = pattern.indexOf(':');
  if (colon < 0) return false;
  return globMatch(pattern.slice(0, colon), prefix, true) && /^\*+$/.test(pattern.slice(colon + 1));
}

/** Whether the statement takes in every action of a service (`s3:*`, or NotAction naming none of its actions). */
export function coversService(s: Statement, prefix: string): boolean {
  if (s.notActions) {
    return s.notActions.every((p) => {
      const colon = p.indexOf(':');
      return p !== '*' && colon >= 0 && !globMatch(p.slice(0, colon), prefix, true);
    });
  }
  return (s.actions ?? []).some((p) => namesWholeService(p, prefix));
}

/** Whether a resource pattern (ARN, with `*` and `?`) matches an ARN: ARNs are case-sensitive. */
export function resourceMatches(pattern: string, arn: string): boolean {
  return globMatch(pattern, arn);
}

/** Whether the statement's Resource (or NotResource) takes in `arn`; a statement without either takes in nothing. */
export function coversResource(s: Statement, arn: string): boolean {
  if (s.notResources) return !s.notResources.some((p) => resourceMatches(p, arn));
  return (s.resources ?? []).some((p) => resourceMatches(p, arn));
}

// ---------------------------------------------------------------------------------------------------------------
// Conditions that pin the caller or source

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
    'aws:SourceOrgPaths',
    'aws:PrincipalOrgID',
    'aws:PrincipalOrgPaths',
    'aws:PrincipalAccount',
    'aws:PrincipalArn',
    'aws:userid',
    'aws:username',
    's3:DataAccessPointArn',
    's3:DataAccessPointAccount',
    // The Alexa skill a function grant is bound to (Lambda's add-permission --event-source-token).
    'lambda:EventSourceToken',
  ].map((k) => k.toLowerCase()),
);

/** Keys whose values are ARNs: a pattern that fixes the account field still names one account's resources. */
const ARN_KEYS = new Set(['aws:sourcearn', 'aws:principalarn', 's3:dataaccesspointarn']);

/** Keys whose values are organization paths (`o-abc/r-x/ou-y/*`): a fixed organization id pins them. */
const ORG_PATH_KEYS = new Set(['aws:sourceorgpaths', 'aws:principalorgpaths']);

/** Operators that only let a request through when the key is present and equals one of the values. */
const MATCHING_OPERATORS = new Set(['stringequals', 'stringequalsignorecase', 'stringlike', 'arnequals', 'arnlike', 'ipaddress']);

/** Their negations: true for every other value, and when the key is absent. */
const NEGATED_OPERATORS: Record<string, string> = {
  stringnotequals: 'stringequals',
  stringnotequalsignorecase: 'stringequalsignorecase',
  stringnotlike: 'stringlike',
  arnnotequals: 'arnequals',
  arnnotlike: 'arnlike',
  notipaddress: 'ipaddress',
};

const hasWildcardOrVariable = (v: string) => /[*?]|\$\{/.test(v);

/** A CIDR narrow enough that S3 does not call it public: /8 or longer for IPv4, /32 or longer for IPv6. */
function isNarrowCidr(value: string): boolean {
  const [address = '', prefixText] = value.split('/');
  const ipv6 = address.includes(':');
  const prefix = prefixText === undefined ? (ipv6 ? 128 : 32) : Number(prefixText);
  if (!Number.isInteger(prefix)) return false;
  return ipv6 ? prefix >= 32 : prefix >= 8;
}

/** Whether one condition value pins `key` to something fixed (no wildcard or variable where it matters). */
function isFixedValue(key: string, op: string, raw: unknown): boolean {
  if (typeof raw !== 'string' && typeof raw !== 'number') return false;
  const value = String(raw);
  if (key === 'aws:sourceip') return op === 'ipaddress' && isNarrowCidr(value);
  // aws:userid "AROAROLEID:*" names the sessions of one role: as fixed as a principal.
  if (key === 'aws:userid' && /^[A-Z0-9]+:\*$/.test(value)) return true;
  // arn:partition:service:region:ACCOUNT:...: a fixed account field keeps the pattern inside one account.
  if (ARN_KEYS.has(key) && hasWildcardOrVariable(value)) {
    const fields = value.split(':');
    return fields.length >= 6 && fields[0] === 'arn' && /^\d{12}$/.test(fields[4] ?? '');
  }
  if (ORG_PATH_KEYS.has(key) && hasWildcardOrVariable(value)) return /^o-[a-z0-9]+\//.test(value);
  return !hasWildcardOrVariable(value);
}

/** The operator without its set qualifier (ForAnyValue:/ForAllValues:) and IfExists suffix, lower-cased. */
function baseOperator(operator: string): { op: string; set?: 'any' | 'all'; ifExists: boolean } {
  let op = operator.toLowerCase();
  let set: 'any' | 'all' | undefined;
  if (op.startsWith('foranyvalue:')) [set, op] = ['any', op.slice('foranyvalue:'.length)];
  else if (op.startsWith('forallvalues:')) [set, op] = ['all', op.slice('forallvalues:'.length)];
  const ifExists = op.endsWith('ifexists');
  if (ifExists) op = op.slice(0, -'ifexists'.length);
  return { op, ...(set ? { set } : {}), ifExists };
}

/** Whether one condition limits the statement to fixed principals or sources. */
export function isRestrictingCondition(c: Condition): boolean {
  const { op, set, ifExists } = baseOperator(c.operator);
  if (set === 'all') return false; // true when the key is absent
  if (ifExists) return false; // true when the key is absent (e.g. requests from the internet)
  if (!MATCHING_OPERATORS.has(op)) return false; // negated operators (StringNotEquals, NotIpAddress) let everyone else in
  const key = c.key.toLowerCase();
  if (!RESTRICTING_KEYS.has(key)) return false;
  if (c.values.length === 0) return false;
  return c.values.every((raw) => isFixedValue(key, op, raw));
}

/**
 * Whether one condition of a Deny turns it away from everyone outside fixed principals or sources: a negated
 * operator on a pinning key (`StringNotEquals aws:PrincipalOrgID o-1`). A missing key makes a negated operator
 * true, so the Deny applies to callers without it too; IfExists changes nothing here.
 */
function isExcludingCondition(c: Condition): boolean {
  const { op, set } = baseOperator(c.operator);
  if (set) return false;
  const positive = NEGATED_OPERATORS[op];
  if (!positive) return false;
  const key = c.key.toLowerCase();
  if (!RESTRICTING_KEYS.has(key) || c.values.length === 0) return false;
  return c.values.every((raw) => isFixedValue(key, positive, raw));
}

// ---------------------------------------------------------------------------------------------------------------
// Public policy statements (S3's definition of a "public" policy, for every resource policy)

/** Whether every pattern of `inner` is matched by some pattern of `outer` (wildcards in `inner` read literally). */
const coveredBy = (inner: string[], outer: string[], match: (p: string, v: string) => boolean) => inner.every((i) => outer.some((o) => match(o, i)));

/**
 * A Deny for everyone that turns away every caller outside fixed principals or sources, for every action and
 * resource the Allow grants: it leaves the Allow open to those fixed callers only.
 */
function guardingDeny(allow: Statement, statements: Statement[]): Statement | undefined {
  return statements.find((d) => {
    if (!isDeny(d) || d.notPrincipal !== undefined || !isEveryone(d.principal)) return false;
    if (d.conditions.length === 0 || !d.conditions.every(isExcludingCondition)) return false;
    const denied = d.actions;
    if (!denied) return false;
    const actionsCovered = allow.actions ? coveredBy(allow.actions, denied, actionMatches) : denied.includes('*');
    if (!actionsCovered) return false;
    if (!d.resources) return false;
    if (d.resources.includes('*')) return true;
    return allow.resources !== undefined && coveredBy(allow.resources, d.resources, resourceMatches);
  });
}

export interface PublicStatement {
  statement: Statement;
  /** What the statement grants and to whom, e.g. `s3:GetObject to Principal "*" without conditions`. */
  description: string;
}

export interface PublicOptions {
  /**
   * Count Allows to a service principal without aws:SourceArn/aws:SourceAccount (the confused-deputy guard) as
   * public: the service acts for every AWS account, so any account's resources of that service can use the grant.
   * Off for S3, whose definition of public leaves service principals out.
   */
  unboundServices?: boolean;
}

/** A service principal grant and what binds it to the owner's own resources, if anything. */
export interface ServiceGrant {
  statement: Statement;
  services: string[];
  /** The condition that binds it (`aws:SourceArn`), or undefined when none does. */
  boundBy?: string;
}

/** Allow statements to service principals (`{"Service": "sns.amazonaws.com"}`), with what binds each to a source. */
export function serviceGrants(statements: Statement[]): ServiceGrant[] {
  return statements.flatMap((s) => {
    if (!isAllow(s) || s.notPrincipal !== undefined || !s.principals || s.principals.service.length === 0 || s.principals.wildcard) return [];
    const binding = s.conditions.find(isRestrictingCondition);
    return [{ statement: s, services: s.principals.service, ...(binding ? { boundBy: binding.key } : {}) }];
  });
}

/** Allow statements of a parsed policy that grant access to anyone. */
export function publicStatements(statements: Statement[], options: PublicOptions = {}): PublicStatement[] {
  const out: PublicStatement[] = [];
  for (const s of statements) {
    if (!isAllow(s)) continue;
    const actions = describeActions(s);
    if (s.notPrincipal !== undefined) {
      // Allow + NotPrincipal grants everyone except the listed principals: treated as public (conservative).
      out.push({ statement: s, description: `${actions} to everyone except its NotPrincipal (${s.label})` });
      continue;
    }
    if (!opensToAnyone(s)) continue;
    if (s.conditions.some(isRestrictingCondition)) continue;
    if (guardingDeny(s, statements)) continue;
    const conditions =
      s.conditions.length === 0
        ? 'without conditions'
        : `with conditions that do not restrict the caller (${[...new Set(s.conditions.map((c) => c.key))].join(', ')})`;
    out.push({ statement: s, description: `${actions} to ${describeWildcardPrincipal(s)} ${conditions} (${s.label})` });
  }
  if (options.unboundServices) out.push(...unboundServiceGrants(statements));
  return out;
}

/** Service grants that no condition binds to a source, described as public statements are. */
function unboundServiceGrants(statements: Statement[]): PublicStatement[] {
  return serviceGrants(statements)
    .filter((g) => g.boundBy === undefined)
    .map((g) => {
      const who = g.services.length === 1 ? `service principal ${g.services[0]}` : `service principals ${g.services.join(', ')}`;
      return {
        statement: g.statement,
        description: `${describeActions(g.statement)} to ${who} without aws:SourceArn or aws:SourceAccount, so any AWS account's resources of that service can use it (${g.statement.label})`,
      };
    });
}

/** Allow statements open to everyone that conditions (or a guarding Deny) restrict: the subtle reason a policy is not public. */
export function restrictedEveryoneStatements(statements: Statement[]): Statement[] {
  return statements.filter(
    (s) => isAllow(s) && s.notPrincipal === undefined && opensToAnyone(s) && (s.conditions.some(isRestrictingCondition) || guardingDeny(s, statements) !== undefined),
  );
}

/**
 * One policy channel's verdict and the sentence that explains it (`its queue policy allows ...`); when service
 * grants without a source binding are not counted as public, `unboundServices` describes them for a note.
 */
export type Exposure = { state: 'public' | 'private' | 'unknown'; text: string; unboundServices?: string[] };

/**
 * Whether a resource policy makes its resource public, in words: `null` means the resource has no policy.
 * `noun` names the document (`bucket policy`, `queue policy`).
 */
export function policyExposure(document: string | null, noun: string, options: PublicOptions = {}): Exposure {
  if (document === null) return { state: 'private', text: `no ${noun}` };
  const parsed = parsePolicy(document, { noun });
  if (!parsed.ok) return { state: 'unknown', text: parsed.reason };
  const notes = options.unboundServices ? [] : unboundServiceGrants(parsed.statements).map((g) => g.description);
  const unbound = notes.length > 0 ? { unboundServices: notes } : {};
  const open = publicStatements(parsed.statements, options);
  if (open.length > 0) return { state: 'public', text: `its ${noun} allows ${open.map((o) => o.description).join('; and ')}`, ...unbound };
  const restricted = restrictedEveryoneStatements(parsed.statements);
  if (restricted.length === 0) return { state: 'private', text: `no public ${noun} statements`, ...unbound };
  const labels = restricted.map((s) => {
    if (s.conditions.some(isRestrictingCondition)) return s.label;
    return `${s.label}, by the Deny in ${guardingDeny(s, parsed.statements)?.label ?? 'another statement'}`;
  });
  return {
    state: 'private',
    text: `its ${noun} statements for Principal "*" are limited by conditions on fixed sources or principals (${labels.join(', ')})`,
    ...unbound,
  };
}

/**
 * `; note: it also grants ...` for service grants without a source binding that were not counted as public (they
 * are not public, but any account's resources of that service may use them); empty when there are none.
 */
export function unboundServicesNote(exposure: Exposure): string {
  const grants = exposure.unboundServices ?? [];
  return grants.length === 0 ? '' : `; note: it also grants ${grants.join('; and ')}`;
}

/** A check's verdict on one resource's policy, and the message that gives it (the check adds region and resource). */
export interface PolicyVerdict {
  status: 'PASS' | 'FAIL' | 'ERROR';
  message: string;
}

/**
 * Whether `subject` (`queue orders`, `function f`) is public, over its channels (a policy's Exposure, and any other
 * way in, such as a function URL): FAIL naming the public ones, else ERROR naming the ones that cannot be told,
 * else PASS naming them all. Service grants not counted as public are noted after a PASS or FAIL.
 */
export function exposureVerdict(subject: string, channels: Exposure[]): PolicyVerdict {
  const note = channels.map(unboundServicesNote).join('');
  const open = channels.filter((c) => c.state === 'public');
  if (open.length > 0) return { status: 'FAIL', message: `${subject} is public: ${open.map((c) => c.text).join('; ')}${note}` };
  const unknown = channels.filter((c) => c.state === 'unknown');
  if (unknown.length > 0) return { status: 'ERROR', message: `cannot tell whether ${subject} is public: ${unknown.map((c) => c.text).join('; ')}` };
  return { status: 'PASS', message: `${subject} is not public: ${channels.map((c) => c.text).join('; ')}${note}` };
}

// ---------------------------------------------------------------------------------------------------------------
// TLS enforcement

/** What TLS enforcement is judged for: an S3 bucket (its objects), an SQS queue or an SNS topic. */
export interface TlsTarget {
  service: 's3' | 'sqs' | 'sns';
  /** The bucket, queue or topic ARN. */
  arn: string;
  /** The document's name in messages; defaults to `<kind> policy`. */
  noun?: string;
}

/**
 * Per service: its name in messages, and the actions a TLS Deny must cover. S3 asks for every action (s3:*), as
 * its guidance does; for queues and topics the actions that carry message bodies are what plain HTTP would
 * expose (sqs:SendMessage also authorises SendMessageBatch; sns:Publish is what SNS's own example denies).
 */
const TLS_RULES = {
  s3: { name: 'S3', noun: 'bucket policy', dataActions: undefined },
  sqs: { name: 'SQS', noun: 'queue policy', dataActions: ['sqs:SendMessage', 'sqs:ReceiveMessage'] },
  sns: { name: 'SNS', noun: 'topic policy', dataActions: ['sns:Publish'] },
} as const satisfies Record<TlsTarget['service'], { name: string; noun: string; dataActions: readonly string[] | undefined }>;

export type TlsEnforcement =
  | { enforced: true; how: string; statement: Statement; coversBucket: boolean }
  | { enforced: false; reason: string };

type TlsCondition = { kind: 'secure-transport' } | { kind: 'tls-version'; minimum: string };

function tlsCondition(c: Condition, service: TlsTarget['service']): TlsCondition | undefined {
  const op = c.operator.toLowerCase();
  const key = c.key.toLowerCase();
  if ((op === 'bool' || op === 'boolifexists') && key === 'aws:securetransport') {
    return c.values.some((v) => v === false || (typeof v === 'string' && v.toLowerCase() === 'false')) ? { kind: 'secure-transport' } : undefined;
  }
  if (service === 's3' && op === 'numericlessthan' && key === 's3:tlsversion') {
    const v = c.values.find((x) => (typeof x === 'number' || typeof x === 'string') && Number.isFinite(Number(x)));
    return v === undefined ? undefined : { kind: 'tls-version', minimum: String(v) };
  }
  return undefined;
}

/**
 * Whether the policy denies to everyone, over plain HTTP (aws:SecureTransport=false) or below a minimum TLS
 * version (s3:TlsVersion, S3 only), every action of the service (S3) or the actions that carry messages (SQS,
 * SNS), for the resource (an S3 bucket's objects). A Deny narrowed by extra conditions, fewer actions or
 * principals, or resources that miss the target does not count; the reason names the first shortfall.
 * A string target is an S3 bucket ARN.
 */
export function tlsEnforcement(statements: Statement[], target: string | TlsTarget): TlsEnforcement {
  const t: TlsTarget = typeof target === 'string' ? { service: 's3', arn: target } : target;
  const rule = TLS_RULES[t.service];
  const noun = t.noun ?? rule.noun;
  // For S3 the Deny must reach the objects, which hold the data; a bucket-only Deny does not.
  const judgedArn = t.service === 's3' ? `${t.arn}/any-object-key` : t.arn;
  const found: Array<{ s: Statement; tls: TlsCondition; whole: boolean }> = [];
  const shortfalls: string[] = [];
  for (const s of statements) {
    if (!isDeny(s)) continue;
    const tlsConditions = s.conditions.map((c) => ({ c, tls: tlsCondition(c, t.service) })).filter((x) => x.tls !== undefined);
    const first = tlsConditions[0];
    if (!first?.tls) continue;
    const what = first.tls.kind === 'secure-transport' ? 'the Deny on aws:SecureTransport=false' : 'the Deny on s3:TlsVersion';
    const whole = coversService(s, t.service);
    const dataCovered = whole || (rule.dataActions !== undefined && rule.dataActions.every((a) => coversAction(s, a)));
    if (s.notPrincipal !== undefined || !isEveryone(s.principal)) {
      shortfalls.push(`${what} (${s.label}) applies to specific principals, not Principal "*"`);
    } else if (!dataCovered) {
      const needed = rule.dataActions ? rule.dataActions.join(' and ') : `${t.service}:*`;
      shortfalls.push(`${what} (${s.label}) covers only ${describeActions(s)}, not ${needed}`);
    } else if (!coversResource(s, judgedArn)) {
      const target = t.service === 's3' ? "the bucket's objects" : `the ${t.service === 'sqs' ? 'queue' : 'topic'} ${t.arn}`;
      const written = s.resources ? `Resource ${s.resources.join(', ')}` : s.notResources ? `NotResource ${s.notResources.join(', ')}` : 'Resource missing';
      shortfalls.push(`${what} (${s.label}) does not cover ${target} (${written})`);
    } else if (s.conditions.length > 1) {
      const others = s.conditions.filter((c) => c !== first.c).map((c) => `${c.operator} ${c.key}`);
      shortfalls.push(`${what} (${s.label}) is narrowed by other conditions (${others.join(', ')})`);
    } else {
      found.push({ s, tls: first.tls, whole });
    }
  }
  const best = found.find((f) => f.tls.kind === 'secure-transport') ?? found[0];
  if (best) {
    const carried = rule.dataActions && rule.dataActions.length === 1 ? 'the action that carries messages' : 'the actions that carry messages';
    const actions = best.whole || !rule.dataActions ? `every ${rule.name} action` : `${rule.dataActions.join(' and ')} (${carried})`;
    const how =
      best.tls.kind === 'secure-transport'
        ? `denies ${actions} to any principal over plain HTTP (aws:SecureTransport=false, ${best.s.label})`
        : `denies ${actions} to any principal below TLS ${best.tls.minimum} (s3:TlsVersion, ${best.s.label}): minimum TLS version ${best.tls.minimum}`;
    const coversBucket = t.service === 's3' ? coversResource(best.s, t.arn) : true;
    return { enforced: true, how, statement: best.s, coversBucket };
  }
  return { enforced: false, reason: shortfalls[0] ?? `the ${noun} has no Deny on aws:SecureTransport=false` };
}

/**
 * Whether the policy document of `subject` (`queue orders`, `bucket logs`) denies requests without TLS: FAIL when
 * there is no policy (`null`) or no such Deny, ERROR when the document cannot be read, PASS saying how it denies
 * (for S3, noting a Deny that reaches the objects but not the bucket itself).
 */
export function tlsOnlyVerdict(document: string | null, subject: string, target: TlsTarget): PolicyVerdict {
  const noun = target.noun ?? TLS_RULES[target.service].noun;
  if (document === null) return { status: 'FAIL', message: `${subject} has no ${noun}, so requests over plain HTTP are not denied` };
  const parsed = parsePolicy(document, { noun });
  if (!parsed.ok) return { status: 'ERROR', message: `cannot judge the policy of ${subject}: ${parsed.reason}` };
  const tls = tlsEnforcement(parsed.statements, target);
  if (!tls.enforced) return { status: 'FAIL', message: `${subject} does not enforce TLS: ${tls.reason}` };
  const scope = tls.coversBucket ? '' : ' (objects only, not bucket-level operations)';
  return { status: 'PASS', message: `${subject} policy ${tls.how}${scope}` };
}

// ---------------------------------------------------------------------------------------------------------------
// Full administrative access

/**
 * Allow statements of an identity policy that, on their own, allow every action on every resource: Effect Allow;
 * Action "*" (or "*:*", which matches the same), or a NotAction that excludes nothing (empty); Resource "*", or a
 * NotResource that excludes nothing (empty); and no Condition. A statement narrowed in any way (a NotAction that
 * excludes some action, a resource ARN, a condition) does not count, so `Allow NotAction iam:*` is not full admin
 * here. Deny statements elsewhere in the same policy are not weighed: the statement still grants `*` on `*`.
 */
export function fullAdminStatements(statements: Statement[]): Statement[] {
  const everyAction = (s: Statement): boolean =>
    s.actions !== undefined ? s.actions.some((a) => a === '*' || a === '*:*') : s.notActions !== undefined && s.notActions.length === 0;
  const everyResource = (s: Statement): boolean =>
    s.resources !== undefined ? s.resources.includes('*') : s.notResources !== undefined && s.notResources.length === 0;
  return statements.filter((s) => s.effect.toLowerCase() === 'allow' && s.conditions.length === 0 && everyAction(s) && everyResource(s));
}

// ---------------------------------------------------------------------------------------------------------------
// Denied actions

/** Condition keys that name the caller: a negated match on them exempts those callers from a Deny. */
const CALLER_KEYS = new Set(['aws:principalarn', 'aws:principalaccount', 'aws:principalorgid', 'aws:userid', 'aws:username'].map((k) => k.toLowerCase()));

export interface Denial {
  action: string;
  /** The first Deny statement that covers the action on the resource for every caller (exemptions aside); absent: none does. */
  statement?: Statement;
  /** Callers the statement exempts (its NotPrincipal, or a negated condition on the caller), described; empty: nobody. */
  exempted: string[];
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
        if (!(op in NEGATED_OPERATORS) || !CALLER_KEYS.has(c.key.toLowerCase())) return undefined;
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
