import {
  ConfigServiceClient,
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
} from '@aws-sdk/client-config-service';
import type { ConfigRecorder, ConfigRegion } from '../inventory/config';
import { attempt, expectFields } from './attempt';
import type { RegionalCollector } from './collector';

/**
 * Per region: DescribeConfigurationRecorders and DescribeConfigurationRecorderStatus, one call each (neither is
 * paginated; without a name both return the account's customer-managed recorder), joined by recorder name.
 * Service-linked recorders are kept if AWS returns them, marked by `servicePrincipal`.
 */
export const configCollector: RegionalCollector<'config'> = {
  scope: 'regional',
  async collect(ctx, region): Promise<ConfigRegion> {
    if (!ctx.wants('config.recorders')) return {};
    const client = ctx.aws.client('config', ConfigServiceClient, region);
    const site = { service: 'config', region };
    const [described, statuses] = await Promise.all([
      attempt({ ...site, operation: 'DescribeConfigurationRecorders' }, async () =>
        expectFields(await client.send(new DescribeConfigurationRecordersCommand({})), ['ConfigurationRecorders']).ConfigurationRecorders,
      ),
      attempt({ ...site, operation: 'DescribeConfigurationRecorderStatus' }, async () =>
        expectFields(await client.send(new DescribeConfigurationRecorderStatusCommand({})), ['ConfigurationRecordersStatus']).ConfigurationRecordersStatus,
      ),
    ]);
    if (!described.ok) return { recorders: described };
    // No recorder: its status does not matter. Recorders whose status is unknown cannot be judged.
    if (described.value.length === 0) return { recorders: { ok: true, value: [] } };
    if (!statuses.ok) return { recorders: statuses };
    const statusByName = new Map(statuses.value.map((s) => [s.name ?? '', s]));
    const recorders = described.value.map((r): ConfigRecorder => {
      const name = r.name ?? '';
      const status = statusByName.get(name);
      const group = r.recordingGroup;
      return {
        name,
        ...(r.arn ? { arn: r.arn } : {}),
        ...(r.roleARN ? { roleArn: r.roleARN } : {}),
        recording: status?.recording === true,
        ...(status?.lastStatus ? { lastStatus: status.lastStatus } : {}),
        allSupported: group?.allSupported === true,
        includeGlobalResourceTypes: group?.includeGlobalResourceTypes === true,
        ...(group?.recordingStrategy?.useOnly ? { recordingStrategy: group.recordingStrategy.useOnly } : {}),
        ...(r.servicePrincipal ? { servicePrincipal: r.servicePrincipal } : {}),
        ...(r.recordingScope ? { recordingScope: r.recordingScope } : {}),
      };
    });
    return { recorders: { ok: true, value: recorders } };
  },
};
