import {
  ConfigServiceClient,
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
} from '@aws-sdk/client-config-service';
import { mockClient } from 'aws-sdk-client-mock';
import { configCollector } from '../../src/collect/config';
import { awsError, collectContext } from '../support/inventory';

const cfg = mockClient(ConfigServiceClient);
beforeEach(() => cfg.reset());

describe('config collector', () => {
  it('joins recorders with their status by name, in two calls for the region', async () => {
    cfg.on(DescribeConfigurationRecordersCommand).resolves({
      ConfigurationRecorders: [
        {
          name: 'default',
          arn: 'arn:aws:config:us-east-1:111122223333:configuration-recorder/default/abc',
          roleARN: 'arn:aws:iam::111122223333:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig',
          recordingGroup: { allSupported: true, includeGlobalResourceTypes: true, recordingStrategy: { useOnly: 'ALL_SUPPORTED_RESOURCE_TYPES' } },
        },
        {
          name: 'linked',
          servicePrincipal: 'securityhub.amazonaws.com',
          recordingScope: 'INTERNAL',
          recordingGroup: { allSupported: false, includeGlobalResourceTypes: false, recordingStrategy: { useOnly: 'INCLUSION_BY_RESOURCE_TYPES' } },
        },
      ],
    });
    cfg.on(DescribeConfigurationRecorderStatusCommand).resolves({
      ConfigurationRecordersStatus: [
        { name: 'linked', recording: true, lastStatus: 'Success' },
        { name: 'default', recording: false, lastStatus: 'Failure', lastStartTime: new Date('2026-01-01T00:00:00Z') },
      ],
    });
    const ctx = collectContext();
    const data = await configCollector.collect(ctx, 'us-east-1');
    expect(data.recorders).toEqual({
      ok: true,
      value: [
        {
          name: 'default',
          arn: 'arn:aws:config:us-east-1:111122223333:configuration-recorder/default/abc',
          roleArn: 'arn:aws:iam::111122223333:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig',
          recording: false,
          lastStatus: 'Failure',
          allSupported: true,
          includeGlobalResourceTypes: true,
          recordingStrategy: 'ALL_SUPPORTED_RESOURCE_TYPES',
        },
        {
          name: 'linked',
          recording: true,
          lastStatus: 'Success',
          allSupported: false,
          includeGlobalResourceTypes: false,
          recordingStrategy: 'INCLUSION_BY_RESOURCE_TYPES',
          servicePrincipal: 'securityhub.amazonaws.com',
          recordingScope: 'INTERNAL',
        },
      ],
    });
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
    expect(ctx.aws.apiCalls.byOperation()).toEqual({
      'config:DescribeConfigurationRecorderStatus': 1,
      'config:DescribeConfigurationRecorders': 1,
    });
  });

  it('treats a recorder missing from the status list as not recording', async () => {
    cfg.on(DescribeConfigurationRecordersCommand).resolves({ ConfigurationRecorders: [{ name: 'default', recordingGroup: { allSupported: true } }] });
    cfg.on(DescribeConfigurationRecorderStatusCommand).resolves({ ConfigurationRecordersStatus: [] });
    const data = await configCollector.collect(collectContext(), 'us-east-1');
    expect(data.recorders).toEqual({
      ok: true,
      value: [{ name: 'default', recording: false, allSupported: true, includeGlobalResourceTypes: false }],
    });
  });

  it('returns no recorders for a region without one', async () => {
    cfg.on(DescribeConfigurationRecordersCommand).resolves({ ConfigurationRecorders: [] });
    cfg.on(DescribeConfigurationRecorderStatusCommand).resolves({ ConfigurationRecordersStatus: [] });
    const data = await configCollector.collect(collectContext(), 'eu-west-1');
    expect(data.recorders).toEqual({ ok: true, value: [] });
  });

  it('records a denied DescribeConfigurationRecorders', async () => {
    cfg.on(DescribeConfigurationRecordersCommand).rejects(awsError('AccessDeniedException', 'no config:DescribeConfigurationRecorders'));
    cfg.on(DescribeConfigurationRecorderStatusCommand).resolves({ ConfigurationRecordersStatus: [] });
    const data = await configCollector.collect(collectContext(), 'eu-west-1');
    expect(data.recorders).toEqual({
      ok: false,
      error: {
        service: 'config',
        region: 'eu-west-1',
        operation: 'DescribeConfigurationRecorders',
        code: 'AccessDeniedException',
        message: 'no config:DescribeConfigurationRecorders',
      },
    });
  });

  it('fails the recorders with the status error when recorders exist but their status is denied', async () => {
    cfg.on(DescribeConfigurationRecordersCommand).resolves({ ConfigurationRecorders: [{ name: 'default' }] });
    cfg.on(DescribeConfigurationRecorderStatusCommand).rejects(awsError('AccessDeniedException', 'no config:DescribeConfigurationRecorderStatus'));
    const data = await configCollector.collect(collectContext(), 'us-east-1');
    expect(data.recorders).toMatchObject({ ok: false, error: { operation: 'DescribeConfigurationRecorderStatus', code: 'AccessDeniedException' } });
  });

  it('still reports "no recorder" when only the status call is denied and no recorder exists', async () => {
    cfg.on(DescribeConfigurationRecordersCommand).resolves({ ConfigurationRecorders: [] });
    cfg.on(DescribeConfigurationRecorderStatusCommand).rejects(awsError('AccessDeniedException', 'denied'));
    const data = await configCollector.collect(collectContext(), 'us-east-1');
    expect(data.recorders).toEqual({ ok: true, value: [] });
  });
});
