import type { CollectContext } from './context';

/** The ARN of one of the audited account's resources, from what follows the account field (`table/orders`). */
export type ArnOf = (resource: string) => string;

/**
 * ARNs of one service's resources in one region of the audited account: `arn:<partition>:<service>:<region>:<account>:<resource>`.
 * For answers that may leave a resource's ARN out.
 */
export function arnsIn(ctx: Pick<CollectContext, 'partition' | 'accountId'>, service: string, region: string): ArnOf {
  return (resource) => `arn:${ctx.partition}:${service}:${region}:${ctx.accountId}:${resource}`;
}
