import type { Check, CheckResult } from '../../src/evaluate/types';
import { accountResource, fail, GLOBAL, globalSection, pass, result, withRead } from '../../src/evaluate/results';
import type { IamAuthorizationDetails, IamCustomerManagedPolicy, IamInlinePolicy, Inventory } from '../../src/inventory/types';
import { fullAdminStatements, parsePolicy, type Statement } from '../../src/judge/policy';
import { describePrincipals, holdersOf, isServiceLinked, principalResource, principals, type Principal } from './principals';

type Verdict = { ok: true; admin: Statement[] } | { ok: false; reason: string };

function judgeDocument(document: string): Verdict {
  const parsed = parsePolicy(document, { noun: 'policy', identity: true });
  return parsed.ok ? { ok: true, admin: fullAdminStatements(parsed.statements) } : { ok: false, reason: parsed.reason };
}

const labels = (statements: Statement[]) => statements.map((s) => s.label).join(', ');

/** One result per customer managed policy, judged on its default version. */
function judgeManaged(policy: IamCustomerManagedPolicy, details: IamAuthorizationDetails): CheckResult {
  const resource = { type: 'AwsIamPolicy', id: policy.name, arn: policy.arn };
  const label = `customer managed policy ${policy.name} (default version ${policy.defaultVersionId})`;
  const verdict = judgeDocument(policy.document);
  if (!verdict.ok) return result('ERROR', GLOBAL, resource, `cannot judge ${label}: ${verdict.reason}`);
  const holders = holdersOf(details, policy.arn);
  // The entity lists name who holds it; AttachmentCount covers an attachment made between two pages.
  const attachedTo =
    holders.length > 0 ? describePrincipals(holders, details) : policy.attachmentCount > 0 ? `${policy.attachmentCount} principal(s) (per its AttachmentCount)` : undefined;
  if (verdict.admin.length === 0) {
    return pass(GLOBAL, resource, `${label} has no statement allowing every action on every resource${attachedTo ? `; attached to ${attachedTo}` : ''}`);
  }
  const what = `${label} allows every action on every resource (${labels(verdict.admin)})`;
  if (attachedTo) return fail(GLOBAL, resource, `${what} and is attached to ${attachedTo}`);
  const boundary = policy.permissionsBoundaryUsageCount > 0 ? ` (it is only a permissions boundary for ${policy.permissionsBoundaryUsageCount} principal(s), which grants nothing)` : '';
  return pass(GLOBAL, resource, `${what}, but is attached to no user, group or role, so it grants nothing${boundary}; delete it before someone attaches it`);
}

/** One result per principal with inline policies: inline policies have no ARN of their own. */
function judgeInline(p: Principal): CheckResult | undefined {
  const inline = p.detail.inlinePolicies;
  if (inline.length === 0) return undefined;
  const resource = principalResource(p);
  const label = `${p.kind} ${p.detail.name}`;
  const admin: Array<{ policy: IamInlinePolicy; statements: Statement[] }> = [];
  const broken: string[] = [];
  for (const policy of inline) {
    const verdict = judgeDocument(policy.document);
    if (!verdict.ok) broken.push(`"${policy.name}": ${verdict.reason}`);
    else if (verdict.admin.length > 0) admin.push({ policy, statements: verdict.admin });
  }
  if (admin.length > 0) {
    const list = admin.map((a) => `"${a.policy.name}" (${labels(a.statements)})`).join(', ');
    return fail(GLOBAL, resource, `${label} has ${admin.length === 1 ? 'an inline policy' : 'inline policies'} allowing every action on every resource: ${list}`);
  }
  if (broken.length > 0) return result('ERROR', GLOBAL, resource, `cannot judge the inline policies of ${label}: ${broken.join('; ')}`);
  const names = inline.map((x) => `"${x.name}"`).join(', ');
  return pass(GLOBAL, resource, `the inline ${inline.length === 1 ? 'policy' : 'policies'} of ${label} (${names}) ${inline.length === 1 ? 'has' : 'have'} no statement allowing every action on every resource`);
}

/**
 * The principals holding the AWS managed AdministratorAccess policy: not a failure of this check (it judges the
 * policies customers write), but the first list an access review needs, so it is reported on the account as an
 * informational result: at the check's high severity it would read as a verdict it is not.
 */
function administrators(inventory: Inventory, details: IamAuthorizationDetails): CheckResult {
  const arn = `arn:${inventory.partition}:iam::aws:policy/AdministratorAccess`;
  const holders = holdersOf(details, arn);
  const resource = accountResource(inventory);
  const note =
    holders.length === 0
      ? 'no user, group or role holds the AWS managed AdministratorAccess policy'
      : `for access review (AWS managed policies are not judged here): ${holders.length} principal(s) hold AdministratorAccess: ${describePrincipals(holders, details)}`;
  return { ...pass(GLOBAL, resource, note), severity: 'informational' };
}

const check: Check = {
  id: 'iam.no-full-admin-policies',
  title: 'No customer managed or inline IAM policy allows every action on every resource',
  severity: 'high',
  hipaa: ['164.312(a)(1)', '164.308(a)(3)(i)', '164.308(a)(4)(ii)(B)'],
  controls: ['IAM.1'],
  description:
    'A policy that allows every action on every resource gives its holder, and anyone who steals its credentials, ' +
    'all ePHI in the account and the power to erase the audit trail; access authorization calls for access granted ' +
    'per job function. A statement counts when it is an Allow of Action "*" (or a NotAction that excludes nothing) ' +
    'on Resource "*", without conditions; Deny statements beside it are not weighed. Customer managed policies are ' +
    'judged on their default version, one result each (one attached to nobody passes: it grants nothing); inline ' +
    'policies one result per user, group or role holding them (service-linked roles left out: AWS manages them). ' +
    'Holders of the AWS managed AdministratorAccess policy are listed in an informational result on the account, for review.',
  remediation: {
    text:
      'Replace the statement with the services and actions the holder uses (IAM Access Analyzer can generate a policy ' +
      'from CloudTrail activity), `aws iam create-policy-version --policy-arn <arn> --policy-document file://scoped.json ' +
      '--set-as-default`; keep full administration for a few break-glass roles that require MFA.',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
  },
  reads: ['iam.authorizationDetails'],
  evaluate(inventory) {
    return globalSection(inventory, 'iam', inventory.iam, (iam) =>
      withRead(
        iam.authorizationDetails,
        GLOBAL,
        accountResource(inventory),
        (details) => [
          ...details.policies.map((p) => judgeManaged(p, details)),
          ...principals(details)
            .filter((p) => !isServiceLinked(p))
            .flatMap((p) => judgeInline(p) ?? []),
          administrators(inventory, details),
        ],
        'the IAM authorization details',
      ),
    );
  },
};

export default check;
