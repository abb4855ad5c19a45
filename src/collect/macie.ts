import { GetMacieSessionCommand, Macie2Client } from '@aws-sdk/client-macie2';
import { errorCode, errorMessage } from '../aws/errors';
import type { MacieRegion, MacieSession } from '../inventory/macie';
import { attempt, expectFields } from './attempt';
import type { RegionalCollector } from './collector';

/**
 * How GetMacieSession says Macie is not enabled: an AccessDeniedException (HTTP 403) whose message is "Macie is
 * not enabled" - the same code as a real permission denial ("User: ... is not authorized to perform:
 * macie2:GetMacieSession"), so only the message tells them apart. Anything else stays an error, never a FAIL.
 */
export function macieNotEnabled(error: unknown): boolean {
  return errorCode(error) === 'AccessDeniedException' && /\bMacie is not enabled\b/i.test(errorMessage(error));
}

/** Amazon Macie in one region: one GetMacieSession call (client name `macie`, IAM prefix `macie2`). */
export const macieCollector: RegionalCollector<'macie'> = {
  scope: 'regional',
  async collect(ctx, region): Promise<MacieRegion> {
    if (!ctx.wants('macie.session')) return {};
    const client = ctx.aws.client('macie', Macie2Client, region);
    const session = await attempt({ service: 'macie', region, operation: 'GetMacieSession' }, async (): Promise<MacieSession> => {
      try {
        const out = expectFields(await client.send(new GetMacieSessionCommand({})), ['status']);
        return {
          enabled: true,
          status: out.status,
          ...(out.createdAt ? { createdAt: out.createdAt.toISOString() } : {}),
          ...(out.updatedAt ? { updatedAt: out.updatedAt.toISOString() } : {}),
        };
      } catch (error) {
        if (!macieNotEnabled(error)) throw error;
        return { enabled: false, reason: `${errorCode(error)}: ${errorMessage(error)}` };
      }
    });
    return { session };
  },
};
