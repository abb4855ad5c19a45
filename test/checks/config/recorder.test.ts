import check from '../../../checks/config/recorder';
import type { ConfigRecorder } from '../../../src/inventory/config';
import { checkContext, denied, failed, inventory, ok, statuses } from '../../support/inventory';
import { configRecorder as recorder } from '../../support/builders/config';

const regions = ['us-east-1', 'eu-west-1'];

function evaluate(east: ConfigRecorder[], west: ConfigRecorder[]) {
  const inv = inventory({ regions, config: { 'us-east-1': { recorders: ok(east) }, 'eu-west-1': { recorders: ok(west) } } });
  return check.evaluate(inv, checkContext());
}

describe('config.recorder', () => {
  it('passes a recording region and fails a region without a recorder', () => {
    const results = evaluate([recorder()], []);
    expect(statuses(results)).toEqual({ 'us-east-1/111122223333': 'PASS', 'eu-west-1/111122223333': 'FAIL' });
    expect(results[0]?.message).toBe(
      'configuration recorder default is recording all supported resource types in us-east-1, including global resource types (IAM users, roles, policies)',
    );
    expect(results[1]?.message).toBe('no configuration recorder in eu-west-1');
    expect(results[1]?.resource).toEqual(results[0]?.resource);
  });

  it('fails a recorder that exists but is stopped, with its last status', () => {
    const results = evaluate([recorder()], [recorder({ recording: false, lastStatus: 'Failure' })]);
    expect(results[1]).toMatchObject({
      status: 'FAIL',
      message: 'configuration recorder default exists in eu-west-1 but is not recording (last status: Failure)',
    });
  });

  it('describes a subset and missing global types, warning in the home region', () => {
    const results = evaluate(
      [recorder({ allSupported: true, includeGlobalResourceTypes: false })],
      [recorder({ allSupported: false, includeGlobalResourceTypes: false, recordingStrategy: 'INCLUSION_BY_RESOURCE_TYPES' })],
    );
    expect(results.map((r) => r.status)).toEqual(['PASS', 'PASS']);
    expect(results[0]?.message).toContain('without global resource types (IAM users, roles, policies) although us-east-1 is the home region');
    expect(results[1]?.message).toBe(
      'configuration recorder default is recording only a chosen subset of resource types in eu-west-1, global resource types (IAM) only as far as its resource type list covers them',
    );
  });

  it('does not count a service-linked recorder as the account recorder', () => {
    const linked = recorder({ name: 'linked', servicePrincipal: 'securityhub.amazonaws.com', recordingScope: 'INTERNAL', allSupported: false });
    const results = evaluate([linked], [recorder()]);
    expect(results[0]).toMatchObject({
      status: 'FAIL',
      message:
        'no configuration recorder in us-east-1 (only service-linked recorder for securityhub.amazonaws.com, which records only what that service needs)',
    });
    expect(results[1]?.status).toBe('PASS');
  });

  it('warns in a passing message when the last recording attempt failed', () => {
    const [first] = evaluate([recorder({ lastStatus: 'Failure' })], []);
    expect(first).toMatchObject({ status: 'PASS', message: expect.stringContaining('warning: its last recording attempt failed') });
  });

  it('reports ERROR for a denied read and for a missing region', () => {
    const inv = inventory({ regions, config: { 'us-east-1': { recorders: failed(denied('config', 'DescribeConfigurationRecorderStatus')) } } });
    const results = check.evaluate(inv, checkContext());
    expect(statuses(results)).toEqual({ 'us-east-1/111122223333': 'ERROR', 'eu-west-1/111122223333': 'ERROR' });
    expect(results[0]?.message).toBe(
      'could not read AWS Config recorders in us-east-1: AccessDenied: User is not authorized to perform: config:DescribeConfigurationRecorderStatus. ' +
        `Fix: allow config:DescribeConfigurationRecorderStatus for the auditing identity (the AWS managed SecurityAudit policy includes it; where SecurityAudit is attached, a permissions boundary, SCP or resource policy denies it).`,
    );
  });
});
