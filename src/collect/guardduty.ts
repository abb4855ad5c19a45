import { GetDetectorCommand, GuardDutyClient, paginateListDetectors } from '@aws-sdk/client-guardduty';
import type { GuardDutyDetector, GuardDutyRegion } from '../inventory/guardduty';
import { attempt, collectPages, mapAll } from './attempt';
import type { RegionalCollector } from './collector';

export const guarddutyCollector: RegionalCollector<'guardduty'> = {
  scope: 'regional',
  async collect(ctx, region): Promise<GuardDutyRegion> {
    const client = ctx.aws.client('guardduty', GuardDutyClient, region);
    const site = { service: 'guardduty', region };
    const detectors = await attempt({ ...site, operation: 'ListDetectors' }, async () => {
      const ids = await collectPages(paginateListDetectors({ client }, {}), (p) => p.DetectorIds);
      // A detector's status needs GetDetector; a region has at most one detector, so this is one call.
      return mapAll(ids, async (detectorId): Promise<GuardDutyDetector> => {
        const detail = await client.send(new GetDetectorCommand({ DetectorId: detectorId }));
        return {
          detectorId,
          arn: `arn:${ctx.partition}:guardduty:${region}:${ctx.accountId}:detector/${detectorId}`,
          status: detail.Status ?? 'UNKNOWN',
        };
      });
    });
    return { detectors };
  },
};
