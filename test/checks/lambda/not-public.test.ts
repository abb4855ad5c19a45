import check from '../../../checks/lambda/not-public';
import type { CheckResult } from '../../../src/evaluate/types';
import type { LambdaFunction } from '../../../src/inventory/types';
import { checkContext, denied, failed, inventory, ok, statuses } from '../../support/inventory';
import { functionArn, functionPolicy, lambdaFunction, lambdaRegion } from '../../support/builders/lambda';

function run(fn: LambdaFunction): CheckResult {
  const results = check.evaluate(inventory({ lambda: { 'us-east-1': lambdaRegion([fn]) } }), checkContext());
  expect(results).toHaveLength(1);
  return results[0] as CheckResult;
}
const ARN = functionArn('claims-ingest');
const withPolicy = (...statements: object[]) => lambdaFunction('claims-ingest', { policy: ok(functionPolicy(...statements)) });
const invoke = (extra: object) => ({ Sid: 'invoke', Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: ARN, ...extra });
const URL = 'https://abc123.lambda-url.us-east-1.on.aws/';

describe('lambda.not-public', () => {
  it('has the exact metadata', () => {
    expect(check).toMatchObject({ id: 'lambda.not-public', severity: 'critical', hipaa: ['164.312(a)(1)'], controls: ['Lambda.1'], reads: ['lambda.functions', 'lambda.policies', 'lambda.urls'] });
  });

  it('passes a function without policy or URL and says so', () => {
    const r = run(lambdaFunction('claims-ingest'));
    expect(r).toMatchObject({ status: 'PASS', region: 'us-east-1', resource: { type: 'AwsLambdaFunction', id: 'claims-ingest', arn: ARN } });
    expect(r.message).toBe('function claims-ingest is not public: no function policy; no function URL');
  });

  it.each([
    ['an S3 bucket by source account and ARN (add-permission --source-account --source-arn)', { Principal: { Service: 's3.amazonaws.com' }, Condition: { StringEquals: { 'AWS:SourceAccount': '111122223333' }, ArnLike: { 'AWS:SourceArn': 'arn:aws:s3:::phi-claims-prod' } } }],
    ['an API by account-pinned source ARN pattern', { Principal: { Service: 'apigateway.amazonaws.com' }, Condition: { ArnLike: { 'AWS:SourceArn': 'arn:aws:execute-api:us-east-1:111122223333:a1b2c3/*/POST/claims' } } }],
    ['another account', { Principal: { AWS: 'arn:aws:iam::444455556666:root' } }],
    ['everyone in the organization (--principal-org-id)', { Principal: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } }],
    ['an Alexa skill (--event-source-token)', { Principal: { Service: 'alexa-appkit.amazon.com' }, Condition: { StringEquals: { 'lambda:EventSourceToken': 'amzn1.ask.skill.1234' } } }],
  ])('passes a grant to %s', (_, statement) => {
    expect(run(withPolicy(invoke(statement))).status).toBe('PASS');
  });

  it('fails Principal "*" without conditions', () => {
    const r = run(withPolicy(invoke({ Principal: '*' })));
    expect(r).toMatchObject({ status: 'FAIL', message: 'function claims-ingest is public: its function policy allows lambda:InvokeFunction to Principal "*" without conditions (statement "invoke")' });
  });

  it('fails a service grant without aws:SourceArn or aws:SourceAccount (the confused deputy)', () => {
    const r = run(withPolicy(invoke({ Sid: 's3-invoke', Principal: { Service: 's3.amazonaws.com' } })));
    expect(r.status).toBe('FAIL');
    expect(r.message).toBe(
      "function claims-ingest is public: its function policy allows lambda:InvokeFunction to service principal s3.amazonaws.com without aws:SourceArn or aws:SourceAccount, so any AWS account's resources of that service can use it (statement \"s3-invoke\")",
    );
  });

  it('fails a service grant whose source ARN is a wildcard bucket', () => {
    const r = run(withPolicy(invoke({ Principal: { Service: 's3.amazonaws.com' }, Condition: { ArnLike: { 'AWS:SourceArn': 'arn:aws:s3:::phi-*' } } })));
    expect(r.status).toBe('FAIL');
  });

  it('fails a URL with auth type NONE, and says the policy is what stands in front of it', () => {
    const r = run(lambdaFunction('claims-ingest', { urls: ok([{ url: URL, authType: 'NONE' }]) }));
    expect(r.status).toBe('FAIL');
    expect(r.message).toBe(
      `function claims-ingest is public: its function URL ${URL} has auth type NONE (no IAM authentication), so only its function policy stands between the internet and the function`,
    );
  });

  it('a NONE URL with the public InvokeFunctionUrl grant lists both', () => {
    const r = run({
      ...withPolicy(invoke({ Sid: 'FunctionURLAllowPublicAccess', Principal: '*', Action: 'lambda:InvokeFunctionUrl', Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': 'NONE' } } })),
      urls: ok([{ url: URL, authType: 'NONE', qualifier: 'live' }]),
    });
    expect(r.status).toBe('FAIL');
    expect(r.message).toBe(
      `function claims-ingest is public: its function policy allows lambda:InvokeFunctionUrl to Principal "*" with conditions that do not restrict the caller (lambda:FunctionUrlAuthType) (statement "FunctionURLAllowPublicAccess"); its function URL ${URL} (alias live) has auth type NONE (no IAM authentication)`,
    );
  });

  it('passes IAM-authenticated URLs and names them', () => {
    const r = run(lambdaFunction('claims-ingest', { urls: ok([{ url: URL, authType: 'AWS_IAM' }]) }));
    expect(r).toMatchObject({ status: 'PASS', message: `function claims-ingest is not public: no function policy; its function URLs require IAM authentication (AuthType AWS_IAM: ${URL})` });
  });

  it('ERROR when the policy or the URLs could not be read, unless the other already proves it public', () => {
    const policyDenied = run(lambdaFunction('f', { policy: failed(denied('lambda', 'GetPolicy')) }));
    expect(policyDenied.status).toBe('ERROR');
    expect(policyDenied.message).toBe('cannot tell whether function f is public: its function policy could not be read (AccessDenied: User is not authorized to perform: lambda:GetPolicy)');
    const urlsDenied = run(lambdaFunction('f', { urls: failed(denied('lambda', 'ListFunctionUrlConfigs')) }));
    expect(urlsDenied.status).toBe('ERROR');
    expect(urlsDenied.message).toContain('its function URLs could not be read (AccessDenied');
    const publicAnyway = run(lambdaFunction('f', { policy: ok(functionPolicy(invoke({ Principal: '*' }))), urls: failed(denied('lambda', 'ListFunctionUrlConfigs')) }));
    expect(publicAnyway.status).toBe('FAIL');
    expect(run(lambdaFunction('f', { policy: ok('{"Statement": []') })).message).toContain('cannot tell whether function f is public: the function policy is not valid JSON');
  });

  it('ERROR when a per-function read is missing from the inventory (not collected)', () => {
    const r = run({ name: 'f', arn: functionArn('f') });
    expect(r.status).toBe('ERROR');
    expect(r.message).toContain('NotCollected');
  });

  it('one result per function per region; one ERROR for a region whose functions could not be listed', () => {
    const inv = inventory({
      regions: ['us-east-1', 'eu-west-1'],
      lambda: { 'us-east-1': lambdaRegion([lambdaFunction('a'), lambdaFunction('b', { urls: ok([{ url: URL, authType: 'NONE' }]) })]), 'eu-west-1': { functions: failed(denied('lambda', 'ListFunctions', 'eu-west-1')) } },
    });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ 'us-east-1/a': 'PASS', 'us-east-1/b': 'FAIL', 'eu-west-1/111122223333': 'ERROR' });
    expect(results[2]?.message).toContain('could not read the Lambda function list in eu-west-1: AccessDenied');
  });
});
