import { DescribeHubCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { errorCode, errorMessage } from '../aws/errors';
import type { SecurityHubRegion, SecurityHubState } from '../inventory/securityhub';
import { attempt, expectFields } from './attempt';
import type { RegionalCollector } from './collector';

/**
 * DescribeHub's answers when Security Hub is not enabled in the region: InvalidAccessException ("Account ... is
 * not subscribed to AWS Security Hub") and ResourceNotFoundException (no hub). A denied call is
 * AccessDeniedException and stays an error.
 */
const NOT_SUBSCRIBED = new Set(['InvalidAccessException', 'ResourceNotFoundException']);

/** Security Hub (CSPM) in one region: one DescribeHub call. */
export const securityhubCollector: RegionalCollector<'securityhub'> = {
  scope: 'regional',
  async collect(ctx, region): Promise<SecurityHubRegion> {
    if (!ctx.wants('securityhub.hub')) return {};
    const client = ctx.aws.client('securityhub', SecurityHubClient, region);
    const hub = await attempt({ service: 'securityhub', region, operation: 'DescribeHub' }, async (): Promise<SecurityHubState> => {
      try {
        const out = expectFields(await client.send(new DescribeHubCommand({})), ['HubArn']);
        return { enabled: true, hubArn: out.HubArn, ...(out.SubscribedAt ? { subscribedAt: out.SubscribedAt } : {}) };
      } catch (error) {
        // The exception class carries a Code member of its own; its name is the error type either way.
        const name = (error as { name?: unknown }).name;
        const code = typeof name === 'string' && NOT_SUBSCRIBED.has(name) ? name : errorCode(error);
        if (!NOT_SUBSCRIBED.has(code)) throw error;
        return { enabled: false, reason: `${code}: ${errorMessage(error)}` };
      }
    });
    return { hub };
  },
};
