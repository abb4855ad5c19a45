import type { Check, CheckResult, ResourceRef } from '../../src/evaluate/types';
import { accountResource, eachRegion, readOf, result, withRead } from '../../src/evaluate/results';
import type { LambdaFunction, LambdaFunctionUrl } from '../../src/inventory/types';
import { exposureVerdict, policyExposure, type Exposure } from '../../src/judge/policy';

const describeUrl = (u: LambdaFunctionUrl) => `${u.url}${u.qualifier ? ` (alias ${u.qualifier})` : ''}`;

/** The function URL channel: a URL with auth type NONE has no IAM authentication in front of it. */
function urlVerdict(fn: LambdaFunction, region: string, policy: Exposure): Exposure {
  const urls = readOf(fn.urls, 'lambda', region, 'ListFunctionUrlConfigs');
  if (!urls.ok) return { state: 'unknown', text: `its function URLs could not be read (${urls.error.code}: ${urls.error.message})` };
  if (urls.value.length === 0) return { state: 'private', text: 'no function URL' };
  const open = urls.value.filter((u) => u.authType === 'NONE');
  if (open.length === 0) return { state: 'private', text: `its function URLs require IAM authentication (AuthType AWS_IAM: ${urls.value.map(describeUrl).join(', ')})` };
  // The function policy still decides who may call a NONE URL; say whether it lets everyone in today.
  const today = policy.state === 'public' ? '' : ', so only its function policy stands between the internet and the function';
  const plural = open.length === 1 ? 'URL' : 'URLs';
  return { state: 'public', text: `its function ${plural} ${open.map(describeUrl).join(', ')} ${open.length === 1 ? 'has' : 'have'} auth type NONE (no IAM authentication)${today}` };
}

function judge(fn: LambdaFunction, region: string): CheckResult {
  const resource: ResourceRef = { type: 'AwsLambdaFunction', id: fn.name, arn: fn.arn };
  const read = readOf(fn.policy, 'lambda', region, 'GetPolicy');
  const policy: Exposure = read.ok
    ? policyExposure(read.value, 'function policy', { unboundServices: true })
    : { state: 'unknown', text: `its function policy could not be read (${read.error.code}: ${read.error.message})` };
  const verdict = exposureVerdict(`function ${fn.name}`, [policy, urlVerdict(fn, region, policy)]);
  return result(verdict.status, region, resource, verdict.message);
}

const check: Check = {
  id: 'lambda.not-public',
  title: 'Lambda functions cannot be invoked by the public',
  severity: 'critical',
  hipaa: ['164.312(a)(1)'],
  controls: ['Lambda.1'],
  description:
    'A function is public when its resource policy allows Principal "*" (or everyone but a NotPrincipal) without a ' +
    'condition that pins the caller or source to fixed values (aws:SourceAccount, aws:SourceArn in one account, ' +
    'aws:PrincipalOrgID, ...), or grants an AWS service principal without aws:SourceArn or aws:SourceAccount (the ' +
    'confused-deputy guard: any account could then point its S3 bucket, API or rule at the function), or when a ' +
    'function URL has auth type NONE. Anyone could then run the code, with its role\'s access to ePHI. Policies of ' +
    'published versions and aliases are not read.',
  remediation: {
    text:
      'Remove the open statement (`aws lambda remove-permission --function-name <FUNCTION> --statement-id <SID>`) and ' +
      'grant again with a source: `aws lambda add-permission ... --principal s3.amazonaws.com --source-arn <BUCKET_ARN> ' +
      '--source-account <ACCOUNT_ID>`, or `--principal-org-id <ORG_ID>` for your organization. Give function URLs IAM ' +
      'authentication: `aws lambda update-function-url-config --function-name <FUNCTION> --auth-type AWS_IAM` (or put ' +
      'them behind API Gateway or CloudFront with their own authorization).',
    url: 'https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html',
  },
  reads: ['lambda.functions', 'lambda.policies', 'lambda.urls'],
  evaluate(inventory) {
    return eachRegion(inventory, 'lambda', inventory.lambda, (data, region) =>
      withRead(data.functions, region, accountResource(inventory), (functions) => functions.map((fn) => judge(fn, region)), `the Lambda function list in ${region}`),
    );
  },
};

export default check;
