import { DEFAULT_CONFIG } from '../../src/config/types';
import { evaluate } from '../../src/evaluate/evaluate';
import type { FindingsReport } from '../../src/evaluate/finding';
import { fail, pass } from '../../src/evaluate/results';
import { summarize } from '../../src/evaluate/summary';
import type { Check } from '../../src/evaluate/types';
import { COLLECTED_AT, inventory } from './inventory';

const demoCheck: Check = {
  id: 's3.bucket-versioning',
  title: 'S3 buckets keep object versions',
  severity: 'medium',
  hipaa: ['164.312(c)(1)'],
  controls: ['S3.14'],
  description: 'd',
  remediation: { text: 'Enable versioning.', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html' },
  reads: ['s3.buckets'],
  evaluate: () => [
    fail('us-east-1', { type: 'AwsS3Bucket', id: 'phi', arn: 'arn:aws:s3:::phi' }, 'bucket phi has versioning disabled'),
    pass('us-east-1', { type: 'AwsS3Bucket', id: 'ok', arn: 'arn:aws:s3:::ok' }, 'bucket ok has versioning enabled'),
  ],
};

/** A small but complete report, built through the real evaluate and summarize. */
export function sampleReport(): FindingsReport {
  const inv = inventory();
  const { findings, expiredSuppressions } = evaluate(inv, [demoCheck], DEFAULT_CONFIG, new Date(COLLECTED_AT));
  return {
    schemaVersion: '1.0',
    tool: { name: 'hipaa-posture-auditor', version: 'test' },
    run: {
      id: 'run-1',
      startedAt: COLLECTED_AT,
      finishedAt: COLLECTED_AT,
      collectedAt: COLLECTED_AT,
      accountId: inv.accountId,
      partition: 'aws',
      homeRegion: 'us-east-1',
      regions: inv.regions,
      checks: [demoCheck.id],
      source: 'inventory',
      apiCalls: { total: 0, attempts: 0, retries: 0, byService: {} },
    },
    summary: summarize(findings, expiredSuppressions),
    findings,
  };
}
