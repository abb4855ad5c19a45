/*
 * AWS Lambda functions of the audited account, as read by src/collect/lambda.ts. Not to be confused with
 * src/lambda/, which holds this tool's own Lambda handler utilities.
 */
import type { Read } from './read';

/**
 * `functions`: ListFunctions (bulk, paginated); `policies`: GetPolicy per function; `urls`: ListFunctionUrlConfigs
 * per function. Lambda has no bulk read of function policies or URLs.
 */
export const LAMBDA_READS = ['functions', 'policies', 'urls'] as const;

/** A function URL: its address and who may call it. */
export interface LambdaFunctionUrl {
  url: string;
  /** `AWS_IAM` (signed requests only) or `NONE` (no IAM authentication; only the function policy applies). */
  authType: string;
  /** The alias the URL belongs to; absent for the unqualified function. */
  qualifier?: string;
}

export interface LambdaFunction {
  name: string;
  arn: string;
  runtime?: string;
  /** The function's resource policy (unqualified function); null when it has none. Absent when `lambda.policies` was not read. */
  policy?: Read<string | null>;
  /** Every URL of the function and its aliases. Absent when `lambda.urls` was not read. */
  urls?: Read<LambdaFunctionUrl[]>;
}

/** A field is absent when its read was not asked for (no selected check needed it). */
export interface LambdaRegion {
  functions?: Read<LambdaFunction[]>;
}
