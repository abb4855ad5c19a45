import { GetDetectorCommand, GuardDutyClient, paginateListDetectors } from '@aws-sdk/client-guardduty';
import type { GuardDutyDetector, GuardDutyRegion } from '../inventory/guardduty';
import { attempt, collectList, expectFields, mapBounded } from './attempt';
import type { RegionalCollector } from './collector';

export const guarddutyCollector: RegionalCollector<'guardduty'> = {
  scope: 'regional',
  async collect(ctx, region): Promise<GuardDutyRegion> {
    if (!ctx.wants('guardduty.detectors')) return {};
    const client = ctx.aws.client('guardduty', GuardDutyClient, region);
    const site = { service: 'guardduty', region };
    const detectors = await attempt({ ...site, operation: 'ListDetectors' }, async () => {
      const ids = await collectList(paginateListDetectors({ client }, {}), 'DetectorIds');
      // A detector's status needs GetDetector; a region has at most one detector, so this is one call.
      return mapBounded(ids, ctx.aws.concurrencyOf('guardduty'), async (detectorId): Promise<GuardDutyDetector> => {
        const detail = expectFields(await client.send(new GetDetectorCommand({ DetectorId: detectorId })), ['Status']);
        return {
          detectorId,
          arn: `arn:${ctx.partition}:guardduty:${region}:${ctx.accountId}:detector/${detectorId}`,
          status: detail.Status,
        };
      });
    });
    return { detectors };
  },
};
