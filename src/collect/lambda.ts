import {
  GetPolicyCommand,
  LambdaClient,
  paginateListFunctions,
  paginateListFunctionUrlConfigs,
  type FunctionConfiguration,
} from '@aws-sdk/client-lambda';
import type { LambdaFunction, LambdaFunctionUrl, LambdaRegion } from '../inventory/lambda';
import { mapRead } from '../inventory/read';
import { arnsIn, type ArnOf } from './arn';
import { attempt, attemptOrNone, collectList, expectFields, mapBounded } from './attempt';
import type { RegionalCollector } from './collector';

/** Lambda's answer for a function without a policy (and for a function deleted since it was listed). */
const NOT_FOUND = ['ResourceNotFoundException'];

/**
 * AWS Lambda in one region (the audited account's functions; src/lambda/ is this tool's own handler code).
 * ListFunctions is bulk and paginated (unqualified functions). Per function, and so growing with the number of
 * functions because Lambda has no bulk read of either: GetPolicy for `lambda.policies` (ResourceNotFoundException
 * means "no policy") and ListFunctionUrlConfigs for `lambda.urls` (URLs of the function and of its aliases).
 * Policies attached to a published version or alias are not read.
 */
export const lambdaCollector: RegionalCollector<'lambda'> = {
  scope: 'regional',
  async collect(ctx, region): Promise<LambdaRegion> {
    const wantsPolicies = ctx.wants('lambda.policies');
    const wantsUrls = ctx.wants('lambda.urls');
    if (!ctx.wants('lambda.functions') && !wantsPolicies && !wantsUrls) return {};
    const client = ctx.aws.client('lambda', LambdaClient, region);
    const site = { service: 'lambda', region };
    const arn = arnsIn(ctx, 'lambda', region);

    const functions = await attempt({ ...site, operation: 'ListFunctions' }, async () => {
      const listed = await collectList(paginateListFunctions({ client }, {}), 'Functions');
      return mapBounded(listed, ctx.aws.concurrencyOf('lambda'), async (f): Promise<LambdaFunction> => {
        const fn = toFunction(f, arn);
        const [policy, urls] = await Promise.all([
          !wantsPolicies
            ? undefined
            : attemptOrNone({ ...site, operation: 'GetPolicy' }, NOT_FOUND, async () => {
                const out = await client.send(new GetPolicyCommand({ FunctionName: fn.arn }));
                return expectFields(out, ['Policy']).Policy;
              }),
          !wantsUrls
            ? undefined
            : attemptOrNone({ ...site, operation: 'ListFunctionUrlConfigs' }, NOT_FOUND, async () => {
                const configs = await collectList(paginateListFunctionUrlConfigs({ client }, { FunctionName: fn.arn }), 'FunctionUrlConfigs');
                return configs.map((c): LambdaFunctionUrl => {
                  const present = expectFields(c, ['FunctionUrl', 'AuthType']);
                  const qualifier = c.FunctionArn?.split(':')[7];
                  return { url: present.FunctionUrl, authType: present.AuthType, ...(qualifier ? { qualifier } : {}) };
                });
              }),
        ]);
        return {
          ...fn,
          ...(policy ? { policy } : {}),
          // A function deleted since it was listed has no URLs left.
          ...(urls ? { urls: mapRead(urls, (found) => found ?? []) } : {}),
        };
      });
    });
    return { functions };
  },
};

function toFunction(f: FunctionConfiguration, arn: ArnOf): Pick<LambdaFunction, 'name' | 'arn' | 'runtime'> {
  const name = f.FunctionName ?? '';
  return { name, arn: f.FunctionArn ?? arn(`function:${name}`), ...(f.Runtime ? { runtime: f.Runtime } : {}) };
}
