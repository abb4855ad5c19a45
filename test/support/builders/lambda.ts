import type { LambdaFunction, LambdaRegion } from '../../../src/inventory/types';
import { ACCOUNT, ok } from '../inventory';

/* Typed Lambda (functions of the audited account) inventory for check tests, overridable field by field. */

export const functionArn = (name: string): string => `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${name}`;

/** A Node.js function with no policy and no URL; override what a test needs. */
export function lambdaFunction(name: string, extra: Partial<LambdaFunction> = {}): LambdaFunction {
  return { name, arn: functionArn(name), runtime: 'nodejs22.x', policy: ok(null), urls: ok([]), ...extra };
}

/** A Lambda region holding these functions. */
export function lambdaRegion(functions: LambdaFunction[]): LambdaRegion {
  return { functions: ok(functions) };
}

/** A function policy as Lambda returns it from GetPolicy. */
export function functionPolicy(...statements: object[]): string {
  return JSON.stringify({ Version: '2012-10-17', Id: 'default', Statement: statements });
}
