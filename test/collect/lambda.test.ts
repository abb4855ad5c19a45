import { GetPolicyCommand, LambdaClient, ListFunctionsCommand, ListFunctionUrlConfigsCommand } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { lambdaCollector } from '../../src/collect/lambda';
import { awsError, collectContext } from '../support/inventory';
import { inOrder } from '../support/pages';

const lambda = mockClient(LambdaClient);
beforeEach(() => lambda.reset());

const arn = (name: string) => `arn:aws:lambda:us-east-1:111122223333:function:${name}`;
const POLICY = JSON.stringify({ Version: '2012-10-17', Id: 'default', Statement: [{ Sid: 's3', Effect: 'Allow', Principal: { Service: 's3.amazonaws.com' }, Action: 'lambda:InvokeFunction', Resource: arn('a') }] });
const URL = 'https://abc123.lambda-url.us-east-1.on.aws/';
const urlConfig = (functionArn: string, authType: string) => ({ FunctionUrl: URL, FunctionArn: functionArn, AuthType: authType, CreationTime: '2026-01-01T00:00:00Z', LastModifiedTime: '2026-01-01T00:00:00Z' });
const notFound = () => awsError('ResourceNotFoundException', 'The resource you requested does not exist.', 404);

describe('lambda collector (functions of the audited account)', () => {
  it('lists functions across pages, then reads each policy and URL list (no policy is null)', async () => {
    const pages = inOrder([{ Functions: [{ FunctionName: 'a', FunctionArn: arn('a'), Runtime: 'nodejs22.x' }], NextMarker: 'm1' }, { Functions: [{ FunctionName: 'b', FunctionArn: arn('b') }] }], { sent: 'Marker', given: 'NextMarker' });
    lambda.on(ListFunctionsCommand).callsFake(pages.fake);
    lambda.on(GetPolicyCommand, { FunctionName: arn('a') }).resolves({ Policy: POLICY, RevisionId: 'r1' });
    lambda.on(GetPolicyCommand, { FunctionName: arn('b') }).rejects(notFound());
    const urlPages = inOrder([{ FunctionUrlConfigs: [urlConfig(arn('a'), 'AWS_IAM')], NextMarker: 'u1' }, { FunctionUrlConfigs: [urlConfig(`${arn('a')}:live`, 'NONE')] }], { sent: 'Marker', given: 'NextMarker' });
    lambda.on(ListFunctionUrlConfigsCommand, { FunctionName: arn('a') }).callsFake(urlPages.fake);
    lambda.on(ListFunctionUrlConfigsCommand, { FunctionName: arn('b') }).resolves({ FunctionUrlConfigs: [] });
    const ctx = collectContext();
    const data = await lambdaCollector.collect(ctx, 'us-east-1');

    expect(pages.inputs).toEqual([{}, { Marker: 'm1' }]);
    expect(urlPages.inputs).toEqual([{ FunctionName: arn('a') }, { FunctionName: arn('a'), Marker: 'u1' }]);
    expect(data.functions).toEqual({
      ok: true,
      value: [
        {
          name: 'a',
          arn: arn('a'),
          runtime: 'nodejs22.x',
          policy: { ok: true, value: POLICY },
          urls: { ok: true, value: [{ url: URL, authType: 'AWS_IAM' }, { url: URL, authType: 'NONE', qualifier: 'live' }] },
        },
        { name: 'b', arn: arn('b'), policy: { ok: true, value: null }, urls: { ok: true, value: [] } },
      ],
    });
    expect(ctx.aws.apiCalls.byOperation()).toEqual({ 'lambda:ListFunctions': 2, 'lambda:GetPolicy': 2, 'lambda:ListFunctionUrlConfigs': 3 });
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
  });

  it('makes only the per-function reads a run wants', async () => {
    lambda.on(ListFunctionsCommand).resolves({ Functions: [{ FunctionName: 'a', FunctionArn: arn('a') }] });
    lambda.on(GetPolicyCommand).resolves({ Policy: POLICY });
    lambda.on(ListFunctionUrlConfigsCommand).resolves({ FunctionUrlConfigs: [] });

    const listOnly = collectContext(['us-east-1'], ['lambda.functions']);
    expect(await lambdaCollector.collect(listOnly, 'us-east-1')).toEqual({ functions: { ok: true, value: [{ name: 'a', arn: arn('a') }] } });
    expect(listOnly.aws.apiCalls.byOperation()).toEqual({ 'lambda:ListFunctions': 1 });

    const policiesOnly = collectContext(['us-east-1'], ['lambda.policies']);
    const data = await lambdaCollector.collect(policiesOnly, 'us-east-1');
    expect(data.functions?.ok && data.functions.value[0]).toEqual({ name: 'a', arn: arn('a'), policy: { ok: true, value: POLICY } });
    expect(policiesOnly.aws.apiCalls.byOperation()).toEqual({ 'lambda:ListFunctions': 1, 'lambda:GetPolicy': 1 });

    const urlsOnly = collectContext(['us-east-1'], ['lambda.urls']);
    await lambdaCollector.collect(urlsOnly, 'us-east-1');
    expect(urlsOnly.aws.apiCalls.byOperation()).toEqual({ 'lambda:ListFunctions': 1, 'lambda:ListFunctionUrlConfigs': 1 });

    const none = collectContext(['us-east-1'], ['sqs.queues']);
    expect(await lambdaCollector.collect(none, 'us-east-1')).toEqual({});
    expect(none.aws.apiCalls.byOperation()).toEqual({});
  });

  it('records AccessDenied on the listing, and per function for a policy or URL read', async () => {
    lambda.on(ListFunctionsCommand).rejects(awsError('AccessDeniedException', 'not authorized to perform lambda:ListFunctions', 403));
    expect(await lambdaCollector.collect(collectContext(), 'us-east-1')).toEqual({
      functions: { ok: false, error: { service: 'lambda', region: 'us-east-1', operation: 'ListFunctions', code: 'AccessDeniedException', message: 'not authorized to perform lambda:ListFunctions' } },
    });

    lambda.reset();
    lambda.on(ListFunctionsCommand).resolves({ Functions: [{ FunctionName: 'a', FunctionArn: arn('a') }] });
    lambda.on(GetPolicyCommand).rejects(awsError('AccessDeniedException', 'not authorized to perform lambda:GetPolicy', 403));
    lambda.on(ListFunctionUrlConfigsCommand).rejects(awsError('AccessDeniedException', 'not authorized to perform lambda:ListFunctionUrlConfigs', 403));
    const data = await lambdaCollector.collect(collectContext(), 'us-east-1');
    const [a] = data.functions?.ok ? data.functions.value : [];
    expect(a?.policy).toEqual({ ok: false, error: { service: 'lambda', region: 'us-east-1', operation: 'GetPolicy', code: 'AccessDeniedException', message: 'not authorized to perform lambda:GetPolicy' } });
    expect(a?.urls).toMatchObject({ ok: false, error: { operation: 'ListFunctionUrlConfigs', code: 'AccessDeniedException' } });
  });

  it('records field-less answers as IncompleteAnswer, never as "no policy" or "no URL"', async () => {
    lambda.on(ListFunctionsCommand).resolves({});
    expect(await lambdaCollector.collect(collectContext(), 'us-east-1')).toMatchObject({ functions: { ok: false, error: { operation: 'ListFunctions', code: 'IncompleteAnswer' } } });

    lambda.reset();
    lambda.on(ListFunctionsCommand).resolves({ Functions: [{ FunctionName: 'a', FunctionArn: arn('a') }] });
    lambda.on(GetPolicyCommand).resolves({});
    lambda.on(ListFunctionUrlConfigsCommand).resolves({ FunctionUrlConfigs: [{ FunctionUrl: URL, FunctionArn: arn('a') } as never] });
    const data = await lambdaCollector.collect(collectContext(), 'us-east-1');
    const [a] = data.functions?.ok ? data.functions.value : [];
    expect(a?.policy).toMatchObject({ ok: false, error: { code: 'IncompleteAnswer', message: 'the answer lacks Policy, which AWS always returns' } });
    expect(a?.urls).toMatchObject({ ok: false, error: { code: 'IncompleteAnswer', message: 'the answer lacks AuthType, which AWS always returns' } });

    lambda.on(ListFunctionUrlConfigsCommand).resolves({});
    const again = await lambdaCollector.collect(collectContext(), 'us-east-1');
    expect(again.functions?.ok && again.functions.value[0]?.urls).toMatchObject({ ok: false, error: { code: 'IncompleteAnswer', message: 'the answer lacks FunctionUrlConfigs, which AWS always returns' } });
  });

  it('reads a function deleted since it was listed as having neither policy nor URL', async () => {
    lambda.on(ListFunctionsCommand).resolves({ Functions: [{ FunctionName: 'gone', FunctionArn: arn('gone') }] });
    lambda.on(GetPolicyCommand).rejects(notFound());
    lambda.on(ListFunctionUrlConfigsCommand).rejects(notFound());
    const data = await lambdaCollector.collect(collectContext(), 'us-east-1');
    expect(data.functions?.ok && data.functions.value[0]).toEqual({ name: 'gone', arn: arn('gone'), policy: { ok: true, value: null }, urls: { ok: true, value: [] } });
  });

  it('builds the ARN from the partition when the listing omits it', async () => {
    lambda.on(ListFunctionsCommand).resolves({ Functions: [{ FunctionName: 'x' }] });
    const ctx = { ...collectContext(['us-gov-west-1'], ['lambda.functions']), partition: 'aws-us-gov' };
    const data = await lambdaCollector.collect(ctx, 'us-gov-west-1');
    expect(data.functions?.ok && data.functions.value[0]?.arn).toBe('arn:aws-us-gov:lambda:us-gov-west-1:111122223333:function:x');
  });
});
