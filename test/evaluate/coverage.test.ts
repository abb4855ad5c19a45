import { judgeGate } from '../../src/evaluate/gate';
import type { Finding, FindingsReport } from '../../src/evaluate/finding';
import { summarize } from '../../src/evaluate/summary';
import type { ApiError } from '../../src/inventory/read';
import { finding } from '../support/builders/finding';

const denied = (service: string, operation: string, region: string): ApiError => ({ service, operation, region, code: 'AccessDenied', message: `not authorized to perform ${operation}` });

function report(findings: Finding[], unread: ApiError[] = []): FindingsReport {
  return { summary: summarize(findings, [], unread), findings } as unknown as FindingsReport;
}

describe('coverage', () => {
  const findings = [
    finding({ id: 'p', status: 'PASS' }),
    finding({ id: 'f', status: 'FAIL', severity: 'low' }),
    finding({ id: 's', status: 'FAIL', suppressed: { reason: 'accepted' } }),
    finding({ id: 'e', status: 'ERROR' }),
  ];

  it('counts PASS and FAIL (suppressed too) as judged, ERROR as not judged, with one decimal', () => {
    const c = summarize(findings, []).coverage;
    expect(c).toMatchObject({ judged: 3, notJudged: 1, percent: 75, complete: false });
    expect(summarize(findings.slice(0, 3), []).coverage).toMatchObject({ judged: 3, notJudged: 0, percent: 100, complete: true });
    expect(summarize([...findings, finding({ id: 'e2', status: 'ERROR' })], []).coverage.percent).toBe(60);
    expect(summarize([finding({ id: 'a', status: 'PASS' }), finding({ id: 'b', status: 'ERROR' }), finding({ id: 'c', status: 'ERROR' })], []).coverage.percent).toBe(33.3);
  });

  it('has no percentage and is never complete when there was nothing at all', () => {
    expect(summarize([], []).coverage).toEqual({ judged: 0, notJudged: 0, percent: null, complete: false, gaps: [] });
  });

  it('groups failed reads by service, operation and code, with their regions, count and the IAM action that fixes them', () => {
    const unread = [
      denied('guardduty', 'ListDetectors', 'us-east-1'),
      denied('guardduty', 'ListDetectors', 'eu-west-1'),
      denied('guardduty', 'ListDetectors', 'eu-west-1'),
      denied('s3', 'ListBuckets', 'global'),
      { service: 'inventory', region: 'global', operation: 'rds.instances', code: 'NotCollected', message: 'the inventory holds no rds.instances' },
    ];
    const s = summarize(findings, [], unread);
    expect(s.collectionErrors).toBe(4); // NotCollected is no failed read
    expect(s.coverage.gaps).toEqual([
      { service: 'guardduty', operation: 'ListDetectors', code: 'AccessDenied', regions: ['eu-west-1', 'us-east-1'], count: 3, fix: expect.stringContaining('allow guardduty:ListDetectors') },
      { service: 'inventory', operation: 'rds.instances', code: 'NotCollected', regions: ['global'], count: 1, fix: expect.stringContaining('run the audit again with this check selected') },
      { service: 's3', operation: 'ListBuckets', code: 'AccessDenied', regions: ['global'], count: 1, fix: expect.stringContaining('allow s3:ListAllMyBuckets') },
    ]);
  });
});

describe('the --fail-on gate', () => {
  const complete = report([finding({ id: 'p', status: 'PASS' }), finding({ id: 'f', status: 'FAIL', severity: 'medium' })]);
  const partial = report([finding({ id: 'p', status: 'PASS' }), finding({ id: 'p2', status: 'PASS' }), finding({ id: 'p3', status: 'PASS' }), finding({ id: 'e', status: 'ERROR' })], [denied('kms', 'ListKeys', 'us-east-1')]);
  const nothing = report([finding({ id: 'e', status: 'ERROR' }), finding({ id: 'e2', status: 'ERROR' })]);

  it('is no gate without --fail-on', () => {
    expect(judgeGate(nothing, {})).toEqual({ failures: null, incomplete: false });
  });

  it('counts failures at or above the floor and accepts a complete audit', () => {
    expect(judgeGate(complete, { failOn: 'high' })).toEqual({ failures: 0, incomplete: false });
    expect(judgeGate(complete, { failOn: 'medium' })).toEqual({ failures: 1, incomplete: false });
  });

  it('refuses an incomplete audit unless accepted by --allow-incomplete or --min-coverage', () => {
    expect(judgeGate(partial, { failOn: 'low' })).toMatchObject({ failures: 0, incomplete: true, reason: '1 finding(s) could not be judged (coverage 75%)' });
    expect(judgeGate(partial, { failOn: 'low', allowIncomplete: true }).incomplete).toBe(false);
    expect(judgeGate(partial, { failOn: 'low', minCoverage: 75 }).incomplete).toBe(false);
    expect(judgeGate(partial, { failOn: 'low', minCoverage: 75.1 })).toMatchObject({ incomplete: true, reason: expect.stringContaining('below --min-coverage 75.1%') });
  });

  it('never accepts an audit that judged nothing', () => {
    expect(judgeGate(nothing, { failOn: 'low', allowIncomplete: true, minCoverage: 0 })).toMatchObject({ incomplete: true, reason: expect.stringContaining('judged nothing') });
    expect(judgeGate(report([]), { failOn: 'low', allowIncomplete: true }).incomplete).toBe(true);
  });
});
