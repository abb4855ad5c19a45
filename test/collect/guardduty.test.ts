import { GetDetectorCommand, GuardDutyClient, ListDetectorsCommand } from '@aws-sdk/client-guardduty';
import { mockClient } from 'aws-sdk-client-mock';
import { guarddutyCollector } from '../../src/collect/guardduty';
import { awsError, collectContext } from '../support/inventory';

const gd = mockClient(GuardDutyClient);
beforeEach(() => gd.reset());

describe('guardduty collector', () => {
  it('follows ListDetectors pages and reads each detector status', async () => {
    gd.on(ListDetectorsCommand).resolvesOnce({ DetectorIds: ['d1'], NextToken: 't' }).resolvesOnce({ DetectorIds: ['d2'] });
    gd.on(GetDetectorCommand, { DetectorId: 'd1' }).resolves({ Status: 'ENABLED' });
    gd.on(GetDetectorCommand, { DetectorId: 'd2' }).resolves({ Status: 'DISABLED' });
    const ctx = collectContext();
    const data = await guarddutyCollector.collect(ctx, 'us-east-1');
    expect(data.detectors).toEqual({
      ok: true,
      value: [
        { detectorId: 'd1', arn: 'arn:aws:guardduty:us-east-1:111122223333:detector/d1', status: 'ENABLED' },
        { detectorId: 'd2', arn: 'arn:aws:guardduty:us-east-1:111122223333:detector/d2', status: 'DISABLED' },
      ],
    });
    expect(ctx.aws.apiCalls.byOperation()).toEqual({ 'guardduty:GetDetector': 2, 'guardduty:ListDetectors': 2 });
  });

  it('records AccessDenied for the region instead of throwing', async () => {
    gd.on(ListDetectorsCommand).rejects(awsError('AccessDeniedException', 'not authorized', 403));
    const data = await guarddutyCollector.collect(collectContext(), 'eu-west-1');
    expect(data.detectors).toEqual({
      ok: false,
      error: { service: 'guardduty', region: 'eu-west-1', operation: 'ListDetectors', code: 'AccessDeniedException', message: 'not authorized' },
    });
  });
});
